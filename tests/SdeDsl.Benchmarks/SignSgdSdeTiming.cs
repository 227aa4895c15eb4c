using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using SdeDsl.Optimizers;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--signsgd-sde</c>: ns per element of one Euler–Maruyama step of the catalog's SignSGD SDE (float, 10M
/// coordinates, one core), with precomputed normals and with the normals drawn by Philox (<see cref="SignSgdSdeVariant"/>),
/// interleaved round-robin with a STREAM triad and reported as medians. The targets (docs/performance.md) are ≥ 5× the same
/// step written as PyTorch's in-place tensor ops on one thread, ≥ 8× with the normals drawn in both:
/// <c>torch/signsgd_sde_bench.py</c> times those and prints the ratios. With
/// <c>--json</c> the table goes to standard error and one JSON object to standard output.
/// </summary>
public static class SignSgdSdeTiming
{
    /// <summary>Coordinates per step.</summary>
    public const int Elements = 10_000_000;

    /// <summary>The learning rate η of the model.</summary>
    public const double Eta = 0.01;

    /// <summary>The time step (η, as in the weak-order checks).</summary>
    public const double Dt = 0.01;

    private const int Rounds = 15;
    private const double T = 1.0;
    private const ulong Seed = 20240901;

    public static int Run(bool json)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        TextWriter report = json ? Console.Error : Console.Out;
        report.WriteLine(RoundRobin.MachineLine());
        string loadBefore = RoundRobin.LoadAverage();
        var model = new SignSgd { Eta = Eta };

        if (!CheckSameBits(model, report))
        {
            return 1;
        }

        (List<ITimedLoop> loops, double[][] seconds, double[] median) = Time(model);
        string loadAfter = RoundRobin.LoadAverage();

        double triadBandwidth = loops[^1].Bytes / median[^1];
        report.WriteLine();
        report.WriteLine($"SignSGD SDE Euler–Maruyama step, float, {Elements / 1e6:F0}M coordinates, eta = {Eta}, dt = {Dt}, one core, " +
            $"{Rounds} rounds round-robin after warm-up; medians. Load average (1, 5, 15 min): {loadBefore} before, {loadAfter} after.");
        report.WriteLine();
        report.WriteLine("| variant | ns/element (min .. max) | ms/step | counted GB/s | of triad |");
        report.WriteLine("|---|---:|---:|---:|---:|");
        for (int j = 0; j < loops.Count; j++)
        {
            (double min, double max) = RoundRobin.Range(seconds[j]);
            double perElement = 1e9 / loops[j].Elements;
            double bandwidth = loops[j].Bytes / median[j];
            report.WriteLine($"| {loops[j].Name} | {median[j] * perElement:F3} ({min * perElement:F3} .. {max * perElement:F3}) | " +
                $"{median[j] * 1e3:F2} | {bandwidth / 1e9:F2} | {bandwidth / triadBandwidth:F3} |");
        }

        int generated = loops.FindIndex(l => l is SignSgdSdeLoop { Variant: SignSgdSdeVariant.PrecomputedNoise });
        int handWritten = loops.FindIndex(l => l is SignSgdSdeLoop { Variant: SignSgdSdeVariant.HandWrittenPrecomputedNoise });
        report.WriteLine();
        report.WriteLine($"generated / hand-written (Erf once) time: {median[generated] / median[handWritten]:F3} " +
            "(target: <= 1.05)");

