using System;
using System.Threading;

namespace SdeDsl.Ensembles;

/// <summary>What the chunks of one run share: progress, and the first divergence found.</summary>
internal sealed class SharedRunState
{
    private const long ReportIntervalMilliseconds = 100;

    private readonly IProgress<EnsembleProgress>? _progress;
    private readonly object _gate = new();
    private long _completed;
    private long _lastReport;
    private long _stopStep = long.MaxValue;

    public SharedRunState(EnsembleOptions options, IProgress<EnsembleProgress>? progress)
    {
        _progress = progress;
        Total = options.Paths * options.Steps;
        _lastReport = Environment.TickCount64;
    }

    public long Total { get; }

    public EnsembleDivergedException? Divergence { get; private set; }

    /// <summary>
    /// The earliest step at which a chunk diverged so far: the other chunks run up to it and no further, so that
    /// every divergence at or before the reported step is found and the report does not depend on thread timing.
    /// </summary>
    public long StopStep => Interlocked.Read(ref _stopStep);

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

    /// <summary>Records the chunk's first non-finite path and coordinate; keeps the earliest step, then lowest path.</summary>
    public void ReportDivergence(Chunk chunk, long step)
    {
        for (int e = 0; e < chunk.Elements; e++)
        {
            double x = chunk.XAt(e);
            if (!double.IsFinite(x))
            {
                long path = chunk.FirstPath + (e / chunk.Dimension);
                lock (_gate)
                {
                    if (Divergence is null || step < Divergence.Step || (step == Divergence.Step && path < Divergence.Path))
                    {
                        Divergence = new EnsembleDivergedException(path, step, e % chunk.Dimension, x);
                        Interlocked.Exchange(ref _stopStep, step);
                    }
                }

                return;
            }
        }
    }
}
