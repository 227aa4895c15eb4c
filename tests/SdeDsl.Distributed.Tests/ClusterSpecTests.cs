using System;
using System.Linq;
using System.Net;
using Xunit;

namespace SdeDsl.Distributed.Tests;

/// <summary>The <c>--cluster</c> spec: gateways of development clustering, or a Redis server; the cluster id prefix.</summary>
public sealed class ClusterSpecTests
{
    [Fact]
    public void Gateways_WithAndWithoutClusterId()
    {
        ClusterSpec spec = ClusterSpec.Parse("localhost:30000, 127.0.0.2:30001");
        Assert.Equal(ClusterSpec.DefaultClusterId, spec.ClusterId);
        Assert.Null(spec.Redis);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 30000), new IPEndPoint(IPAddress.Parse("127.0.0.2"), 30001)], spec.Gateways);
        Assert.Equal("sweep", ClusterSpec.Parse("sweep@localhost:1").ClusterId);
    }

    [Theory]
    [InlineData("redis://cache:6379", "sdedsl", "cache:6379", "cache:6379")]
    [InlineData("redis://cache", "sdedsl", "cache", "cache")]
    [InlineData("sweep@redis://10.1.2.3:6390,password=secret,ssl=true", "sweep", "10.1.2.3:6390,password=secret,ssl=true", "10.1.2.3:6390")]
    [InlineData("REDIS://cache:1", "sdedsl", "cache:1", "cache:1")]
    public void Redis_KeepsTheConfigurationAndNamesItsEndpoint(string text, string clusterId, string configuration, string endpoint)
    {
        ClusterSpec spec = ClusterSpec.Parse(text);
        Assert.Equal(clusterId, spec.ClusterId);
        Assert.Equal(configuration, spec.Redis);
        Assert.Equal(endpoint, spec.RedisEndpoint);
        Assert.Empty(spec.Gateways);
        Assert.Equal(ClusterSpec.RedisConnectTimeout.TotalMilliseconds, spec.RedisOptions().ConnectTimeout);
        Assert.True(spec.RedisOptions().AbortOnConnectFail);
        Assert.Equal(spec, ClusterSpec.Parse(spec.ToString()) with { Gateways = spec.Gateways });
    }

    [Fact]
    public void Redis_OptionsGivenInTheSpecWin()
    {
        var options = ClusterSpec.Parse("redis://cache:6379,connectTimeout=100,abortConnect=false").RedisOptions();
        Assert.Equal(100, options.ConnectTimeout);
        Assert.False(options.AbortOnConnectFail);
    }

    [Theory]
    [InlineData("redis://", "is not redis://HOST[:PORT]")]
    [InlineData("redis://cache:0", "is not redis://HOST[:PORT]")]
    [InlineData("redis://cache:70000", "is not redis://HOST[:PORT]")]
    [InlineData("redis://cache:6379,frobnicate=1", "frobnicate")]
    [InlineData("sweepredis://cache:6379", "write the cluster id before redis://")]
    [InlineData("@redis://cache", "is not a cluster id")]
    [InlineData("localhost", "'localhost' is not host:port")]
    [InlineData("localhost:http", "is not host:port")]
    [InlineData(" , ", "names no gateway")]
    public void Malformed_IsAnArgumentExceptionNamingCluster(string text, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ClusterSpec.Parse(text));
        Assert.Equal("cluster", e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    /// <summary>Nothing listens on the port: the client gives up after the connect timeout with one message naming the
    /// Redis address, instead of waiting for ever.</summary>
    [Fact]
    public async System.Threading.Tasks.Task UnreachableRedis_IsAClearErrorNamingTheAddress()
    {
        int port = FreePort();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Cluster.ConnectAsync($"sweep@redis://127.0.0.1:{port}"));
        Assert.Equal("cluster", e.ParamName);
        Assert.Contains($"no worker of cluster 'sweep' could be reached through the Redis at 127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Nothing listens at the gateway: the client alone retried for three minutes; the connection now gives up
    /// after its wait (1 s here, 30 s by default) with one message naming the address.</summary>
    [Fact]
    public async System.Threading.Tasks.Task UnreachableGateway_IsAClearErrorAfterTheWait()
    {
        int port = FreePort();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Cluster.ConnectAsync($"127.0.0.1:{port}", TimeSpan.FromSeconds(1)));
        Assert.Equal("cluster", e.ParamName);
        Assert.Contains($"no worker answered at 127.0.0.1:{port}: none answered within 1 s.", e.Message, StringComparison.Ordinal);
    }

    internal static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
