using System;
using System.Linq;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests.Ensembles;

/// <summary>Streamed statistics: the same moments as keeping every value, bounded memory, exact counts.</summary>
public sealed class StreamingTests
{
    private static readonly DiagonalQuadratic HalfSquare = new([1.0]);

    /// <summary>Ornstein–Uhlenbeck from x0 = 1 (θ = s = 1), 3,000 paths (not a multiple of the block length), x and f
    /// recorded at 0, 50 and 100 of 100 steps of dt = 0.01.</summary>
    private static EnsembleOptions Options(bool keep) => new()
    {
        Paths = 3_000,
        Steps = 100,
        InitialX = [1.0],
        Seed = 77,
        TimeStep = 0.01,
        RecordSteps = [0, 50, 100],
        Observables = [Observable.Coordinate(0), Observable.Loss],
        KeepValues = keep,
        HistogramEdges = [[-1, -0.5, 0, 0.5, 1, 1.5], null],
        KeptPaths = [2_999, 0, 1_234],
    };

    private static EnsembleResult Run(EnsembleOptions options) =>
        Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, HalfSquare, new GaussianNoise(1.0, 7), options);

    /// <summary>Both modes reduce blocks of 256 paths in path order: moments, min and max are the same bits.</summary>
    [Fact]
    public void StreamedMoments_AreTheKeptMomentsBitForBit()
    {
        EnsembleResult kept = Run(Options(keep: true)), streamed = Run(Options(keep: false));
        Assert.True(kept.KeepsValues);
        Assert.False(streamed.KeepsValues);
        for (int o = 0; o < 2; o++)
        {
            for (int r = 0; r < 3; r++)
            {
                RunningMoments a = kept.Moments(o, r), b = streamed.Moments(o, r);
                Assert.Equal(3_000, b.Count);
                Assert.Equal(BitConverter.DoubleToInt64Bits(a.Mean), BitConverter.DoubleToInt64Bits(b.Mean));
                Assert.Equal(BitConverter.DoubleToInt64Bits(a.Variance), BitConverter.DoubleToInt64Bits(b.Variance));
                Assert.Equal(kept.Min(o, r), streamed.Min(o, r));
                Assert.Equal(kept.Max(o, r), streamed.Max(o, r));
                Assert.Equal(kept.Values(o, r).ToArray().Min(), streamed.Min(o, r));
            }
        }

        // Against the plain one-pass Welford sum over all paths, the blocked reduction differs only by rounding.
        RunningMoments plain = RunningMoments.Of(kept.Values(1, 2));
        Assert.Equal(plain.Mean, kept.Moments(1, 2).Mean, 1e-12 * Math.Abs(plain.Mean));
    }

    [Fact]
    public void StreamedStatistics_AreTheSameBitsOnAnyThreadsAndChunks()
    {
        EnsembleResult reference = Run(Options(keep: false) with { MaxDegreeOfParallelism = 1, PathsPerChunk = 3_000 });
        foreach (EnsembleOptions options in new[]
        {
            Options(keep: false) with { MaxDegreeOfParallelism = 2, PathsPerChunk = 1 },
            Options(keep: false) with { MaxDegreeOfParallelism = 2, PathsPerChunk = 700 },
            Options(keep: false) with { MaxDegreeOfParallelism = 2 },
        })
        {
            EnsembleResult other = Run(options);
            for (int o = 0; o < 2; o++)
            {
                for (int r = 0; r < 3; r++)
                {
                    Assert.Equal(reference.Moments(o, r), other.Moments(o, r));
                    Assert.Equal(reference.Histogram(0, r).Counts.ToArray(), other.Histogram(0, r).Counts.ToArray());
                }
            }
        }
    }

    [Fact]
    public void HistogramCounts_AreExact()
    {
        EnsembleResult kept = Run(Options(keep: true)), streamed = Run(Options(keep: false));
        double[] edges = [-1, -0.5, 0, 0.5, 1, 1.5];
        for (int r = 0; r < 3; r++)
        {
            double[] values = kept.Values(0, r).ToArray();
            Histogram h = streamed.Histogram(0, r);
            Assert.Equal(values.Count(v => v < -1), h.Underflow);
            Assert.Equal(values.Count(v => v >= 1.5), h.Overflow);
            for (int b = 0; b < 5; b++)
            {
                Assert.Equal(values.Count(v => v >= edges[b] && v < edges[b + 1]), h.Counts[b]);
            }

            Assert.Equal(3_000, h.Total);
        }

        Assert.Equal(3_000, streamed.Histogram(0, 0).Counts[4]); // every path starts at x0 = 1, in [1, 1.5)
        Assert.Throws<InvalidOperationException>(() => streamed.Histogram(1, 0));
    }

    [Fact]
    public void KeptTrajectories_AreThePathsValues()
    {
        EnsembleResult kept = Run(Options(keep: true)), streamed = Run(Options(keep: false));
        Assert.Equal([0L, 1_234, 2_999], streamed.KeptPaths);
        foreach (long path in streamed.KeptPaths)
        {
            Assert.Equal(kept.Trajectory(1, path), streamed.Trajectory(1, path));
            Assert.Equal(kept.Values(1, 2)[(int)path], streamed.Trajectory(1, path)[2]);
        }

        Assert.Throws<InvalidOperationException>(() => streamed.Trajectory(0, 5));
    }

    /// <summary>A part of a run from path 256 on: a path's number is global whether it was kept or is read from the
    /// kept values, and a number outside the part is refused.</summary>
    [Fact]
    public void Trajectory_NumbersPathsFromFirstPathWhetherKeptOrNot()
    {
        EnsembleOptions part = Options(keep: true) with { FirstPath = 256, Paths = 512, KeptPaths = [300] };
        EnsembleResult withKept = Run(part), plain = Run(part with { KeptPaths = null });

        Assert.Equal(256, plain.FirstPath);
        Assert.Equal(withKept.Trajectory(0, 300), plain.Trajectory(0, 300));
        Assert.Equal(plain.Values(0, 2)[300 - 256], plain.Trajectory(0, 300)[2]);
        Assert.Equal(plain.Values(0, 2)[0], plain.Trajectory(0, 256)[2]);
        Assert.Equal(plain.Values(0, 2)[511], plain.Trajectory(0, 767)[2]);
        Assert.Equal("path", Assert.Throws<ArgumentOutOfRangeException>(() => plain.Trajectory(0, 255)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => plain.Trajectory(0, 768));
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(part with { KeepValues = false }).Trajectory(0, 768));
    }

    [Fact]
    public void ValuesOfAStreamedRun_SayHowToKeepThem()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Run(Options(keep: false)).Values(0, 1).ToArray());
        Assert.Contains("EnsembleOptions.KeepValues = true", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Above a million paths the default streams; at or below it keeps (one step, so the test is cheap).</summary>
    [Fact]
    public void DefaultKeepsUpToAMillionPaths()
    {
        var options = new EnsembleOptions { Paths = 1_000_001, Steps = 1, InitialX = [1.0], RecordSteps = [1], Observables = [Observable.Loss], TimeStep = 0.01 };
        Assert.True(options.Streams);
        Assert.False((options with { Paths = 1_000_000 }).Streams);
        Assert.True(Run(options with { Paths = 1_000 }).KeepsValues);
        EnsembleResult big = Run(options);
        Assert.False(big.KeepsValues);
        Assert.Equal(1_000_001, big.Moments(0, 0).Count);
    }

    /// <summary>
    /// The quantile summary on a known law: after one Euler–Maruyama step from x0 = 0 with θ = 0, X = s·√dt·ξ is exactly
    /// N(0, s²dt). 200,000 paths, 64 bins from a 4,096-path pilot. For each p, the true rank Φ(q̂/σ) of the returned
    /// value must lie within the summary's stated rank error plus 5 binomial standard errors √(p(1 − p)/N) of p; and
    /// the summary's value must lie within its rank error of the exact (kept) sample quantile's rank.
    /// </summary>
    [Fact]
    public void QuantileSummary_IsWithinItsRankError()
    {
        const int n = 200_000;
        const double s = 2, dt = 0.25, sd = 1.0; // s·√dt
        var options = new EnsembleOptions
        {
            Paths = n, Steps = 1, InitialX = [0.0], Seed = 5, TimeStep = dt, RecordSteps = [1], Observables = [Observable.Coordinate(0)],
            QuantileBins = 64,
        };
        EnsembleResult streamed = Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 0, S = s }, HalfSquare, new GaussianNoise(1.0, 7), options with { KeepValues = false });
        EnsembleResult kept = Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 0, S = s }, HalfSquare, new GaussianNoise(1.0, 7), options with { KeepValues = true });
        double[] sorted = kept.Values(0, 0).ToArray();
        Array.Sort(sorted);
        foreach (double p in new[] { 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999 })
        {
            double q = streamed.Quantile(0, 0, p), bound = streamed.QuantileRankError(0, 0, p);
            Assert.InRange(bound, 0, 3.0 / 64);
            double trueRank = 0.5 * (1 + SdeMath.Erf(q / (sd * Math.Sqrt(2))));
            Assert.True(Math.Abs(trueRank - p) <= bound + (5 * Math.Sqrt(p * (1 - p) / n)), $"p = {p}: q = {q}, rank {trueRank}, bound {bound}");
            int index = Array.BinarySearch(sorted, q);
            double sampleRank = (double)(index >= 0 ? index : ~index) / n;
            Assert.True(Math.Abs(sampleRank - p) <= bound + (1.0 / n), $"p = {p}: sample rank {sampleRank}, bound {bound}");
        }

        Assert.Equal(kept.Min(0, 0), streamed.Quantile(0, 0, 0));
        Assert.Equal(kept.Max(0, 0), streamed.Quantile(0, 0, 1));
    }

    [Theory]
    [InlineData(-1, "PathsPerChunk must be ≥ 0")]
    [InlineData(-2, "QuantileBins must be 0")]
    public void BadStreamingOptions_AreArgumentExceptions(int value, string expected)
    {
        EnsembleOptions options = value == -1 ? Options(false) with { PathsPerChunk = -5 } : Options(false) with { QuantileBins = 1 };
        Assert.Contains(expected, Assert.ThrowsAny<ArgumentException>(() => Run(options)).Message, StringComparison.Ordinal);
        Assert.Contains("strictly increasing", Assert.ThrowsAny<ArgumentException>(() => Run(Options(false) with { HistogramEdges = [[0, 0], null] })).Message,
            StringComparison.Ordinal);
        Assert.Contains("KeptPaths", Assert.ThrowsAny<ArgumentException>(() => Run(Options(false) with { KeptPaths = [3_000] })).Message, StringComparison.Ordinal);
    }
}
