using System;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;
using SdeDsl.Tests.Models;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--quick</c>: the design's performance ratios in a few seconds, without BenchmarkDotNet. Each of the four loops
/// runs after a warm-up that lets the tiered JIT reach its optimized code, then <see cref="Rounds"/> times
/// round-robin (so that drift in the machine's state hits every loop alike); the median of each is reported.
/// </summary>
public static class QuickRatios
{
    private const int WarmupCalls = 40;
    private const int Rounds = 21;

    public static int Run()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine(RoundRobin.MachineLine());

        if (!CheckSameBits())
        {
            return 1;
        }

        AdamW model = AdamWLoops.Model;
        long k = AdamWLoops.K;
        var x = new float[AdamWLoops.Parameters];
        var m = new float[AdamWLoops.Parameters];
        var v = new float[AdamWLoops.Parameters];
        var g = new float[AdamWLoops.Parameters];
        AdamWLoops.Fill(x, m, v, g, seed: 12345);
        var a = new float[AdamWLoops.TriadLength];
        var b = new float[AdamWLoops.TriadLength];
        var c = new float[AdamWLoops.TriadLength];
        AdamWLoops.FillTriad(a, b, c, seed: 54321);

        Action[] loops =
        [
            () => model.Step(x, m, v, g, k),
            () => AdamWLoops.HandWrittenVector(x, m, v, g, model, k),
            () => AdamWLoops.PlainScalar(x, m, v, g, model, k),
            () => AdamWLoops.StreamTriad(a, b, c, AdamWLoops.TriadScalar),
        ];
        string[] names = ["Generated", "HandWrittenVector", "PlainScalar", "StreamTriad"];
        long[] bytes = [AdamWLoops.AdamWBytes, AdamWLoops.AdamWBytes, AdamWLoops.AdamWBytes, AdamWLoops.TriadBytes];

        // Warm-up: enough calls for tier-0 → tier-1 promotion (30 calls), then time for the background compile.
        for (int round = 0; round < 2; round++)
        {
            for (int call = 0; call < WarmupCalls; call++)
            {
                foreach (Action loop in loops)
                {
                    loop();
                }
            }

            Thread.Sleep(300);
        }

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        model.Step(x, m, v, g, k);
        long allocatedByStep = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var seconds = new double[loops.Length][];
        for (int j = 0; j < loops.Length; j++)
        {
            seconds[j] = new double[Rounds];
        }

