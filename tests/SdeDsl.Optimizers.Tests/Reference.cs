using System;
using System.Numerics;
using Xunit;

namespace SdeDsl.Optimizers.Tests;

/// <summary>Seeded inputs and the relative comparison shared by the model tests.</summary>
internal static class Reference
{
    /// <summary>8 full vectors and a partial one, so both the vector loop and the tail run.</summary>
    public static int Length => (8 * Vector<double>.Count) + 3;

    public const int Steps = 50;

    public const double Tolerance = 1e-12;

    public static double[] Normal(Random rng, int n, double mean = 0, double scale = 1)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - rng.NextDouble();
            double u2 = rng.NextDouble();
            a[i] = mean + (scale * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return a;
    }

    public static double[] Uniform(Random rng, int n, double lo, double hi)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = lo + ((hi - lo) * rng.NextDouble());
        }

        return a;
    }

    public static double[] Filled(int n, double value)
    {
        var a = new double[n];
        Array.Fill(a, value);
        return a;
    }

    public static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i];
            double a = actual[i];
            Assert.True(double.IsFinite(e), $"{what}[{i}]: reference {e} is not finite");
            Assert.True(
                Math.Abs(a - e) <= Tolerance * Math.Abs(e),
                $"{what}[{i}]: expected {e:R}, got {a:R} (relative error {Math.Abs(a - e) / Math.Abs(e):E2})");
        }
    }
}
