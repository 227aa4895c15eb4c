using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SdeDsl.Ensembles;
using SdeDsl.Optimizers;
using SdeDsl.Runs;
using Xunit;

namespace SdeDsl.Distributed.Tests;

/// <summary>A run on a three-silo cluster gives the bits of the same run on one machine.</summary>
public sealed class DistributedEnsembleTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly ModelCatalog Catalog = new([typeof(SignSgd).Assembly]);

    /// <summary>A small run of <paramref name="model"/> (SignSgd or AdamW) on a three-coordinate quadratic; the reviewed
    /// failure tests start from it too.</summary>
    internal static RunDescription Run(string model, RunKind kind, SdeIntegrator integrator = SdeIntegrator.EulerMaruyama, bool? keep = null) => new()
    {
        Model = model,
        Hyperparameters = model switch
        {
            "AdamW" => new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 0.01, ["Beta1"] = 0.9, ["Beta2"] = 0.99, ["WeightDecay"] = 0.1 },
            _ => new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 0.02 },
        },
        Objective = "quadratic:1,2,4",
        Noise = "gaussian:1",
        Kind = kind,
        Integrator = integrator,
        Paths = 3_000,
        Steps = 60,
        TimeStep = 0.02,
        StartTime = model == "AdamW" && kind == RunKind.Sde ? 0.01 : 0,
        Seed = 17,
        RecordSteps = [0, 30, 60],
        Observables = model == "AdamW" ? ["f", "|v|^2"] : ["f", "x[1]"],
        InitialX = [1, -1, 0.5],
        InitialStates = model == "AdamW" ? new Dictionary<string, double[]> { ["v"] = [0.01] } : null,
        KeepValues = keep,
    };

    public static TheoryData<string, RunKind, SdeIntegrator, bool> Cases => new()
    {
        { "SignSgd", RunKind.Optimizer, SdeIntegrator.EulerMaruyama, true },
        { "SignSgd", RunKind.Sde, SdeIntegrator.WeakOrder2, true },
        { "AdamW", RunKind.Optimizer, SdeIntegrator.EulerMaruyama, true },
        { "AdamW", RunKind.Sde, SdeIntegrator.EulerMaruyama, false },
        { "RmsPropW", RunKind.Sde, SdeIntegrator.Milstein, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ClusterRun_GivesTheLocalBits(string model, RunKind kind, SdeIntegrator integrator, bool keep)
    {
        RunDescription run = Run(model, kind, integrator, keep);
        if (model == "RmsPropW")
        {
            run = run with { Hyperparameters = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 0.01, ["Beta"] = 0.99, ["WeightDecay"] = 0.1 },
                InitialStates = new Dictionary<string, double[]> { ["v"] = [1] } };
        }

        EnsembleResult local = RunExecutor.Run(run, Catalog);
        EnsembleResult cluster = await DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, new DistributedRunOptions { WorkItemPaths = 512 });
        AssertSameBits(local, cluster);
    }

    /// <summary>A float run with its own draws (<see cref="EnsemblePrecision.SingleOwnDraws"/>) split into items of 512
    /// paths over the silos gives the local run's bits, streamed and kept: its draws depend on the global path index as
    /// the paired ones do.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ClusterRun_SingleOwnDraws_GivesTheLocalBits(bool keep)
    {
        RunDescription run = Run("AdamW", RunKind.Sde, SdeIntegrator.EulerMaruyama, keep) with { Precision = EnsemblePrecision.SingleOwnDraws };
        EnsembleResult local = RunExecutor.Run(run, Catalog);
        EnsembleResult cluster = await DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, new DistributedRunOptions { WorkItemPaths = 512 });
        AssertSameBits(local, cluster);
    }

    /// <summary>A silo stopped while the items run: its items run again elsewhere; the result is still the local bits,
    /// with no path lost or counted twice (every count equals the path count).</summary>
    [Fact]
    public async Task SiloStoppedMidRun_StillGivesTheLocalBits()
    {
        RunDescription run = Run("SignSgd", RunKind.Sde) with { Paths = 40_960, Steps = 400, RecordSteps = [0, 200, 400], KeepValues = false };
        EnsembleResult local = RunExecutor.Run(run, Catalog);
        var started = new TaskCompletionSource();
        var progress = new SynchronousProgress(p => { if (p.CompletedPathSteps > 0) { started.TrySetResult(); } });
        Task<EnsembleResult> running = DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, new DistributedRunOptions { WorkItemPaths = 1_024 }, progress);
        await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        await fixture.Cluster.StopSiloAsync(fixture.Cluster.SecondarySilos[0]);
        EnsembleResult cluster = await running;
        AssertSameBits(local, cluster);
        Assert.Equal(40_960, cluster.Moments(0, 2).Count);
    }

    /// <summary>Every silo takes part (each pulls items as its slots free up), every item arrives once, and progress
    /// advances item by item up to the run's path-steps.</summary>
    [Fact]
    public async Task EverySiloRunsItems_EachItemOnce_ProgressPerItem()
    {
        RunDescription run = Run("SignSgd", RunKind.Sde) with { Paths = 49_152, Steps = 300, RecordSteps = [0, 300], KeepValues = false };
        var finished = new System.Collections.Concurrent.ConcurrentBag<WorkItemResult>();
        var reports = new System.Collections.Concurrent.ConcurrentBag<long>();
        EnsembleResult cluster = await DistributedEnsemble.RunAsync(fixture.Cluster.Client, run,
            new DistributedRunOptions { WorkItemPaths = 1_024, WorkItemFinished = finished.Add }, new SynchronousProgress(p => reports.Add(p.CompletedPathSteps)));
        AssertSameBits(RunExecutor.Run(run, Catalog), cluster);
        Assert.Equal(Enumerable.Range(0, 48).Select(i => i * 1_024), finished.Select(r => r.FirstPath).Order());
        string[] silos = fixture.Cluster.Silos.Select(s => s.SiloAddress.ToParsableString()).Order().ToArray();
        Assert.Equal(silos, finished.Select(r => r.Worker).Distinct().Order());
        Assert.Equal(Enumerable.Range(1, 48).Select(i => (long)i * 1_024 * 300), reports.Order());
    }

    /// <summary><see cref="DistributedRunOptions.MaxWorkers"/>: one worker runs every item, and it is the first silo in
    /// address order; two workers run them with one silo left out; the bits are the local ones either way.</summary>
    [Fact]
    public async Task MaxWorkers_LimitsTheSilosThatRunItems_SameBits()
    {
        RunDescription run = Run("SignSgd", RunKind.Sde) with { Paths = 12_288, Steps = 100, RecordSteps = [0, 100], KeepValues = false };
        EnsembleResult local = RunExecutor.Run(run, Catalog);
        var silos = fixture.Cluster.Silos.Select(static s => s.SiloAddress).OrderBy(static a => a.Endpoint.Address.ToString(), StringComparer.Ordinal)
            .ThenBy(static a => a.Endpoint.Port).Select(static a => a.ToParsableString()).ToArray();
        foreach (int maxWorkers in new[] { 1, 2 })
        {
            var finished = new System.Collections.Concurrent.ConcurrentBag<WorkItemResult>();
            EnsembleResult cluster = await DistributedEnsemble.RunAsync(fixture.Cluster.Client, run,
                new DistributedRunOptions { WorkItemPaths = 512, MaxWorkers = maxWorkers, WorkItemFinished = finished.Add });
            AssertSameBits(local, cluster);
            Assert.Equal(24, finished.Count);
            string[] workers = finished.Select(static r => r.Worker).Distinct().Order().ToArray();
            Assert.True(workers.Length <= maxWorkers, $"MaxWorkers = {maxWorkers}, yet {workers.Length} workers ran items");
            if (maxWorkers == 1)
            {
                Assert.Equal([silos[0]], workers);
            }
        }

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, new DistributedRunOptions { MaxWorkers = 0 }));
    }

    /// <summary>Cancelling mid-run ends the run with OperationCanceledException; the cluster then runs the next run to
    /// the local bits (nothing of the cancelled run is left to interfere).</summary>
    [Fact]
    public async Task Cancelled_EndsTheRun_AndTheClusterRunsTheNextOne()
    {
        RunDescription run = Run("SignSgd", RunKind.Sde) with { Paths = 65_536, Steps = 2_000, RecordSteps = [0, 2_000], KeepValues = false };
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.CompletedPathSteps > 0) { cancellation.Cancel(); } });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, new DistributedRunOptions { WorkItemPaths = 256 }, progress, cancellation.Token));
        RunDescription next = Run("AdamW", RunKind.Optimizer);
        AssertSameBits(RunExecutor.Run(next, Catalog), await DistributedEnsemble.RunAsync(fixture.Cluster.Client, next, new DistributedRunOptions { WorkItemPaths = 512 }));
    }

    [Fact]
    public async Task UnknownModel_IsAnArgumentExceptionBeforeAnyWork()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => DistributedEnsemble.RunAsync(fixture.Cluster.Client, Run("NoSuchModel", RunKind.Sde)));
        Assert.Contains("unknown model 'NoSuchModel'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A run of one item reports the local run's divergence (earliest step, then lowest path). A run of many
    /// fails on the first item that diverges, cancelling the others: it reports that item's earliest divergence, a
    /// real one (what the item alone reports), at or after the local run's step.</summary>
    [Fact]
    public async Task Divergence_ReportsTheEarliestStepOfTheItemThatDiverged()
    {
        RunDescription run = Run("Sgd", RunKind.Optimizer) with
        {
            Hyperparameters = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 0.9 }, Steps = 3_000, RecordSteps = [3_000],
        };
        var local = Assert.Throws<EnsembleDivergedException>(() => RunExecutor.Run(run, Catalog));
        var whole = await Assert.ThrowsAsync<EnsembleDivergedException>(() => DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, new DistributedRunOptions { WorkItemPaths = 3_072 }));
        Assert.Equal((local.Path, local.Step, local.Quantity, local.Coordinate), (whole.Path, whole.Step, whole.Quantity, whole.Coordinate));

        var cluster = await Assert.ThrowsAsync<EnsembleDivergedException>(() => DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, new DistributedRunOptions { WorkItemPaths = 512 }));
        Assert.True(cluster.Step >= local.Step, $"step {cluster.Step}, before the local run's {local.Step}");
        int first = (int)(cluster.Path / 512 * 512);
        using var source = new Orleans.GrainCancellationTokenSource();
        var alone = new WorkItemScheduler(fixture.Cluster.Client, [new WorkItem(run.ToJson(), first, Math.Min(512, run.Paths - first), [])], 1, _ => { }, source.Token, CancellationToken.None);
        var item = await Assert.ThrowsAsync<EnsembleDivergedException>(() => alone.RunAsync());
        Assert.Equal((item.Path, item.Step, item.Quantity, item.Coordinate), (cluster.Path, cluster.Step, cluster.Quantity, cluster.Coordinate));
    }

    internal static void AssertSameBits(EnsembleResult local, EnsembleResult cluster)
    {
        Assert.Equal(local.KeepsValues, cluster.KeepsValues);
        for (int o = 0; o < local.Observables.Count; o++)
        {
            for (int r = 0; r < local.RecordSteps.Count; r++)
            {
                Assert.Equal(local.Moments(o, r), cluster.Moments(o, r));
                Assert.Equal(local.Min(o, r), cluster.Min(o, r));
                Assert.Equal(local.Max(o, r), cluster.Max(o, r));
                if (local.KeepsValues)
                {
                    Assert.True(local.Values(o, r).SequenceEqual(cluster.Values(o, r)));
                }
            }
        }
    }

    private sealed class SynchronousProgress(Action<EnsembleProgress> report) : IProgress<EnsembleProgress>
    {
        public void Report(EnsembleProgress value) => report(value);
    }
}
