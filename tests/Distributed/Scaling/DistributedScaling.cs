using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using SdeDsl.Distributed;
using SdeDsl.Runs;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--cluster SPEC [--compute] [--overhead] [--local] [--repeats N]</c>: times runs through the running
/// <c>sdedsl worker</c>s of SPEC (tests/Distributed/benchmark.sh starts one, then two, each on a core of its own).
/// <list type="bullet">
/// <item><c>--compute</c>: a compute-heavy run, AdamW's SDE at d = 16, 65,536 paths × 1,000 steps, streamed statistics,
/// 16 work items of 4,096 paths.</item>
/// <item><c>--overhead</c>: the cost of a work item: SignSGD's optimizer at d = 1, 65,536 paths × 1 step (next to no
/// arithmetic), as 256 items of 256 paths and as 1 item of 65,536; (T₂₅₆ − T₁) / 255 is the overhead per item.</item>
/// <item><c>--local</c>: the compute run in this process on one thread, the reference for one worker; whole and as 16
/// runs of 4,096 paths, or whole only with <c>--whole-only</c>.</item>
/// <item><c>--alternate</c>: the compute run through one worker of the cluster (<c>MaxWorkers</c> = 1) and through two,
/// alternating repeat by repeat in one session; the speed-up from the pairs.</item>
/// <item><c>--item-paths P</c>: the compute run's work item size; <c>--item-paths P1,P2</c> times both sizes in turn in the
/// same session (one warm-up each, then repeat by repeat, alternating), so that the per-item cost is a difference between
/// runs made under the same conditions: (T₁ − T₂) / (N₁ − N₂), N the item counts.</item>
/// </list>
/// Each run goes once to warm up (the workers' JIT, the client's connections), then <c>--repeats</c> times (default 3);
/// the median counts, min..max shown.
/// </summary>
public static class DistributedScaling
{
    public static int Main(string[] args) => Run(args);

    private static readonly ModelCatalog Catalog = new([typeof(Optimizers.SignSgd).Assembly]);

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string? spec = Value(args, "--cluster");
        int repeats = int.Parse(Value(args, "--repeats") ?? "3", CultureInfo.InvariantCulture);
        int[] itemPaths = (Value(args, "--item-paths") ?? "4096").Split(',').Select(static p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        RunDescription compute = Compute();
        int maxWorkers = int.Parse(Value(args, "--max-workers") ?? "0", CultureInfo.InvariantCulture);
        int pauseMs = int.Parse(Value(args, "--pause-ms") ?? "0", CultureInfo.InvariantCulture);
        if (args.Contains("--local"))
        {
            Report("local, 1 thread", compute, Time(repeats, () => RunExecutor.Run(compute, Catalog, threads: 1)), items: 0, workers: 0);
            // 16 runs of 4,096 paths one after the other: the engine's cost at a work item's size, without Orleans.
            RunDescription part = compute with { Paths = 4_096 };
            if (!args.Contains("--whole-only"))
            {
                Report("local, 16 runs of 4096 paths, 1 thread", compute, Time(repeats, () =>
                {
                    for (int i = 0; i < 16; i++)
                    {
                        _ = RunExecutor.Run(part, Catalog, threads: 1);
                    }
                }), items: 0, workers: 0);
            }
        }

        if (spec is null)
        {
            return args.Contains("--local") ? 0 : Usage();
        }

        ClusterConnection connection = Cluster.ConnectAsync(spec).GetAwaiter().GetResult();
        try
        {
            if (args.Contains("--compute") && itemPaths.Length == 1)
            {
                Distributed("compute", connection, compute, itemPaths[0], repeats, maxWorkers);
            }
            else if (args.Contains("--compute"))
            {
                Interleaved(connection, compute, itemPaths, repeats);
            }

            if (args.Contains("--alternate"))
            {
                Alternate(connection, compute, itemPaths[0], repeats, pauseMs);
            }

            if (args.Contains("--overhead"))
            {
                RunDescription tiny = Overhead();
                double many = Distributed("overhead, 256 items", connection, tiny, 256, repeats);
                double one = Distributed("overhead, 1 item", connection, tiny, tiny.Paths, repeats);
                Console.WriteLine($"overhead per work item: {(many - one) / 255 * 1e3:F2} ms ((T256 - T1) / 255, medians)");
            }
        }
        finally
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return 0;
    }