        if (json)
        {
            using Stream stdout = Console.OpenStandardOutput();
            using (var writer = new Utf8JsonWriter(stdout))
            {
                writer.WriteStartObject();
                writer.WriteString("mode", "signsgd-sde");
                writer.WriteNumber("elements", Elements);
                writer.WriteNumber("rounds", Rounds);
                writer.WriteString("load_before", loadBefore);
                writer.WriteString("load_after", loadAfter);
                writer.WriteNumber("triad_gb_per_s", triadBandwidth / 1e9);
                writer.WriteStartObject("ns_per_element");
                for (int j = 0; j < loops.Count - 1; j++)
                {
                    writer.WriteNumber(JsonKey(((SignSgdSdeLoop)loops[j]).Variant), median[j] * 1e9 / loops[j].Elements);
                }

                writer.WriteEndObject();
                writer.WriteStartObject("ns_min_per_element");
                for (int j = 0; j < loops.Count - 1; j++)
                {
                    writer.WriteNumber(JsonKey(((SignSgdSdeLoop)loops[j]).Variant), RoundRobin.Range(seconds[j]).Min * 1e9 / loops[j].Elements);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            stdout.WriteByte((byte)'\n');
        }

        return 0;
    }

    /// <summary>ns per element of every variant, by its JSON key (the triad's own time is left out), after checking
    /// that the variants that must agree do; null, with the mismatch written to <paramref name="report"/>, if not.</summary>
    public static Dictionary<string, double>? Measure(TextWriter report)
    {
        var model = new SignSgd { Eta = Eta };
        if (!CheckSameBits(model, report))
        {
            return null;
        }

        (List<ITimedLoop> loops, _, double[] median) = Time(model);
        var result = new Dictionary<string, double>();
        for (int j = 0; j < loops.Count - 1; j++)
        {
            result[JsonKey(((SignSgdSdeLoop)loops[j]).Variant)] = median[j] * 1e9 / loops[j].Elements;
        }

        return result;
    }

    /// <summary>Every variant and the triad (last), warmed up and timed round-robin.</summary>
    private static (List<ITimedLoop> Loops, double[][] Seconds, double[] Median) Time(SignSgd model)
    {
        (float[] x0, float[] grad, float[] sigma, float[] noise) = Inputs(Elements, seed: 4242);
        var loops = new List<ITimedLoop>();
        foreach (SignSgdSdeVariant variant in Enum.GetValues<SignSgdSdeVariant>())
        {
            loops.Add(new SignSgdSdeLoop(variant, model, x0, grad, sigma, noise, Seed, T, Dt));
        }

        loops.Add(new TriadLoop(AdamWLoops.TriadLength, seed: 54321));
        RoundRobin.WarmUp(loops);
        double[][] seconds = RoundRobin.Time(loops, Rounds);
        return (loops, seconds, RoundRobin.Medians(seconds));
    }

    /// <summary>The variant's key in the JSON output.</summary>
    private static string JsonKey(SignSgdSdeVariant variant) => variant switch
    {
        SignSgdSdeVariant.PrecomputedNoise => "em_precomputed_noise",
        SignSgdSdeVariant.HandWrittenPrecomputedNoise => "hand_written_erf_once_precomputed_noise",
        SignSgdSdeVariant.FillNormalOnly => "fill_normal_only",
        SignSgdSdeVariant.FillNormalThenStep => "fill_normal_then_em",
        _ => "chunked_fill_normal_and_em",
    };

    /// <summary>
    /// Seeded inputs: x uniform in [−1, 1), grad uniform in [−2, 2), sigma uniform in [0.5, 1.5) (so |Y| = |grad|/(√2σ)
    /// spans all three phases of docs/math.md §SignSGD), and standard normals from Philox (stream 0, path 0, step 0).
    /// </summary>
    public static (float[] X, float[] Grad, float[] Sigma, float[] Noise) Inputs(int n, int seed)
    {
        var random = new System.Random(seed);
        var x = new float[n];
        var grad = new float[n];
        var sigma = new float[n];
        var noise = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)((2 * random.NextDouble()) - 1);
            grad[i] = (float)((4 * random.NextDouble()) - 2);
            sigma[i] = (float)(0.5 + random.NextDouble());
        }

        new PhiloxStream(Seed, streamId: 0).FillNormal(noise, 0, 0);
        return (x, grad, sigma, noise);
    }

    /// <summary>
    /// Pairs of variants that must compute the same bits, on a length that is neither a multiple of the chunk nor of
    /// the vector width (so tails run too): the chunked and the two-pass fills (same normals, same kernel lanes), and
    /// the hand-written and the generated steps (same operations, Erf merged). The timings then compare like with like.
    /// </summary>
    private static bool CheckSameBits(SignSgd model, TextWriter report)
    {
        const int n = (12 * SignSgdSdeLoop.ChunkLength) + 1003;
        (float[] x0, float[] grad, float[] sigma, float[] noise) = Inputs(n, seed: 7);
        (SignSgdSdeVariant, SignSgdSdeVariant)[] pairs =
        [
            (SignSgdSdeVariant.FillNormalThenStep, SignSgdSdeVariant.ChunkedFillAndStep),
            (SignSgdSdeVariant.PrecomputedNoise, SignSgdSdeVariant.HandWrittenPrecomputedNoise),
        ];
        foreach ((SignSgdSdeVariant first, SignSgdSdeVariant second) in pairs)
        {
            var a = new SignSgdSdeLoop(first, model, x0, grad, sigma, noise, Seed, T, Dt);
            var b = new SignSgdSdeLoop(second, model, x0, grad, sigma, noise, Seed, T, Dt);
            for (long step = 1; step <= 3; step++)
            {
                a.Step(n, step);
                b.Step(n, step);
            }

            for (int i = 0; i < n; i++)
            {
                if (BitConverter.SingleToInt32Bits(a.X[i]) != BitConverter.SingleToInt32Bits(b.X[i]) || !float.IsFinite(a.X[i]))
                {
                    report.WriteLine($"MISMATCH: '{a.Name}' and '{b.Name}' differ at {i}: {a.X[i]:R} vs {b.X[i]:R}");
                    return false;
                }
            }

            report.WriteLine($"'{a.Name}' and '{b.Name}' agree bit for bit (n = {n}, 3 steps).");
        }

        return true;
    }
}
