using System;
using System.Linq;
using System.Threading.Tasks;
using MathNet.Numerics.Distributions;
using SdeDsl.Noise;
using Xunit;

namespace SdeDsl.Tests.Noise;

/// <summary>
/// Gaussian and Student-t noise: the distribution of g − ∇f per coordinate (fixed seeds, tolerances of 5 standard
/// errors derived from N), Sigma, determinism across path partitions and threads, zero allocation, validation.
/// </summary>
public sealed class GaussianAndStudentTNoiseTests
{
    private static readonly DiagonalQuadraticDouble Quadratic = new(1.0, 2.0, 0.5, 3.0);

    /// <summary>
    /// N = 200 paths × 500 steps = 10^5 draws per coordinate, σ = (0.5, 1, 2, 0). The noise g − ∇f must have mean 0
    /// within 5σ_i/√N and variance σ_i² within 5·σ_i²·√(2/N) (the SE of a normal sample variance); σ = 0 gives g = ∇f
    /// exactly.
    /// </summary>
    [Fact]
    public void GaussianNoiseHasMeanZeroAndVarianceSigmaSquared()
    {
        double[] sigma = [0.5, 1.0, 2.0, 0.0];
        var noise = new GaussianNoise(sigma, seed: 11);
        double[,] moments = Moments(noise, paths: 200, steps: 500, out double[] x, out long n);
        for (int i = 0; i < 4; i++)
        {
            double mean = moments[i, 0], variance = moments[i, 1];
            if (sigma[i] == 0)
            {
                Assert.Equal(0.0, mean);
                Assert.Equal(0.0, variance);
                continue;
            }

            Assert.True(Math.Abs(mean) <= 5 * sigma[i] / Math.Sqrt(n), $"coordinate {i}: mean {mean}");
            double s2 = sigma[i] * sigma[i];
            Assert.True(Math.Abs(variance - s2) <= 5 * s2 * Math.Sqrt(2.0 / n), $"coordinate {i}: variance {variance} vs {s2}");
        }

        _ = x;
    }

