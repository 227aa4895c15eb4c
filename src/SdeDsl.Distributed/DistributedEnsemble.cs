using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using SdeDsl.Ensembles;
using SdeDsl.Runs;
using SdeDsl.Statistics;

namespace SdeDsl.Distributed;

/// <summary>
/// Runs a <see cref="RunDescription"/> on an Orleans cluster: the paths are split into work items, each run by an
/// <see cref="IEnsembleWorker"/> wherever Orleans places it, and the parts are merged by path index — values
/// concatenated, or 256-path blocks folded in block order — so the result is the bits <see cref="RunExecutor.Run"/>
/// gives on one machine, whatever the number of silos, the placement or the order results arrive in. A work item
/// that fails (its silo died, a message was lost) is run again on a new activation; the run fails only when an item
/// fails <see cref="DistributedRunOptions.MaxAttempts"/> times.
/// </summary>
public static class DistributedEnsemble
{
    /// <summary>Runs <paramref name="run"/> through <paramref name="grains"/> (a cluster client or a silo's factory).</summary>
    /// <exception cref="ArgumentException">The description or options are wrong (checked here, before any work is sent).</exception>
    /// <exception cref="EnsembleDivergedException">A path reached NaN or ±∞: the earliest step, then the lowest path.</exception>
    /// <exception cref="DistributedRunException">A work item failed on every attempt.</exception>
    public static async Task<EnsembleResult> RunAsync(IGrainFactory grains, RunDescription run, DistributedRunOptions? options = null,
        IProgress<EnsembleProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(run);
        options ??= new DistributedRunOptions();
        if (options.WorkItemPaths < RunningMoments.BlockLength || options.WorkItemPaths % RunningMoments.BlockLength != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WorkItemPaths, $"WorkItemPaths must be a positive multiple of {RunningMoments.BlockLength}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        ModelCatalog catalog = Catalogs.For(options.Assemblies);
        RunExecutor.Validate(run, catalog); // argument errors here, before any work is sent

        string json = run.ToJson();
        string[] assemblies = options.Assemblies.ToArray();
        var items = new List<WorkItem>();
        for (int first = 0; first < run.Paths; first += options.WorkItemPaths)
        {
            items.Add(new WorkItem(json, first, Math.Min(options.WorkItemPaths, run.Paths - first), assemblies));
        }

        using var cancellation = new GrainCancellationTokenSource();
        using CancellationTokenRegistration registration = cancellationToken.Register(() => _ = cancellation.Cancel());
        long done = 0, total = (long)run.Paths * run.Steps;
        WorkItemResult[] results = await Task.WhenAll(items.Select(async (item, index) =>
        {
            WorkItemResult result = await RunWithRetries(grains, item, index, items.Count, options.MaxAttempts, cancellation.Token, cancellationToken).ConfigureAwait(false);
            progress?.Report(new EnsembleProgress(Interlocked.Add(ref done, (long)item.Paths * run.Steps), total));
            return result;
        })).ConfigureAwait(false);

        DivergenceReport? divergence = results.Select(r => r.Divergence).Where(d => d is not null)
            .OrderBy(d => d!.Step).ThenBy(d => d!.Path).FirstOrDefault();
        if (divergence is not null)
        {
            throw new EnsembleDivergedException(divergence.Path, divergence.Step, divergence.Coordinate, divergence.Value);
        }

        return RunExecutor.Merge(run, catalog, results.OrderBy(r => r.FirstPath).Select(EnsembleWorker.ToPart).ToList());
    }

    private static async Task<WorkItemResult> RunWithRetries(IGrainFactory grains, WorkItem item, int index, int count, int maxAttempts,
        GrainCancellationToken grainToken, CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A new key per attempt: a new activation, placed afresh (not on the silo that failed, once the cluster knows).
            IEnsembleWorker worker = grains.GetGrain<IEnsembleWorker>(((long)attempt * count) + index);
            try
            {
                return await worker.Run(item, grainToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not ArgumentException and not OperationCanceledException)
            {
                failures.Add(e);
            }
        }

        throw new DistributedRunException(
            $"work item {index} (paths {item.FirstPath}…{item.FirstPath + item.Paths - 1}) failed on {maxAttempts} attempts; the last: {failures[^1].Message}",
            new AggregateException(failures));
    }
}