    /// <summary>The compute run on one worker (<see cref="DistributedRunOptions.MaxWorkers"/> = 1: the first silo in address
    /// order) and on two, alternating repeat by repeat in one session (which goes first alternates too), so that drift in
    /// the machine's speed hits both alike; the speed-up as the median of the pairs' ratios.</summary>
    private static void Alternate(ClusterConnection connection, RunDescription run, int workItemPaths, int repeats, int pauseMs)
    {
        int[] counts = [1, 2];
        var seconds = new double[2][];
        var actions = new Action[2];
        var workers = new ConcurrentDictionary<string, int>[2];
        for (int s = 0; s < 2; s++)
        {
            var perWorker = workers[s] = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            bool timed = false;
            var options = new DistributedRunOptions
            {
                WorkItemPaths = workItemPaths,
                MaxWorkers = counts[s],
                WorkItemFinished = r =>
                {
                    if (timed)
                    {
                        perWorker.AddOrUpdate(r.Worker, 1, static (_, n) => n + 1);
                    }
                },
            };
            actions[s] = () => DistributedEnsemble.RunAsync(connection.Client, run, options).GetAwaiter().GetResult();
            actions[s](); // warm-up, not counted (the run has returned: no callback of it is still running)
            timed = true;
            seconds[s] = new double[repeats];
        }

        RoundRobin(actions, seconds, repeats, rotate: true, pauseMs);
        int items = Items(run, workItemPaths);
        for (int s = 0; s < 2; s++)
        {
            Report($"compute, alternating, {counts[s]} worker{(counts[s] == 1 ? "" : "s")}", run, seconds[s], items, workers[s].Count,
                " (items per worker over the timed runs: " + PerWorker(workers[s], withNames: true) + ")");
        }

        double[] ratios = Enumerable.Range(0, repeats).Select(r => seconds[0][r] / seconds[1][r]).ToArray();
        Console.WriteLine($"speed-up, alternating in one session: {Median(ratios):F2}x median of {repeats} pairs " +
            $"(min {ratios.Min():F2}, max {ratios.Max():F2}); ratio of the medians {Median(seconds[0]) / Median(seconds[1]):F2}x");
    }

    private static double Distributed(string label, ClusterConnection connection, RunDescription run, int workItemPaths, int repeats, int maxWorkers = 0)
    {
        var workers = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var options = new DistributedRunOptions
        {
            WorkItemPaths = workItemPaths,
            MaxWorkers = maxWorkers > 0 ? maxWorkers : int.MaxValue,
            WorkItemFinished = r => workers.AddOrUpdate(r.Worker, 1, static (_, n) => n + 1),
        };
        double[] seconds = Time(repeats, () => DistributedEnsemble.RunAsync(connection.Client, run, options).GetAwaiter().GetResult());
        Report(label, run, seconds, Items(run, workItemPaths), workers.Count, " (items per worker over all runs: " + PerWorker(workers, withNames: false) + ")");
        return Median(seconds);
    }

    /// <summary>The compute run at several item sizes, alternating repeat by repeat; the per-item cost from the first two.</summary>
    private static void Interleaved(ClusterConnection connection, RunDescription run, int[] itemPaths, int repeats)
    {
        var seconds = new double[itemPaths.Length][];
        var actions = new Action[itemPaths.Length];
        for (int s = 0; s < itemPaths.Length; s++)
        {
            var options = new DistributedRunOptions { WorkItemPaths = itemPaths[s] };
            actions[s] = () => DistributedEnsemble.RunAsync(connection.Client, run, options).GetAwaiter().GetResult();
            actions[s](); // warm-up
            seconds[s] = new double[repeats];
        }

        RoundRobin(actions, seconds, repeats, rotate: false);

        for (int s = 0; s < itemPaths.Length; s++)
        {
            Report($"compute, items of {itemPaths[s]} paths (interleaved)", run, seconds[s], Items(run, itemPaths[s]), workers: 0);
        }

        int n0 = Items(run, itemPaths[0]), n1 = Items(run, itemPaths[1]);
        Console.WriteLine($"cost per extra work item: {(Median(seconds[0]) - Median(seconds[1])) / (n0 - n1) * 1e3:F2} ms ((T{n0} - T{n1}) / ({n0} - {n1}), medians)");
    }

