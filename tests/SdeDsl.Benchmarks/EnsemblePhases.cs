using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Numerics;
using SdeDsl.Kernels;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.RandomNumbers;
using SdeDsl.Tests.Models;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--ensemble-phases</c>: where the time of one AdamW SDE ensemble step goes, phase by phase, on one chunk as the
/// engine sizes it for d = 16 (1,024 paths × 16 = 16,384 elements per state, in cache), one thread: the Brownian
/// increments as doubles (what a double run draws), as floats in the double layout (<c>FillNormalNarrow</c>, what a float
/// run draws), as floats in the generator's own float layout (for comparison only: a float run cannot use them, they are
/// other numbers), the rounding of doubles to float (the earlier float route), widening x, the gradient and
/// σ in each precision, and the generated Euler–Maruyama kernel in each precision. Each phase runs
/// <see cref="StepsPerTiming"/> steps per timing, round-robin, 31 rounds after a warm-up. On a shared machine a phase's
/// minimum over the rounds is the best estimate of its own cost (a neighbour only ever adds time); the sums use the
/// minima, and the medians are printed beside them.
/// </summary>
public static class EnsemblePhases
{
    private const int Paths = 1024;
    private const int Dimension = AdamWEnsembleCase.Dimension;
    private const int StepsPerTiming = 100;
    private const int Rounds = 31;
    private const int StreamGroup = 256;

    public static int Run()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        const int n = Paths * Dimension;
        DiagonalQuadratic objective = AdamWEnsembleCase.Objective();
        GaussianNoise noise = AdamWEnsembleCase.Noise();
        AdamW model = AdamWEnsembleCase.Model;
        var brownian = new PhiloxStream(3, 0x5DE);
        double[] statesD = new double[3 * n], gradD = new double[n], sigmaD = new double[n], noiseD = new double[n], xD = new double[n];
        float[] statesF = new float[3 * n], gradF = new float[n], sigmaF = new float[n], noiseF = new float[n];
        statesD.AsSpan(0, n).Fill(1.0);
        statesD.AsSpan(2 * n, n).Fill(1.0);
        statesF.AsSpan(0, n).Fill(1f);
        statesF.AsSpan(2 * n, n).Fill(1f);
        long k = 0;

        var phases = new List<(string Name, Action Step)>
        {
            ("normals, double (a double run draws these)", () =>
            {
                for (int g = 0; g < Paths / StreamGroup; g++)
                {
                    brownian.FillNormal(noiseD.AsSpan(g * StreamGroup * Dimension, StreamGroup * Dimension), g, k);
                }
            }),
            ("normals, FillNormalNarrow (a float run draws these)", () =>
            {
                for (int g = 0; g < Paths / StreamGroup; g++)
                {
                    brownian.FillNormalNarrow(noiseF.AsSpan(g * StreamGroup * Dimension, StreamGroup * Dimension), g, k);
                }
            }),
            ("normals, float layout (reference only: other numbers)", () =>
            {
                for (int g = 0; g < Paths / StreamGroup; g++)
                {
                    brownian.FillNormal(noiseF.AsSpan(g * StreamGroup * Dimension, StreamGroup * Dimension), g, k);
                }
            }),
            ("round normals double → float (the earlier float route)", () => Narrow(noiseD, noiseF)),
            ("widen x float → double", () => Widen(statesF.AsSpan(0, n), xD)),
            ("gradient, double", () => objective.Gradient(statesD.AsSpan(0, n), gradD)),
            ("gradient, float path", () => objective.Gradient(statesF.AsSpan(0, n), gradF)),
            ("σ, double", () => noise.Sigma(objective, statesD.AsSpan(0, n), sigmaD)),
            ("σ, float path", () => noise.Sigma(objective, statesF.AsSpan(0, n), sigmaF)),
            // As the engine's workers run a chunk: its spans declared in cache (Ensemble, VectorKernel.EnterInCache).
            ("EM kernel, double", () =>
            {
                int outer = VectorKernel.EnterInCache();
                model.EulerMaruyamaStep(statesD, gradD, sigmaD, noiseD, 1e-3 + (k * 1e-3), 1e-3);
                VectorKernel.ExitInCache(outer);
            }),
            ("EM kernel, float", () =>
            {
                int outer = VectorKernel.EnterInCache();
                model.EulerMaruyamaStep(statesF, gradF, sigmaF, noiseF, 1e-3 + (k * 1e-3), 1e-3);
                VectorKernel.ExitInCache(outer);
            }),
            ("EM kernel, float, spans not declared in cache (reference only)", () => model.EulerMaruyamaStep(statesF, gradF, sigmaF, noiseF, 1e-3 + (k * 1e-3), 1e-3)),
        };

