using System.Collections.Generic;

namespace SdeDsl.Cli.Experiments;

/// <summary>What an experiment produced: its checks, the files it wrote (relative to the output folder) and notes
/// for the report (markdown).</summary>
internal sealed record ExperimentOutput(IReadOnlyList<CheckResult> Checks, IReadOnlyList<string> Figures, IReadOnlyList<string> Tables, string Notes);
