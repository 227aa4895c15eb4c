using System;
using System.Collections.Generic;
using System.Globalization;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--normals</c>: ns per variate of <see cref="PhiloxStream"/>'s fills on one core, round-robin with an in-place triad
/// over 4M floats. Each fill writes 4M values in chunks of <see cref="ChunkLength"/> into one cache-resident buffer (as a
/// step that draws its normals chunk by chunk does), so the figure is the generator's compute cost, not memory traffic.
/// </summary>
public static class NormalRatios
{
    /// <summary>Values per timed call.</summary>
    public const int Elements = 4 << 20;

    /// <summary>The chunk written at a time: 8192 values (32 KB of floats), a multiple of every tile.</summary>
    public const int ChunkLength = 8192;

    private const int Rounds = 15;

    public static int Run()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine(RoundRobin.MachineLine());
        string loadBefore = RoundRobin.LoadAverage();
        IReadOnlyList<SdeStepRatios.Timing> fills = Measure(out IReadOnlyList<string> names);
        string loadAfter = RoundRobin.LoadAverage();
        Console.WriteLine();
        Console.WriteLine($"PhiloxStream fills of {Elements >> 20}M values in {ChunkLength}-value chunks (cache-resident), one core, {Rounds} rounds " +
            $"round-robin after warm-up; medians. Load average (1, 5, 15 min): {loadBefore} before, {loadAfter} after.");
        Console.WriteLine();
        Console.WriteLine("| fill | ns/value (min .. max) | × in-place triad (per element) |");
        Console.WriteLine("|---|---:|---:|");
        for (int j = 0; j < fills.Count; j++)
        {
            Console.WriteLine($"| {names[j]} | {fills[j].Ns:F3} ({fills[j].Min:F3} .. {fills[j].Max:F3}) | {fills[j].Ratio:F2} |");
        }

        return 0;
    }

    /// <summary>ns per value of each fill (and last, the in-place triad per element), in the order of <paramref name="names"/>.</summary>
    public static IReadOnlyList<SdeStepRatios.Timing> Measure(out IReadOnlyList<string> names)
    {
        var loops = new List<ITimedLoop>
        {
            new FillLoop("FillUInt32", static (s, step, e) => s.FillUInt32(Words, 0, step, e)),
            new FillLoop("FillUniform(float)", static (s, step, e) => s.FillUniform(Floats, 0, step, e)),
            new FillLoop("FillNormal(float)", static (s, step, e) => s.FillNormal(Floats, 0, step, e)),
            new FillLoop("FillNormal(double)", static (s, step, e) => s.FillNormal(Doubles, 0, step, e)),
            new FillLoop("FillNormalNarrow(float)", static (s, step, e) => s.FillNormalNarrow(Floats, 0, step, e)),
            new FillLoop("FillStudentT(float, ν = 3)", static (s, step, e) => s.FillStudentT(Floats, 3.0, 0, step, e)),
            new InPlaceTriadLoop("InPlaceTriad", Elements, seed: 54321),
        };

        RoundRobin.WarmUp(loops);
        double[][] seconds = RoundRobin.Time(loops, Rounds);
        double[] median = RoundRobin.Medians(seconds);
        var timings = new List<SdeStepRatios.Timing>();
        for (int j = 0; j < loops.Count; j++)
        {
            (double min, double max) = RoundRobin.Range(seconds[j]);
            timings.Add(new SdeStepRatios.Timing(median[j] * 1e9 / Elements, min * 1e9 / Elements, max * 1e9 / Elements, median[j] / median[^1]));
        }

        names = loops.ConvertAll(static l => l.Name);
        return timings;
    }

    [ThreadStatic] private static uint[]? t_words;
    [ThreadStatic] private static float[]? t_floats;
    [ThreadStatic] private static double[]? t_doubles;

    private static Span<uint> Words => t_words ??= new uint[ChunkLength];

    private static Span<float> Floats => t_floats ??= new float[ChunkLength];

    private static Span<double> Doubles => t_doubles ??= new double[ChunkLength];

    private sealed class FillLoop(string name, Action<PhiloxStream, long, long> fillChunk) : ITimedLoop
    {
        private readonly PhiloxStream _stream = new(20240601, 3);
        private long _step;

        public string Name => name;

        public long Elements => NormalRatios.Elements;

        public long Bytes => 4L * NormalRatios.Elements;

        public void Run() => Fill(NormalRatios.Elements);

        public void RunShort() => Fill(4 * ChunkLength);

        private void Fill(int count)
        {
            long step = ++_step;
            for (long e = 0; e < count; e += ChunkLength)
            {
                fillChunk(_stream, step, e);
            }
        }
    }
}
