using System;
using System.Collections.Generic;
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
    private readonly IReadOnlyList<string> _assemblies;

    private RunBackend(ClusterConnection? cluster, IReadOnlyList<string> assemblies)
    {
        _cluster = cluster;
        _assemblies = assemblies;
    }

    /// <summary>In process, or connected to the cluster of <paramref name="clusterSpec"/>.</summary>
    public static RunBackend Create(string? clusterSpec, IReadOnlyList<string> assemblies, CancellationToken cancellationToken) =>
        new(clusterSpec is null ? null : Cluster.ConnectAsync(clusterSpec, cancellationToken).GetAwaiter().GetResult(), assemblies);

    public EnsembleResult Run(RunDescription run, ModelCatalog catalog, int threads, IProgress<EnsembleProgress>? progress, CancellationToken cancellationToken) =>
        _cluster is null
            ? RunExecutor.Run(run, catalog, threads, progress, cancellationToken)
            : DistributedEnsemble.RunAsync(_cluster.Client, run, new DistributedRunOptions { Assemblies = _assemblies }, progress, cancellationToken).GetAwaiter().GetResult();

    public void Dispose() => _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
