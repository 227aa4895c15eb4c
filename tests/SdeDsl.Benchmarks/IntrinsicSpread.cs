using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SdeDsl.Kernels;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--intrinsic-spread</c>: does a float intrinsic's cost depend on its argument? Every float intrinsic of the
/// generated kernels (through <see cref="VectorMath"/>, the one-vector body, and <see cref="VectorMath512"/>, the 512-bit
/// body where it runs) over thirteen argument bands — |x| log-uniform in [1.2·10⁻³⁸, 10⁻¹⁸], [10⁻¹⁸, 10⁻⁶], [10⁻⁶, 10⁻³],
/// [0.1, 1], [1, 4], [4, 16], [16, 128], [128, 10⁶], [10⁶, 10¹²], [10¹², 10¹⁹], [10¹⁹, 10³⁰], [10³⁰, 3·10³⁸] and the
/// subnormals, both signs (positive for <c>Log</c> and <c>Pow</c>'s base) — 4,096 arguments per band, cache-resident, so
/// that only the function's own cost is timed. Round-robin over every (function, body, band) after a warm-up, medians of
/// <c>--rounds N</c> (default 9). Prints ns per element per band; the spread over the eleven bands from 10⁻¹⁸ up (slowest
/// over fastest; the issue asks ≤ 1.3 of every kernel between small and large arguments, and a spread here is where a
/// model's step would get one); the band of normal floats below 10⁻¹⁸ over the fastest (there x², or a constant times
/// it, is subnormal in most functions' polynomials); and the subnormal band over the fastest (subnormal arguments take
/// the processor's slow path in most functions). The large bands are narrow enough to show a range where some product
/// or quotient of a function is subnormal. Exit code 0: it measures, it does not judge.
/// </summary>
public static class IntrinsicSpread
{
    private const int Arguments = 4096;
    private const int PassesPerRun = 64;

    private static readonly (string Name, double Low, double High)[] Bands =
    [
        ("1e-38–1e-18", 1.2e-38, 1e-18), ("1e-18–1e-6", 1e-18, 1e-6), ("1e-6–1e-3", 1e-6, 1e-3), ("0.1–1", 0.1, 1), ("1–4", 1, 4), ("4–16", 4, 16),
        ("16–128", 16, 128), ("128–1e6", 128, 1e6), ("1e6–1e12", 1e6, 1e12), ("1e12–1e19", 1e12, 1e19),
        ("1e19–1e30", 1e19, 1e30), ("1e30–3e38", 1e30, 3e38), ("subnormal", 1.5e-45, 1.1e-38),
    ];

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        int index = Array.IndexOf(args, "--rounds");
        int rounds = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 9;
        bool wide = VectorKernel.UsesWideBody<float>();
        var loops = new List<ITimedLoop>();
        foreach (bool body in wide ? new[] { false, true } : new[] { false })
        {
            Add<ErfFunction>(loops, "Erf", body, positive: false);
            Add<ErfcFunction>(loops, "Erfc", body, positive: false);
            Add<ExpFunction>(loops, "Exp", body, positive: false);
            Add<LogFunction>(loops, "Log", body, positive: true);
            Add<TanhFunction>(loops, "Tanh", body, positive: false);
            Add<AtanFunction>(loops, "Atan", body, positive: false);
            Add<PowBaseFunction>(loops, "Pow(x, 1.7)", body, positive: true);
            Add<PowExponentFunction>(loops, "Pow(0.5, x)", body, positive: false);
            Add<StudentTCdf3>(loops, "StudentTCdf(x, 3)", body, positive: false);
            Add<StudentTCdf35>(loops, "StudentTCdf(x, 3.5)", body, positive: false);
            Add<StudentTCdf15>(loops, "StudentTCdf(x, 1.5)", body, positive: false);
            Add<StudentTPdf3>(loops, "StudentTPdf(x, 3)", body, positive: false);
            Add<StudentTPdf35>(loops, "StudentTPdf(x, 3.5)", body, positive: false);
        }

        string loadBefore = RoundRobin.LoadAverage();
        RoundRobin.WarmUp(loops);
        double[] medians = RoundRobin.Medians(RoundRobin.Time(loops, rounds));
        Console.WriteLine(RoundRobin.MachineLine());
        Console.WriteLine();
        Console.WriteLine($"Float intrinsics, {Arguments} arguments per band (cache-resident), {rounds} rounds round-robin after warm-up, medians, ns per element. "
            + $"Load average (1, 5, 15 min): {loadBefore} before, {RoundRobin.LoadAverage()} after.");
        Console.WriteLine("Bands: |x| log-uniform in the range, both signs (Log and Pow's base: positive); body: the one-vector Vector<float> body, or the 512-bit body.");
        Console.WriteLine();
        Console.WriteLine($"| function | body | {string.Join(" | ", Bands.Select(static b => b.Name))} | spread over the normal bands from 1e-18 (slowest / fastest) | 1e-38–1e-18 / fastest | subnormal band / fastest |");
        Console.WriteLine($"|---|---|{string.Concat(Enumerable.Repeat("---:|", Bands.Length))}---:|---:|---:|");
        for (int start = 0; start < loops.Count; start += Bands.Length)
        {
            double[] ns = Enumerable.Range(start, Bands.Length).Select(j => medians[j] * 1e9 / loops[j].Elements).ToArray();
            double[] normal = ns[1..^1];
            double fastest = normal.Min();
            double spread = normal.Max() / fastest, small = ns[0] / fastest, subnormal = ns[^1] / fastest;
            string[] parts = loops[start].Name.Split('|');
            Console.WriteLine($"| {parts[0]} | {parts[1]} | {string.Join(" | ", ns.Select(static v => v.ToString("F3")))} | "
                + $"{spread:F2}{(spread > 1.3 ? " (> 1.3)" : "")} | {small:F2} | {subnormal:F2} |");
        }

