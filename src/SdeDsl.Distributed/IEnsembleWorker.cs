using System.Threading.Tasks;
using Orleans;

namespace SdeDsl.Distributed;

/// <summary>A worker that runs work items with the ensemble engine. Keys only spread calls over activations (and so
/// over silos); a worker keeps no state between calls.</summary>
public interface IEnsembleWorker : IGrainWithIntegerKey
{
    /// <summary>Runs <paramref name="item"/>.</summary>
    Task<WorkItemResult> Run(WorkItem item, GrainCancellationToken? cancellation);
}
