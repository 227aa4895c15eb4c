using System;
using MathNet.Numerics.Distributions;
using SdeDsl.RandomNumbers;
using Xunit;

namespace SdeDsl.Tests.RandomNumbers;

/// <summary>
/// Distribution tests of the normal variates, fixed seeds, tolerances derived from N (never tuned):
/// moments at N = 10^7 within 5 standard errors, and a Kolmogorov–Smirnov test against Φ at N = 10^6.
/// </summary>
public sealed class NormalStatisticsTests
{
    private const int N = 10_000_000;
    private const int Chunk = 1 << 16;

    /// <summary>
    /// Sample mean, variance, skewness and excess kurtosis of N = 10^7 normals (path 0, step 1, elements 0 … N − 1).
    /// Standard errors for i.i.d. N(0, 1): mean 1/√N, variance √(2/N), skewness √(6/N), excess kurtosis √(24/N);
    /// each must be within 5 SE of 0, 1, 0, 0 (5σ: a false alarm has probability ≈ 6·10^−7 per check).
    /// </summary>
    [Fact]
    public void FloatNormalMomentsAtTenMillion()
    {
        var s = new PhiloxStream(20240601, 0);
        float[] chunk = new float[Chunk];
        var m = new Moments();
        for (long start = 0; start < N; start += Chunk)
        {
            int count = (int)Math.Min(Chunk, N - start);
            s.FillNormal(chunk.AsSpan(0, count), 0, 1, start);
            for (int i = 0; i < count; i++)
            {
                m.Add(chunk[i]);
            }
        }

        m.AssertStandardNormal();
    }

    /// <summary>As <see cref="FloatNormalMomentsAtTenMillion"/>, for the double variates.</summary>
    [Fact]
    public void DoubleNormalMomentsAtTenMillion()
    {
        var s = new PhiloxStream(20240602, 0);
        double[] chunk = new double[Chunk];
        var m = new Moments();
        for (long start = 0; start < N; start += Chunk)
        {
            int count = (int)Math.Min(Chunk, N - start);
            s.FillNormal(chunk.AsSpan(0, count), 0, 1, start);
            for (int i = 0; i < count; i++)
            {
                m.Add(chunk[i]);
            }
        }

        m.AssertStandardNormal();
    }

    /// <summary>
    /// One-sample KS test against Φ at N = 10^6 (1,000 paths × 1,000 elements, so the path index is exercised too).
    /// Under H0, √N·D_N is asymptotically Kolmogorov-distributed, P(√N·D &gt; x) ≈ 2e^(−2x²); the critical value
    /// 2.69 gives α ≈ 10^−6 (comparable to a 5σ two-sided test).
    /// </summary>
    [Fact]
    public void KolmogorovSmirnovAgainstPhi()
    {
        const int Paths = 1000, PerPath = 1000, Count = Paths * PerPath;
        const double Critical = 2.69;
        var s = new PhiloxStream(77, 1);
        float[] f = new float[Count];
        double[] d = new double[Count];
        for (int p = 0; p < Paths; p++)
        {
            s.FillNormal(f.AsSpan(p * PerPath, PerPath), p, 3);
            s.FillNormal(d.AsSpan(p * PerPath, PerPath), p, 4);
        }

        double[] fd = Array.ConvertAll(f, static v => (double)v);
        double kf = Math.Sqrt(Count) * KolmogorovSmirnov(fd);
        double kd = Math.Sqrt(Count) * KolmogorovSmirnov(d);
        Assert.True(kf < Critical, $"float: √N·D = {kf}");
        Assert.True(kd < Critical, $"double: √N·D = {kd}");
    }

    internal static double KolmogorovSmirnov(double[] sample)
    {
        Array.Sort(sample);
        int n = sample.Length;
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            double cdf = Normal.CDF(0.0, 1.0, sample[i]);
            worst = Math.Max(worst, Math.Max(((i + 1.0) / n) - cdf, cdf - ((double)i / n)));
        }

        return worst;
    }

    /// <summary>Running power sums in double, shifted nowhere (the mean is ≈ 0, so there is no cancellation).</summary>
    private sealed class Moments
    {
        private double _s1, _s2, _s3, _s4;
        private long _n;

        public void Add(double x)
        {
            double x2 = x * x;
            _s1 += x;
            _s2 += x2;
            _s3 += x2 * x;
            _s4 += x2 * x2;
            _n++;
        }

        public void AssertStandardNormal()
        {
            double n = _n;
            double mean = _s1 / n;
            double m2 = (_s2 / n) - (mean * mean);
            double m3 = (_s3 / n) - (3 * mean * _s2 / n) + (2 * mean * mean * mean);
            double m4 = (_s4 / n) - (4 * mean * _s3 / n) + (6 * mean * mean * _s2 / n) - (3 * mean * mean * mean * mean);
            double variance = m2 * n / (n - 1);
            double skewness = m3 / Math.Pow(m2, 1.5);
            double kurtosis = (m4 / (m2 * m2)) - 3.0;
            Within("mean", mean, 0.0, 1.0 / Math.Sqrt(n));
            Within("variance", variance, 1.0, Math.Sqrt(2.0 / n));
            Within("skewness", skewness, 0.0, Math.Sqrt(6.0 / n));
            Within("excess kurtosis", kurtosis, 0.0, Math.Sqrt(24.0 / n));
        }

        private static void Within(string name, double value, double expected, double standardError) =>
            Assert.True(
                Math.Abs(value - expected) <= 5.0 * standardError,
                $"{name} = {value}, expected {expected} ± 5·{standardError} (z = {(value - expected) / standardError:F2})");
    }
}
