using System.Net;

namespace SdeDsl.Distributed;

/// <summary>
/// Where a worker (an Orleans silo) listens and how it finds its cluster. Development clustering: one worker is the
/// primary (<see cref="Primary"/> null), the others name its silo endpoint. Redis clustering (<see cref="Redis"/>):
/// every worker registers in the Redis server, none is special. Every worker of a cluster uses the same
/// <see cref="ClusterId"/>.
/// </summary>
public sealed record WorkerOptions
{
    /// <summary>The address other workers and clients reach this one at.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The silo-to-silo port.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>The port clients connect to.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The primary worker's silo endpoint, or null when this worker is the primary.</summary>
    public IPEndPoint? Primary { get; init; }

    /// <summary>The Redis server that holds the membership (<c>host:port[,option=value…]</c>, StackExchange.Redis's
    /// configuration string), or null for development clustering.</summary>
    public string? Redis { get; init; }

    /// <summary>The cluster's id: workers and clients of one cluster share it.</summary>
    public string ClusterId { get; init; } = "sdedsl";

    /// <summary>How many work items this worker runs at once; 0 (the default) means one per core.</summary>
    public int WorkItems { get; init; }
}
