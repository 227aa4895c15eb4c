using System;
using System.Collections.Generic;
using System.Threading;

namespace SdeDsl.Ensembles;

/// <summary>What the chunks of one run share: progress, and the first divergence found.</summary>
internal sealed class SharedRunState
{
    private const long ReportIntervalMilliseconds = 100;

    private readonly IProgress<EnsembleProgress>? _progress;
    private readonly IReadOnlyList<string> _stateNames;
    private readonly IReadOnlyList<Observable> _observables;
    private readonly object _gate = new();
    private long _completed;
    private long _lastReport;
    private long _stopStep = long.MaxValue;

    public SharedRunState(EnsembleOptions options, IReadOnlyList<string> stateNames, IProgress<EnsembleProgress>? progress)
    {
        _progress = progress;
        _stateNames = stateNames;
        _observables = options.Observables;
        Total = options.Paths * options.Steps;
        _lastReport = Environment.TickCount64;
    }

    public long Total { get; }

    public EnsembleDivergedException? Divergence { get; private set; }

    /// <summary>
    /// The earliest step at which a chunk diverged so far: the other chunks run up to it and no further, so that
    /// every divergence at or before the reported step is found and the report does not depend on thread timing.
    /// −1 once a worker failed (<see cref="StopAll"/>): every chunk stops at its next step. Chunks read it every step.
    /// </summary>
    public long StopStep => Interlocked.Read(ref _stopStep);

    /// <summary>
    /// Stops every chunk at its next step, and keeps chunks not yet started from stepping: a worker threw (the
    /// objective, the noise model, a cancellation), the run will throw that exception, and the other chunks in flight
    /// would otherwise run all their remaining steps before it reached the caller.
    /// </summary>
    public void StopAll()
    {
        lock (_gate)
        {
            Interlocked.Exchange(ref _stopStep, -1);
        }
    }

    /// <summary>Counts finished path-steps and reports progress at most every 100 ms.</summary>
    public void Advance(long pathSteps)
    {
        long completed = Interlocked.Add(ref _completed, pathSteps);
        if (_progress is null)
        {
            return;
        }

        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastReport);
        if (now - last >= ReportIntervalMilliseconds && Interlocked.CompareExchange(ref _lastReport, now, last) == last)
        {
            _progress.Report(new EnsembleProgress(completed, Total));
        }
    }

    /// <summary>
    /// Records the chunk's lowest path whose state (any component) is not finite at <paramref name="step"/>, or whose
    /// observable <paramref name="observed"/> names when that path is lower; at one path its state is named, the cause.
    /// Keeps the earliest step, then lowest path.
    /// </summary>
    public void ReportDivergence(Chunk chunk, long step, NonFiniteObservable? observed)
    {
        EnsembleDivergedException found = Find(chunk, step, observed);
        lock (_gate)
        {
            if (Divergence is null || step < Divergence.Step || (step == Divergence.Step && found.Path < Divergence.Path))
            {
                Divergence = found;
                // Never later than it is: a failed run's −1 stays.
                Interlocked.Exchange(ref _stopStep, Math.Min(step, Interlocked.Read(ref _stopStep)));
            }
        }
    }

    /// <summary>Path by path (components, then coordinates, within a path), up to the observed path: a scan that runs
    /// once per diverged chunk, so it reads element by element.</summary>
    private EnsembleDivergedException Find(Chunk chunk, long step, NonFiniteObservable? observed)
    {
        int d = chunk.Dimension, last = observed?.Path ?? chunk.Paths - 1;
        for (int p = 0; p <= last; p++)
        {
            for (int component = 0; component < chunk.StateCount; component++)
            {
                for (int i = 0; i < d; i++)
                {
                    double value = chunk.StateAt(component, (p * d) + i);
                    if (!double.IsFinite(value))
                    {
                        return new EnsembleDivergedException(chunk.FirstPath + p, step, _stateNames[component], i, value);
                    }
                }
            }
        }

        NonFiniteObservable o = observed ?? throw new InvalidOperationException("A divergence was reported with every state and observable finite.");
        return new EnsembleDivergedException(chunk.FirstPath + o.Path, step, _observables[o.Observable].ToString(), -1, o.Value);
    }
}

/// <summary>The lowest path of a chunk (its index in the chunk) whose recorded observable was not finite.</summary>
internal readonly record struct NonFiniteObservable(int Path, int Observable, double Value);
