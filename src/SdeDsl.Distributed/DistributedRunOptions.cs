using System;
using System.Collections.Generic;

namespace SdeDsl.Distributed;

/// <summary>How a run is split and retried across a cluster.</summary>
public sealed record DistributedRunOptions
{
    /// <summary>Paths per work item (a multiple of 256, the statistics block, so that streamed parts merge exactly).</summary>
    public int WorkItemPaths { get; init; } = 16_384;

    /// <summary>How many times a work item may fail (its silo died, a message was lost) before the run fails; each
    /// failure sends it back to the queue, for any silo.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>User assemblies that hold the run's model, as paths every worker can read.</summary>
    public IReadOnlyList<string> Assemblies { get; init; } = [];

    /// <summary>At most this many workers (silos) run the items at once (default: every one in the cluster); the first in
    /// address order (IP, then port) are taken, and a worker that leaves is replaced by another. The result does not
    /// depend on it. Say to leave part of a shared cluster to others, or to time one worker against two on the same
    /// cluster.</summary>
    public int MaxWorkers { get; init; } = int.MaxValue;

    /// <summary>Called as each work item's result arrives (on any thread), say to count the items each worker ran.</summary>
    public Action<WorkItemResult>? WorkItemFinished { get; init; }
}
