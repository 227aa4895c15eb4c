using System;
using MathNet.Numerics.Distributions;
using SdeDsl.RandomNumbers;
using Xunit;

namespace SdeDsl.Tests.RandomNumbers;

/// <summary>
/// Quantile tests of the Student-t variates. For each ν and each probability p, the fraction of N = 10^6 variates
/// at or below the true quantile q_p = F_ν^−1(p) is Binomial(N, p)/N under H0, with standard error √(p(1 − p)/N); it
/// must lie within p ± 5·√(p(1 − p)/N). Equivalent to checking F_ν(q̂_p) for the empirical quantile q̂_p, without a
/// sort. Quantiles by bisection on MathNet's <see cref="StudentT"/> CDF (its InvCDF fails to converge for ν &lt; 1); ν = 1 also against the Cauchy law directly.
/// </summary>
public sealed class StudentTStatisticsTests
{
    private const int N = 1_000_000;
    private static readonly double[] Probabilities = [0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999];

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(10.0)]
    [InlineData(0.5)]
    [InlineData(2.5)]
    public void DoubleQuantilesWithinFiveStandardErrors(double nu)
    {
        double[] t = new double[N];
        new PhiloxStream(4242, 9).FillStudentT(t, nu, 11, 12);
        AssertQuantiles(t, nu);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(10.0)]
    public void FloatQuantilesWithinFiveStandardErrors(double nu)
    {
        float[] t = new float[N];
        new PhiloxStream(4243, 9).FillStudentT(t, nu, 11, 12);
        AssertQuantiles(Array.ConvertAll(t, static v => (double)v), nu);
    }

    /// <summary>ν = 1 is exactly Cauchy: P(T ≤ x) = ½ + arctan(x)/π, checked at the same probabilities.</summary>
    [Fact]
    public void NuOneIsCauchy()
    {
        double[] t = new double[N];
        new PhiloxStream(4244, 9).FillStudentT(t, 1.0, 0, 0);
        foreach (double p in Probabilities)
        {
            double q = Math.Tan(Math.PI * (p - 0.5));
            AssertFraction(t, q, p, "Cauchy");
        }
    }

    private static void AssertQuantiles(double[] t, double nu)
    {
        foreach (double p in Probabilities)
        {
            AssertFraction(t, Quantile(nu, p), p, $"ν = {nu}");
        }
    }

    private static double Quantile(double nu, double p)
    {
        double lo = -1, hi = 1;
        while (StudentT.CDF(0.0, 1.0, nu, lo) > p)
        {
            lo *= 2;
        }

        while (StudentT.CDF(0.0, 1.0, nu, hi) < p)
        {
            hi *= 2;
        }

        for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.Max(1.0, Math.Abs(lo)); i++)
        {
            double mid = 0.5 * (lo + hi);
            if (StudentT.CDF(0.0, 1.0, nu, mid) < p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    private static void AssertFraction(double[] t, double q, double p, string label)
    {
        long below = 0;
        foreach (double v in t)
        {
            if (v <= q)
            {
                below++;
            }
        }

        double fraction = (double)below / t.Length;
        double se = Math.Sqrt(p * (1 - p) / t.Length);
        Assert.True(Math.Abs(fraction - p) <= 5 * se, $"{label}, p = {p}: F̂(q_p) = {fraction}, expected {p} ± 5·{se:G3} (z = {(fraction - p) / se:F2})");
    }
}
