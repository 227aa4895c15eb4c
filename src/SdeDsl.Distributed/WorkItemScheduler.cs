using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace SdeDsl.Distributed;

/// <summary>
/// Hands the work items of one run to the silos of a cluster, pull-style: each silo gets as many slots as it runs items
/// at once (<see cref="WorkerSlot.Capacity"/>), each slot a worker placed on that silo that takes the next pending item
/// when it finishes one. So every silo is kept busy, faster silos take more items, a call lasts one item (never a queue
/// of them), and progress advances item by item. A silo whose call fails loses its slots and rests (0.5 s, doubling to
/// 16 s) before it is asked again; the failed item goes back to the queue for any silo, and the run fails when one item
/// has failed <see cref="DistributedRunOptions.MaxAttempts"/> times or no silo answers. An item whose worker answers
/// with a failure of the work itself (<see cref="WorkItemResult.Failure"/>) or a divergence fails the run at once: no
/// other item is handed out, and the caller cancels those in flight. The membership is looked at
/// every second (and whenever a silo's slots end): a silo that left it (stopped, or declared dead) has its calls
/// abandoned, since their answers are lost with it, and silos that joined mid-run are given slots.
/// <para>
/// A slot that finds the queue empty does not end while items are still running elsewhere: it copies a straggler, an
/// item whose attempt on another silo has run longer than <see cref="StragglerFactor"/> times the median time of the
/// finished items (and at least the straggler floor, 1 s by default). Results are pure functions of the item, so
/// whichever attempt finishes first is the result and the other is dropped: a worker that hangs while it stays a
/// member, or one still running unoptimized code just after it started, no longer holds up the end of the run. An item
/// has at most one copy running; when one of its two attempts fails while the other still runs, the item may be copied
/// again (the one still running may be the one that hangs), and the failure counts towards MaxAttempts. A run of fewer
/// than four items trusts the median of all but one of them. When no silo answers (their calls to describe themselves
/// fail) several times in a row, the run fails.
/// </para>
/// </summary>
internal sealed class WorkItemScheduler
{
    private static readonly TimeSpan DefaultLookInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartTogetherWithin = TimeSpan.FromSeconds(5);
    private const int MembershipFailuresToGiveUp = 5;

    /// <summary>Silos asked in a row that did not say their capacity, with none running, before the run fails (with the
    /// rests of a silo between, 0.5 s doubling to 16 s, about a minute for one silo).</summary>
    private const int DescribeFailuresToGiveUp = 8;
    private static readonly TimeSpan DefaultStragglerFloor = TimeSpan.FromSeconds(1);

    /// <summary>An attempt that has run this many times the median item time is a straggler.</summary>
    private const double StragglerFactor = 3;

    /// <summary>Finished items needed before any median is trusted.</summary>
    private const int FinishedBeforeCopies = 3;

    private readonly IGrainFactory _grains;
    private readonly WorkItem[] _items;
    private readonly int _maxAttempts;
    private readonly Action<WorkItemResult> _finished;
    private readonly GrainCancellationToken _grainToken;
    private readonly CancellationToken _cancellationToken;
    private readonly TimeSpan _lookInterval;
    private readonly int _maxWorkers;
    private readonly string _runId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<int> _pending;
    private readonly WorkItemResult?[] _results;
    private readonly int[] _failures;
    private readonly int[] _inFlight;
    private readonly int[] _copies;
    private readonly long[] _started;
    private readonly string?[] _runningOn;
    private readonly List<long> _durations = [];
    private readonly long _stragglerFloor;
    private readonly Dictionary<string, SiloSlots> _silos = new(StringComparer.Ordinal);
    private int _remaining;
    private int _generation;
    private int _describeFailuresInARow;
    private ExceptionDispatchInfo? _fatal;

    // Set when the last item has finished or the run has failed. The loop waits on it as well as on the silos' tasks:
    // a silo whose last item finishes while the loop looks at the membership is no longer running when the loop
    // gathers what to wait on, and without it the loop would sleep a whole look interval before seeing it was done.
    private readonly TaskCompletionSource _over = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkItemScheduler(IGrainFactory grains, IReadOnlyList<WorkItem> items, int maxAttempts, Action<WorkItemResult> finished,
        GrainCancellationToken grainToken, CancellationToken cancellationToken, TimeSpan? lookInterval = null, int maxWorkers = int.MaxValue,
        TimeSpan? stragglerFloor = null)
    {
        (_grains, _items, _maxAttempts, _finished, _grainToken, _cancellationToken) = (grains, [.. items], maxAttempts, finished, grainToken, cancellationToken);
        _lookInterval = lookInterval ?? DefaultLookInterval;
        _maxWorkers = maxWorkers;
        _stragglerFloor = (long)((stragglerFloor ?? DefaultStragglerFloor).TotalSeconds * Stopwatch.Frequency);
        _pending = new ConcurrentQueue<int>(Enumerable.Range(0, items.Count));
        _results = new WorkItemResult?[items.Count];
        _failures = new int[items.Count];
        _inFlight = new int[items.Count];
        _copies = new int[items.Count];
        _started = new long[items.Count];
        _runningOn = new string?[items.Count];
        _remaining = items.Count;
    }

