using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;
using SdeDsl.Ensembles;
using SdeDsl.Optimizers;
using SdeDsl.Runs;
using Xunit;

namespace SdeDsl.Distributed.Tests;

/// <summary>
/// Distributed runs that a review (2026-12-07) found to hang, loop or fail otherwise than in process: each now ends as
/// the in-process run does, or with one clear error. The scheduler's cases run on scripted silos (no Orleans).
/// </summary>
public sealed class ReviewedFailureTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly ModelCatalog Catalog = new([typeof(SignSgd).Assembly]);

    private static RunDescription Run() => DistributedEnsembleTests.Run("SignSgd", RunKind.Sde);

    /// <summary>No path: in process the options' error; on the cluster there was no item, so nothing checked them
    /// (Paths = 0 returned an empty result, −1 an OverflowException).</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task NoPaths_IsTheInProcessError(int paths)
    {
        RunDescription run = Run() with { Paths = paths };
        ArgumentException local = Assert.ThrowsAny<ArgumentException>(() => RunExecutor.Run(run, Catalog));
        Exception? cluster = await Record.ExceptionAsync(() => DistributedEnsemble.RunAsync(fixture.Cluster.Client, run).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.NotNull(cluster);
        Assert.Equal(local.GetType(), cluster!.GetType());
        Assert.Equal(local.Message, cluster.Message);
    }

    [Fact]
    public void AWorkersArgumentError_ReachesTheClientOnOneLine()
    {
        // An ArgumentOutOfRangeException kept its "Actual value was …" line and its parameter suffix.
        WorkFailure failure = WorkFailure.From(new ArgumentOutOfRangeException("options", 5_000_000_000L, "Steps must be from 1 to 4294967295."));
        Assert.Equal("Steps must be from 1 to 4294967295.", failure.Message);
        Assert.Equal("options", failure.ParamName);
        Assert.True(failure.IsArgumentError);
    }

    /// <summary>A kept-values item's values must fit in an Orleans message (100 MB): 16,384 paths × 821 records of one
    /// observable were 108 MB, dropped by the silo while the run waited an hour. Items are now cut to fit.</summary>
    [Fact]
    public void KeptValuesItemsAreCutToFitAMessage()
    {
        var options = new EnsembleOptions
        {
            Paths = 16_384, Steps = 820, InitialX = [1], Observables = [Observable.Loss], KeepValues = true,
            RecordSteps = [.. Enumerable.Range(0, 821).Select(static i => (long)i)],
        };
        int paths = DistributedEnsemble.ItemPaths(options, 16_384);
        Assert.True(paths * 821L * 8 <= DistributedEnsemble.MaxItemValueBytes, paths + " paths");
        Assert.True(paths >= 8_192 && paths % 256 == 0, paths + " paths");
        Assert.Equal(16_384, DistributedEnsemble.ItemPaths(options with { KeepValues = false }, 16_384));
        Assert.Throws<ArgumentException>(() => DistributedEnsemble.ItemPaths(
            options with { Observables = [.. Enumerable.Repeat(Observable.Loss, 40)] }, 16_384)); // 256 paths are 67 MB
    }

    /// <summary>Paths near 2³¹: the loop that cut the run into items counted in int, wrapped, and never ended.</summary>
    [Fact]
    public async Task PathsNearIntMaxValue_AreCutIntoItems()
    {
        RunDescription run = Run() with { Paths = int.MaxValue, Steps = 1, RecordSteps = [1], KeepValues = false };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        IGrainFactory nothing = WorkItemSchedulerTests.Proxy<IGrainFactory>(static (m, _) => throw new NotSupportedException(m.Name));
        Task<EnsembleResult> task = Task.Run(() => DistributedEnsemble.RunAsync(nothing, run, null, null, cancelled.Token));
        Assert.Same(task, await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    /// <summary>A model assembly a worker cannot load fails the run at once with an ArgumentException naming it, as a
    /// missing file does; it was retried on every silo as a silo failure.</summary>
    [Fact]
    public async Task AnAssemblyAWorkerCannotLoad_FailsTheRunAtOnce()
    {
        string bad = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sdedsl-not-an-assembly-" + Guid.NewGuid().ToString("N") + ".dll");
        System.IO.File.WriteAllText(bad, "not a PE file");
        try
        {
            RunDescription run = Run();
            WorkItem[] items = [new WorkItem(run.ToJson(), 0, 512, [bad]), new WorkItem(run.ToJson(), 512, 512, [bad])];
            using var source = new GrainCancellationTokenSource();
            var scheduler = new WorkItemScheduler(fixture.Cluster.Client, items, 4, _ => { }, source.Token, CancellationToken.None);
            ArgumentException worker = await Assert.ThrowsAnyAsync<ArgumentException>(() => scheduler.RunAsync().WaitAsync(TimeSpan.FromMinutes(2)));
            Assert.Contains(bad, worker.Message, StringComparison.Ordinal);
            await Assert.ThrowsAnyAsync<ArgumentException>(() => DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, new DistributedRunOptions { Assemblies = [bad] }));
        }
        finally
        {
            System.IO.File.Delete(bad);
        }
    }

    /// <summary>Three items on two silos, the first attempt at item 0 hangs: with copies only after three finished
    /// items, the hung one was never copied.</summary>
    [Fact]
    public async Task AHungItemInARunOfThreeIsCopied()
    {
        var silos = new Silos(2, (item, attempt) => item.FirstPath == 0 && attempt == 1 ? new TaskCompletionSource<WorkItemResult>().Task : null);
        WorkItem[] items = [.. Enumerable.Range(0, 3).Select(static i => new WorkItem("{}", 256 * i, 256, []))];
        using var source = new GrainCancellationTokenSource();
        var scheduler = new WorkItemScheduler(silos.Factory, items, 4, _ => { }, source.Token, CancellationToken.None, stragglerFloor: TimeSpan.FromMilliseconds(200));
        Task<WorkItemResult[]> run = scheduler.RunAsync();
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(3, (await run).Length);
    }

    /// <summary>Item 0 hangs on one silo and its copy fails on another; a third is idle. The item was never run again
    /// (the failed copy was not retried, and no second copy was allowed) and the run waited for the hung call's hour.</summary>
    [Fact]
    public async Task AnItemWhoseCopyFailsWhileTheFirstHangsRunsAgain()
    {
        var silos = new Silos(3, (item, attempt) => item.FirstPath != 0 ? null
            : attempt == 1 ? new TaskCompletionSource<WorkItemResult>().Task
            : attempt == 2 ? Task.FromException<WorkItemResult>(new TimeoutException("the copy's silo died"))
            : null);
        WorkItem[] items = [.. Enumerable.Range(0, 12).Select(static i => new WorkItem("{}", 256 * i, 256, []))];
        using var source = new GrainCancellationTokenSource();
        var scheduler = new WorkItemScheduler(silos.Factory, items, 4, _ => { }, source.Token, CancellationToken.None, stragglerFloor: TimeSpan.FromMilliseconds(200));
        Task<WorkItemResult[]> run = scheduler.RunAsync();
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(12, (await run).Length);
        Assert.True(silos.AttemptsOf(0) >= 3, silos.AttemptsOf(0) + " attempts at item 0");
    }

    /// <summary>Every silo is listed but none answers when asked its capacity: the run looped for ever; it now fails.</summary>
    [Fact]
    public async Task NoSiloAnswering_FailsTheRun()
    {
        var silos = new Silos(2, static (_, _) => null, describeFails: true);
        WorkItem[] items = [new WorkItem("{}", 0, 256, [])];
        using var source = new GrainCancellationTokenSource();
        var scheduler = new WorkItemScheduler(silos.Factory, items, 4, _ => { }, source.Token, CancellationToken.None, lookInterval: TimeSpan.FromMilliseconds(100));
        Task<WorkItemResult[]> run = scheduler.RunAsync();
        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))));
        DistributedRunException e = await Assert.ThrowsAsync<DistributedRunException>(() => run);
        Assert.Contains("no worker answered", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A model library rebuilt at the same path: the catalog was kept per path, so a long-lived worker ran
    /// its first build for ever (and a new build under the same assembly name would have been given the loaded one).
    /// It is now kept per content: the second build is loaded afresh, and an unchanged file is not loaded again.</summary>
    [Fact]
    public void AModelLibraryRebuiltAtTheSamePath_IsLoadedAfresh()
    {
        string library = System.IO.Path.Combine(ModelLibrary.TempFolder(), ModelLibrary.AssemblyName + ".dll");
        byte[] first = ModelLibrary.Compile(ModelLibrary.StepSgd(1)), second = ModelLibrary.Compile(ModelLibrary.StepSgd(2));
        RunDescription run = Run() with { Model = "StepSgd", Kind = RunKind.Optimizer };

        ModelLibrary.Install(first, library);
        ModelCatalog before = Catalogs.For([library]);
        Assert.Same(before, Catalogs.For([library]));
        ModelLibrary.Install(second, library);
        ModelCatalog after = Catalogs.For([library]);

        Assert.NotSame(before, after);
        Assert.NotSame(before.Find("StepSgd").Type, after.Find("StepSgd").Type);
        EnsembleResult expected = RunExecutor.Run(run, ModelLibrary.CatalogOf(second));
        Assert.NotEqual(RunExecutor.Run(run, ModelLibrary.CatalogOf(first)).Moments(0, 2), expected.Moments(0, 2));
        DistributedEnsembleTests.AssertSameBits(expected, RunExecutor.Run(run, after));
    }

    /// <summary>The same through the cluster: a run after the rebuild gives the second build's bits, not the first's.</summary>
    [Fact]
    public async Task ARunAfterTheModelIsRebuilt_RunsTheNewBuildOnTheWorkers()
    {
        string library = System.IO.Path.Combine(ModelLibrary.TempFolder(), ModelLibrary.AssemblyName + ".dll");
        byte[] first = ModelLibrary.Compile(ModelLibrary.StepSgd(1)), second = ModelLibrary.Compile(ModelLibrary.StepSgd(2));
        RunDescription run = Run() with { Model = "StepSgd", Kind = RunKind.Optimizer };
        var options = new DistributedRunOptions { WorkItemPaths = 512, Assemblies = [library] };

        ModelLibrary.Install(first, library);
        EnsembleResult firstRun = await DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, options).WaitAsync(TimeSpan.FromMinutes(2));
        ModelLibrary.Install(second, library);
        EnsembleResult secondRun = await DistributedEnsemble.RunAsync(fixture.Cluster.Client, run, options).WaitAsync(TimeSpan.FromMinutes(2));

        DistributedEnsembleTests.AssertSameBits(RunExecutor.Run(run, ModelLibrary.CatalogOf(first)), firstRun);
        DistributedEnsembleTests.AssertSameBits(RunExecutor.Run(run, ModelLibrary.CatalogOf(second)), secondRun);
    }

    /// <summary>A build made while a run is going (or another file at the same path on another machine): each item used
    /// whatever build its worker read, and one run could merge two. Items carry the client's hashes; a worker that reads
    /// other bytes refuses the item, and the run fails with an argument error naming the file.</summary>
    [Fact]
    public async Task AnItemRefusesABuildOtherThanTheOneTheRunStartedWith()
    {
        string library = System.IO.Path.Combine(ModelLibrary.TempFolder(), ModelLibrary.AssemblyName + ".dll");
        ModelLibrary.Install(ModelLibrary.Compile(ModelLibrary.StepSgd(1)), library);
        Catalogs.For([library], null, out string[] startedWith);
        ModelLibrary.Install(ModelLibrary.Compile(ModelLibrary.StepSgd(2)), library); // rebuilt during the run
        string json = (Run() with { Model = "StepSgd", Kind = RunKind.Optimizer }).ToJson();
        WorkItem[] items = [new WorkItem(json, 0, 512, [library], startedWith)];
        using var source = new GrainCancellationTokenSource();
        var scheduler = new WorkItemScheduler(fixture.Cluster.Client, items, 4, _ => { }, source.Token, CancellationToken.None);

        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => scheduler.RunAsync().WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Contains("is not the build the run started with", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Catalogs.For([library], startedWith, out _));
        Catalogs.For([library], null, out string[] now);
        Assert.NotEqual(startedWith, now);
    }

    /// <summary>A model whose own code throws, on a real cluster: the worker's exception was taken for a failing silo
    /// and the item retried on every silo, MaxAttempts times. It now fails the run on the item's first attempt, with a
    /// DistributedRunException naming the exception's type and message.</summary>
    [Fact]
    public async Task AModelThatThrows_FailsTheRunOnItsFirstAttempt()
    {
        string library = System.IO.Path.Combine(ModelLibrary.TempFolder(), ModelLibrary.AssemblyName + ".dll");
        ModelLibrary.Install(ModelLibrary.Compile(ModelLibrary.ThrowingSgd), library);
        string json = (Run() with { Model = "ThrowingSgd" }).ToJson();
        WorkItem[] items = [new WorkItem(json, 0, 512, [library]), new WorkItem(json, 512, 512, [library])];
        var attempts = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        IGrainFactory counting = CountingRuns(fixture.Cluster.Client, item => attempts.AddOrUpdate(item.FirstPath, 1, static (_, n) => n + 1));
        using var source = new GrainCancellationTokenSource();
        var scheduler = new WorkItemScheduler(counting, items, 4, _ => { }, source.Token, CancellationToken.None);

        DistributedRunException e = await Assert.ThrowsAsync<DistributedRunException>(() => scheduler.RunAsync().WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.All(attempts, a => Assert.True(a.Value == 1, $"item {a.Key} was attempted {a.Value} times"));
        Assert.Contains("System.InvalidOperationException: the model's own error", e.Message, StringComparison.Ordinal);
    }

    /// <summary>On scripted silos: an item whose work fails (the worker answers with the failure) is not retried, even
    /// with attempts and silos to spare; the run fails with the exception's type and message.</summary>
    [Fact]
    public async Task AWorkFailure_IsNotRetried()
    {
        var silos = new Silos(3, static (item, _) => item.FirstPath == 256
            ? Task.FromResult(new WorkItemResult { FirstPath = 256, Paths = 256, Failure = WorkFailure.From(new DivideByZeroException("the objective's own error")) })
            : null);
        WorkItem[] items = [.. Enumerable.Range(0, 6).Select(static i => new WorkItem("{}", 256 * i, 256, []))];
        using var source = new GrainCancellationTokenSource();
        var scheduler = new WorkItemScheduler(silos.Factory, items, 4, _ => { }, source.Token, CancellationToken.None);

        Exception? e = await Record.ExceptionAsync(() => scheduler.RunAsync().WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Equal(1, silos.AttemptsOf(256));
        DistributedRunException failed = Assert.IsType<DistributedRunException>(e);
        Assert.Contains("work item 1 (paths 256…511)", failed.Message, StringComparison.Ordinal);
        Assert.Contains("System.DivideByZeroException: the objective's own error", failed.Message, StringComparison.Ordinal);
    }

    /// <summary>A divergence in one item: the run went on with every other item (queued ones started, running ones
    /// ran to the end) and threw only then. Now the first divergence fails the run: no queued item starts, the item
    /// running on the other silo is cancelled, and the error is the divergence. Item 0 diverges once another item has
    /// started (so one is in flight); that item's first attempt runs until it is cancelled.</summary>
    [Fact]
    public async Task ADivergence_StopsTheOtherItems_AndFailsTheRun()
    {
        var otherStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int blocking = 0;
        var silos = new Silos(2, (item, attempt, token) =>
        {
            if (item.FirstPath == 0)
            {
                return Diverge(item);
            }

            return attempt == 1 && Interlocked.CompareExchange(ref blocking, 1, 0) == 0 ? RunUntilCancelled(token) : null;
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // a hang guard only

        Exception? e = await Record.ExceptionAsync(() => DistributedEnsemble.RunAsync(silos.Factory, Run(), new DistributedRunOptions { WorkItemPaths = 256 }, null, cancel.Token));

        Assert.Equal(2, silos.Attempts); // item 0 and the one in flight: no queued item was started
        Assert.Same(otherCancelled.Task, await Task.WhenAny(otherCancelled.Task, Task.Delay(TimeSpan.FromMinutes(1))));
        EnsembleDivergedException diverged = Assert.IsType<EnsembleDivergedException>(e);
        Assert.Equal((17L, 5L, "x", 1), (diverged.Path, diverged.Step, diverged.Quantity, diverged.Coordinate));
        Assert.StartsWith("Path 17 diverged at step 5", diverged.Message, StringComparison.Ordinal);

        async Task<WorkItemResult> Diverge(WorkItem item)
        {
            await otherStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
            return new WorkItemResult { FirstPath = item.FirstPath, Paths = item.Paths, Divergence = new DivergenceReport(17, 5, 1, double.NaN, "x") };
        }

        async Task<WorkItemResult> RunUntilCancelled(CancellationToken token)
        {
            otherStarted.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                otherCancelled.TrySetResult();
            }

            throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>Progress as items finish on several threads at once: counted with an atomic add and reported after it,
    /// a thread preempted between the two reported fewer path-steps after another had reported more. The reports the
    /// caller sees now never go back, and never pass the total (a count past it is reported as the total).</summary>
    [Fact]
    public void ProgressNeverGoesBack_NorPastTheTotal()
    {
        const int Threads = 4, ItemsEach = 50_000;
        var reports = new List<long>(Threads * ItemsEach + 1);
        // A caller's handler that takes a moment (a console bar, say): a thread that has counted waits for it while
        // another counts more, which makes the preemption between counting and reporting common.
        var progress = new Recorder(p =>
        {
            lock (reports)
            {
                reports.Add(p.CompletedPathSteps);
                Thread.SpinWait(100);
            }
        });
        const long Total = (long)Threads * ItemsEach * 10;
        var counter = new ProgressCounter(progress, Total);
        using var start = new Barrier(Threads);
        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < ItemsEach; i++)
            {
                counter.Add(10);
            }
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        counter.Add(10); // one count too many (an item counted twice, say)

        int back = Enumerable.Range(1, reports.Count - 1).Count(i => reports[i] < reports[i - 1]);
        Assert.True(back == 0, $"{back} of {reports.Count} reports went back");
        Assert.Equal(Total, reports.Max());
        Assert.Equal(Total, reports[^1]);
    }

    /// <summary>A grain factory that forwards to <paramref name="grains"/> and calls <paramref name="run"/> before each
    /// work item a worker is asked to run.</summary>
    private static IGrainFactory CountingRuns(IGrainFactory grains, Action<WorkItem> run) =>
        WorkItemSchedulerTests.Proxy<IGrainFactory>((method, args) =>
        {
            object? grain = method.Invoke(grains, args);
            return grain is IEnsembleWorker worker
                ? WorkItemSchedulerTests.Proxy<IEnsembleWorker>((m, a) =>
                {
                    if (m.Name == nameof(IEnsembleWorker.Run))
                    {
                        run((WorkItem)a![0]!);
                    }

                    return m.Invoke(worker, a);
                })
                : grain;
        });

    private sealed class Recorder(Action<EnsembleProgress> report) : IProgress<EnsembleProgress>
    {
        public void Report(EnsembleProgress value) => report(value);
    }

    /// <summary>Silos whose workers follow a script: per item and attempt (1, 2, …), a task to return, or null for a
    /// result after 20 ms.</summary>
    private sealed class Silos
    {
        private readonly SiloAddress[] _silos;
        private readonly Func<WorkItem, int, CancellationToken, Task<WorkItemResult>?> _script;
        private readonly bool _describeFails;
        private readonly Dictionary<int, int> _attempts = [];

        public Silos(int count, Func<WorkItem, int, Task<WorkItemResult>?> script, bool describeFails = false)
            : this(count, (item, attempt, _) => script(item, attempt), describeFails)
        {
        }

        /// <summary>Silos whose script also gets the call's cancellation (the run's grain cancellation token).</summary>
        public Silos(int count, Func<WorkItem, int, CancellationToken, Task<WorkItemResult>?> script, bool describeFails = false)
        {
            _silos = [.. Enumerable.Range(1, count).Select(static i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, i), 1))];
            (_script, _describeFails) = (script, describeFails);
            Factory = WorkItemSchedulerTests.Proxy<IGrainFactory>(Grain);
        }

        public IGrainFactory Factory { get; }

        /// <summary>Calls to run an item, every item and attempt.</summary>
        public int Attempts
        {
            get
            {
                lock (_attempts)
                {
                    return _attempts.Values.Sum();
                }
            }
        }

        public int AttemptsOf(int firstPath)
        {
            lock (_attempts)
            {
                return _attempts.GetValueOrDefault(firstPath);
            }
        }

        private object? Grain(MethodInfo method, object?[]? args)
        {
            if (method.GetGenericArguments()[0] == typeof(IManagementGrain))
            {
                return WorkItemSchedulerTests.Proxy<IManagementGrain>((m, _) => m.Name == nameof(IManagementGrain.GetHosts)
                    ? Task.FromResult(_silos.ToDictionary(static s => s, static _ => SiloStatus.Active))
                    : throw new NotSupportedException(m.Name));
            }

            string key = (string)args![0]!;
            string silo = _silos.Select(static s => s.ToParsableString()).First(s => key.Contains(s + "/", StringComparison.Ordinal));
            return WorkItemSchedulerTests.Proxy<IEnsembleWorker>((m, a) => m.Name switch
            {
                nameof(IEnsembleWorker.Describe) => _describeFails ? Task.FromException<WorkerSlot>(new TimeoutException("no answer")) : Task.FromResult(new WorkerSlot(silo, 1)),
                nameof(IEnsembleWorker.Run) => RunItem((WorkItem)a![0]!, silo, (a[1] as GrainCancellationToken)?.CancellationToken ?? CancellationToken.None),
                _ => throw new NotSupportedException(m.Name),
            });
        }

        private async Task<WorkItemResult> RunItem(WorkItem item, string silo, CancellationToken token)
        {
            int attempt;
            lock (_attempts)
            {
                attempt = _attempts[item.FirstPath] = _attempts.GetValueOrDefault(item.FirstPath) + 1;
            }

            if (_script(item, attempt, token) is { } scripted)
            {
                return await scripted;
            }

            await Task.Delay(20);
            return new WorkItemResult { FirstPath = item.FirstPath, Paths = item.Paths, Worker = silo };
        }
    }
}
