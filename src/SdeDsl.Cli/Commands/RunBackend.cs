using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SdeDsl.Distributed;
using SdeDsl.Ensembles;
using SdeDsl.Runs;

namespace SdeDsl.Cli.Commands;

/// <summary>Where runs execute: in this process (the default), or on a cluster of <c>sdedsl worker</c>s
/// (<c>--cluster</c>). Either way a run gives the same bits.</summary>
internal sealed class RunBackend : IDisposable
{
    private readonly ClusterConnection? _cluster;
    private readonly DistributedRunOptions _options;
    private readonly ConcurrentDictionary<string, int> _itemsPerWorker = new(StringComparer.Ordinal);

    private RunBackend(ClusterConnection? cluster, IReadOnlyList<string> assemblies, int workItemPaths, int maxWorkers)
    {
        _cluster = cluster;
        _options = new DistributedRunOptions
        {
            Assemblies = assemblies,
            WorkItemPaths = workItemPaths,
            MaxWorkers = maxWorkers == 0 ? int.MaxValue : maxWorkers,
            WorkItemFinished = result => _itemsPerWorker.AddOrUpdate(result.Worker, 1, static (_, n) => n + 1),
        };
    }

    /// <summary>In process, or connected to the cluster of <paramref name="clusterSpec"/> (<see cref="ClusterSpec"/>).</summary>
    public static RunBackend Create(string? clusterSpec, IReadOnlyList<string> assemblies, int workItemPaths, int maxWorkers, CancellationToken cancellationToken)
    {
        if (workItemPaths < 256 || workItemPaths % 256 != 0)
        {
            throw new ArgumentException($"{workItemPaths} is not a positive multiple of 256 (the statistics block).", "--work-item-paths");
        }

        if (maxWorkers < 0)
        {
            throw new ArgumentException($"{maxWorkers} workers: give a positive number, or 0 for every worker.", "--max-workers");
        }

        return new(clusterSpec is null ? null : Cluster.ConnectAsync(clusterSpec, cancellationToken).GetAwaiter().GetResult(), assemblies, workItemPaths, maxWorkers);
    }

    public EnsembleResult Run(RunDescription run, ModelCatalog catalog, int threads, IProgress<EnsembleProgress>? progress, CancellationToken cancellationToken) =>
        _cluster is null
            ? RunExecutor.Run(run, catalog, threads, progress, cancellationToken)
            : DistributedEnsemble.RunAsync(_cluster.Client, run, _options, progress, cancellationToken).GetAwaiter().GetResult();

    /// <summary>With a cluster: one line saying how many work items each worker ran.</summary>
    public void WriteSummary(AppIO io)
    {
        if (_cluster is null)
        {
            return;
        }

        var workers = _itemsPerWorker.OrderBy(static w => w.Key, StringComparer.Ordinal).ToList();
        io.Out.WriteLine($"cluster: {workers.Sum(static w => w.Value)} work items on {workers.Count} workers ("
            + string.Join(", ", workers.Select(static w => $"{w.Key}: {w.Value}")) + ").");
    }

    public void Dispose() => _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