    private static int Items(RunDescription run, int itemPaths) => (run.Paths + itemPaths - 1) / itemPaths;

    /// <summary>Times each action once per repeat, in turn (<paramref name="rotate"/>: each repeat starts one further
    /// along, so that neither always goes first), after <paramref name="pauseMs"/> of rest before each; seconds[action][repeat].</summary>
    private static void RoundRobin(Action[] actions, double[][] seconds, int repeats, bool rotate, int pauseMs = 0)
    {
        for (int r = 0; r < repeats; r++)
        {
            for (int k = 0; k < actions.Length; k++)
            {
                int s = rotate ? (r + k) % actions.Length : k;
                if (pauseMs > 0)
                {
                    System.Threading.Thread.Sleep(pauseMs);
                }

                long start = Stopwatch.GetTimestamp();
                actions[s]();
                seconds[s][r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }
    }

    /// <summary>The items each worker ran, in worker order: counts, or "worker count" pairs.</summary>
    private static string PerWorker(ConcurrentDictionary<string, int> workers, bool withNames) =>
        string.Join(", ", workers.OrderBy(static w => w.Key, StringComparer.Ordinal).Select(w => withNames ? $"{w.Key} {w.Value}" : $"{w.Value}"));

    /// <summary>One warm-up call, then <paramref name="repeats"/> timed ones.</summary>
    private static double[] Time(int repeats, Action run)
    {
        run();
        var seconds = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        return seconds;
    }

    private static void Report(string label, RunDescription run, double[] seconds, int items, int workers, string perWorker = "")
    {
        double median = Median(seconds);
        string where = workers > 0 ? $", {items} items on {workers} workers" + perWorker : items > 0 ? $", {items} items" : "";
        Console.WriteLine($"{label}: median {median:F3} s (min {seconds.Min():F3}, max {seconds.Max():F3}, {seconds.Length} runs), "
            + $"{run.Paths * (double)run.Steps / median / 1e6:F2} M path-steps/s{where}");
    }

    private static double Median(double[] values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static RunDescription Compute() => new()
    {
        Model = "AdamW",
        Hyperparameters = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 1e-3, ["Beta1"] = 0.9, ["Beta2"] = 0.999, ["WeightDecay"] = 0.01 },
        Objective = "quadratic:" + string.Join(',', Enumerable.Range(0, 16).Select(i => (0.5 + (i / 16.0)).ToString(CultureInfo.InvariantCulture))),
        Noise = "gaussian:1",
        Kind = RunKind.Sde,
        Paths = 65_536,
        Steps = 1_000,
        TimeStep = 1e-3,
        StartTime = 1e-3,
        Seed = 3,
        RecordSteps = [0, 500, 1_000],
        InitialX = [1],
        InitialStates = new Dictionary<string, double[]>(StringComparer.Ordinal) { ["v"] = [1] },
        KeepValues = false,
    };

    private static RunDescription Overhead() => new()
    {
        Model = "SignSgd",
        Hyperparameters = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 0.01 },
        Objective = "quadratic:1",
        Noise = "gaussian:1",
        Kind = RunKind.Optimizer,
        Paths = 65_536,
        Steps = 1,
        Seed = 3,
        RecordSteps = [1],
        InitialX = [1],
        KeepValues = false,
    };

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Scaling [--local [--whole-only]] [--cluster SPEC [--compute [--item-paths P[,P2…]] [--max-workers N]] [--alternate [--pause-ms MS]] [--overhead]] [--repeats N]");
        return 2;
    }
}
