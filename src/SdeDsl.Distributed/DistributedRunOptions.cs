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

    /// <summary>Called as each work item's result arrives (on any thread), say to count the items each worker ran.</summary>
    public Action<WorkItemResult>? WorkItemFinished { get; init; }
}
