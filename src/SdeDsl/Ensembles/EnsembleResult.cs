using System;
using System.Collections.Generic;
using System.Globalization;
using SdeDsl.Statistics;

namespace SdeDsl.Ensembles;

/// <summary>
/// What an ensemble recorded, per observable and recorded step: statistics over paths (moments, min, max, quantiles,
/// histograms) and, unless the run streamed (<see cref="EnsembleOptions.KeepValues"/>), the value of every path.
/// Moments are reduced in blocks of <see cref="RunningMoments.BlockLength"/> paths merged in path order, whether the
/// values were kept or streamed, so results are bit-identical whatever the number of threads, the chunk size, or the mode.
/// </summary>
public sealed class EnsembleResult
{
    private readonly double[]? _values;
    private readonly StreamedStatistics? _streamed;
    private readonly long[] _keptPaths;
    private readonly long[] _recordSteps;
    private readonly double[] _kept;
    private readonly IReadOnlyList<double[]?>? _histogramEdges;

    internal EnsembleResult(EnsembleOptions options, double[]? values, StreamedStatistics? streamed, long[] keptPaths, double[] kept)
    {
        FirstPath = options.FirstPath;
        Paths = options.Paths;
        _recordSteps = [.. options.RecordSteps]; // increasing (validated): searched as _keptPaths is
        Observables = options.Observables;
        TimeStep = double.IsNaN(options.TimeStep) ? 1 : options.TimeStep; // unset in a discrete run: times count steps
        StartTime = options.StartTime;
        _values = values;
        _streamed = streamed;
        _keptPaths = keptPaths;
        _kept = kept;
        _histogramEdges = options.HistogramEdges;
    }

    /// <summary>The run's first path (<see cref="EnsembleOptions.FirstPath"/>): paths are numbered
    /// <see cref="FirstPath"/> … <see cref="FirstPath"/> + <see cref="Paths"/> − 1, the numbers
    /// <see cref="EnsembleOptions.KeptPaths"/> and <see cref="Trajectory"/> use.</summary>
    public int FirstPath { get; }

    /// <summary>The number of paths.</summary>
    public int Paths { get; }

    /// <summary>The recorded steps.</summary>
    public IReadOnlyList<long> RecordSteps => _recordSteps;

    /// <summary>The recorded observables.</summary>
    public IReadOnlyList<Observable> Observables { get; }

    /// <summary>The SDE run's time step (1 for a discrete run unless set).</summary>
    public double TimeStep { get; }

    /// <summary>The SDE run's start time.</summary>
    public double StartTime { get; }

    /// <summary>Whether every path's values were kept (<see cref="Values"/>); false for a streamed run.</summary>
    public bool KeepsValues => _values is not null;

    /// <summary>The time of a recorded step of an SDE run: StartTime + step·TimeStep.</summary>
    public double TimeOf(int record) => StartTime + (RecordSteps[record] * TimeStep);

