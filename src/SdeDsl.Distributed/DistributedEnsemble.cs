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
/// <see cref="IEnsembleWorker"/> on a slot of some silo (each silo pulls items as its slots free up), and the parts are
/// merged by path index — values concatenated, or 256-path blocks folded in block order — so the result is the bits
/// <see cref="RunExecutor.Run"/> gives on one machine, whatever the number of silos, the placement or the order
/// results arrive in. A work item whose call fails (its silo died, a message was lost) goes back to the queue for another
/// silo; the run fails when an item fails <see cref="DistributedRunOptions.MaxAttempts"/> times or no silo is left. An
/// item whose work itself throws or diverges fails the run at once, and the items still running are cancelled.
/// </summary>
public static class DistributedEnsemble
{
    /// <summary>Runs <paramref name="run"/> through <paramref name="grains"/> (a cluster client or a silo's factory).</summary>
    /// <exception cref="ArgumentException">The description or options are wrong (checked here, before any work is sent),
    /// or a worker refused the description or could not load an assembly.</exception>
    /// <exception cref="EnsembleDivergedException">A path reached NaN or ±∞: the first divergence a worker reported (the
    /// earliest step, then the lowest path, of its item; not always the earliest of the whole run, as the other items are
    /// cancelled rather than run on).</exception>
    /// <exception cref="DistributedRunException">A work item failed on every attempt, no worker is left, or the work of
    /// an item threw (the message names the exception's type and message).</exception>
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
        if (options.MaxWorkers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxWorkers, "MaxWorkers must be at least 1.");
        }
        ModelCatalog catalog = Catalogs.For(options.Assemblies, null, out string[] hashes); // every item is pinned to these builds
        EnsembleOptions whole = RunExecutor.ValidatedOptions(run, catalog); // argument errors here, before any work is sent
        int itemPaths = ItemPaths(whole, options.WorkItemPaths);

        string json = run.ToJson();
        string[] assemblies = options.Assemblies.ToArray();
        var items = new List<WorkItem>();
        // In long: first + itemPaths passes int.MaxValue in a run of nearly 2³¹ paths.
        for (long first = 0; first < run.Paths; first += itemPaths)
        {
            items.Add(new WorkItem(json, (int)first, (int)Math.Min(itemPaths, run.Paths - first), assemblies, hashes));
        }

        using var cancellation = new GrainCancellationTokenSource();
        using CancellationTokenRegistration registration = cancellationToken.Register(() => _ = cancellation.Cancel());
        var done = new ProgressCounter(progress, (long)run.Paths * run.Steps);
        var scheduler = new WorkItemScheduler(grains, items, options.MaxAttempts, result =>
        {
            options.WorkItemFinished?.Invoke(result);
            done.Add((long)result.Paths * run.Steps);
        }, cancellation.Token, cancellationToken, maxWorkers: options.MaxWorkers);
        WorkItemResult[] results;
        try
        {
            results = await scheduler.RunAsync().ConfigureAwait(false);
            if (scheduler.HasAttemptsInFlight)
            {
                await StopItemsInFlight(cancellation).ConfigureAwait(false); // copies of stragglers that lost
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await StopItemsInFlight(cancellation).ConfigureAwait(false);
            throw;
        }

        return RunExecutor.Merge(run, catalog, results.OrderBy(r => r.FirstPath).Select(EnsembleWorker.ToPart).ToList());
    }

    /// <summary>The most bytes of kept values one work item sends back: an Orleans message holds at most 100 MB (its
    /// default MaxMessageBodySize), and a larger result was dropped by the receiving silo while the run waited for it.</summary>
    internal const long MaxItemValueBytes = 64L << 20;

    /// <summary>The paths of a work item: <paramref name="requested"/>, or fewer (a multiple of the statistic block) so that
    /// a kept-values item's values stay within <see cref="MaxItemValueBytes"/>.</summary>
    /// <exception cref="ArgumentException">Even one block of paths keeps more values than that.</exception>
    internal static int ItemPaths(EnsembleOptions whole, int requested)
    {
        if (whole.Streams)
        {
            return requested;
        }

        long bytesPerPath = 8L * whole.Observables.Count * whole.RecordSteps.Count;
        long fit = MaxItemValueBytes / bytesPerPath / RunningMoments.BlockLength * RunningMoments.BlockLength;
        if (fit < RunningMoments.BlockLength)
        {
            throw new ArgumentException(
                $"KeepValues: {whole.RecordSteps.Count} RecordSteps × {whole.Observables.Count} Observables are {bytesPerPath} bytes a path, so even "
                + $"{RunningMoments.BlockLength} paths are more than a work item sends ({MaxItemValueBytes >> 20} MB): stream the run (KeepValues = false) or record fewer steps.",
                "run");
        }

        return (int)Math.Min(requested, fit);
    }

    /// <summary>Cancels the items still running elsewhere when the run has failed, or the attempts that lost to a copy
    /// when it has finished; a silo that cannot be told is gone anyway.</summary>
    private static async Task StopItemsInFlight(GrainCancellationTokenSource cancellation)
    {
        try
        {
            await cancellation.Cancel().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort only: the run's own error is the one to report.
        }
    }
}
