using System;
using SdeDsl.Ensembles;

namespace SdeDsl.Distributed;

/// <summary>
/// The progress of a distributed run, counted as items finish on the slots' threads. The count and its report are one
/// step under a lock: counted apart (an atomic add, then the report), a thread that was preempted between them reported
/// fewer path-steps after another had reported more. So the caller's reports never go back, and never pass the total.
/// </summary>
internal sealed class ProgressCounter(IProgress<EnsembleProgress>? progress, long total)
{
    private readonly object _gate = new();
    private long _done;

    /// <summary>Counts <paramref name="pathSteps"/> more and reports the count (at most the total).</summary>
    public void Add(long pathSteps)
    {
        lock (_gate)
        {
            _done = Math.Min(total, _done + Math.Max(0, pathSteps));
            progress?.Report(new EnsembleProgress(_done, total));
        }
    }
}
