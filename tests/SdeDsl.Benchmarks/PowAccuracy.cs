using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using SdeDsl.TestSupport;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--pow-accuracy [samples]</c>: the single-precision <see cref="SdeMath.Pow(Vector{float}, Vector{float})"/>, which has
/// 2^64 inputs and so cannot be checked exhaustively like the one-argument functions (<see cref="FloatAccuracy"/>),
/// against <see cref="Math.Pow(double, double)"/> at the float arguments (within a double ulp, 2^-29 of a float ulp).
/// Default 10^8 random pairs in six bands, plus every pair of the special values (±0, the smallest subnormal, the
/// smallest normal, ±1, ±2, ½, the largest float, ±∞, NaN, small integral and half-integral exponents):
/// <list type="bullet">
/// <item>results of every size: x a random positive float (subnormals included), y = t/log₂ x with t uniform in
/// [−160, 135], so the results sweep the whole float range, subnormal results and overflow included; x negative for
/// a quarter of them, with y then rounded to an integer half of the time;</item>
/// <item>the region boundaries: t = 128 (overflow), −126 (the subnormal results begin), −149 and −150 (underflow to
/// zero), y moved by up to four floats either side;</item>
/// <item>integral y in [−40, 40], x of either sign with a finite result;</item>
/// <item>x within 2^-1 … 2^-24 of 1 (the logarithm near its zero), y a random float bit pattern;</item>
/// <item>subnormal x, y uniform in [−1.2, 1.2];</item>
/// <item>x and y random float bit patterns (mostly 0, ∞ and NaN results: their special values).</item>
/// </list>
/// Prints per band the largest error in float ulps of the reference and its arguments, how many special results (NaN,
/// ±∞, the sign of a zero) disagree, and checks on every 61st pair that the scalar overload gives the lane's bits.
/// Both cores; seconds.
/// </summary>
public static class PowAccuracy
{
    private static readonly string[] Bands =
        ["results of every size", "region boundaries", "integral y", "x near 1", "subnormal x", "random bit patterns", "special values"];