    /// <summary>Whether attempts may still be running after <see cref="RunAsync"/> returned (copies that lost, on workers
    /// that have not answered yet): the caller cancels them.</summary>
    public bool HasAttemptsInFlight => _inFlight.Any(static n => n > 0);

    /// <summary>Runs every item; the results in item order.</summary>
    public async Task<WorkItemResult[]> RunAsync()
    {
        int membershipFailures = 0;
        while (Volatile.Read(ref _remaining) > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _fatal?.Throw();
            if (!_pending.IsEmpty || _silos.Values.Any(static s => s.IsRunning))
            {
                try
                {
                    await LookAtMembership().ConfigureAwait(false);
                    membershipFailures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException and not DistributedRunException)
                {
                    if (++membershipFailures >= MembershipFailuresToGiveUp && !_silos.Values.Any(static s => s.IsRunning))
                    {
                        throw new DistributedRunException(
                            $"no worker answered ({Volatile.Read(ref _remaining)} of {_items.Length} work items unfinished): {e.Message}", e);
                    }
                }
            }

            if (Volatile.Read(ref _describeFailuresInARow) >= DescribeFailuresToGiveUp && !_silos.Values.Any(static s => s.IsRunning))
            {
                throw new DistributedRunException(
                    $"no worker answered ({Volatile.Read(ref _remaining)} of {_items.Length} work items unfinished): {DescribeFailuresToGiveUp} silos in a row did not say how many items they run.");
            }

            Task[] running = _silos.Values.Where(static s => s.IsRunning).Select(static s => s.Running!).ToArray();
            await Task.WhenAny([.. running, _over.Task, Task.Delay(_lookInterval, _cancellationToken)]).ConfigureAwait(false);
        }

        _fatal?.Throw();
        return _results.Select(static r => r!).ToArray();
    }

    /// <summary>Abandons the calls of silos that left the membership (a call's answer is lost with its silo, and would
    /// otherwise be awaited until the call's hour-long timeout), then, if items are pending, enlists silos.</summary>
    private async Task LookAtMembership()
    {
        Dictionary<SiloAddress, SiloStatus> hosts = await _grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
        var active = new HashSet<string>(hosts.Keys.Select(static a => a.ToParsableString()), StringComparer.Ordinal);
        foreach ((string key, SiloSlots silo) in _silos)
        {
            if (silo.IsRunning && !active.Contains(key))
            {
                silo.Leave();
            }
        }

        if (!_pending.IsEmpty)
        {
            EnlistSilos(hosts);
        }
    }

    /// <summary>Gives slots to every active silo that has none and is not resting. The silos enlisted together start
    /// their slots together (once every one has said its capacity, or after <see cref="StartTogetherWithin"/>), and each
    /// slot takes its first item at once: so as long as there are items, every silo gets some, whoever answers first.</summary>
    private void EnlistSilos(Dictionary<SiloAddress, SiloStatus> hosts)
    {
        if (hosts.Count == 0 && !_silos.Values.Any(static s => s.IsRunning))
        {
            throw new DistributedRunException($"no worker is left in the cluster ({Volatile.Read(ref _remaining)} of {_items.Length} work items unfinished).");
        }

        var enlisted = new List<(SiloAddress Address, SiloSlots Silo, string Prefix, Task<WorkerSlot?> Describe)>();
        int running = _silos.Values.Count(static s => s.IsRunning);
        // In address order (IP, then port), so that a run limited to fewer silos than the cluster has takes the same ones.
        foreach (SiloAddress address in hosts.Keys.OrderBy(static a => a.Endpoint.Address.ToString(), StringComparer.Ordinal).ThenBy(static a => a.Endpoint.Port))
        {
            string key = address.ToParsableString();
            if (!_silos.TryGetValue(key, out SiloSlots? silo))
            {
                _silos[key] = silo = new SiloSlots();
            }

            if (!silo.IsRunning && silo.RestUntil <= Stopwatch.GetTimestamp() && running + enlisted.Count < _maxWorkers)
            {
                string prefix = $"{_runId}/{key}/{Interlocked.Increment(ref _generation)}/";
                enlisted.Add((address, silo, prefix, Describe(address, prefix)));
            }
        }

        Task together = Task.WhenAny(Task.WhenAll(enlisted.Select(static e => e.Describe)), Task.Delay(StartTogetherWithin, _cancellationToken));
        foreach ((SiloAddress address, SiloSlots silo, string prefix, Task<WorkerSlot?> describe) in enlisted)
        {
            silo.Join();
            silo.Running = RunSilo(address, silo, prefix, describe, together);
        }
    }

