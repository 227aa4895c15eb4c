using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Orleans;

namespace SdeDsl.Distributed;

/// <summary>A connected cluster client; disposing it disconnects.</summary>
public sealed class ClusterConnection(IHost host, IClusterClient client) : IAsyncDisposable
{
    /// <summary>The client, to pass to <see cref="DistributedEnsemble.RunAsync"/>.</summary>
    public IClusterClient Client { get; } = client;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await host.StopAsync().ConfigureAwait(false);
        host.Dispose();
    }
}