        return 0;
    }

    private static void Add<TFunction>(List<ITimedLoop> loops, string name, bool wide, bool positive)
        where TFunction : struct, IFunction
    {
        string body = wide ? "512-bit" : $"Vector<float> ({Vector<float>.Count * 32}-bit)";
        var rng = new Random(20261206);
        foreach ((string band, double low, double high) in Bands)
        {
            var x = new float[Arguments];
            for (int i = 0; i < x.Length; i++)
            {
                float magnitude = (float)Math.Exp(Math.Log(low) + (rng.NextDouble() * (Math.Log(high) - Math.Log(low))));
                x[i] = positive || rng.Next(2) == 0 ? magnitude : -magnitude;
            }

            loops.Add(new BandLoop<TFunction>($"{name}|{body}|{band}", x, wide));
        }
    }

    /// <summary>A float intrinsic in both bodies' forms, called without a delegate so that it inlines into the loop.</summary>
    private interface IFunction
    {
        static abstract Vector<float> Narrow(Vector<float> x);

        static abstract Vector512<float> Wide(Vector512<float> x);
    }

    /// <summary>One (function, body, band): its arguments passed <see cref="PassesPerRun"/> times per run, through the
    /// 512-bit body or the one-vector body.</summary>
    private sealed class BandLoop<TFunction>(string name, float[] x, bool wide) : ITimedLoop
        where TFunction : struct, IFunction
    {
        private readonly float[] _y = new float[x.Length];

        public string Name => name;

        public long Elements => (long)PassesPerRun * x.Length;

        public long Bytes => 8L * Elements;

        public void Run() => Passes(PassesPerRun);

        public void RunShort() => Passes(1);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Passes(int passes)
        {
            ref float source = ref x[0];
            ref float destination = ref _y[0];
            for (int pass = 0; pass < passes; pass++)
            {
                if (wide)
                {
                    for (nuint i = 0; i < (nuint)x.Length; i += 16)
                    {
                        TFunction.Wide(Vector512.LoadUnsafe(ref source, i)).StoreUnsafe(ref destination, i);
                    }
                }
                else
                {
                    for (nuint i = 0; i < (nuint)x.Length; i += (nuint)Vector<float>.Count)
                    {
                        TFunction.Narrow(Vector.LoadUnsafe(ref source, i)).StoreUnsafe(ref destination, i);
                    }
                }
            }
        }
    }

    private readonly struct ErfFunction : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.Erf(x);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.Erf(x);
    }

    private readonly struct ErfcFunction : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.Erfc(x);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.Erfc(x);
    }

    private readonly struct ExpFunction : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.Exp(x);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.Exp(x);
    }

    private readonly struct LogFunction : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.Log(x);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.Log(x);
    }

    private readonly struct TanhFunction : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.Tanh(x);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.Tanh(x);
    }

    private readonly struct AtanFunction : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.Atan(x);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.Atan(x);
    }

    private readonly struct PowBaseFunction : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.Pow(x, new Vector<float>(1.7f));

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.Pow(x, Vector512.Create(1.7f));
    }

    private readonly struct PowExponentFunction : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.Pow(new Vector<float>(0.5f), x);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.Pow(Vector512.Create(0.5f), x);
    }

    private static class Degrees
    {
        public static readonly StudentTDegrees Three = StudentTDegrees.Of<float>(3);
        public static readonly StudentTDegrees ThreeAndAHalf = StudentTDegrees.Of<float>(3.5);
        public static readonly StudentTDegrees OneAndAHalf = StudentTDegrees.Of<float>(1.5);
    }

    private readonly struct StudentTCdf3 : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.StudentTCdf(x, Degrees.Three);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.StudentTCdf(x, Degrees.Three);
    }

    private readonly struct StudentTCdf35 : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.StudentTCdf(x, Degrees.ThreeAndAHalf);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.StudentTCdf(x, Degrees.ThreeAndAHalf);
    }

    private readonly struct StudentTCdf15 : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.StudentTCdf(x, Degrees.OneAndAHalf);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.StudentTCdf(x, Degrees.OneAndAHalf);
    }

    private readonly struct StudentTPdf3 : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.StudentTPdf(x, Degrees.Three);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.StudentTPdf(x, Degrees.Three);
    }

    private readonly struct StudentTPdf35 : IFunction
    {
        public static Vector<float> Narrow(Vector<float> x) => VectorMath.StudentTPdf(x, Degrees.ThreeAndAHalf);

        public static Vector512<float> Wide(Vector512<float> x) => VectorMath512.StudentTPdf(x, Degrees.ThreeAndAHalf);
    }
}
