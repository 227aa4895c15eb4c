using System;
using System.Threading.Tasks;
using SdeDsl.Noise;
using Xunit;

namespace SdeDsl.Tests.Noise;

/// <summary>
/// Minibatch noise on a finite sum of n = 20 examples in d = 3 (ℓ_j = ½‖x − a_j‖²), batch size B = 5, fixed seeds,
/// tolerances of 5 standard errors derived from N.
/// </summary>
public sealed class MinibatchNoiseTests
{
    private const int N = 20, D = 3, B = 5;
    private static readonly CentroidObjective Objective = new(N, D, seed: 3);

    [Fact]
    public void BatchesHoldDistinctIndicesAndEachExampleWithProbabilityBOverN()
    {
        var noise = new MinibatchNoise(B, seed: 8);
        const int Batches = 20_000;
        long[] counts = new long[N];
        int[] batch = new int[B];
        for (int k = 0; k < Batches; k++)
        {
            noise.Batch(N, k % 50, k / 50, batch);
            for (int i = 0; i < B; i++)
            {
                Assert.InRange(batch[i], 0, N - 1);
                for (int j = 0; j < i; j++)
                {
                    Assert.NotEqual(batch[j], batch[i]);
                }

                counts[batch[i]]++;
            }
        }

        // Each example is in a batch with probability B/n, independently across batches: Binomial(Batches, B/n).
        double p = (double)B / N, mean = Batches * p, se = Math.Sqrt(Batches * p * (1 - p));
        foreach (long c in counts)
        {
            Assert.True(Math.Abs(c - mean) <= 5 * se, $"count {c}, expected {mean} ± 5·{se:F1}");
        }
    }

    /// <summary>
    /// Over N = 100 paths × 400 steps = 4·10^4 draws at one point: the mean of g equals ∇f within 5·σ_i/√N, with σ_i
    /// = Sigma (the exact sd of g); the sample variance of g equals σ_i² within 5·√((m₄ − s⁴)/N) (the SE of a sample
    /// variance from the sample fourth central moment m₄, no normality assumed).
    /// </summary>
    [Fact]
    public void MeanIsTheFullGradientAndSpreadIsSigma()
    {
        var noise = new MinibatchNoise(B, seed: 9);
        const int Paths = 100, Steps = 400;
        double[] point = [0.3, -1.0, 2.0];
        double[] x = new double[Paths * D];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = point[k % D];
        }

        double[] grad = new double[D], sigma = new double[D], g = new double[x.Length];
        Objective.Gradient(point, grad);
        noise.Sigma(Objective, point, sigma);
        double[] samples = new double[Paths * Steps * D];
        for (int k = 0; k < Steps; k++)
        {
            noise.StochasticGradient(Objective, x, g, 0, k + 1);
            g.CopyTo(samples, k * x.Length);
        }

