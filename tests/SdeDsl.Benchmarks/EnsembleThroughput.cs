using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Tests.Models;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--ensemble</c>: path-steps per second of an ensemble, for the discrete AdamW optimizer and for AdamW's SDE
/// (Euler–Maruyama with Philox normals) on a diagonal quadratic with Gaussian noise, 4,096 paths × d = 16, in double and
/// in single precision (the SDE also with its own float draws, <c>EnsemblePrecision.SingleOwnDraws</c>), on one thread
/// and on every core. The configurations run round-robin (each round starts at a
/// different one, so drift in the machine's load hits all alike) after a warm-up; the median over the rounds is
/// reported with its min–max, as wall-clock path-steps/s and as path-steps per CPU-second of the process (which a busy
/// neighbour on a shared machine disturbs less). Targets (docs/performance.md): all cores ≥ 1.8× one; single ≥ 3×
/// double per core. <c>--single-only</c>, <c>--double-only</c>, <c>--sde-only</c> and <c>--optimizer-only</c> narrow the runs (for a profiler);
/// <c>--rounds N</c> sets the rounds (default 7), <c>--steps N</c> the steps per run (default 400).
/// </summary>
public static class EnsembleThroughput
{
    private const int Paths = 4096;
    private const int Dimension = AdamWEnsembleCase.Dimension;
    private const long DefaultSteps = 400;

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        List<Configuration> configurations = Measure(args, Console.Out);
        Console.WriteLine();
        Console.WriteLine("| run | precision | threads | M path-steps/s (wall), median (min–max) | M path-steps per CPU-second, median | × double, same threads (wall) | × 1 thread (wall) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (Configuration c in configurations)
        {
            Configuration? reference = configurations.Find(o => o.Kind == c.Kind && o.Threads == c.Threads && o.Precision == EnsemblePrecision.Double);
            Configuration? one = configurations.Find(o => o.Kind == c.Kind && o.Precision == c.Precision && o.Threads == 1);
            Console.WriteLine($"| AdamW {c.Kind} | {Name(c.Precision)} | {c.Threads} | "
                + $"{Median(c.Wall) / 1e6:F2} ({c.Wall.Min() / 1e6:F2}–{c.Wall.Max() / 1e6:F2}) | {Median(c.Cpu) / 1e6:F2} | "
                + $"{(reference is null ? "" : (Median(c.Wall) / Median(reference.Wall)).ToString("F2"))} | "
                + $"{(one is null ? "" : (Median(c.Wall) / Median(one.Wall)).ToString("F2"))} |");
        }

        return 0;
    }

    /// <summary>Every configuration <paramref name="args"/> selects, timed round-robin; the head line goes to
    /// <paramref name="report"/>. <paramref name="ownDrawsOnEveryCore"/> false leaves out the own-draws run on every
    /// core (<c>--targets</c> reports only its one-thread rate).</summary>
    public static List<Configuration> Measure(string[] args, System.IO.TextWriter report, bool ownDrawsOnEveryCore = true)
    {
        int rounds = Argument(args, "--rounds", 7);
        long steps = Argument(args, "--steps", (int)DefaultSteps);
        DiagonalQuadratic objective = AdamWEnsembleCase.Objective();
        GaussianNoise noise = AdamWEnsembleCase.Noise();
        AdamW model = AdamWEnsembleCase.Model;
        var options = new EnsembleOptions
        {
            Paths = Paths,
            Steps = steps,
            InitialX = new double[Dimension],
            // x = 1, m = 0, v = 1: a state from which AdamW's SDE is well defined (v > 0).
            InitialStates = Initial(),
            Seed = 3,
            TimeStep = 1e-3,
            StartTime = 1e-3,
            RecordSteps = new[] { 0L, steps },
            Observables = new[] { Observable.Loss },
        };
        Array.Fill(options.InitialX, 1.0);

        static double[] Initial()
        {
            var states = new double[3 * Dimension];
            states.AsSpan(0, Dimension).Fill(1.0);
            states.AsSpan(2 * Dimension, Dimension).Fill(1.0);
            return states;
        }

        var precisions = new List<EnsemblePrecision>();
        if (Array.IndexOf(args, "--single-only") < 0)
        {
            precisions.Add(EnsemblePrecision.Double);
        }

        if (Array.IndexOf(args, "--double-only") < 0)
        {
            precisions.Add(EnsemblePrecision.Single);
            precisions.Add(EnsemblePrecision.SingleOwnDraws);
        }

        int cores = Environment.ProcessorCount;
        var configurations = (
            from kind in new[] { "sde", "optimizer" }
            where !(Array.IndexOf(args, "--sde-only") >= 0 && kind != "sde") && !(Array.IndexOf(args, "--optimizer-only") >= 0 && kind != "optimizer")
            from precision in precisions
            // A discrete run draws no increments: with its own draws it is the Single run.
            where !(kind == "optimizer" && precision == EnsemblePrecision.SingleOwnDraws)
            from threads in new[] { 1, cores }
            where ownDrawsOnEveryCore || precision != EnsemblePrecision.SingleOwnDraws || threads == 1
            select new Configuration(kind, precision, threads, options with { Precision = precision, MaxDegreeOfParallelism = threads })).ToList();

        report.WriteLine($"AdamW, {Paths} paths x {Dimension} coordinates x {steps} steps, {cores} logical cores, Vector<float>.Count = "
            + $"{System.Numerics.Vector<float>.Count}, {rounds} rounds round-robin after a warm-up; load average {LoadAverage()}");
        foreach (Configuration c in configurations)
        {
            c.Time(model, objective, noise);
            c.Time(model, objective, noise);
        }

        for (int round = 0; round < rounds; round++)
        {
            for (int j = 0; j < configurations.Count; j++)
            {
                configurations[(j + round) % configurations.Count].Record(model, objective, noise);
            }
        }

        report.WriteLine($"load average after: {LoadAverage()}");
        return configurations;
    }

    /// <summary>The precision as the tool spells it (<c>single-own-draws</c>).</summary>
    public static string Name(EnsemblePrecision precision) => precision switch
    {
        EnsemblePrecision.SingleOwnDraws => "single-own-draws",
        _ => precision.ToString().ToLowerInvariant(),
    };

    private static int Argument(string[] args, string name, int fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (System.IO.IOException)
        {
            return "n/a";
        }
    }

    public sealed record Configuration(string Kind, EnsemblePrecision Precision, int Threads, EnsembleOptions Options)
    {
        public List<double> Wall { get; } = [];

        public List<double> Cpu { get; } = [];

        public (double Wall, double Cpu) Time(AdamW model, IObjective objective, INoiseModel noise)
        {
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            _ = Kind == "sde"
                ? Ensemble.RunSde(model, objective, noise, Options)
                : Ensemble.RunOptimizer(model, objective, noise, Options);
            double wall = watch.Elapsed.TotalSeconds;
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            double pathSteps = Options.Paths * Options.Steps;
            return (pathSteps / wall, pathSteps / cpuSeconds);
        }

        public void Record(AdamW model, IObjective objective, INoiseModel noise)
        {
            (double wall, double cpu) = Time(model, objective, noise);
            Wall.Add(wall);
            Cpu.Add(cpu);
        }
    }
}
