using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;
using SdeDsl.Ensembles;
using SdeDsl.Runs;
using SdeDsl.Statistics;

namespace SdeDsl.Distributed;

/// <summary>
/// Runs a work item on the thread pool (one thread: a silo runs <see cref="WorkerCapacity"/> items at once, one per
/// worker) and returns its part. Random placement, which honours the placement hint a distributed run sets to put each
/// slot's worker on the silo it chose.
/// </summary>
[RandomPlacement]
internal sealed class EnsembleWorker(ILocalSiloDetails silo, IServiceProvider services) : Grain, IEnsembleWorker
{
    public async Task<WorkItemResult> Run(WorkItem item, GrainCancellationToken? cancellation)
    {
        ArgumentNullException.ThrowIfNull(item);
        CancellationToken token = cancellation?.CancellationToken ?? CancellationToken.None;
        string worker = silo.SiloAddress.ToParsableString();
        try
        {
            RunDescription run = RunDescription.FromJson(item.RunJson);
            ModelCatalog catalog = Catalogs.For(item.Assemblies, item.AssemblyHashes, out _);
            return await Task.Run(() =>
            {
                try
                {
                    return ToResult(RunExecutor.RunPart(run, catalog, item.FirstPath, item.Paths, threads: 1, cancellationToken: token), worker);
                }
                catch (EnsembleDivergedException e)
                {
                    return new WorkItemResult { FirstPath = item.FirstPath, Paths = item.Paths, Divergence = new(e.Path, e.Step, e.Coordinate, e.Value, e.Quantity), Worker = worker };
                }
            }, token).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
        catch (Exception e) when (IsTheWorks(e, token))
        {
            // The work's own exception (the description, the model's assembly, the model, the objective, the engine) is
            // a result: thrown, it would reach the client as any failed call does and be retried on every silo.
            return new WorkItemResult { FirstPath = item.FirstPath, Paths = item.Paths, Failure = WorkFailure.From(e), Worker = worker };
        }
    }

    /// <summary>Whether an exception comes from the work, not from this silo's state: not the run's cancellation, and
    /// not a lack of memory (another silo may have more).</summary>
    internal static bool IsTheWorks(Exception e, CancellationToken token) =>
        e is not OutOfMemoryException and not InsufficientExecutionStackException && !(e is OperationCanceledException && token.IsCancellationRequested);

    public Task<WorkerSlot> Describe() => Task.FromResult(new WorkerSlot(silo.SiloAddress.ToParsableString(), WorkerCapacity.Of(services)));

    private static WorkItemResult ToResult(EnsemblePart part, string worker) => new()
    {
        FirstPath = part.FirstPath,
        Paths = part.Paths,
        Values = part.Values,
        BlockCounts = part.Blocks.Select(static b => b.Count).ToArray(),
        BlockMeans = part.Blocks.Select(static b => b.Mean).ToArray(),
        BlockM2 = part.Blocks.Select(static b => b.M2).ToArray(),
        Min = part.Min,
        Max = part.Max,
        Worker = worker,
    };

    /// <summary>The part a result carries, as the merge needs it.</summary>
    internal static EnsemblePart ToPart(WorkItemResult result)
    {
        var blocks = new RunningMoments[result.BlockCounts.Length];
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i] = RunningMoments.FromParts(result.BlockCounts[i], result.BlockMeans[i], result.BlockM2[i]);
        }

        return new EnsemblePart(result.FirstPath, result.Paths, result.Values, blocks, result.Min, result.Max);
    }
}
