using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--student-t-accuracy [samples]</c>: the single-precision <see cref="SdeMath.StudentTCdf(Vector{float}, Vector{float})"/>
/// and <see cref="SdeMath.StudentTPdf(Vector{float}, Vector{float})"/> against their double overloads (absolute error
/// ≤ 4e-15 and relative ≈ 1e-14: far below float's) at the float arguments. ν: special values (0.05 … 1e8, ∞) and
/// log-uniform ones in [0.05, 1e8); per ν, x in three bands (|x| ≤ 4, log-uniform |x| in [1e-30, 1e30], float bit
/// patterns) plus ±0, ±∞, NaN, the piece boundaries |x|/(1 + |x|) = j/8 and the float neighbours of |x| = √ν (where the
/// integral ν from 1 to 4 change polynomials). Prints per ν range the largest absolute
/// CDF error, the largest relative error of the lower tail F(−|x|) where the reference exceeds 1e-30, the largest
/// relative density error where the density exceeds 1e-30, and checks that the scalar overload equals every lane.
/// At least 10^8 samples in total by default (the count per ν rounded up to whole vectors); both cores.
/// </summary>
public static class StudentTAccuracy
{
    private static readonly double[] SpecialNus = [0.05, 0.1, 0.5, 1, 1.5, 2, 2.4999, 2.5, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 30, 100, 1e3, 1e4, 1e5, 1e6, 9.99e6, 1e7, 1e8, double.PositiveInfinity];

    private static readonly (string Name, double Low, double High)[] Ranges =
        [("(0, 1)", 0, 1), ("[1, 2.5)", 1, 2.5), ("[2.5, 4)", 2.5, 4), ("[4, 30]", 4, 30.0000001), ("(30, 1e4]", 30.0000001, 1e4 * 1.0000001), ("(1e4, 1e7)", 1e4 * 1.0000001, 1e7), ("≥ 1e7", 1e7, double.PositiveInfinity)];

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine(RoundRobin.MachineLine());
        long total = args.Select(static a => long.TryParse(a, out long n) ? n : 0).FirstOrDefault(static n => n > 0);
        total = total > 0 ? total : 100_000_000;
        const int RandomNus = 2000;
        int nuCount = SpecialNus.Length + RandomNus;
        // Rounded up to whole vectors, so that the samples are at least the total asked for.
        long perNu = Math.Max(1024, (total + nuCount - 1) / nuCount + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        var random = new Random(20251206);
        float[] nus = new float[nuCount];
        for (int i = 0; i < nuCount; i++)
        {
            nus[i] = i < SpecialNus.Length ? (float)SpecialNus[i] : (float)Math.Exp(Math.Log(0.05) + (random.NextDouble() * (Math.Log(1e8) - Math.Log(0.05))));
        }

        // One row per range of ν, and two for the integral ν from 1 to 16, which are counted there rather than in their
        // range: 1 to 4, whose CDF is two polynomials in x/√ν, and 5 to 16, whose CDF takes the power path (h/(1 + t)^s
        // instead of exp(E + g)); the density of all sixteen is a power.
        var stats = new Stats[Ranges.Length + 2];
        for (int r = 0; r < stats.Length; r++)
        {
            stats[r] = new Stats();
        }

        var watch = Stopwatch.StartNew();
        long mismatches = 0;
        Parallel.For(0, nuCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            float nu = nus[i];
            int range = Array.FindIndex(Ranges, rr => nu >= rr.Low && nu < rr.High);
            range = range < 0 ? Ranges.Length - 1 : range;
            // The library's rules for the two polynomials and the power path (StudentTSingleTable.Split and
            // IntegerPower, internal to SdeDsl).
            range = nu >= 1f && nu <= 16f && nu == MathF.Round(nu) ? Ranges.Length + (nu >= 5f ? 1 : 0) : range;
            var local = new Stats();
            var rng = new Random(1000 + i);
            int width = Vector<float>.Count;
            float[] xs = new float[width];
            for (long s = 0; s < perNu; s += width)
            {
                for (int lane = 0; lane < width; lane++)
                {
                    xs[lane] = Sample(rng, s + lane, nu);
                }

                var vx = new Vector<float>(xs);
                var vnu = new Vector<float>(nu);
                Vector<float> cdf = SdeMath.StudentTCdf(vx, vnu);
                Vector<float> pdf = SdeMath.StudentTPdf(vx, vnu);
                for (int lane = 0; lane < width; lane++)
                {
                    float x = xs[lane];
                    if (BitConverter.SingleToUInt32Bits(cdf[lane]) != BitConverter.SingleToUInt32Bits(SdeMath.StudentTCdf(x, nu))
                        || BitConverter.SingleToUInt32Bits(pdf[lane]) != BitConverter.SingleToUInt32Bits(SdeMath.StudentTPdf(x, nu)))
                    {
                        Interlocked.Increment(ref mismatches);
                    }

                    local.Add(x, nu, cdf[lane], pdf[lane]);
                }
            }

            lock (stats)
            {
                stats[range].Merge(local);
            }
        });

