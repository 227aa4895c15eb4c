using System.Collections.Generic;
using SdeDsl.Runs;

namespace SdeDsl.Cli.Experiments;

/// <summary>The content of results.json (schema <c>sdedsl-results/1</c>, documented in docs/replication.md).</summary>
internal sealed record ReplicationResult
{
    public const string SchemaName = "sdedsl-results/1";

    public string Schema { get; init; } = SchemaName;

    public required string Version { get; init; }

    public required ulong Seed { get; init; }

    public required bool Quick { get; init; }

    public required string Machine { get; init; }

    /// <summary>How each check's tolerance is set.</summary>
    public required string ToleranceRule { get; init; }

    /// <summary>True when every check of every experiment passed.</summary>
    public required bool Passed { get; init; }

    /// <summary>True when the run was cancelled: only the experiments that finished are listed.</summary>
    public bool Canceled { get; init; }

    public required IReadOnlyList<ExperimentRecord> Experiments { get; init; }
}

/// <summary>One experiment in results.json.</summary>
internal sealed record ExperimentRecord
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public required IReadOnlyList<string> Figures { get; init; }

    public required IReadOnlyList<string> Tables { get; init; }

    public required IReadOnlyList<RunDescription> Runs { get; init; }

    public required IReadOnlyList<CheckResult> Checks { get; init; }

    public required string Notes { get; init; }
}
