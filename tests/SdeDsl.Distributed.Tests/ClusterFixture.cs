using System;
using Orleans.TestingHost;

namespace SdeDsl.Distributed.Tests;

/// <summary>A real three-silo Orleans cluster in this process (TestingHost), shared by the tests of a class.</summary>
public sealed class ClusterFixture : IDisposable
{
    public ClusterFixture()
    {
        Cluster = new TestClusterBuilder(3).Build();
        Cluster.Deploy();
    }

    public TestCluster Cluster { get; }

    public void Dispose() => Cluster.StopAllSilos();
}