        var times = phases.Select(_ => new List<double>()).ToArray();
        for (int round = -2; round < Rounds; round++)
        {
            for (int j = 0; j < phases.Count; j++)
            {
                int p = (j + Math.Max(round, 0)) % phases.Count;
                var watch = Stopwatch.StartNew();
                for (int s = 0; s < StepsPerTiming; s++)
                {
                    k++;
                    phases[p].Step();
                }

                if (round >= 0)
                {
                    times[p].Add(watch.Elapsed.TotalNanoseconds / StepsPerTiming / Paths);
                }
            }
        }

        Console.WriteLine($"AdamW SDE step, one chunk of {Paths} paths x d = {Dimension} ({n} elements per state), one thread, "
            + $"Vector<float>.Count = {Vector<float>.Count}; minimum (median) over {Rounds} rounds; load average {string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        Console.WriteLine();
        Console.WriteLine("| phase | ns per path-step, min (median) | ns per element, min |");
        Console.WriteLine("|---|---:|---:|");
        var best = new Dictionary<string, double>();
        for (int j = 0; j < phases.Count; j++)
        {
            double[] sorted = times[j].Order().ToArray();
            best[phases[j].Name] = sorted[0];
            Console.WriteLine($"| {phases[j].Name} | {sorted[0]:F1} ({sorted[sorted.Length / 2]:F1}) | {sorted[0] / Dimension:F2} |");
        }

        double doubleSum = best["normals, double (a double run draws these)"] + best["gradient, double"] + best["σ, double"] + best["EM kernel, double"];
        double singleSum = best["normals, FillNormalNarrow (a float run draws these)"] + best["gradient, float path"] + best["σ, float path"] + best["EM kernel, float"];
        double roundedSum = singleSum - best["normals, FillNormalNarrow (a float run draws these)"] + best["normals, double (a double run draws these)"] + best["round normals double → float (the earlier float route)"];
        double floatNormals = singleSum - best["normals, FillNormalNarrow (a float run draws these)"] + best["normals, float layout (reference only: other numbers)"];
        Console.WriteLine();
        Console.WriteLine($"sum of a double step's phases: {doubleSum:F1} ns per path-step ({1e3 / doubleSum:F1} M path-steps/s)");
        Console.WriteLine($"sum of a float step's phases:  {singleSum:F1} ns per path-step ({1e3 / singleSum:F1} M path-steps/s), {doubleSum / singleSum:F2}x double");
        Console.WriteLine($"the earlier float step (double normals rounded): {roundedSum:F1} ns ({doubleSum / roundedSum:F2}x double)");
        Console.WriteLine($"the same with float-layout normals (not the double run's draws): {floatNormals:F1} ns ({doubleSum / floatNormals:F2}x double)");
        return 0;
    }

    private static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        int i = 0, v = Vector<double>.Count;
        for (; i <= source.Length - (2 * v); i += 2 * v)
        {
            Vector.Narrow(new Vector<double>(source.Slice(i, v)), new Vector<double>(source.Slice(i + v, v))).CopyTo(destination.Slice(i));
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    private static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        int i = 0, v = Vector<float>.Count;
        for (; i <= source.Length - v; i += v)
        {
            Vector.Widen(new Vector<float>(source.Slice(i, v)), out Vector<double> low, out Vector<double> high);
            low.CopyTo(destination.Slice(i));
            high.CopyTo(destination.Slice(i + Vector<double>.Count));
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }
}
