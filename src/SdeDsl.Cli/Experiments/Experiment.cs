using System.Collections.Generic;
using SdeDsl.Ensembles;
using SdeDsl.Runs;

namespace SdeDsl.Cli.Experiments;

/// <summary>An experiment's identity, given once in its constructor; the experiment writes its parameters, plan and analysis.</summary>
internal abstract class Experiment(string id, string name, string title) : IExperiment
{
    public string Id => id;

    public string Name => name;

    public string Title => title;

    public abstract IReadOnlyList<ExperimentParameter> Parameters { get; }

    public abstract IReadOnlyList<RunDescription> Plan(ExperimentSettings settings);

    public abstract ExperimentOutput Analyze(ExperimentSettings settings, IReadOnlyList<RunDescription> runs, IReadOnlyList<EnsembleResult> results, ArtifactWriter artifacts);
}