    private static readonly float[] Specials =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, 1.17549435e-38f, 0.5f, -0.5f, 1f, -1f, 2f, -2f, 3f, -3f, 0.25f, 1.5f, -1.5f,
        float.MaxValue, -float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-10f, 1e10f, 127f, 128f, -126f, -149f, -150f,
    ];

    private const int BlockLength = 1 << 16;

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine(RoundRobin.MachineLine());
        long requested = args.Select(static a => long.TryParse(a, out long n) ? n : 0).FirstOrDefault(static n => n > 0);
        requested = requested > 0 ? requested : 100_000_000;
        long blocks = (requested + BlockLength - 1) / BlockLength;
        var stats = new Stats[Bands.Length];
        for (int b = 0; b < stats.Length; b++)
        {
            stats[b] = new Stats();
        }

        var watch = Stopwatch.StartNew();
        long scalarMismatches = 0;
        Parallel.For(0, blocks + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, block =>
        {
            // Block `blocks` is the table of special pairs; the others are random, seeded by their index.
            var x = new float[BlockLength];
            var y = new float[BlockLength];
            var band = new byte[BlockLength];
            int length = block == blocks ? Fill(x, y, band) : Fill(new Random(unchecked((int)(20261206 + (block * 7919)))), x, y, band);
            var result = new float[length];
            int width = Vector<float>.Count, i = 0;
            for (; i + width <= length; i += width)
            {
                SdeMath.Pow(new Vector<float>(x, i), new Vector<float>(y, i)).CopyTo(result, i);
            }

            for (; i < length; i++)
            {
                result[i] = SdeMath.Pow(x[i], y[i]);
            }

            var local = new Stats[Bands.Length];
            for (int b = 0; b < local.Length; b++)
            {
                local[b] = new Stats();
            }

            long mismatches = 0;
            for (int k = 0; k < length; k++)
            {
                local[band[k]].Add(x[k], y[k], result[k]);
                if (k % 61 == 0 && BitConverter.SingleToUInt32Bits(SdeMath.Pow(x[k], y[k])) != BitConverter.SingleToUInt32Bits(result[k]))
                {
                    mismatches++;
                }
            }

            Interlocked.Add(ref scalarMismatches, mismatches);
            lock (stats)
            {
                for (int b = 0; b < stats.Length; b++)
                {
                    stats[b].Merge(local[b]);
                }
            }
        });

        long total = stats.Sum(static s => s.Count);
        Console.WriteLine($"{total:N0} pairs ({stats[^1].Count:N0} of them special), {watch.Elapsed.TotalSeconds:F0} s; scalar ≠ lane: {scalarMismatches}");
        Console.WriteLine();
        Console.WriteLine("| band | pairs | max error (ulp) | at (x, y) | special mismatches |");
        Console.WriteLine("|---|---:|---:|---|---:|");
        for (int b = 0; b < Bands.Length; b++)
        {
            Stats s = stats[b];
            Console.WriteLine($"| {Bands[b]} | {s.Count:N0} | {s.MaxUlp:F7} | ({s.X:R}, {s.Y:R}) | {s.Special} |");
        }

        Console.WriteLine($"all: max {stats.Max(static s => s.MaxUlp):F7} ulp");
        foreach (Stats s in stats.Where(static s => s.Special > 0))
        {
            Console.WriteLine($"special mismatch, e.g. Pow({s.SpecialX:R}, {s.SpecialY:R})");
        }

        return scalarMismatches == 0 && stats.All(static s => s.Special == 0) ? 0 : 1;
    }

    /// <summary>Every ordered pair of <see cref="Specials"/>.</summary>
    private static int Fill(float[] x, float[] y, byte[] band)
    {
        int k = 0;
        foreach (float a in Specials)
        {
            foreach (float b in Specials)
            {
                (x[k], y[k], band[k]) = (a, b, (byte)(Bands.Length - 1));
                k++;
            }
        }

        return k;
    }

    /// <summary>One block of random pairs.</summary>
    private static int Fill(Random rng, float[] x, float[] y, byte[] band)
    {
        for (int k = 0; k < x.Length; k++)
        {
            int b = rng.Next(Bands.Length - 1);
            (x[k], y[k]) = b switch
            {
                0 => EverySize(rng),
                1 => Boundary(rng),
                2 => Integral(rng),
                3 => NearOne(rng),
                4 => (BitConverter.UInt32BitsToSingle((uint)rng.Next(1, 1 << 23)), (float)((rng.NextDouble() * 2.4) - 1.2)),
                _ => (RandomBits(rng), RandomBits(rng)),
            };
            band[k] = (byte)b;
        }

        return x.Length;
    }

    /// <summary>A positive finite float, uniform in its bit pattern (subnormals included).</summary>
    private static float PositiveBits(Random rng) => BitConverter.UInt32BitsToSingle((uint)rng.Next(1, 0x7F80_0000));

    private static float RandomBits(Random rng) => BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32));

    /// <summary>y = t/log₂ x, so that x^y = 2^t up to y's rounding.</summary>
    private static float ExponentFor(float x, double t)
    {
        double log2 = Math.Log2(x);
        return log2 == 0 ? (float)t : (float)(t / log2);
    }

    private static (float, float) EverySize(Random rng)
    {
        float x = PositiveBits(rng);
        float y = ExponentFor(x, -160.0 + (rng.NextDouble() * 295.0));
        if (rng.Next(4) == 0)
        {
            x = -x;
            y = rng.Next(2) == 0 ? MathF.Round(y) : y;
        }

        return (x, y);
    }

    private static (float, float) Boundary(Random rng)
    {
        float x = PositiveBits(rng);
        float y = ExponentFor(x, rng.Next(4) switch { 0 => 128.0, 1 => -126.0, 2 => -149.0, _ => -150.0 });
        for (int step = rng.Next(-4, 5); step != 0; step -= Math.Sign(step))
        {
            y = step > 0 ? MathF.BitIncrement(y) : MathF.BitDecrement(y);
        }

        return (x, y);
    }

    private static (float, float) Integral(Random rng)
    {
        int n = rng.Next(-40, 41);
        // |log₂ x| ≤ 150/|n|: the result stays within the float range or just past it.
        double bound = 150.0 / Math.Max(1, Math.Abs(n));
        float x = (float)Math.Pow(2, (rng.NextDouble() * 2 * bound) - bound);
        return (rng.Next(2) == 0 ? -x : x, n);
    }

    private static (float, float) NearOne(Random rng)
    {
        int k = rng.Next(1, 25);
        float x = (float)(1.0 + ((rng.NextDouble() - 0.5) * Math.ScaleB(2.0, -k)));
        float y = RandomBits(rng);
        return (x, float.IsNaN(y) ? 0.5f : y);
    }

    private sealed class Stats
    {
        public long Count;
        public long Special;
        public double MaxUlp;
        public float X, Y, SpecialX, SpecialY;

        public void Add(float x, float y, float result)
        {
            Count++;
            double ulp = FloatUlps.Error(result, Math.Pow(x, y));
            if (double.IsNaN(ulp))
            {
                (SpecialX, SpecialY) = Special == 0 ? (x, y) : (SpecialX, SpecialY);
                Special++;
            }
            else if (ulp > MaxUlp)
            {
                (MaxUlp, X, Y) = (ulp, x, y);
            }
        }

        public void Merge(Stats other)
        {
            Count += other.Count;
            if (Special == 0 && other.Special > 0)
            {
                (SpecialX, SpecialY) = (other.SpecialX, other.SpecialY);
            }

            Special += other.Special;
            if (other.MaxUlp > MaxUlp)
            {
                (MaxUlp, X, Y) = (other.MaxUlp, other.X, other.Y);
            }
        }
    }
}
