using System;

namespace SdeDsl.Distributed;

/// <summary>How many work items a silo runs at once, registered by <see cref="Cluster.RunWorkerAsync"/>; a silo
/// without it (a test cluster) runs one per core.</summary>
internal sealed record WorkerCapacity(int WorkItems)
{
    public static int Of(IServiceProvider services) =>
        services.GetService(typeof(WorkerCapacity)) is WorkerCapacity { WorkItems: > 0 } capacity ? capacity.WorkItems : Environment.ProcessorCount;
}
