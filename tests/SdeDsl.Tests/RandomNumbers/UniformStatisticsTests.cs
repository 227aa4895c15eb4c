using System;
using SdeDsl.RandomNumbers;
using Xunit;

namespace SdeDsl.Tests.RandomNumbers;

/// <summary>
/// Chi-square tests of the uniforms in 1,000 equal bins at N = 10^7: under H0 the statistic is χ² with 999 degrees of
/// freedom, mean 999 and standard deviation √(2·999) ≈ 44.7; it must lie within 5 standard deviations
/// ([775.5, 1222.5]; the lower bound catches a too-regular generator).
/// </summary>
public sealed class UniformStatisticsTests
{
    private const int N = 10_000_000;
    private const int Bins = 1000;
    private const int Chunk = 1 << 16;

    [Fact]
    public void DoubleUniformsChiSquareInAThousandBins()
    {
        var s = new PhiloxStream(31337, 0);
        double[] chunk = new double[Chunk];
        long[] counts = new long[Bins];
        for (long start = 0; start < N; start += Chunk)
        {
            int count = (int)Math.Min(Chunk, N - start);
            s.FillUniform(chunk.AsSpan(0, count), 0, 1, start);
            for (int i = 0; i < count; i++)
            {
                double u = chunk[i];
                Assert.True(u > 0.0 && u < 1.0);
                counts[(int)(u * Bins)]++;
            }
        }

        AssertChiSquare(counts);
    }

    [Fact]
    public void FloatUniformsChiSquareInAThousandBins()
    {
        var s = new PhiloxStream(31338, 0);
        float[] chunk = new float[Chunk];
        long[] counts = new long[Bins];
        for (long start = 0; start < N; start += Chunk)
        {
            int count = (int)Math.Min(Chunk, N - start);
            s.FillUniform(chunk.AsSpan(0, count), 0, 1, start);
            for (int i = 0; i < count; i++)
            {
                float u = chunk[i];
                Assert.True(u > 0f && u < 1f);
                counts[(int)(u * (double)Bins)]++;
            }
        }

        AssertChiSquare(counts);
    }

    private static void AssertChiSquare(long[] counts)
    {
        double expected = (double)N / Bins;
        double chi2 = 0;
        foreach (long c in counts)
        {
            chi2 += (c - expected) * (c - expected) / expected;
        }

        double dof = Bins - 1, sd = Math.Sqrt(2 * dof);
        Assert.True(Math.Abs(chi2 - dof) <= 5 * sd, $"χ² = {chi2}, expected {dof} ± 5·{sd:F1}");
    }
}