        Console.WriteLine($"{perNu * nuCount:N0} samples ({nuCount} values of ν × {perNu:N0}), {watch.Elapsed.TotalSeconds:F0} s; scalar ≠ lane: {mismatches}");
        Console.WriteLine();
        Console.WriteLine("| ν | samples | CDF max abs error (at x, ν) | lower tail max rel error, F > 1e-30 | density max rel error, p > 1e-30 | special mismatches |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (int r = 0; r < stats.Length; r++)
        {
            Stats st = stats[r];
            string name = r < Ranges.Length ? Ranges[r].Name + (r is 1 or 2 or 3 ? ", not integral" : string.Empty) : r == Ranges.Length ? "integral, 1 to 4" : "integral, 5 to 16";
            Console.WriteLine($"| {name} | {st.Count:N0} | {st.MaxAbs:E2} ({st.AbsX:R}, {st.AbsNu:R}) | {st.MaxTailRel:E2} ({st.TailX:R}, {st.TailNu:R}) | {st.MaxPdfRel:E2} ({st.PdfX:R}, {st.PdfNu:R}) | {st.Special} |");
        }

        return mismatches == 0 && stats.All(static s => s.Special == 0) ? 0 : 1;
    }

    private static readonly float[] SpecialXs = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.MaxValue, -float.MaxValue, float.Epsilon, 1e-45f, 1f, -1f];

    private static float Sample(Random rng, long index, float nu)
    {
        if (index < SpecialXs.Length)
        {
            return SpecialXs[index];
        }

        if (index < SpecialXs.Length + 16)
        {
            // Piece boundaries: |x|/(1 + |x|) = j/8, x = j/(8 − j), and their float neighbours.
            int j = (int)(index - SpecialXs.Length) % 8;
            float b = j / (8f - j);
            return index % 2 == 0 ? MathF.BitIncrement(b) : -MathF.BitDecrement(b);
        }

        if (index < SpecialXs.Length + 24)
        {
            // |x| = √ν as the kernels compute it (1/(1/√ν) in float) and its neighbours, on both sides of zero.
            int k = (int)(index - SpecialXs.Length - 16);
            float edge = 1f / (float)(1.0 / Math.Sqrt(nu));
            float near = (k >> 1) switch { 0 => MathF.BitDecrement(MathF.BitDecrement(edge)), 1 => MathF.BitDecrement(edge), 2 => edge, _ => MathF.BitIncrement(edge) };
            return (k & 1) == 0 ? near : -near;
        }

        switch (rng.Next(3))
        {
            case 0:
                return (float)((rng.NextDouble() * 8.0) - 4.0);
            case 1:
                return (float)((rng.Next(2) == 0 ? -1 : 1) * Math.Exp(Math.Log(1e-30) + (rng.NextDouble() * (Math.Log(1e30) - Math.Log(1e-30)))));
            default:
                float f = BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32));
                return float.IsNaN(f) ? 0.5f : f;
        }
    }

    private sealed class Stats
    {
        public long Count;
        public double MaxAbs, MaxTailRel, MaxPdfRel;
        public float AbsX, AbsNu, TailX, TailNu, PdfX, PdfNu;
        public long Special;

        public void Add(float x, float nu, float cdf, float pdf)
        {
            Count++;
            double refCdf = SdeMath.StudentTCdf((double)x, nu);
            double refPdf = SdeMath.StudentTPdf((double)x, nu);
            if (double.IsNaN(refCdf) != float.IsNaN(cdf) || double.IsNaN(refPdf) != float.IsNaN(pdf)
                || (double.IsInfinity(x) && (cdf != (float)refCdf || pdf != 0f)))
            {
                Special++;
                return;
            }

            if (double.IsNaN(refCdf))
            {
                return;
            }

            double abs = Math.Abs(cdf - refCdf);
            if (abs > MaxAbs)
            {
                (MaxAbs, AbsX, AbsNu) = (abs, x, nu);
            }

            double lowerRef = Math.Min(refCdf, 1.0 - refCdf);
            float lower = x < 0 ? cdf : SdeMath.StudentTCdf(-x, nu);
            double tailRef = SdeMath.StudentTCdf(-Math.Abs((double)x), nu);
            if (tailRef > 1e-30 && lowerRef >= 0)
            {
                double rel = Math.Abs(lower - tailRef) / tailRef;
                if (rel > MaxTailRel)
                {
                    (MaxTailRel, TailX, TailNu) = (rel, x, nu);
                }
            }

            if (refPdf > 1e-30)
            {
                double rel = Math.Abs(pdf - refPdf) / refPdf;
                if (rel > MaxPdfRel)
                {
                    (MaxPdfRel, PdfX, PdfNu) = (rel, x, nu);
                }
            }
        }

        public void Merge(Stats other)
        {
            Count += other.Count;
            Special += other.Special;
            if (other.MaxAbs > MaxAbs)
            {
                (MaxAbs, AbsX, AbsNu) = (other.MaxAbs, other.AbsX, other.AbsNu);
            }

            if (other.MaxTailRel > MaxTailRel)
            {
                (MaxTailRel, TailX, TailNu) = (other.MaxTailRel, other.TailX, other.TailNu);
            }

            if (other.MaxPdfRel > MaxPdfRel)
            {
                (MaxPdfRel, PdfX, PdfNu) = (other.MaxPdfRel, other.PdfX, other.PdfNu);
            }
        }
    }
}
