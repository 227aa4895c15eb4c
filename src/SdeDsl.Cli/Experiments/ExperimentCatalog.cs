using System;
using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Cli.Experiments;

/// <summary>The reference experiments, in order.</summary>
internal static class ExperimentCatalog
{
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new E1WeakError(),
        new E2StationaryLoss(),
        new E3DecayRate(),
        new E4StudentT(),
        new E5WeightDecay(),
        new E6ScalingRule(),
        new E7SmallModels(),
    ];

    /// <summary>The experiments named (case-insensitive ids), in catalog order; all when none is named.</summary>
    /// <exception cref="ArgumentException">An id is not an experiment's.</exception>
    public static IReadOnlyList<IExperiment> Select(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return All;
        }

        foreach (string id in ids)
        {
            if (id.StartsWith('-'))
            {
                // An option the command does not have is taken for an argument; say what it is.
                throw new ArgumentException($"unknown option '{id}'; see 'sdedsl replicate --help'.", "experiments");
            }

            if (!All.Any(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"unknown experiment '{id}'; the experiments are {string.Join(", ", All.Select(e => e.Id))}.", "experiments");
            }
        }

        return All.Where(e => ids.Any(id => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