    /// <summary>The value of every path, in path order, of observable <paramref name="observable"/> at record
    /// <paramref name="record"/>: element i is path <see cref="FirstPath"/> + i.</summary>
    /// <exception cref="InvalidOperationException">The run streamed its statistics and kept no per-path values.</exception>
    public ReadOnlySpan<double> Values(int observable, int record)
    {
        int cell = Cell(observable, record);
        if (_values is null)
        {
            double gigabytes = 8.0 * Paths * RecordSteps.Count * Observables.Count / (1 << 30);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"This run of {Paths} paths streamed its statistics and kept no per-path values. Set EnsembleOptions.KeepValues = true to keep them ({gigabytes:G3} GiB here), or KeptPaths for a few whole trajectories; streamed results give Moments, Min, Max, Histogram (with HistogramEdges) and Quantile (with QuantileBins)."));
        }

        return _values.AsSpan(cell * Paths, Paths);
    }

    /// <summary>Mean, variance and standard error over paths.</summary>
    public RunningMoments Moments(int observable, int record) =>
        _streamed is { } s ? s.Moments[Cell(observable, record)] : RunningMoments.OfBlocks(Values(observable, record));

    /// <summary>The smallest value over paths.</summary>
    public double Min(int observable, int record)
    {
        if (_streamed is { } s)
        {
            return s.Min[Cell(observable, record)];
        }

        double min = double.PositiveInfinity;
        foreach (double value in Values(observable, record))
        {
            min = Math.Min(min, value);
        }

        return min;
    }

    /// <summary>The largest value over paths.</summary>
    public double Max(int observable, int record)
    {
        if (_streamed is { } s)
        {
            return s.Max[Cell(observable, record)];
        }

        double max = double.NegativeInfinity;
        foreach (double value in Values(observable, record))
        {
            max = Math.Max(max, value);
        }

        return max;
    }

    /// <summary>
    /// The p-quantile over paths: exact (type 7) when the values were kept; from the quantile summary of a streamed
    /// run with <see cref="EnsembleOptions.QuantileBins"/> &gt; 0, within <see cref="QuantileRankError"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A streamed run without quantile summaries.</exception>
    public double Quantile(int observable, int record, double p) =>
        _streamed is null ? Quantiles.Of(Values(observable, record), p) : Summary(observable, record).Quantile(p);

    /// <summary>The bound on the rank error of <see cref="Quantile"/>: 0 when the values were kept; the share of
    /// the quantile summary's bin that holds the value otherwise.</summary>
    public double QuantileRankError(int observable, int record, double p) =>
        _streamed is null ? 0 : Summary(observable, record).RankErrorBound(p);

    /// <summary>The quantile summary of a streamed run with <see cref="EnsembleOptions.QuantileBins"/> &gt; 0.</summary>
    public QuantileSummary Summary(int observable, int record)
    {
        int cell = Cell(observable, record);
        if (_streamed?.QuantileSlots[cell] is not { } slots)
        {
            throw new InvalidOperationException(_streamed is null
                ? "This run kept its values: use Quantile, which is exact."
                : "This streamed run has no quantile summaries: set EnsembleOptions.QuantileBins (e.g. 256).");
        }

        return new QuantileSummary(_streamed.QuantileEdges![cell], slots, _streamed.Min[cell], _streamed.Max[cell]);
    }

    /// <summary>The histogram of observable <paramref name="observable"/> at a record, on the edges of
    /// <see cref="EnsembleOptions.HistogramEdges"/>; exact counts in either mode.</summary>
    /// <exception cref="InvalidOperationException">The options gave no edges for this observable.</exception>
    public Histogram Histogram(int observable, int record)
    {
        int cell = Cell(observable, record);
        if (_histogramEdges?[observable] is not { } edges)
        {
            throw new InvalidOperationException($"Observable {observable} has no histogram: set EnsembleOptions.HistogramEdges.");
        }

        if (_streamed is { } s)
        {
            return Statistics.Histogram.FromSlots(edges, s.HistogramSlots[cell]);
        }

        var slots = new long[edges.Length + 1];
        foreach (double value in Values(observable, record))
        {
            Statistics.Histogram.Count(slots, edges, value);
        }

        return Statistics.Histogram.FromSlots(edges, slots);
    }

    /// <summary>The paths whose whole trajectories were kept (<see cref="EnsembleOptions.KeptPaths"/>), increasing.</summary>
    public IReadOnlyList<long> KeptPaths => _keptPaths;

    /// <summary>Observable <paramref name="observable"/> of path <paramref name="path"/> at every record. The path is
    /// numbered as in <see cref="EnsembleOptions.KeptPaths"/>, from <see cref="FirstPath"/>, whether it was kept or is
    /// read from <see cref="Values"/> (element <paramref name="path"/> − <see cref="FirstPath"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="path"/> is outside [<see cref="FirstPath"/>,
    /// <see cref="FirstPath"/> + <see cref="Paths"/>).</exception>
    /// <exception cref="InvalidOperationException">The path was not kept and the run streamed.</exception>
    public double[] Trajectory(int observable, long path)
    {
        Cell(observable, 0);
        if (path < FirstPath || path >= (long)FirstPath + Paths)
        {
            throw new ArgumentOutOfRangeException(nameof(path), path, $"This run's paths are {FirstPath} … {(long)FirstPath + Paths - 1}.");
        }

        var trajectory = new double[RecordSteps.Count];
        int k = Array.BinarySearch(_keptPaths, path);
        if (k >= 0)
        {
            Array.Copy(_kept, ((k * Observables.Count) + observable) * RecordSteps.Count, trajectory, 0, trajectory.Length);
            return trajectory;
        }

        if (_values is null)
        {
            throw new InvalidOperationException($"Path {path} was not kept: list it in EnsembleOptions.KeptPaths.");
        }

        // Values holds the paths from FirstPath on; a kept path's number is global too.
        int index = (int)(path - FirstPath);
        for (int r = 0; r < trajectory.Length; r++)
        {
            trajectory[r] = Values(observable, r)[index];
        }

        return trajectory;
    }

    /// <summary>The mean over paths at every recorded step.</summary>
    public double[] MeanSeries(int observable) => Series(observable, static m => m.Mean);

    /// <summary>The standard error of the mean over paths at every recorded step, beside <see cref="MeanSeries"/>.</summary>
    public double[] StandardErrorSeries(int observable) => Series(observable, static m => m.StandardError);

    /// <summary>Mean, variance and standard error over paths of <paramref name="observable"/> at step
    /// <paramref name="step"/>: <see cref="Moments(int, int)"/> by what was recorded rather than by position.</summary>
    /// <exception cref="ArgumentException">The run did not record that observable, or not at that step.</exception>
    public RunningMoments Moments(Observable observable, long step) => Moments(ObservableIndex(observable), RecordIndex(step));

    /// <summary>The position of <paramref name="observable"/> in <see cref="Observables"/>.</summary>
    /// <exception cref="ArgumentException">The run did not record it; the message lists what it recorded.</exception>
    public int ObservableIndex(Observable observable)
    {
        for (int o = 0; o < Observables.Count; o++)
        {
            if (Observables[o] == observable)
            {
                return o;
            }
        }

        throw new ArgumentException($"The run did not record {observable}; it recorded {string.Join(", ", Observables)}.", nameof(observable));
    }

    /// <summary>The position of <paramref name="step"/> in <see cref="RecordSteps"/>.</summary>
    /// <exception cref="ArgumentException">The run did not record at that step.</exception>
    public int RecordIndex(long step)
    {
        int index = Array.BinarySearch(_recordSteps, step);
        return index >= 0 ? index : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"The run did not record step {step}; it recorded {RecordSteps.Count} steps from {RecordSteps[0]} to {RecordSteps[^1]}."), nameof(step));
    }

    private double[] Series(int observable, Func<RunningMoments, double> statistic)
    {
        var series = new double[RecordSteps.Count];
        for (int r = 0; r < series.Length; r++)
        {
            series[r] = statistic(Moments(observable, r));
        }

        return series;
    }

    /// <summary>What a part of a distributed run sends back: its values (kept) or its blocks' moments (streamed), and
    /// min and max per cell.</summary>
    internal EnsemblePart ToPart(int firstPath)
    {
        if (_values is not null)
        {
            return new EnsemblePart(firstPath, Paths, _values, [], [], []);
        }

        var blocks = new List<RunningMoments>();
        foreach (RunningMoments[] chunk in _streamed!.RetainedBlocks ?? throw new InvalidOperationException("The part did not retain its blocks."))
        {
            blocks.AddRange(chunk);
        }

        return new EnsemblePart(firstPath, Paths, null, blocks.ToArray(), _streamed.Min, _streamed.Max);
    }

    /// <summary>The result of a whole run from its parts, given in path order: values concatenated by path index, or
    /// block moments folded in block order — the bits a single run gives.</summary>
    internal static EnsembleResult FromParts(EnsembleOptions options, IReadOnlyList<EnsemblePart> parts)
    {
        int records = options.RecordSteps.Count, observables = options.Observables.Count;
        if (!options.Streams)
        {
            var values = new double[Ensemble.KeptValuesLength(options)];
            foreach (EnsemblePart part in parts)
            {
                for (int cell = 0; cell < observables * records; cell++)
                {
                    Array.Copy(part.Values!, cell * part.Paths, values, (cell * options.Paths) + part.FirstPath - options.FirstPath, part.Paths);
                }
            }

            return new EnsembleResult(options, values, null, [], []);
        }

        var streamed = new StreamedStatistics(observables, records, null, null);
        foreach (EnsemblePart part in parts)
        {
            streamed.AddPart(part.Blocks, part.Min, part.Max);
        }

        return new EnsembleResult(options, null, streamed, [], []);
    }

    private int Cell(int observable, int record)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(observable);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(observable, Observables.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(record);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(record, RecordSteps.Count);
        return (observable * RecordSteps.Count) + record;
    }
}
