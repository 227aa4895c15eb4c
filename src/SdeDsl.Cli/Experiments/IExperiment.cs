using System.Collections.Generic;
using SdeDsl.Ensembles;
using SdeDsl.Runs;

namespace SdeDsl.Cli.Experiments;

/// <summary>
/// One of the reference experiments E1–E7. It first plans its ensemble runs (so that progress knows the total work and
/// every run is written to results.json as a <see cref="RunDescription"/>), then analyzes their results into checks,
/// figures and CSV tables.
/// </summary>
internal interface IExperiment
{
    /// <summary>E1 … E7.</summary>
    string Id { get; }

    /// <summary>A short file-name slug, e.g. <c>stationary-loss</c>.</summary>
    string Name { get; }

    /// <summary>A one-line title.</summary>
    string Title { get; }

    /// <summary>The override options it reads, with their defaults, for <c>--help</c> and docs.</summary>
    IReadOnlyList<ExperimentParameter> Parameters { get; }

    /// <summary>The runs to do.</summary>
    IReadOnlyList<RunDescription> Plan(ExperimentSettings settings);

    /// <summary>Checks, figures and tables from the runs' results (in plan order).</summary>
    ExperimentOutput Analyze(ExperimentSettings settings, IReadOnlyList<RunDescription> runs, IReadOnlyList<EnsembleResult> results, ArtifactWriter artifacts);
}

/// <summary>An override an experiment reads: its option name, its default, and its default under <c>--quick</c> where
/// that differs (null: the same).</summary>
internal sealed record ExperimentParameter(string Name, string Default, string Meaning, string? QuickDefault = null)
{
    /// <summary>The value a run uses when the option is not given: what results.json and report.md record.</summary>
    public string DefaultFor(bool quick) => quick && QuickDefault is not null ? QuickDefault : Default;

    /// <summary>The default as the help shows it, with the quick one beside it.</summary>
    public string ShownDefault => QuickDefault is null ? Default : $"{Default}; quick: {QuickDefault}";
}
