using System;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using SdeDsl.TestSupport;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--float-accuracy [Exp Log Erf …]</c>: the single-precision intrinsics of <see cref="SdeMath"/> over every one of
/// the 2^32 float inputs, against their double overloads (≤ 3.6e-16 relative, 2^-29 of a float ulp) as the reference.
/// Prints, per function, the largest error in float ulps (of the reference), its argument, and how many special results
/// (NaN, ±∞, ±0 where the reference has them) disagree; and checks on every 61st input that the scalar float overload
/// gives the vector lane's bits. Minutes per function on one core; runs on every core.
/// </summary>
public static class FloatAccuracy
{
    private const int ChunkBits = 16;

    /// <summary>Each function: its name, vector and scalar float overloads, and the double reference.</summary>
    private static readonly (string Name, Func<Vector<float>, Vector<float>> Vector, Func<float, float> Scalar, Func<double, double> Reference)[] Functions =
    [
        ("Exp", SdeMath.Exp, SdeMath.Exp, SdeMath.Exp),
        ("Log", SdeMath.Log, SdeMath.Log, SdeMath.Log),
        ("Erf", SdeMath.Erf, SdeMath.Erf, SdeMath.Erf),
        ("Erfc", SdeMath.Erfc, SdeMath.Erfc, SdeMath.Erfc),
        ("Tanh", SdeMath.Tanh, SdeMath.Tanh, SdeMath.Tanh),
        ("Atan", SdeMath.Atan, SdeMath.Atan, SdeMath.Atan),
    ];

    private static readonly string[] AllFunctions = Array.ConvertAll(Functions, static f => f.Name);

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine(RoundRobin.MachineLine());
        string[] functions = Array.FindAll(args, static a => Array.IndexOf(AllFunctions, a) >= 0);
        if (functions.Length == 0)
        {
            functions = AllFunctions;
        }

        Console.WriteLine("function | max ulp | at x | special mismatches | scalar ≠ lane | seconds");
        int failures = 0;
        foreach (string function in functions)
        {
            var watch = Stopwatch.StartNew();
            Result result = Measure(function);
            Console.WriteLine(
                $"{function} | {result.MaxUlp:F3} | {result.ArgMax:R} ({BitConverter.SingleToUInt32Bits(result.ArgMax):X8}) | {result.SpecialMismatches} | {result.ScalarMismatches} | {watch.Elapsed.TotalSeconds:F0}");
            failures += result.SpecialMismatches + result.ScalarMismatches > 0 ? 1 : 0;
        }

        return failures == 0 ? 0 : 1;
    }

    private readonly record struct Result(double MaxUlp, float ArgMax, int SpecialMismatches, int ScalarMismatches);

    private static Result Measure(string function)
    {
        var f = Array.Find(Functions, g => g.Name == function);
        object gate = new();
        double maxUlp = 0;
        float argMax = 0;
        int special = 0, scalar = 0;
        Parallel.For(0, 1 << (32 - ChunkBits), () => new Result(0, 0, 0, 0), (chunk, _, local) =>
        {
            int n = 1 << ChunkBits;
            var x = new float[n];
            var y = new float[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = BitConverter.UInt32BitsToSingle((uint)((chunk << ChunkBits) | i));
            }

            for (int i = 0; i < n; i += Vector<float>.Count)
            {
                Vector<float> v = f.Vector(new Vector<float>(x, i));
                v.CopyTo(y, i);
            }

            double max = local.MaxUlp;
            float at = local.ArgMax;
            int sp = local.SpecialMismatches, sc = local.ScalarMismatches;
            for (int i = 0; i < n; i++)
            {
                double reference = f.Reference(x[i]);
                double ulp = FloatUlps.Error(y[i], reference);
                if (double.IsNaN(ulp))
                {
                    sp++;
                }
                else if (ulp > max)
                {
                    max = ulp;
                    at = x[i];
                }

                if (i % 61 == 0 && BitConverter.SingleToUInt32Bits(f.Scalar(x[i])) != BitConverter.SingleToUInt32Bits(y[i]))
                {
                    sc++;
                }
            }

            return new Result(max, at, sp, sc);
        }, local =>
        {
            lock (gate)
            {
                if (local.MaxUlp > maxUlp)
                {
                    maxUlp = local.MaxUlp;
                    argMax = local.ArgMax;
                }

                special += local.SpecialMismatches;
                scalar += local.ScalarMismatches;
            }
        });
        return new Result(maxUlp, argMax, special, scalar);
    }
}
