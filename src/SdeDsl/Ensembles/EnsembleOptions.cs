using System;
using System.Collections.Generic;

namespace SdeDsl.Ensembles;

/// <summary>The settings of an ensemble run, discrete or SDE.</summary>
public sealed record EnsembleOptions
{
    /// <summary>The number of independent paths N (≥ 1).</summary>
    public required int Paths { get; init; }

    /// <summary>The number of steps each path takes, from 1 to <see cref="MaxSteps"/>.</summary>
    public required long Steps { get; init; }

    /// <summary>The most steps a run takes: 2³² − 1, as a draw's counter holds its step index in 32 bits.</summary>
    public const long MaxSteps = uint.MaxValue;

    /// <summary>The starting point x0 (length d), the same for every path.</summary>
    public required double[] InitialX { get; init; }

    /// <summary>
    /// Optional starting values of every state component, d values per component in the model's state order
    /// (x first); its x must equal <see cref="InitialX"/> (a run refuses two different starts). Components not given
    /// start at zero.
    /// </summary>
    public double[]? InitialStates { get; init; }

    /// <summary>
    /// The seed of an SDE run's Brownian increments. A discrete run's stochastic gradients are drawn by the noise model
    /// from its own seed (<c>new GaussianNoise(σ, seed)</c>): to get independent replicates of an optimizer run, give
    /// the noise model another seed; this one does not change them. (The tool's <c>--seed</c> sets both.)
    /// </summary>
    public ulong Seed { get; init; }

    /// <summary>The steps at which observables are recorded, increasing, in [0, Steps] (0 is the start).</summary>
    public required IReadOnlyList<long> RecordSteps { get; init; }

    /// <summary>What is recorded for each path at each recorded step.</summary>
    public required IReadOnlyList<Observable> Observables { get; init; }

    /// <summary>
    /// The time step dt of an SDE run, which must set it (the optimizer's SDE runs at dt = η): it is NaN, unset, by
    /// default, and an SDE run refuses that rather than run at some dt by omission. A discrete run ignores it, but for
    /// <see cref="EnsembleResult.TimeOf"/>: unset, a discrete run's times are its step numbers.
    /// </summary>
    public double TimeStep { get; init; } = double.NaN;

    /// <summary>The time at step 0 of an SDE run: finite and ≥ 0, as the SDE's time stands for the optimizer's k·η.</summary>
    public double StartTime { get; init; }

    /// <summary>
    /// The floating-point type of the state (<see cref="EnsemblePrecision.Double"/> by default). A
    /// <see cref="EnsemblePrecision.Single"/> run uses the same draws rounded to float, so it follows the double run's
    /// paths up to rounding; its statistics are accumulated in double, as a double run's are.
    /// <see cref="EnsemblePrecision.SingleOwnDraws"/> gives up that pairing for speed: an SDE run's increments are then
    /// the generator's own float normals.
    /// </summary>
    public EnsemblePrecision Precision { get; init; } = EnsemblePrecision.Double;

    /// <summary>The number of threads; at most the number of cores by default.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Paths per chunk of work (each chunk is one kernel call per step); 0 picks a size of about 16K elements.</summary>
    public int PathsPerChunk { get; init; }

    /// <summary>Above this many paths a run streams its statistics unless <see cref="KeepValues"/> is true.</summary>
    public const int KeepValuesLimit = 1_000_000;

    /// <summary>
    /// Whether the result keeps every path's value at every record (<see cref="EnsembleResult.Values"/>, exact
    /// quantiles): 8 bytes × paths × records × observables. False streams: paths are reduced in blocks of
    /// <see cref="Statistics.RunningMoments.BlockLength"/> into moments, min, max, histograms and quantile summaries,
    /// in memory independent of the number of paths. Null (the default) keeps values up to
    /// <see cref="KeepValuesLimit"/> paths and streams above. Moments are the same bits either way.
    /// </summary>
    public bool? KeepValues { get; init; }

    /// <summary>Histogram edges per observable (null entries: none), increasing; see <see cref="EnsembleResult.Histogram"/>.</summary>
    public IReadOnlyList<double[]?>? HistogramEdges { get; init; }

    /// <summary>
    /// For a streamed run: the number of bins of the quantile summaries (0: none). Their edges are set at equally
    /// spaced quantiles of a pilot run of the first <see cref="QuantilePilotPaths"/> paths of the same seed.
    /// </summary>
    public int QuantileBins { get; init; }

    /// <summary>The paths of the pilot run that sets the quantile summaries' bins.</summary>
    public int QuantilePilotPaths { get; init; } = 4096;

    /// <summary>Paths whose whole trajectory (every observable at every record) the result keeps, streamed or not,
    /// by their numbers in the ensemble, within [<see cref="FirstPath"/>, <see cref="FirstPath"/> + <see cref="Paths"/>);
    /// see <see cref="EnsembleResult.Trajectory"/>.</summary>
    public IReadOnlyList<long>? KeptPaths { get; init; }

    /// <summary>
    /// The index of the first path: the run computes paths [FirstPath, FirstPath + Paths) of the ensemble the seed
    /// defines (draws depend on the global path index), so that parts of one ensemble can run on different machines
    /// and merge into the bits of a single run. A streamed part must start on a block boundary
    /// (a multiple of <see cref="Statistics.RunningMoments.BlockLength"/>).
    /// </summary>
    public int FirstPath { get; init; }

    /// <summary>For a part of a distributed run: keep each block's moments instead of folding them.</summary>
    internal bool RetainBlocks { get; init; }

    /// <summary>Whether this run streams (see <see cref="KeepValues"/>).</summary>
    public bool Streams => !(KeepValues ?? Paths <= KeepValuesLimit);

    /// <summary>Evenly spaced record steps: 0, every, 2·every, …, up to <paramref name="steps"/> (always included).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> is below 1, or <paramref name="steps"/> is
    /// not from 1 to <see cref="MaxSteps"/>.</exception>
    public static long[] Every(long every, long steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        if (steps < 1 || steps > MaxSteps)
        {
            // A step count near long.MaxValue made k += every wrap negative: the loop filled memory and never ended.
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"A run takes from 1 to {MaxSteps} steps (2³² − 1), not {steps}.");
        }

        var list = new List<long>();
        for (long k = 0; k < steps; k += every)
        {
            list.Add(k);
        }

        list.Add(steps);
        return list.ToArray();
    }
}
