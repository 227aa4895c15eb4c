using System;
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

    /// <summary>Runs a worker (silo) until <paramref name="cancellationToken"/> fires or the process gets SIGTERM.</summary>
    /// <exception cref="ArgumentException">The worker could not join its cluster (Redis unreachable, a port in use);
    /// the message names what it tried, and the parameter is <c>cluster</c>.</exception>
    public static async Task RunWorkerAsync(WorkerOptions options, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusterSpec? redis = options.Redis is null ? null : ClusterSpec.Parse("redis://" + options.Redis) with { ClusterId = options.ClusterId };
        if (redis is not null && options.Primary is not null)
        {
            throw new ArgumentException("a worker either names a primary (development clustering) or a Redis server, not both.", "primary");
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        // Until the silo is up, a failure is reported once, as the exception below, not as Orleans' log of every stage.
        bool started = false;
        builder.Logging.AddFilter((_, level) => Volatile.Read(ref started) && level >= LogLevel.Warning);
        builder.Services.AddSingleton(new WorkerCapacity(options.WorkItems));
        builder.UseOrleans(silo =>
        {
            if (redis is not null)
            {
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis.RedisOptions());
            }
            else
            {
                silo.UseDevelopmentClustering(options.Primary ?? new IPEndPoint(options.Address, options.SiloPort));
            }

            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, ServiceId))
                .ConfigureEndpoints(options.Address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(options.Address));
        });
        using IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            string where = redis is not null ? $"the cluster's Redis at {redis.RedisEndpoint}"
                : options.Primary is not null ? $"the primary worker at {options.Primary}" : $"silo port {options.SiloPort} and gateway port {options.GatewayPort} on {options.Address}";
            throw new ArgumentException($"the worker could not start with {where}: {Describe(e, redis)}", "cluster", e);
        }

        Volatile.Write(ref started, true);
        int capacity = WorkerCapacity.Of(host.Services);
        string role = redis is not null ? $", membership in Redis at {redis.RedisEndpoint}" : options.Primary is null ? " (primary)" : ", primary " + options.Primary;
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"worker up: silo {options.Address}:{options.SiloPort}, gateway {options.Address}:{options.GatewayPort}, cluster '{options.ClusterId}'{role}, {capacity} work items at once"));
        // Returns on SIGTERM (the host's console lifetime) or when the token fires (Ctrl+C), then stops the silo.
        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How long <see cref="ConnectAsync(string, CancellationToken)"/> waits for a gateway to answer before it reports the cluster unreachable
    /// (the client alone retries for about three minutes). Generous for a loaded machine: a worker that is up answers at once.</summary>
    public static readonly TimeSpan GatewayConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Connects to the workers of <paramref name="spec"/> (<see cref="ClusterSpec.Grammar"/>). Dispose the
    /// connection to disconnect.</summary>
    /// <exception cref="ArgumentException">The spec is malformed, or no worker (or no Redis) answered within the
    /// timeout; the message names the addresses tried and the parameter is <c>cluster</c>.</exception>
    public static Task<ClusterConnection> ConnectAsync(string spec, CancellationToken cancellationToken = default) =>
        ConnectAsync(spec, GatewayConnectTimeout, cancellationToken);

    /// <summary><see cref="ConnectAsync(string, CancellationToken)"/> with another wait for the gateways (tests).</summary>
    internal static async Task<ClusterConnection> ConnectAsync(string spec, TimeSpan gatewayConnectTimeout, CancellationToken cancellationToken = default)
    {
        ClusterSpec cluster = ClusterSpec.Parse(spec);
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders(); // a client's failures reach its caller as exceptions
        builder.UseOrleansClient(client =>
        {
            if (cluster.Redis is not null)
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = cluster.RedisOptions());
            }
            else
            {
                client.UseStaticClustering(cluster.Gateways.ToArray());
            }

            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, ServiceId));
        });
        IHost host = builder.Build();
        // The client retries its gateways for minutes before it gives up; a command waiting on a wrong address should not.
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(gatewayConnectTimeout);
        try
        {
            await host.StartAsync(connecting.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            string where = cluster.Redis is not null
                ? $"no worker of cluster '{cluster.ClusterId}' could be reached through the Redis at {cluster.RedisEndpoint}"
                : $"no worker answered at {string.Join(", ", cluster.Gateways.Select(static g => g.ToString()))}";
            string why = e is OperationCanceledException
                ? string.Create(CultureInfo.InvariantCulture, $"none answered within {gatewayConnectTimeout.TotalSeconds:0.#} s.")
                : Describe(e, cluster);
            throw new ArgumentException($"{where}: {why}", "cluster", e);
        }

        return new ClusterConnection(host, host.Services.GetRequiredService<IClusterClient>());
    }

    /// <summary>What went wrong, in one line: Redis's own message advises a setting the user need not know.</summary>
    private static string Describe(Exception e, ClusterSpec? cluster)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } && e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e is StackExchange.Redis.RedisConnectionException && cluster?.Redis is not null
            ? $"it did not answer within {ClusterSpec.RedisConnectTimeout.TotalSeconds:0} s ({e.GetType().Name})."
            : e.Message;
    }
}
