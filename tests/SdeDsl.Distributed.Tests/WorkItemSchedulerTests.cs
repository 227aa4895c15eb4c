using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;
using Xunit;

namespace SdeDsl.Distributed.Tests;

/// <summary>The scheduler on a scripted cluster (a fake grain factory), for orderings a real cluster gives only by chance.</summary>
public sealed class WorkItemSchedulerTests
{
    /// <summary>
    /// Two items, two silos: the first attempt at item 256 fails, so its silo's slots end and the scheduler looks at the
    /// membership; while that look is under way the other silo finishes item 0 and then the retried item 256, the last.
    /// The run must end then, not after the look interval (an hour here: the run would hang). Before the fix the
    /// scheduler gathered the silos still running (none) after the look and slept the whole interval.
    /// </summary>
    [Fact]
    public async Task LastItemFinishingDuringAMembershipLook_EndsTheRunAtOnce()
    {
        var cluster = new ScriptedCluster();
        var items = new[] { new WorkItem("{}", 0, 256, []), new WorkItem("{}", 256, 256, []) };
        using var source = new GrainCancellationTokenSource();
        var scheduler = new WorkItemScheduler(cluster.Factory, items, maxAttempts: 2, _ => { }, source.Token, CancellationToken.None,
            lookInterval: TimeSpan.FromHours(1));

        Task<WorkItemResult[]> run = scheduler.RunAsync();
        // Generous: the run ends within milliseconds when it works; it hangs for the hour-long interval when it does not.
        WorkItemResult[] results = await run.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal([0, 256], Array.ConvertAll(results, static r => r.FirstPath));
        Assert.True(cluster.Looks >= 2, "the second look, during which the item finished, did not happen");
    }