    /// <summary>Asks the silo, through the first slot's worker placed there (the placement hint), how many items it
    /// runs at once; null when it does not answer.</summary>
    private async Task<WorkerSlot?> Describe(SiloAddress address, string prefix)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, address);
        try
        {
            return await _grains.GetGrain<IEnsembleWorker>(prefix + "0").Describe().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>Runs the silo's slots (their workers placed there by the hint) until the queue is empty or a call fails.</summary>
    private async Task RunSilo(SiloAddress address, SiloSlots silo, string prefix, Task<WorkerSlot?> describe, Task together)
    {
        if (await describe.ConfigureAwait(false) is not { } slot)
        {
            Interlocked.Increment(ref _describeFailuresInARow);
            silo.Rest();
            return;
        }

        Volatile.Write(ref _describeFailuresInARow, 0);

        await together.ConfigureAwait(false);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, address);
        string key = address.ToParsableString();
        Task[] slots = Enumerable.Range(0, Math.Max(1, slot.Capacity)).Select(i => RunSlot(_grains.GetGrain<IEnsembleWorker>(prefix + i), silo, key)).ToArray();
        RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        await Task.WhenAll(slots).ConfigureAwait(false);
        if (silo.Failed)
        {
            silo.Rest();
        }
    }

    /// <summary>Runs pending items on one worker until none is left, the silo failed, the run failed or was cancelled;
    /// with the queue empty, copies stragglers of other silos until the run is over.</summary>
    private async Task RunSlot(IEnsembleWorker worker, SiloSlots silo, string siloKey)
    {
        CancellationToken left = silo.Left;
        while (!silo.Failed && !left.IsCancellationRequested && _fatal is null && !_cancellationToken.IsCancellationRequested)
        {
            if (!_pending.TryDequeue(out int index) && !TryTakeStraggler(siloKey, out index))
            {
                if (Volatile.Read(ref _remaining) == 0 || !HasAttemptsInFlight)
                {
                    return;
                }

                // Items are still running elsewhere: look again for stragglers shortly (or end with the run).
                await Task.WhenAny(_over.Task, Task.Delay(StragglerLookInterval(), _cancellationToken)).ConfigureAwait(false);
                continue;
            }

            Interlocked.Increment(ref _inFlight[index]);
            long started = Stopwatch.GetTimestamp();
            Volatile.Write(ref _started[index], started);
            Volatile.Write(ref _runningOn[index], siloKey);
            WorkItemResult result;
            try
            {
                result = await worker.Run(_items[index], _grainToken).WaitAsync(left).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
            {
                Interlocked.Decrement(ref _inFlight[index]);
                return;
            }
            catch (ArgumentException e)
            {
                // The worker refused the item itself (say, it cannot read the model's assembly): no other try fixes that.
                Interlocked.Decrement(ref _inFlight[index]);
                Fail(e);
                return;
            }
            catch (Exception e)
            {
                silo.Failed = true;
                bool otherRunning = Interlocked.Decrement(ref _inFlight[index]) > 0;
                if (Volatile.Read(ref _results[index]) is not null)
                {
                    continue; // its other attempt has finished: nothing to retry
                }

                if (Interlocked.Increment(ref _failures[index]) >= _maxAttempts)
                {
                    WorkItem item = _items[index];
                    Fail(new DistributedRunException(
                        $"work item {index} (paths {item.FirstPath}…{item.FirstPath + item.Paths - 1}) failed on {_maxAttempts} attempts; the last: {e.Message}", e));
                    return;
                }

                if (otherRunning)
                {
                    // The attempt still running may be the one that hangs (this was its copy): it may be copied again.
                    Volatile.Write(ref _copies[index], 0);
                    continue;
                }

                _pending.Enqueue(index);
                continue;
            }

            Interlocked.Decrement(ref _inFlight[index]);
            if (result.Failure is { } failure)
            {
                // The work itself threw (the worker answered, so its silo is fine): every attempt would throw the same.
                Fail(WorkFailed(index, failure, result.Worker));
                return;
            }

            silo.Succeeded();
            if (Interlocked.CompareExchange(ref _results[index], result, null) is not null)
            {
                continue; // the other attempt finished first: this one is the same numbers, already reported
            }

            if (result.Divergence is { } divergence)
            {
                // The run fails with it, as a local run does: the other items, queued or running, are not run on.
                Fail(divergence.ToException());
                return;
            }

            lock (_durations)
            {
                _durations.Add(Stopwatch.GetTimestamp() - started);
            }

            try
            {
                // The caller's callback (progress, WorkItemFinished) runs before the item counts as done, so the run cannot
                // return before its last item is reported. An exception from it is the caller's, not the worker's: it
                // ends the run instead of sending the item to another worker (which would report it twice).
                _finished(result);
            }
            catch (Exception e)
            {
                Fail(e);
                return;
            }

            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _over.TrySetResult();
            }
        }
    }

    /// <summary>The straggler threshold: <see cref="StragglerFactor"/> times the median finished item, at least the
    /// floor; long.MaxValue before <see cref="FinishedBeforeCopies"/> items have finished.</summary>
    private long StragglerThreshold()
    {
        lock (_durations)
        {
            // A run of fewer items than that trusts all but one (the one that may hang); a run of one item, none.
            if (_durations.Count < Math.Min(FinishedBeforeCopies, _items.Length - 1) || _durations.Count == 0)
            {
                return long.MaxValue;
            }

            long[] sorted = [.. _durations];
            Array.Sort(sorted);
            return Math.Max(_stragglerFloor, (long)(StragglerFactor * sorted[sorted.Length / 2]));
        }
    }

    /// <summary>How long an idle slot waits before it looks for stragglers again: a quarter of the floor.</summary>
    private TimeSpan StragglerLookInterval() => TimeSpan.FromSeconds(_stragglerFloor / 4.0 / Stopwatch.Frequency);

    /// <summary>The longest-running unfinished item whose one attempt runs on another silo for longer than the threshold,
    /// and that has no copy yet (claimed here).</summary>
    private bool TryTakeStraggler(string siloKey, out int index)
    {
        index = -1;
        long threshold = StragglerThreshold();
        if (threshold == long.MaxValue)
        {
            return false;
        }

        long now = Stopwatch.GetTimestamp(), longest = threshold;
        for (int i = 0; i < _items.Length; i++)
        {
            if (Volatile.Read(ref _inFlight[i]) == 1 && Volatile.Read(ref _results[i]) is null && Volatile.Read(ref _copies[i]) == 0
                && !string.Equals(Volatile.Read(ref _runningOn[i]), siloKey, StringComparison.Ordinal) && now - Volatile.Read(ref _started[i]) > longest)
            {
                (index, longest) = (i, now - Volatile.Read(ref _started[i]));
            }
        }

        return index >= 0 && Interlocked.CompareExchange(ref _copies[index], 1, 0) == 0;
    }

    /// <summary>The run's error for an item whose work threw: an ArgumentException, as in process, for a wrong
    /// description; else a DistributedRunException naming the item, the worker and the exception.</summary>
    private Exception WorkFailed(int index, WorkFailure failure, string worker)
    {
        if (failure.IsArgumentError)
        {
            return new ArgumentException(failure.Message, failure.ParamName);
        }

        WorkItem item = _items[index];
        string on = worker.Length > 0 ? " on " + worker : "";
        return new DistributedRunException(
            $"work item {index} (paths {item.FirstPath}…{item.FirstPath + item.Paths - 1}) failed{on}: {failure.Type}: {failure.Message}");
    }

    private void Fail(Exception e)
    {
        Interlocked.CompareExchange(ref _fatal, ExceptionDispatchInfo.Capture(e), null);
        _over.TrySetResult();
    }

    /// <summary>One silo's slots: the task that runs them, and when a silo that failed may be asked again.</summary>
    private sealed class SiloSlots
    {
        private static readonly long FirstRest = Stopwatch.Frequency / 2, LongestRest = 16 * Stopwatch.Frequency;
        private long _rest = FirstRest;

        public Task? Running { get; set; }

        public bool IsRunning => Running is { IsCompleted: false };

        private volatile bool _failed;

        public bool Failed { get => _failed; set => _failed = value; }

        private CancellationTokenSource _left = new();

        /// <summary>Fires when the silo has left the membership: its calls are abandoned (their items go back to the queue).</summary>
        public CancellationToken Left => _left.Token;

        /// <summary>New slots start: not failed, not left.</summary>
        public void Join()
        {
            Failed = false;
            if (_left.IsCancellationRequested)
            {
                _left.Dispose();
                _left = new CancellationTokenSource();
            }
        }

        public void Leave() => _left.Cancel();

        public long RestUntil { get; private set; }

        public void Rest()
        {
            RestUntil = Stopwatch.GetTimestamp() + _rest;
            _rest = Math.Min(2 * _rest, LongestRest);
        }

        public void Succeeded() => _rest = FirstRest;
    }
}
