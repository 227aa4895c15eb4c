using System.Threading.Tasks;
using Orleans;

namespace SdeDsl.Distributed;

/// <summary>
/// A worker that runs work items with the ensemble engine, one at a time. A distributed run keys one worker per slot
/// of a silo (<see cref="WorkerSlot"/>) and places it there; a worker keeps no state between calls.
/// </summary>
public interface IEnsembleWorker : IGrainWithStringKey
{
    /// <summary>Runs <paramref name="item"/>. A work item may take long (its paths × steps): the call waits up to an hour.</summary>
    [ResponseTimeout("01:00:00")]
    Task<WorkItemResult> Run(WorkItem item, GrainCancellationToken? cancellation);

    /// <summary>The silo this worker runs on and how many work items that silo runs at once.</summary>
    Task<WorkerSlot> Describe();
}