        for (int round = 0; round < Rounds; round++)
        {
            for (int j = 0; j < loops.Length; j++)
            {
                long start = Stopwatch.GetTimestamp();
                loops[j]();
                seconds[j][round] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }

        var median = new double[loops.Length];
        Console.WriteLine();
        Console.WriteLine($"10M float parameters, k = {k}, {Rounds} rounds after warm-up; median (min .. max) per call:");
        for (int j = 0; j < loops.Length; j++)
        {
            double[] sorted = (double[])seconds[j].Clone();
            Array.Sort(sorted);
            median[j] = sorted[sorted.Length / 2];
            Console.WriteLine($"  {names[j],-18} {median[j] * 1e3,8:F2} ms  ({sorted[0] * 1e3:F2} .. {sorted[^1] * 1e3:F2})  " +
                $"{bytes[j] / median[j] / 1e9,6:F2} GB/s of {bytes[j] / 1e6:F0} MB");
        }

        double generated = median[0], handWritten = median[1], scalar = median[2], triad = median[3];
        double triadBandwidth = AdamWLoops.TriadBytes / triad;
        double generatedBandwidth = AdamWLoops.AdamWBytes / generated;
        Console.WriteLine();
        Console.WriteLine($"StreamTriad bandwidth                      {triadBandwidth / 1e9:F2} GB/s ({AdamWLoops.TriadLength:N0} floats, 12 B each)");
        Console.WriteLine($"Generated bandwidth                        {generatedBandwidth / 1e9:F2} GB/s (28 B x 10M)");
        Console.WriteLine($"Allocated by one generated step            {allocatedByStep} B");
        Console.WriteLine();
        Report("generated / hand-written time", generated / handWritten, "<= 1.05", generated / handWritten <= 1.05);
        Report("generated bandwidth / triad bandwidth", generatedBandwidth / triadBandwidth, ">= 0.90", generatedBandwidth / triadBandwidth >= 0.90);
        Report("scalar / generated time", scalar / generated, "(speed-up)", null);

        // The same kernels on an L2-resident slice, repeated to 10M parameters: the time the arithmetic alone takes.
        // If it is close to the out-of-cache time, the step is bound by its divisions and square root, not by memory.
        const int slice = 8192;
        int repeats = AdamWLoops.Parameters / slice;
        Span<float> xs = x.AsSpan(0, slice), ms = m.AsSpan(0, slice), vs = v.AsSpan(0, slice);
        ReadOnlySpan<float> gs = g.AsSpan(0, slice);
        var inCache = new double[2][];
        for (int j = 0; j < 2; j++)
        {
            inCache[j] = new double[Rounds];
        }

        for (int round = 0; round < Rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int r = 0; r < repeats; r++)
            {
                model.Step(xs, ms, vs, gs, k);
            }

            inCache[0][round] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            start = Stopwatch.GetTimestamp();
            for (int r = 0; r < repeats; r++)
            {
                AdamWLoops.HandWrittenVector(xs, ms, vs, gs, model, k);
            }

            inCache[1][round] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Array.Sort(inCache[0]);
        Array.Sort(inCache[1]);
        double scale = (double)AdamWLoops.Parameters / ((long)repeats * slice);
        Console.WriteLine();
        Console.WriteLine($"In cache ({slice} parameters, 128 KB, repeated to 10M): Generated {inCache[0][Rounds / 2] * scale * 1e3:F2} ms, " +
            $"HandWrittenVector {inCache[1][Rounds / 2] * scale * 1e3:F2} ms per 10M parameters (medians)");
        return 0;
    }

    private static void Report(string what, double ratio, string target, bool? met)
    {
        string verdict = met switch { true => "met", false => "MISSED", null => "" };
        Console.WriteLine($"{what,-42} {ratio,6:F3}   target {target} {verdict}");
    }

    /// <summary>
    /// The generated kernel, the hand-written one and the scalar loop give the same bits (on a length that is not a
    /// multiple of the vector width, so the tails are exercised too): the three compute the same thing.
    /// </summary>
    private static bool CheckSameBits()
    {
        const int n = 1003;
        AdamW model = AdamWLoops.Model;
        var x = new float[3][];
        var m = new float[3][];
        var v = new float[3][];
        var g = new float[n];
        for (int j = 0; j < 3; j++)
        {
            x[j] = new float[n];
            m[j] = new float[n];
            v[j] = new float[n];
            AdamWLoops.Fill(x[j], m[j], v[j], g, seed: 7);
        }

        for (long k = 1; k <= 3; k++)
        {
            model.Step(x[0], m[0], v[0], g, k);
            AdamWLoops.HandWrittenVector(x[1], m[1], v[1], g, model, k);
            AdamWLoops.PlainScalar(x[2], m[2], v[2], g, model, k);
        }

        for (int j = 1; j < 3; j++)
        {
            for (int i = 0; i < n; i++)
            {
                if (BitConverter.SingleToInt32Bits(x[0][i]) != BitConverter.SingleToInt32Bits(x[j][i])
                    || BitConverter.SingleToInt32Bits(m[0][i]) != BitConverter.SingleToInt32Bits(m[j][i])
                    || BitConverter.SingleToInt32Bits(v[0][i]) != BitConverter.SingleToInt32Bits(v[j][i]))
                {
                    Console.WriteLine($"MISMATCH: variant {j} differs from the generated kernel at index {i}: " +
                        $"x {x[0][i]:R} vs {x[j][i]:R}, m {m[0][i]:R} vs {m[j][i]:R}, v {v[0][i]:R} vs {v[j][i]:R}");
                    return false;
                }
            }
        }

        Console.WriteLine("Generated, hand-written and scalar loops agree bit for bit (n = 1003, 3 steps).");
        return true;
    }
}