        long n = (long)Paths * Steps;
        for (int i = 0; i < D; i++)
        {
            double mean = 0;
            for (long m = i; m < samples.Length; m += D)
            {
                mean += samples[m];
            }

            mean /= n;
            double m2 = 0, m4 = 0;
            for (long m = i; m < samples.Length; m += D)
            {
                double c = samples[m] - mean, c2 = c * c;
                m2 += c2;
                m4 += c2 * c2;
            }

            m2 /= n;
            m4 /= n;
            Assert.True(Math.Abs(mean - grad[i]) <= 5 * sigma[i] / Math.Sqrt(n), $"coordinate {i}: mean {mean} vs ∇f {grad[i]}");
            double s2 = sigma[i] * sigma[i];
            double se = Math.Sqrt((m4 - (m2 * m2)) / n);
            Assert.True(Math.Abs(m2 - s2) <= 5 * se, $"coordinate {i}: variance {m2} vs Sigma² {s2} (SE {se})");
        }
    }

    [Fact]
    public void SigmaIsThePopulationSdWithTheFinitePopulationCorrection()
    {
        var noise = new MinibatchNoise(B, seed: 1);
        double[] point = [0.3, -1.0, 2.0], sigma = new double[D];
        noise.Sigma(Objective, point, sigma);
        for (int i = 0; i < D; i++)
        {
            double mean = 0, m2 = 0;
            for (int j = 0; j < N; j++)
            {
                mean += point[i] - Objective.Example(j, i);
            }

            mean /= N;
            for (int j = 0; j < N; j++)
            {
                double c = point[i] - Objective.Example(j, i) - mean;
                m2 += c * c;
            }

            double expected = Math.Sqrt(m2 / N) * Math.Sqrt((double)(N - B) / (N - 1)) / Math.Sqrt(B);
            Assert.Equal(expected, sigma[i], 12);
        }
    }

    [Fact]
    public void FullBatchIsTheExactGradientWithZeroSigma()
    {
        var noise = new MinibatchNoise(N, seed: 2);
        double[] x = [0.3, -1.0, 2.0, 1, 1, 1], g = new double[6], grad = new double[6], sigma = new double[6];
        noise.StochasticGradient(Objective, x, g, 0, 1);
        Objective.Gradient(x, grad);
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal(grad[k], g[k], 12);
        }

        noise.Sigma(Objective, x, sigma);
        Assert.All(sigma, static s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void SameSeedGivesTheSameBitsForAnyPartitionOfPathsAndAnyThread()
    {
        var noise = new MinibatchNoise(B, seed: 4);
        const int Paths = 29;
        double[] x = new double[Paths * D];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = Math.Cos(k);
        }

        double[] whole = new double[x.Length];
        noise.StochasticGradient(Objective, x, whole, 10, 3);
        double[] threaded = new double[x.Length];
        Parallel.For(0, Paths, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p =>
            noise.StochasticGradient(Objective, x.AsSpan(p * D, D), threaded.AsSpan(p * D, D), 10 + p, 3));
        Assert.Equal(whole, threaded);

        // Large batches (B > 256) use the per-thread buffers; still deterministic.
        var big = new CentroidObjective(1000, 2, seed: 5);
        var bigNoise = new MinibatchNoise(600, seed: 6);
        double[] bx = new double[8 * 2], bw = new double[bx.Length], bt = new double[bx.Length];
        bigNoise.StochasticGradient(big, bx, bw, 0, 1);
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p =>
            bigNoise.StochasticGradient(big, bx.AsSpan(p * 2, 2), bt.AsSpan(p * 2, 2), p, 1));
        Assert.Equal(bw, bt);
        int[] batch = new int[600];
        bigNoise.Batch(1000, 3, 1, batch);
        Assert.Equal(600, new System.Collections.Generic.HashSet<int>(batch).Count);
    }

    [Fact]
    public void StochasticGradientDoesNotAllocateAfterTheFirstCallOnAThread()
    {
        var noise = new MinibatchNoise(B, seed: 4);
        double[] x = new double[10 * D], g = new double[x.Length], s = new double[x.Length];
        for (int i = 0; i < 300; i++)
        {
            noise.StochasticGradient(Objective, x, g, 0, i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            noise.StochasticGradient(Objective, x, g, 0, i);
            noise.Sigma(Objective, x, s);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new MinibatchNoise(0, 1)).ParamName);
        var noise = new MinibatchNoise(B, 1);
        double[] x = new double[6], g = new double[6];
        Assert.Equal("objective", Assert.Throws<ArgumentException>(() => noise.StochasticGradient(new DiagonalQuadraticDouble(1, 1, 1), x, g, 0, 1)).ParamName);
        Assert.Equal("objective", Assert.Throws<ArgumentException>(() => new MinibatchNoise(N + 1, 1).StochasticGradient(Objective, x, g, 0, 1)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => noise.StochasticGradient(Objective, new double[5], new double[5], 0, 1)).ParamName);
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => noise.StochasticGradient(Objective, x, new double[3], 0, 1)).ParamName);
        Assert.Equal("batch", Assert.Throws<ArgumentException>(() => noise.Batch(N, 0, 0, new int[B + 1])).ParamName);
        Assert.Equal("exampleCount", Assert.Throws<ArgumentException>(() => noise.Batch(B - 1, 0, 0, new int[B])).ParamName);
    }
}
