using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using StackExchange.Redis;

namespace SdeDsl.Distributed;

/// <summary>
/// How a worker or a client finds its cluster: the value of <c>--cluster</c> (<see cref="Grammar"/>). Either the
/// gateways of workers that use development clustering (a primary worker and the others naming it), or a Redis server
/// that holds the membership of the cluster, where workers register themselves and clients find them.
/// </summary>
public sealed record ClusterSpec
{
    /// <summary>The forms of the spec, for help texts.</summary>
    public const string Grammar =
        "[ID@]HOST:PORT[,HOST:PORT…] — the gateway ports of workers with development clustering (a client's form); "
        + "[ID@]redis://HOST[:PORT][,OPTION=VALUE…] — a Redis server (default port 6379; options as StackExchange.Redis "
        + "reads them, e.g. password=…,ssl=true) that holds the membership: workers register there, clients find them there. "
        + "ID is the cluster's id (default sdedsl), shared by its workers and clients.";

    /// <summary>The default cluster id.</summary>
    public const string DefaultClusterId = "sdedsl";

    /// <summary>How long a worker or client waits for Redis before it reports it unreachable.</summary>
    public static readonly TimeSpan RedisConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The cluster's id.</summary>
    public string ClusterId { get; init; } = DefaultClusterId;

    /// <summary>The gateways of the development-clustering form; empty for Redis.</summary>
    public IReadOnlyList<IPEndPoint> Gateways { get; init; } = [];

    /// <summary>The Redis configuration (<c>host:port[,option=value…]</c>) of the Redis form; null otherwise.</summary>
    public string? Redis { get; init; }

    /// <summary>The Redis server's first endpoint, as given (for messages); null for the gateway form.</summary>
    public string? RedisEndpoint => Redis?.Split(',')[0];

    /// <summary>Reads a spec.</summary>
    /// <exception cref="ArgumentException">Malformed; the message shows the expected forms and names <c>cluster</c>.</exception>
    public static ClusterSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string clusterId = DefaultClusterId, rest = spec.Trim();
        const string Scheme = "redis://";
        int scheme = rest.IndexOf(Scheme, StringComparison.OrdinalIgnoreCase);
        int at = scheme >= 0 ? (scheme > 0 && rest[scheme - 1] == '@' ? scheme - 1 : -1) : rest.IndexOf('@', StringComparison.Ordinal);
        if (scheme > 0 && at < 0)
        {
            throw new ArgumentException($"'{spec}': write the cluster id before redis:// as ID@redis://HOST:PORT.", "cluster");
        }

        if (at >= 0)
        {
            (clusterId, rest) = (rest[..at], rest[(at + 1)..]);
            if (clusterId.Length == 0 || clusterId.Any(static c => char.IsWhiteSpace(c) || c is '/' or ','))
            {
                throw new ArgumentException($"'{clusterId}' is not a cluster id (letters, digits, '-', '_', '.').", "cluster");
            }
        }

        return rest.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? new ClusterSpec { ClusterId = clusterId, Redis = ParseRedis(rest[Scheme.Length..]) }
            : new ClusterSpec { ClusterId = clusterId, Gateways = ParseGateways(rest, spec) };
    }

    /// <summary>The StackExchange.Redis options of the Redis form: fail (not retry forever) when the server cannot be
    /// reached within <see cref="RedisConnectTimeout"/>, unless the spec says otherwise.</summary>
    public ConfigurationOptions RedisOptions()
    {
        if (Redis is null)
        {
            throw new InvalidOperationException("not a Redis spec.");
        }

        ConfigurationOptions options = ConfigurationOptions.Parse(Redis);
        if (!Redis.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = (int)RedisConnectTimeout.TotalMilliseconds;
        }

        if (!Redis.Contains("abortConnect", StringComparison.OrdinalIgnoreCase))
        {
            options.AbortOnConnectFail = true;
        }

        return options;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        (ClusterId == DefaultClusterId ? "" : ClusterId + "@") + (Redis is null ? string.Join(",", Gateways.Select(static g => g.ToString())) : "redis://" + Redis);

    private static string ParseRedis(string configuration)
    {
        string[] parts = configuration.Split(',', StringSplitOptions.TrimEntries);
        string endpoint = parts[0];
        int colon = endpoint.LastIndexOf(':');
        string host = colon >= 0 ? endpoint[..colon] : endpoint;
        if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal)
            || (colon >= 0 && !TryPort(endpoint.AsSpan(colon + 1), out _)))
        {
            throw new ArgumentException($"'redis://{configuration}' is not redis://HOST[:PORT][,OPTION=VALUE…] (e.g. --cluster redis://localhost:6379).", "cluster");
        }

        try
        {
            _ = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'redis://{configuration}': {e.Message}", "cluster", e);
        }

        return configuration;
    }

    private static IPEndPoint[] ParseGateways(string list, string spec)
    {
        var gateways = new List<IPEndPoint>();
        foreach (string item in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = item.LastIndexOf(':');
            if (colon <= 0 || !TryPort(item.AsSpan(colon + 1), out int port))
            {
                throw new ArgumentException($"'{item}' is not host:port (e.g. --cluster localhost:30000,localhost:30001, or redis://HOST:PORT).", "cluster");
            }

            gateways.Add(new IPEndPoint(Resolve(item[..colon], "cluster"), port));
        }

        if (gateways.Count == 0)
        {
            throw new ArgumentException($"'{spec}' names no gateway; expected {Grammar}", "cluster");
        }

        return gateways.ToArray();
    }

    /// <summary>An IP address, <c>localhost</c> (the IPv4 loopback) or a host name's first IPv4 address (else its first).</summary>
    /// <exception cref="ArgumentException">The name does not resolve; the message names <paramref name="option"/>.</exception>
    public static IPAddress Resolve(string host, string option)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host == "localhost")
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(host, out IPAddress? parsed))
        {
            return parsed;
        }

        try
        {
            IPAddress[] addresses = Dns.GetHostAddresses(host);
            return addresses.FirstOrDefault(static a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
                ?? throw new ArgumentException($"'{host}' does not resolve.", option);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new ArgumentException($"'{host}' does not resolve: {e.Message}", option, e);
        }
    }

    private static bool TryPort(ReadOnlySpan<char> text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
