using System;
using System.IO;
using System.Linq;
using SdeDsl.Cli.Output;
using Xunit;

namespace SdeDsl.Cli.Tests;

/// <summary>The labelled ticks of a figure's log axis: every range the experiments plot gets at least three numbers.</summary>
public sealed class FigureRendererTests
{
    [Theory]
    // Four decades: the decades.
    [InlineData(1e-4, 1.0, new[] { "0.0001", "0.001", "0.01", "0.1", "1" })]
    // A decade and a bit (E2's stationary losses): 1–2–5.
    [InlineData(0.0008, 0.012, new[] { "0.001", "0.002", "0.005", "0.01" })]
    // A factor of two (E1's η from 0.05 to 0.1): every digit.
    [InlineData(0.045, 0.105, new[] { "0.05", "0.06", "0.07", "0.08", "0.09", "0.1" })]
    // A factor of 1.27 (E4's stationary losses, 0.00315 to 0.00399), where no digit falls in view: round values.
    [InlineData(0.00315, 0.00399, new[] { "0.0032", "0.0034", "0.0036", "0.0038" })]
    // Values that differ in the fourth digit get labels that tell them apart.
    [InlineData(1.0001, 1.0009, new[] { "1.0002", "1.0004", "1.0006", "1.0008" })]
    // Plain notation where it is short: 1000, not 1E+03.
    [InlineData(100.0, 1e4, new[] { "100", "1000", "10000" })]
    // Forty decades: every fifth one labelled, no more than ten labels.
    [InlineData(1e-20, 1e20, new[] { "1E-20", "1E-15", "1E-10", "1E-05", "1", "100000", "1E+10", "1E+15", "1E+20" })]
    public void ALogAxisGetsAtLeastThreeLabelsInView(double from, double to, string[] labels)
    {
        double low = Math.Log10(from), high = Math.Log10(to);
        (double Position, string Label)[] ticks = FigureRenderer.LogAxisTicks(low, high);
        Assert.Equal(labels, ticks.Select(t => t.Label));
        Assert.All(ticks, t => Assert.InRange(t.Position, low, high));
        Assert.Equal(ticks.Select(t => t.Position).Order(), ticks.Select(t => t.Position));
    }

    [Fact]
    public void ARangeNarrowerThanADoublesDigitsGetsOneTick()
    {
        double low = Math.Log10(2.0), high = Math.Log10(2.0 + 1e-13);
        (double Position, string Label)[] ticks = FigureRenderer.LogAxisTicks(low, high);
        Assert.Equal([(low, "2")], ticks);
    }

    [Theory]
    [InlineData(double.NaN, 0.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(0.0, double.PositiveInfinity)]
    public void ARangeWithoutExtentOrBoundsGetsNoTicks(double low, double high) =>
        Assert.Empty(FigureRenderer.LogAxisTicks(low, high));

    /// <summary>A log-log figure whose every value is out of the axes' range (≤ 0, NaN), or that has a single point,
    /// still renders: a diverged or degenerate experiment must not take its report down with it.</summary>
    [Theory]
    [InlineData(new[] { 0.0, -1.0, double.NaN })]
    [InlineData(new[] { 2.5 })]
    public void AFigureWithNothingOrOnePointOnItsLogAxesStillRenders(double[] ys)
    {
        string path = Path.Combine(Path.GetTempPath(), $"sdedsl-figure-{Guid.NewGuid():N}.png");
        try
        {
            double[] xs = Enumerable.Range(1, ys.Length).Select(static i => (double)i).ToArray();
            FigureRenderer.SavePng(new FigureSpec("t", "x", "y", [new Series("s", xs, ys)], LogX: true, LogY: true), path);
            byte[] png = File.ReadAllBytes(path);
            Assert.True(png.Length > 1000, $"{png.Length} bytes");
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
