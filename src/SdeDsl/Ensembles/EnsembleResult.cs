using System;
using System.Collections.Generic;
using SdeDsl.Statistics;

namespace SdeDsl.Ensembles;

/// <summary>
/// What an ensemble recorded: for each observable and recorded step, the value of every path, and statistics over
/// paths. Values are stored by path index and statistics computed in path order, so results are bit-identical
/// whatever the number of threads.
/// </summary>
public sealed class EnsembleResult
{
    private readonly double[] _values;

    internal EnsembleResult(EnsembleOptions options, double[] values)
    {
        Paths = options.Paths;
        RecordSteps = options.RecordSteps;
        Observables = options.Observables;
        TimeStep = options.TimeStep;
        StartTime = options.StartTime;
        _values = values;
    }

    /// <summary>The number of paths.</summary>
    public int Paths { get; }

    /// <summary>The recorded steps.</summary>
    public IReadOnlyList<long> RecordSteps { get; }

    /// <summary>The recorded observables.</summary>
    public IReadOnlyList<Observable> Observables { get; }

    /// <summary>The SDE run's time step (1 for a discrete run unless set).</summary>
    public double TimeStep { get; }

    /// <summary>The SDE run's start time.</summary>
    public double StartTime { get; }

    /// <summary>The time of a recorded step of an SDE run: StartTime + step·TimeStep.</summary>
    public double TimeOf(int record) => StartTime + (RecordSteps[record] * TimeStep);

    /// <summary>The value of every path, in path order, of observable <paramref name="observable"/> at record
    /// <paramref name="record"/>.</summary>
    public ReadOnlySpan<double> Values(int observable, int record)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(observable);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(observable, Observables.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(record);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(record, RecordSteps.Count);
        return _values.AsSpan(((observable * RecordSteps.Count) + record) * Paths, Paths);
    }

    /// <summary>Mean, variance and standard error over paths.</summary>
    public RunningMoments Moments(int observable, int record) => RunningMoments.Of(Values(observable, record));

    /// <summary>The p-quantile over paths.</summary>
    public double Quantile(int observable, int record, double p) => Quantiles.Of(Values(observable, record), p);

    /// <summary>The mean over paths at every recorded step.</summary>
    public double[] MeanSeries(int observable)
    {
        var means = new double[RecordSteps.Count];
        for (int r = 0; r < means.Length; r++)
        {
            means[r] = Moments(observable, r).Mean;
        }

        return means;
    }
}