    /// <summary>
    /// The caller's callback for a finished item (progress, <c>WorkItemFinished</c>) throws: the run fails with that
    /// exception, and the item is not sent to another worker as if its worker had failed (which would report it twice
    /// and count its paths twice).
    /// </summary>
    [Fact]
    public async Task ACallbackThatThrows_FailsTheRun_WithoutRerunningTheItem()
    {
        var cluster = new TwoSilos();
        var items = new[] { new WorkItem("{}", 0, 256, []), new WorkItem("{}", 256, 256, []), new WorkItem("{}", 512, 256, []) };
        using var source = new GrainCancellationTokenSource();
        int calls = 0;
        var scheduler = new WorkItemScheduler(cluster.Factory, items, maxAttempts: 3, result =>
        {
            Interlocked.Increment(ref calls);
            if (result.FirstPath == 256)
            {
                throw new InvalidOperationException("the caller's progress handler failed");
            }
        }, source.Token, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.RunAsync().WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal("the caller's progress handler failed", error.Message);
        Assert.True(cluster.Runs <= items.Length, $"{cluster.Runs} item runs for {items.Length} items: an item was re-run");
        Assert.True(calls <= items.Length, $"{calls} callbacks for {items.Length} items");
    }

    /// <summary>
    /// A worker hangs on an item while its silo stays a member (the membership never says it is gone): the item's first
    /// attempt never answers. The other silo, idle once the queue is empty, copies the straggler after the straggler
    /// floor (200 ms here, 3× the median item otherwise); the run ends with every item reported once, the hung item's
    /// result from the other silo. Before copies the run waited for the call's hour-long timeout.
    /// </summary>
    [Fact]
    public async Task AHungWorkerThatStaysAMember_HasItsItemCopiedElsewhere()
    {
        var cluster = new TwoSilos(firstAttemptOfItem0: new TaskCompletionSource<WorkItemResult>().Task, itemMilliseconds: 20);
        WorkItem[] items = [.. Enumerable.Range(0, 8).Select(static i => new WorkItem("{}", 256 * i, 256, []))];
        using var source = new GrainCancellationTokenSource();
        var reported = new List<long>();
        var scheduler = new WorkItemScheduler(cluster.Factory, items, maxAttempts: 1, r => { lock (reported) { reported.Add(r.FirstPath); } },
            source.Token, CancellationToken.None, stragglerFloor: TimeSpan.FromMilliseconds(200));

        WorkItemResult[] results = await scheduler.RunAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(items.Select(static i => (long)i.FirstPath).ToArray(), results.Select(static r => (long)r.FirstPath).ToArray());
        Assert.Equal(items.Select(static i => (long)i.FirstPath).ToArray(), reported.Select(static p => (long)p).Order().ToArray());
        Assert.NotEqual(cluster.FirstSiloOfItem0, results[0].Worker);
        // At least the copy of item 0; a machine that stalls an item past the 200 ms floor may copy that one too.
        Assert.True(cluster.Runs >= items.Length + 1, $"{cluster.Runs} runs for {items.Length} items: item 0 was not copied");
        Assert.True(scheduler.HasAttemptsInFlight, "the hung attempt is still in flight: the caller cancels it");
    }

    /// <summary>The first attempt at an item answers only after its copy has finished the run: the copy is the result,
    /// the late answer is dropped (not reported a second time), and nothing is left in flight once it has come. The
    /// late answer is released by the test after the run has returned, so the order does not depend on timing.</summary>
    [Fact]
    public async Task AnAttemptThatAnswersAfterItsCopy_IsDroppedAndCountsOnce()
    {
        var late = new TaskCompletionSource<WorkItemResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cluster = new TwoSilos(firstAttemptOfItem0: late.Task, itemMilliseconds: 20);
        WorkItem[] items = [.. Enumerable.Range(0, 8).Select(static i => new WorkItem("{}", 256 * i, 256, []))];
        using var source = new GrainCancellationTokenSource();
        int reported = 0;
        var scheduler = new WorkItemScheduler(cluster.Factory, items, maxAttempts: 1, _ => Interlocked.Increment(ref reported),
            source.Token, CancellationToken.None, stragglerFloor: TimeSpan.FromMilliseconds(200));

        WorkItemResult[] results = await scheduler.RunAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(scheduler.HasAttemptsInFlight);
        late.SetResult(new WorkItemResult { FirstPath = 0, Paths = 256, Worker = "late" });
        for (int i = 0; i < 1200 && scheduler.HasAttemptsInFlight; i++)
        {
            await Task.Delay(100); // the late answer's continuation runs on the thread pool
        }

        Assert.NotEqual("late", results[0].Worker);
        Assert.False(scheduler.HasAttemptsInFlight);
        Assert.Equal(items.Length, Volatile.Read(ref reported));
        // At least the copy of item 0; a machine that stalls an item past the 200 ms floor may copy that one too.
        Assert.True(cluster.Runs >= items.Length + 1, $"{cluster.Runs} runs for {items.Length} items: item 0 was not copied");
    }

    /// <summary>Two silos of capacity 1 that say so after 100 ms (so the scheduler is waiting on both when their slots
    /// start). The first attempt at item 256 fails at once (its silo's slots end, and the scheduler looks at the
    /// membership); item 0 finishes during that second look, before it answers, and the retried item 256 at once.</summary>
    private sealed class ScriptedCluster
    {
        private readonly SiloAddress[] _silos = [SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 1), SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 2), 1)];
        private readonly TaskCompletionSource<WorkItemResult> _item = new();
        private int _looks, _attemptsOf256;

        public ScriptedCluster() => Factory = Proxy<IGrainFactory>(Grain);

        public IGrainFactory Factory { get; }

        public int Looks => Volatile.Read(ref _looks);

        private object? Grain(MethodInfo method, object?[]? args)
        {
            Type type = method.GetGenericArguments()[0];
            if (type == typeof(IManagementGrain))
            {
                return Proxy<IManagementGrain>((m, _) => m.Name == nameof(IManagementGrain.GetHosts) ? GetHosts() : throw new NotSupportedException(m.Name));
            }

            string key = (string)args![0]!;
            SiloAddress silo = key.Contains(_silos[0].ToParsableString(), StringComparison.Ordinal) ? _silos[0] : _silos[1];
            return Proxy<IEnsembleWorker>((m, a) => m.Name switch
            {
                nameof(IEnsembleWorker.Describe) => Describe(silo),
                nameof(IEnsembleWorker.Run) => ((WorkItem)a![0]!).FirstPath == 0 ? _item.Task
                    : Interlocked.Increment(ref _attemptsOf256) == 1 ? Task.FromException<WorkItemResult>(new TimeoutException("a lost message"))
                    : Task.FromResult(new WorkItemResult { FirstPath = 256, Paths = 256 }),
                _ => throw new NotSupportedException(m.Name),
            });
        }

        private static async Task<WorkerSlot> Describe(SiloAddress silo)
        {
            await Task.Delay(100);
            return new WorkerSlot(silo.ToParsableString(), 1);
        }

        private async Task<Dictionary<SiloAddress, SiloStatus>> GetHosts()
        {
            if (Interlocked.Increment(ref _looks) == 2)
            {
                // One silo's slots have ended (its item failed) and the scheduler is looking: the other silo finishes
                // item 0 now, then the retried item 256, the last, its slot and silo task ending with it (they run on
                // from here), before the look answers.
                _item.SetResult(new WorkItemResult { FirstPath = 0, Paths = 256 });
                await Task.Delay(100);
            }

            return new Dictionary<SiloAddress, SiloStatus> { [_silos[0]] = SiloStatus.Active, [_silos[1]] = SiloStatus.Active };
        }
    }

    /// <summary>Two silos of capacity 1, always members, whose workers take <c>itemMilliseconds</c> an item (0: they
    /// answer at once), except the first attempt at item 0 when a task is given for it: that one answers when the task
    /// does.</summary>
    private sealed class TwoSilos
    {
        private readonly SiloAddress[] _silos = [SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 1), SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 2), 1)];
        private readonly Task<WorkItemResult>? _firstAttemptOfItem0;
        private readonly int _itemMilliseconds;
        private int _runs, _attemptsOfItem0;

        public TwoSilos(Task<WorkItemResult>? firstAttemptOfItem0 = null, int itemMilliseconds = 0)
        {
            (_firstAttemptOfItem0, _itemMilliseconds) = (firstAttemptOfItem0, itemMilliseconds);
            Factory = Proxy<IGrainFactory>(Grain);
        }

        public IGrainFactory Factory { get; }

        public int Runs => Volatile.Read(ref _runs);

        public string? FirstSiloOfItem0 { get; private set; }

        private object? Grain(MethodInfo method, object?[]? args)
        {
            if (method.GetGenericArguments()[0] == typeof(IManagementGrain))
            {
                return Proxy<IManagementGrain>((m, _) => m.Name == nameof(IManagementGrain.GetHosts)
                    ? Task.FromResult(new Dictionary<SiloAddress, SiloStatus> { [_silos[0]] = SiloStatus.Active, [_silos[1]] = SiloStatus.Active })
                    : throw new NotSupportedException(m.Name));
            }

            string key = (string)args![0]!;
            string silo = (key.Contains(_silos[0].ToParsableString(), StringComparison.Ordinal) ? _silos[0] : _silos[1]).ToParsableString();
            return Proxy<IEnsembleWorker>((m, a) => m.Name switch
            {
                nameof(IEnsembleWorker.Describe) => Task.FromResult(new WorkerSlot(silo, 1)),
                nameof(IEnsembleWorker.Run) => Run((WorkItem)a![0]!, silo),
                _ => throw new NotSupportedException(m.Name),
            });
        }

        private async Task<WorkItemResult> Run(WorkItem item, string silo)
        {
            Interlocked.Increment(ref _runs);
            if (_firstAttemptOfItem0 is not null && item.FirstPath == 0 && Interlocked.Increment(ref _attemptsOfItem0) == 1)
            {
                FirstSiloOfItem0 = silo;
                return await _firstAttemptOfItem0;
            }

            if (_itemMilliseconds > 0)
            {
                await Task.Delay(_itemMilliseconds);
            }

            return new WorkItemResult { FirstPath = item.FirstPath, Paths = item.Paths, Worker = silo };
        }
    }

    internal static T Proxy<T>(Func<MethodInfo, object?[]?, object?> handler)
        where T : class
    {
        T proxy = DispatchProxy.Create<T, Handler>();
        ((Handler)(object)proxy).Handle = handler;
        return proxy;
    }

    public class Handler : DispatchProxy
    {
        internal Func<MethodInfo, object?[]?, object?> Handle { get; set; } = (m, _) => throw new NotSupportedException(m.Name);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => Handle(targetMethod!, args);
    }
}
