using System.Collections.Generic;

namespace SdeDsl.Distributed;

/// <summary>How a run is split and retried across a cluster.</summary>
public sealed record DistributedRunOptions
{
    /// <summary>Paths per work item (a multiple of 256, the statistics block, so that streamed parts merge exactly).</summary>
    public int WorkItemPaths { get; init; } = 16_384;

    /// <summary>How many times a work item is tried (on a new activation, so a new placement) before the run fails.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>User assemblies that hold the run's model, as paths every worker can read.</summary>
    public IReadOnlyList<string> Assemblies { get; init; } = [];
}