    /// <summary>
    /// ForBatchSize(B) scales Σ to Σ/B: with σ = 2 isotropic and B = 4 the variance is 1 (within 5·√(2/N), N = 10^5).
    /// </summary>
    [Fact]
    public void ForBatchSizeDividesTheCovarianceByB()
    {
        var noise = new GaussianNoise(2.0, seed: 12).ForBatchSize(4);
        Assert.Equal(1.0, noise.Scales[0]);
        double[,] moments = Moments(noise, paths: 200, steps: 500, out _, out long n);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(moments[i, 1] - 1.0) <= 5 * Math.Sqrt(2.0 / n), $"coordinate {i}: variance {moments[i, 1]}");
        }
    }

    /// <summary>
    /// Student-t noise (ν = 3, σ = 2): the fraction of (g − ∇f)/σ at or below the t₃ quantile q_p must be within
    /// p ± 5·√(p(1 − p)/N), N = 4·10^5 (all four coordinates pooled, 200 paths × 500 steps).
    /// </summary>
    [Fact]
    public void StudentTNoiseQuantiles()
    {
        const double Nu = 3.0, Sigma = 2.0;
        var noise = new StudentTNoise(Nu, Sigma, seed: 13);
        const int Paths = 200, Steps = 500, D = 4;
        double[] x = Points(Paths, D);
        double[] grad = new double[x.Length], g = new double[x.Length];
        Quadratic.Gradient(x, grad);
        double[] z = new double[Paths * Steps * D];
        for (int k = 0; k < Steps; k++)
        {
            noise.StochasticGradient(Quadratic, x, g, 0, k + 1);
            for (int m = 0; m < x.Length; m++)
            {
                z[(k * x.Length) + m] = (g[m] - grad[m]) / Sigma;
            }
        }

        foreach (double p in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            double q = StudentT.InvCDF(0, 1, Nu, p);
            long below = 0;
            foreach (double v in z)
            {
                below += v <= q ? 1 : 0;
            }

            double fraction = (double)below / z.Length, se = Math.Sqrt(p * (1 - p) / z.Length);
            Assert.True(Math.Abs(fraction - p) <= 5 * se, $"p = {p}: {fraction}");
        }
    }

    /// <summary>Point counts that end the doubling copies of the per-coordinate scales exactly (1, 8) and partway (3, 5).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void SigmaWritesTheScales(int points)
    {
        double[] scales = [0.5, 1.0, 2.0, 0.0];
        double[] x = Points(points, 4);
        double[] s = new double[x.Length];
        new GaussianNoise(scales, 1).Sigma(Quadratic, x, s);
        Assert.Equal(Enumerable.Range(0, s.Length).Select(i => scales[i % 4]), s);
        float[] sf = new float[x.Length];
        new GaussianNoise(scales, 1).Sigma(Quadratic, Array.ConvertAll(x, static v => (float)v), sf);
        Assert.Equal(Enumerable.Range(0, sf.Length).Select(i => (float)scales[i % 4]), sf);
        new StudentTNoise(1.0, 3.0, 1).Sigma(Quadratic, x, s);
        Assert.All(s, static v => Assert.Equal(3.0, v));
    }

    /// <summary>The float σ of a single-precision run is the double σ rounded to float, bit for bit (scales that float
    /// cannot hold exactly: 0.1, 1/3, 7.3), allocates nothing, and checks its lengths.</summary>
    [Fact]
    public void SingleSigmaIsTheDoubleSigmaRounded()
    {
        double[] x = Points(3, 4), s = new double[x.Length];
        float[] xf = Array.ConvertAll(x, static v => (float)v), sf = new float[x.Length];
        foreach (ISinglePrecisionNoiseModel noise in new ISinglePrecisionNoiseModel[]
        {
            new GaussianNoise([0.1, 1.0 / 3, 7.3, 0.0], 1), new GaussianNoise(0.1, 1), new StudentTNoise(3.0, [1.0 / 3, 0.1, 7.3, 2.0], 1),
        })
        {
            noise.Sigma(Quadratic, x, s);
            noise.Sigma(Quadratic, xf, sf);
            for (int i = 0; i < s.Length; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits((float)s[i]), BitConverter.SingleToInt32Bits(sf[i]));
            }

            SdeDsl.Tests.Objectives.ObjectiveChecks.AssertNoAllocation(noise.GetType().Name + ".Sigma(float)", () => noise.Sigma(Quadratic, xf, sf));
            Assert.Equal("sigma", Assert.Throws<ArgumentException>(() => noise.Sigma(Quadratic, xf, new float[4])).ParamName);
        }
    }

    [Fact]
    public void SameSeedGivesTheSameBitsForAnyPartitionOfPathsAndAnyThread()
    {
        foreach (INoiseModel noise in new INoiseModel[] { new GaussianNoise([0.5, 1.0, 2.0, 0.1], 5), new StudentTNoise(1.5, 0.7, 5) })
        {
            const int Paths = 37, D = 4;
            double[] x = Points(Paths, D);
            double[] whole = new double[x.Length];
            noise.StochasticGradient(Quadratic, x, whole, 100, 7);

            double[] pieces = new double[x.Length];
            int start = 0, size = 1;
            while (start < Paths)
            {
                int count = Math.Min(size, Paths - start);
                noise.StochasticGradient(Quadratic, x.AsSpan(start * D, count * D), pieces.AsSpan(start * D, count * D), 100 + start, 7);
                start += count;
                size = (size * 2) + 1;
            }

            Assert.Equal(whole, pieces);

            double[] threaded = new double[x.Length];
            Parallel.For(0, Paths, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p =>
                noise.StochasticGradient(Quadratic, x.AsSpan(p * D, D), threaded.AsSpan(p * D, D), 100 + p, 7));
            Assert.Equal(whole, threaded);

            double[] otherStep = new double[x.Length];
            noise.StochasticGradient(Quadratic, x, otherStep, 100, 8);
            Assert.NotEqual(whole, otherStep);
        }
    }

    [Fact]
    public void LargeDimensionsAreDrawnInChunksWithTheSameElementIndices()
    {
        // d = 600 > the 256-value stack chunk: coordinate i is still element i of (path, step).
        var q = new DiagonalQuadraticDouble(new double[600]);
        var noise = new GaussianNoise(1.0, 21);
        double[] x = new double[1200], g = new double[1200], z = new double[600];
        noise.StochasticGradient(q, x, g, 4, 9);
        new SdeDsl.RandomNumbers.PhiloxStream(21).FillNormal(z, 5, 9);
        Assert.Equal(z, g.AsSpan(600).ToArray());
    }

    [Fact]
    public void StochasticGradientDoesNotAllocate()
    {
        var gaussian = new GaussianNoise([0.5, 1.0, 2.0, 0.1], 5);
        var t = new StudentTNoise(2.5, 0.7, 5);
        double[] x = Points(10, 4), g = new double[40], s = new double[40];
        for (int i = 0; i < 300; i++)
        {
            gaussian.StochasticGradient(Quadratic, x, g, 0, i);
            t.StochasticGradient(Quadratic, x, g, 0, i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            gaussian.StochasticGradient(Quadratic, x, g, 0, i);
            t.StochasticGradient(Quadratic, x, g, 0, i);
            gaussian.Sigma(Quadratic, x, s);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(-1.0, 1)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(double.NaN, 1)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise([1.0, double.PositiveInfinity], 1)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentException>(() => new GaussianNoise(ReadOnlySpan<double>.Empty, 1)).ParamName);
        Assert.Equal("nu", Assert.Throws<ArgumentOutOfRangeException>(() => new StudentTNoise(0.0, 1.0, 1)).ParamName);
        Assert.Equal("nu", Assert.Throws<ArgumentOutOfRangeException>(() => new StudentTNoise(double.NaN, 1.0, 1)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(1.0, 1).ForBatchSize(0)).ParamName);

        var noise = new GaussianNoise([1.0, 2.0, 3.0], 1);
        double[] x = new double[8], g = new double[8];
        Assert.Equal("objective", Assert.Throws<ArgumentException>(() => noise.StochasticGradient(Quadratic, x, g, 0, 1)).ParamName);
        var iso = new GaussianNoise(1.0, 1);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => iso.StochasticGradient(Quadratic, new double[7], new double[7], 0, 1)).ParamName);
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => iso.StochasticGradient(Quadratic, x, new double[4], 0, 1)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentException>(() => iso.Sigma(Quadratic, x, new double[4])).ParamName);
        Assert.Equal("firstPath", Assert.Throws<ArgumentOutOfRangeException>(() => iso.StochasticGradient(Quadratic, x, g, -1, 1)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => iso.StochasticGradient(Quadratic, x, g, 0, -1)).ParamName);
    }

    private static double[] Points(int paths, int d)
    {
        double[] x = new double[paths * d];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = Math.Sin(k + 1.0);
        }

        return x;
    }

    /// <summary>Per coordinate: mean and (n − 1)-normalized variance of g − ∇f over paths × steps draws.</summary>
    private static double[,] Moments(INoiseModel noise, int paths, int steps, out double[] x, out long n)
    {
        const int D = 4;
        x = Points(paths, D);
        double[] grad = new double[x.Length], g = new double[x.Length];
        Quadratic.Gradient(x, grad);
        double[] s1 = new double[D], s2 = new double[D];
        for (int k = 0; k < steps; k++)
        {
            noise.StochasticGradient(Quadratic, x, g, 0, k + 1);
            for (int m = 0; m < x.Length; m++)
            {
                double z = g[m] - grad[m];
                s1[m % D] += z;
                s2[m % D] += z * z;
            }
        }

        n = (long)paths * steps;
        double[,] result = new double[D, 2];
        for (int i = 0; i < D; i++)
        {
            double mean = s1[i] / n;
            result[i, 0] = mean;
            result[i, 1] = (s2[i] - (n * mean * mean)) / (n - 1);
        }

        return result;
    }
}
