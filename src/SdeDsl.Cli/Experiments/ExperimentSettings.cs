using System.Collections.Generic;

namespace SdeDsl.Cli.Experiments;

/// <summary>
/// What <c>sdedsl replicate</c> was asked: which mode, the seed, thread and path overrides, and the parameter
/// overrides, by their option names (<c>sigma</c>, <c>eta</c>, <c>lambda</c>, <c>nu</c>, <c>gamma</c>, <c>beta1</c>,
/// <c>beta2</c>, <c>kappa</c>). An experiment reads the overrides it uses and keeps its defaults for the others.
/// </summary>
internal sealed record ExperimentSettings
{
    public bool Quick { get; init; }

    public ulong Seed { get; init; } = 1;

    public int Threads { get; init; }

    /// <summary>Paths per run, replacing each experiment's own choice (its standard errors change with it).</summary>
    public int? Paths { get; init; }

    public IReadOnlyDictionary<string, double[]> Overrides { get; init; } = new Dictionary<string, double[]>();

    /// <summary>The override <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public double[] List(string name, double[] fallback) => Overrides.TryGetValue(name, out double[]? values) ? values : fallback;

    /// <summary>The single value of override <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public double Value(string name, double fallback)
    {
        if (!Overrides.TryGetValue(name, out double[]? values))
        {
            return fallback;
        }

        if (values.Length != 1)
        {
            throw new System.ArgumentException($"--{name} takes one value in this experiment, not {values.Length}.", name);
        }

        return values[0];
    }

    /// <summary>The path count: the override, else <paramref name="full"/> or, with --quick, <paramref name="quick"/>.</summary>
    public int PathsOr(int full, int quick) => Paths ?? (Quick ? quick : full);
}
