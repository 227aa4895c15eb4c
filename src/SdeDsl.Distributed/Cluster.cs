using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace SdeDsl.Distributed;

/// <summary>Starting a worker process, and connecting a client to running workers.</summary>
public static class Cluster
{
    private const string ServiceId = "sdedsl";

    /// <summary>Runs a worker (silo) until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunWorkerAsync(WorkerOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new WorkerCapacity(options.WorkItems));
        builder.UseOrleans(silo =>
        {
            var primary = options.Primary ?? new IPEndPoint(options.Address, options.SiloPort);
            silo.UseDevelopmentClustering(primary)
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, ServiceId))
                .ConfigureEndpoints(options.Address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(options.Address));
        });
        using IHost host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        string role = options.Primary is null ? " (primary)" : ", primary " + options.Primary;
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"worker up: silo {options.Address}:{options.SiloPort}, gateway {options.Address}:{options.GatewayPort}, cluster '{options.ClusterId}'{role}"));
        // Returns on SIGTERM (the host's console lifetime) or when the token fires (Ctrl+C), then stops the silo.
        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects to the workers of <paramref name="spec"/>: gateway endpoints <c>host:port[,host:port…]</c>, optionally
    /// prefixed by a cluster id, <c>id@host:port,…</c>. Dispose the connection to disconnect.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is malformed; the message names <c>--cluster</c>.</exception>
    public static async Task<ClusterConnection> ConnectAsync(string spec, CancellationToken cancellationToken = default)
    {
        (string clusterId, IPEndPoint[] gateways) = Parse(spec);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseStaticClustering(gateways)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, ServiceId)));
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new ArgumentException($"no worker answered at {string.Join(", ", gateways.Select(g => g.ToString()))}: {e.Message}", "cluster", e);
        }

        return new ClusterConnection(host, host.Services.GetRequiredService<IClusterClient>());
    }

    /// <summary>Reads <c>[id@]host:port[,host:port…]</c>.</summary>
    public static (string ClusterId, IPEndPoint[] Gateways) Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string clusterId = "sdedsl", list = spec;
        int at = spec.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            (clusterId, list) = (spec[..at], spec[(at + 1)..]);
        }

        var gateways = new List<IPEndPoint>();
        foreach (string item in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = item.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(item.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            {
                throw new ArgumentException($"'{item}' is not host:port (e.g. --cluster localhost:30000,localhost:30001).", "cluster");
            }

            string host = item[..colon];
            IPAddress address = host == "localhost" ? IPAddress.Loopback
                : IPAddress.TryParse(host, out IPAddress? parsed) ? parsed
                : Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new ArgumentException($"'{host}' does not resolve.", "cluster");
            gateways.Add(new IPEndPoint(address, port));
        }

        if (gateways.Count == 0 || clusterId.Length == 0)
        {
            throw new ArgumentException($"'{spec}' names no gateway; expected [id@]host:port[,host:port…].", "cluster");
        }

        return (clusterId, gateways.ToArray());
    }
}

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
