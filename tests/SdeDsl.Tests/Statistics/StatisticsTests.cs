using System;
using System.Linq;
using SdeDsl.Statistics;
using Xunit;

namespace SdeDsl.Tests.Statistics;

public sealed class StatisticsTests
{
    [Fact]
    public void MomentsOfKnownValues()
    {
        RunningMoments moments = RunningMoments.Of(new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 });

        Assert.Equal(8, moments.Count);
        Assert.Equal(5.0, moments.Mean, 15);
        Assert.Equal(32.0 / 7, moments.Variance, 14);
        Assert.Equal(Math.Sqrt(32.0 / 7 / 8), moments.StandardError, 14);
        Assert.True(double.IsNaN(RunningMoments.Of(new[] { 1.0 }).Variance));
    }

    [Fact]
    public void MergedPartsEqualTheWhole()
    {
        var random = new System.Random(3);
        double[] values = Enumerable.Range(0, 1001).Select(_ => (random.NextDouble() * 1e3) + 1e6).ToArray();
        RunningMoments whole = RunningMoments.Of(values);
        foreach (int split in new[] { 0, 1, 500, 1000, 1001 })
        {
            RunningMoments left = RunningMoments.Of(values.AsSpan(0, split));
            left.Merge(RunningMoments.Of(values.AsSpan(split)));
            Assert.Equal(whole.Count, left.Count);
            // Merging reorders the floating-point operations, so parts and whole agree to rounding, not bit for bit: the
            // mean to a few ulps, the variance to about ε·(mean/sd)² = 1.1e-16·(1e6/290)² ≈ 1.3e-9 relative at worst
            // (values 1e6 + U(0, 1e3) are chosen to make the cancellation hard).
            Assert.Equal(whole.Mean, left.Mean, 1e-12 * Math.Abs(whole.Mean));
            Assert.Equal(whole.Variance, left.Variance, 1e-9 * whole.Variance);
        }
    }

    [Fact]
    public void QuantilesInterpolateBetweenOrderStatistics()
    {
        double[] values = { 5, 1, 4, 2, 3 };

        Assert.Equal(1, Quantiles.Of(values, 0));
        Assert.Equal(3, Quantiles.Of(values, 0.5));
        Assert.Equal(5, Quantiles.Of(values, 1));
        Assert.Equal(1.4, Quantiles.Of(values, 0.1), 12);
        Assert.Equal(new double[] { 5, 1, 4, 2, 3 }, values);
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Of(values, 1.5));
        Assert.Throws<ArgumentException>(() => Quantiles.Of(ReadOnlySpan<double>.Empty, 0.5));
    }

    /// <summary>The histogram's doc: values below the first edge underflow, at or above the last overflow, and NaN
    /// counts as neither (every comparison with NaN is false, so a plain search would underflow it).</summary>
    [Fact]
    public void AHistogramCountsNaNInNoSlot()
    {
        double[] edges = [-1, 0, 1];
        var slots = new long[edges.Length + 1];
        foreach (double value in new[] { double.NaN, -2, -1, 0.5, 1, double.NegativeInfinity, double.PositiveInfinity, -double.NaN })
        {
            Histogram.Count(slots, edges, value);
        }

        Assert.Equal(-1, Histogram.Slot(edges, double.NaN));
        Histogram histogram = Histogram.FromSlots(edges, slots);
        Assert.Equal(2, histogram.Underflow);
        Assert.Equal([1L, 1], histogram.Counts.ToArray());
        Assert.Equal(2, histogram.Overflow);
        Assert.Equal(6, histogram.Total);

        // It printed its type name; a researcher wanted to read it.
        Assert.Equal("(−∞, -1): 2\n[-1, 0): 1\n[0, 1): 1\n[1, ∞): 2", histogram.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
