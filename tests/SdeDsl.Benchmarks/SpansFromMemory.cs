using System;
using System.Collections.Generic;
using System.Globalization;
using SdeDsl.Kernels;
using SdeDsl.Optimizers;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--spans-from-memory</c>: the catalog's SignSGD float EM step over 10M coordinates that come from memory, read in
/// the ways a caller reads them: one long span; a model's many tensors (separate arrays of 16,384 and of 4,096); one
/// long array stepped chunk by chunk with the chunk's normals in cache (the step alone, and with <c>FillNormal</c>
/// before each chunk, as the torch comparison of <c>--targets</c> runs it); and, for the cost in cache, one slice of
/// 8,192 stepped again and again. Each short-span case also runs with its spans declared in cache
/// (<see cref="VectorKernel.EnterInCache"/>), which gives them the loads without prefetches that every span shorter
/// than 65,536 had before 2026-12-08: the same process, the same arrays, only the loads differ. One core, round-robin
/// with an in-place triad over 10M floats, medians (min–max) over the rounds.
/// </summary>
internal static class SpansFromMemory
{
    private const int Elements = 10_000_000;
    private const int Rounds = 15;
    private const int Chunk = 8192;

    public static int Run()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine(RoundRobin.MachineLine());
        string loadBefore = RoundRobin.LoadAverage();
        var model = new SignSgd { Eta = SignSgdSdeTiming.Eta };
        if (!SameBitsEveryWay(model))
        {
            return 1;
        }

        (float[] x, float[] grad, float[] sigma, float[] noise) = SignSgdSdeTiming.Inputs(Elements, seed: 4242);
        var stream = new PhiloxStream(20240901, streamId: 1);
        var buffer = new float[Chunk];
        stream.FillNormal(buffer, 0, 0);

        var loops = new List<ITimedLoop>
        {
            new StepLoop("one span of 10M", false, Elements, () => model.EulerMaruyamaStep(x, grad, sigma, noise, 1.0, SignSgdSdeTiming.Dt)),
        };
        foreach (int length in (int[])[16_384, 4096])
        {
            Tensors t = Tensors.Split(x, grad, sigma, noise, length);
            string name = $"{t.X.Length:N0} tensors of {length:N0}";
            long covered = (long)t.X.Length * length;
            loops.Add(new StepLoop(name, false, covered, () => t.Step(model)));
            loops.Add(new StepLoop(name, true, covered, () => t.Step(model)));
        }

        foreach (bool inCache in (bool[])[false, true])
        {
            loops.Add(new StepLoop($"chunks of {Chunk:N0}, normals in cache, step only", inCache, Elements, () =>
            {
                for (int start = 0; start < Elements; start += Chunk)
                {
                    int n = Math.Min(Chunk, Elements - start);
                    model.EulerMaruyamaStep(x.AsSpan(start, n), grad.AsSpan(start, n), sigma.AsSpan(start, n), buffer.AsSpan(0, n), 1.0, SignSgdSdeTiming.Dt);
                }
            }));
        }

        long step = 0;
        foreach (bool inCache in (bool[])[false, true])
        {
            loops.Add(new StepLoop($"chunks of {Chunk:N0}, FillNormal then step", inCache, Elements, () =>
            {
                step++;
                for (int start = 0; start < Elements; start += Chunk)
                {
                    int n = Math.Min(Chunk, Elements - start);
                    Span<float> z = buffer.AsSpan(0, n);
                    stream.FillNormal(z, 0, step, firstElement: start);
                    model.EulerMaruyamaStep(x.AsSpan(start, n), grad.AsSpan(start, n), sigma.AsSpan(start, n), z, 1.0, SignSgdSdeTiming.Dt);
                }
            }));
        }

        foreach (bool inCache in (bool[])[false, true])
        {
            loops.Add(new StepLoop($"one slice of {Chunk:N0} in cache, again and again", inCache, Elements / Chunk * Chunk, () =>
            {
                Span<float> xs = x.AsSpan(0, Chunk);
                for (int r = 0; r < Elements / Chunk; r++)
                {
                    model.EulerMaruyamaStep(xs, grad.AsSpan(0, Chunk), sigma.AsSpan(0, Chunk), buffer, 1.0, SignSgdSdeTiming.Dt);
                }
            }));
        }

        loops.Add(new InPlaceTriadLoop("in-place triad", Elements, seed: 54321));
        RoundRobin.WarmUp(loops);
        double[][] seconds = RoundRobin.Time(loops, Rounds);
        double[] median = RoundRobin.Medians(seconds);
        double triad = median[^1];

