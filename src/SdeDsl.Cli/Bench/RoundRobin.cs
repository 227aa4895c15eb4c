using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Threading;

namespace SdeDsl.Cli.Bench;

/// <summary>
/// Times several <see cref="ITimedLoop"/>s interleaved (<c>sdedsl bench</c>, and the benchmarks project, whose source
/// links this file): after a warm-up, every
/// round runs each loop once (starting at a different loop each round, so that no loop always follows the same
/// one), and each loop's median over the rounds is reported. Drift in the machine's state (other tenants, frequency,
/// page cache) then hits every loop alike, and a median ignores the rounds a neighbour disturbed.
/// </summary>
public static class RoundRobin
{
    private const int ShortCallsPerPhase = 50;

    /// <summary>
    /// Drives every loop's methods to the tiered JIT's final code: two phases of <see cref="ShortCallsPerPhase"/>
    /// short calls (tier 0 → instrumented tier 1 → tier 1 takes 30 calls per promotion, compiled in the background,
    /// hence the pauses), then two full calls of each loop, which also touch every page of its buffers.
    /// </summary>
    public static void WarmUp(IReadOnlyList<ITimedLoop> loops, CancellationToken cancellationToken = default)
    {
        for (int phase = 0; phase < 2; phase++)
        {
            for (int call = 0; call < ShortCallsPerPhase; call++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (ITimedLoop loop in loops)
                {
                    loop.Prepare();
                    loop.RunShort();
                }
            }

            Thread.Sleep(300);
        }

        for (int call = 0; call < 2; call++)
        {
            foreach (ITimedLoop loop in loops)
            {
                cancellationToken.ThrowIfCancellationRequested();
                loop.Prepare();
                loop.Run();
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>Seconds per call of every loop (first index) in every round (second index).</summary>
    public static double[][] Time(IReadOnlyList<ITimedLoop> loops, int rounds, CancellationToken cancellationToken = default)
    {
        var seconds = new double[loops.Count][];
        for (int j = 0; j < loops.Count; j++)
        {
            seconds[j] = new double[rounds];
        }

        for (int round = 0; round < rounds; round++)
        {
            for (int offset = 0; offset < loops.Count; offset++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int j = (round + offset) % loops.Count;
                loops[j].Prepare();
                long start = Stopwatch.GetTimestamp();
                loops[j].Run();
                seconds[j][round] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }

        return seconds;
    }

    /// <summary>Each loop's median over the rounds <see cref="Time"/> measured.</summary>
    public static double[] Medians(double[][] seconds) => Array.ConvertAll(seconds, Median);

    /// <summary>The median of <paramref name="values"/> (the upper one of an even count).</summary>
    public static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }

    /// <summary>The smallest and largest of <paramref name="values"/>.</summary>
    public static (double Min, double Max) Range(double[] values) => (values.Min(), values.Max());

    /// <summary>One line describing the runtime and the machine's vector hardware, for the head of a report: whether
    /// 512-bit vectors run natively says which kernels and Philox tiles ran (the 512-bit ones need AVX-512), and AVX2
    /// and AVX-512F which table lookups the float kernels use.</summary>
    public static string MachineLine() =>
        $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSArchitecture}, "
        + $"{Environment.ProcessorCount} logical cores, Vector<float>.Count = {Vector<float>.Count}, "
        + $"hardware-accelerated = {Vector.IsHardwareAccelerated}, 512-bit vectors = {Vector512.IsHardwareAccelerated}, "
        + $"AVX2 = {Avx2.IsSupported}, AVX-512F = {Avx512F.IsSupported}";

    /// <summary>The machine's load averages over 1, 5 and 15 minutes (Linux's <c>/proc/loadavg</c>), or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Create(CultureInfo.InvariantCulture, $"{fields[0]} {fields[1]} {fields[2]}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
