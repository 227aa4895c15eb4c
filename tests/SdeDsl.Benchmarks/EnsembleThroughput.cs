using System;
using System.Diagnostics;
using System.Globalization;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Tests.Models;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--ensemble</c>: path-steps per second of an ensemble on one core and on every core, for the discrete AdamW
/// optimizer and for AdamW's SDE (Euler–Maruyama with Philox normals) on a diagonal quadratic with Gaussian noise.
/// Target (docs/performance.md): 2 cores ≥ 1.8× one. Each configuration runs once to warm up, then the best of three runs counts.
/// </summary>
public static class EnsembleThroughput
{
    private const int Paths = 4096;
    private const int Dimension = 16;
    private const long Steps = 400;
    private const int Repeats = 3;

    public static int Run()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var lambda = new double[Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            lambda[i] = 0.5 + (i / (double)Dimension);
        }

        var objective = new DiagonalQuadratic(lambda);
        var noise = new GaussianNoise(1.0, seed: 11);
        var model = new AdamW { Eta = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0.01 };
        var options = new EnsembleOptions
        {
            Paths = Paths,
            Steps = Steps,
            InitialX = new double[Dimension],
            // x = 1, m = 0, v = 1: a state from which AdamW's SDE is well defined (v > 0).
            InitialStates = Initial(),
            Seed = 3,
            TimeStep = 1e-3,
            StartTime = 1e-3,
            RecordSteps = new[] { 0L, Steps },
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

        Console.WriteLine($"{Paths} paths x {Dimension} coordinates x {Steps} steps, {Environment.ProcessorCount} logical cores");
        int cores = Environment.ProcessorCount;
        foreach (string kind in new[] { "optimizer", "sde" })
        {
            double one = Measure(kind, model, objective, noise, options with { MaxDegreeOfParallelism = 1 });
            double all = Measure(kind, model, objective, noise, options with { MaxDegreeOfParallelism = cores });
            Console.WriteLine($"AdamW {kind,-9}  1 core: {one / 1e6,8:F2} M path-steps/s   {cores} cores: {all / 1e6,8:F2} M path-steps/s   " +
                $"speed-up {all / one:F2} (target >= {0.9 * cores:F1})");
        }

        return 0;
    }

    private static double Measure(string kind, AdamW model, IObjective objective, INoiseModel noise, EnsembleOptions options)
    {
        double best = 0;
        for (int r = 0; r <= Repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            _ = kind == "sde"
                ? Ensemble.RunSde(model, objective, noise, options)
                : Ensemble.RunOptimizer(model, objective, noise, options);
            double rate = options.Paths * options.Steps / watch.Elapsed.TotalSeconds;
            if (r > 0)
            {
                best = Math.Max(best, rate);
            }
        }

        return best;
    }
}