        Console.WriteLine();
        Console.WriteLine($"SignSGD SDE EM step, float, {Elements / 1e6:F0}M coordinates from memory, one core, {Rounds} rounds round-robin; " +
            $"load average {loadBefore} before, {RoundRobin.LoadAverage()} after.");
        Console.WriteLine();
        Console.WriteLine("| how the spans are read | spans declared in cache (no prefetch below 65,536) | ns/element, median (min–max) | × triad |");
        Console.WriteLine("|---|---|---:|---:|");
        for (int j = 0; j < loops.Count; j++)
        {
            (double min, double max) = RoundRobin.Range(seconds[j]);
            double per = 1e9 / loops[j].Elements;
            string declared = loops[j] is StepLoop { InCache: true } ? "yes" : loops[j] is StepLoop ? "no" : "";
            Console.WriteLine($"| {loops[j].Name} | {declared} | {median[j] * per:F3} ({min * per:F3}–{max * per:F3}) | {median[j] / triad:F2} |");
        }

        return 0;
    }

    /// <summary>
    /// The ways of reading compute the same bits: one span of 3·8,192 + 1,003 coordinates, stepped whole without and
    /// with the declaration, and in pieces of 8,192 and of 4,096 (as chunks and as tensors are), three steps each.
    /// </summary>
    private static bool SameBitsEveryWay(SignSgd model)
    {
        const int n = (3 * Chunk) + 1003;
        (float[] x0, float[] grad, float[] sigma, float[] noise) = SignSgdSdeTiming.Inputs(n, seed: 7);
        float[] whole = Steps(piece: n, inCache: false);
        foreach ((int piece, bool inCache) in ((int, bool)[])[(n, true), (Chunk, false), (Chunk, true), (4096, false)])
        {
            float[] other = Steps(piece, inCache);
            for (int i = 0; i < n; i++)
            {
                if (BitConverter.SingleToInt32Bits(whole[i]) != BitConverter.SingleToInt32Bits(other[i]))
                {
                    Console.Error.WriteLine($"Pieces of {piece} (declared in cache: {inCache}) differ from one span at coordinate {i}: {other[i]:R} against {whole[i]:R}.");
                    return false;
                }
            }
        }

        Console.WriteLine($"One span, pieces of {Chunk:N0} and of 4,096, declared in cache or not: the same bits (n = {n:N0}, 3 steps).");
        return true;

        float[] Steps(int piece, bool inCache)
        {
            float[] x = (float[])x0.Clone();
            int outer = inCache ? VectorKernel.EnterInCache() : 0;
            for (int k = 0; k < 3; k++)
            {
                for (int start = 0; start < n; start += piece)
                {
                    int m = Math.Min(piece, n - start);
                    model.EulerMaruyamaStep(x.AsSpan(start, m), grad.AsSpan(start, m), sigma.AsSpan(start, m), noise.AsSpan(start, m), 1.0, SignSgdSdeTiming.Dt);
                }
            }

            if (inCache)
            {
                VectorKernel.ExitInCache(outer);
            }

            return x;
        }
    }

    /// <summary>One timed call of <paramref name="body"/>, with the thread's spans declared in cache while it runs
    /// where <paramref name="inCache"/>.</summary>
    private sealed class StepLoop(string name, bool inCache, long elements, Action body) : ITimedLoop
    {
        public string Name => name;

        public bool InCache => inCache;

        public long Elements => elements;

        public long Bytes => elements * 16;

        public void Run()
        {
            int outer = inCache ? VectorKernel.EnterInCache() : 0;
            try
            {
                body();
            }
            finally
            {
                if (inCache)
                {
                    VectorKernel.ExitInCache(outer);
                }
            }
        }

        public void RunShort() => Run();
    }

    /// <summary>The coordinates split into separate arrays of one length, as a model's tensors are.</summary>
    private sealed record Tensors(float[][] X, float[][] Grad, float[][] Sigma, float[][] Noise)
    {
        public static Tensors Split(float[] x, float[] grad, float[] sigma, float[] noise, int length)
        {
            int count = x.Length / length;
            var t = new Tensors(new float[count][], new float[count][], new float[count][], new float[count][]);
            for (int k = 0; k < count; k++)
            {
                t.X[k] = x.AsSpan(k * length, length).ToArray();
                t.Grad[k] = grad.AsSpan(k * length, length).ToArray();
                t.Sigma[k] = sigma.AsSpan(k * length, length).ToArray();
                t.Noise[k] = noise.AsSpan(k * length, length).ToArray();
            }

            return t;
        }

        public void Step(SignSgd model)
        {
            for (int k = 0; k < X.Length; k++)
            {
                model.EulerMaruyamaStep(X[k], Grad[k], Sigma[k], Noise[k], 1.0, SignSgdSdeTiming.Dt);
            }
        }
    }
}
