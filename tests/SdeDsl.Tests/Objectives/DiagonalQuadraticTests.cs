using System;
using SdeDsl.Objectives;
using Xunit;
using static SdeDsl.Tests.Objectives.ObjectiveChecks;

namespace SdeDsl.Tests.Objectives;

/// <summary>
/// <see cref="DiagonalQuadratic"/>: derivatives against finite differences, closed forms, batch invariance (dimensions
/// on both sides of the tiling limit, with vector tails), no allocation, argument checks.
/// </summary>
public sealed class DiagonalQuadraticTests
{
    private const int Paths = 11;

    public static TheoryData<int, int> DimensionsAndSeeds => new()
    {
        { 1, 1 }, { 2, 2 }, { 3, 3 }, { 7, 4 }, { 8, 5 }, { 9, 6 }, { 63, 7 }, { 64, 8 }, { 70, 9 },
    };

    [Theory]
    [MemberData(nameof(DimensionsAndSeeds))]
    public void DerivativesMatchFiniteDifferences(int d, int seed)
    {
        DiagonalQuadratic f = Create(d, seed, withCenter: true);
        double[] x = RandomPoints(d, Paths, seed + 100, 2.0);
        AssertGradientMatchesFiniteDifferences(f, x);
        AssertDiagonalHessianMatchesFiniteDifferences(f, x);
    }

    [Theory]
    [MemberData(nameof(DimensionsAndSeeds))]
    public void BatchedResultsEqualPerPointResultsBitForBit(int d, int seed)
    {
        DiagonalQuadratic f = Create(d, seed, withCenter: true);
        double[] x = RandomPoints(d, Paths, seed + 200, 3.0);
        AssertBatchedEqualsPerPoint(f, x);
        AssertConcurrentEqualsSerial(f, x);
    }

    [Theory]
    [MemberData(nameof(DimensionsAndSeeds))]
    public void GradientIsTheScalarFormulaBitForBit(int d, int seed)
    {
        DiagonalQuadratic f = Create(d, seed, withCenter: true);
        double[] x = RandomPoints(d, Paths, seed + 300, 3.0);
        double[] gradient = new double[x.Length], diagonal = new double[x.Length];
        f.Gradient(x, gradient);
        f.DiagonalHessian(x, diagonal);
        for (int k = 0; k < x.Length; k++)
        {
            int i = k % d;
            AssertBits(f.Lambda[i] * (x[k] - f.Center[i]), gradient[k], $"gradient element {k}");
            AssertBits(f.Lambda[i], diagonal[k], $"diagonal element {k}");
        }
    }

    /// <summary>
    /// The float gradient is (float)λ_i·(x_i − (float)c_i) in float, bit for bit, at every place in a batch (dimensions
    /// on both sides of the tiling limit, with vector tails), and within its documented bound of the exact gradient at
    /// the float point: four roundings of 2^−24 relative (λ, c, the difference, the product) of |λ_i|·(|x_i| + |c_i|).
    /// </summary>
    [Theory]
    [MemberData(nameof(DimensionsAndSeeds))]
    public void SingleGradientIsTheFloatFormulaAndNearTheDoubleOne(int d, int seed)
    {
        DiagonalQuadratic f = Create(d, seed, withCenter: true);
        double[] x = RandomPoints(d, Paths, seed + 400, 3.0);
        float[] xf = Array.ConvertAll(x, static v => (float)v), gradient = new float[x.Length];
        double[] reference = new double[x.Length];
        f.Gradient(xf, gradient);
        f.Gradient(Array.ConvertAll(xf, static v => (double)v), reference);
        for (int k = 0; k < x.Length; k++)
        {
            int i = k % d;
            float expected = (float)f.Lambda[i] * (xf[k] - (float)f.Center[i]);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(gradient[k]), $"float gradient element {k}: {expected} vs {gradient[k]}");
            double bound = 4 * Math.Pow(2, -24) * Math.Abs(f.Lambda[i]) * (Math.Abs(xf[k]) + Math.Abs(f.Center[i]));
            Assert.True(Math.Abs(gradient[k] - reference[k]) <= bound, $"element {k}: |{gradient[k]} − {reference[k]}| > {bound}");
        }

        AssertNoAllocation("DiagonalQuadratic.Gradient(float)", () => f.Gradient(xf, gradient));
        AssertRejects("gradient", () => f.Gradient(xf, new float[xf.Length - 1]));
    }

    [Fact]
    public void ClosedForms()
    {
        var f = new DiagonalQuadratic([1.0, 2.0, 4.0], [1.0, -1.0, 0.5]);
        double[] x = [1.0, -1.0, 0.5, 0.0, 0.0, 0.0, 2.0, 0.0, 1.5];
        double[] values = new double[3], gradient = new double[9], diagonal = new double[9];
        f.Value(x, values);
        f.Gradient(x, gradient);
        f.DiagonalHessian(x, diagonal);

        Assert.Equal(0.0, values[0]); // at the center
        Assert.Equal(0.5 * ((1 * 1) + (2 * 1) + (4 * 0.25)), values[1]);
        Assert.Equal(0.5 * ((1 * 1) + (2 * 1) + (4 * 1)), values[2]);
        Assert.Equal([0.0, 0.0, 0.0, -1.0, 2.0, -2.0, 1.0, 2.0, 4.0], gradient);
        Assert.Equal([1.0, 2.0, 4.0, 1.0, 2.0, 4.0, 1.0, 2.0, 4.0], diagonal);

        var origin = new DiagonalQuadratic([3.0]);
        double[] one = new double[1];
        origin.Value([2.0], one);
        Assert.Equal(6.0, one[0]);
        Assert.Equal(0.0, origin.Center[0]);
    }

    [Fact]
    public void EmptyBatchIsAllowed()
    {
        var f = new DiagonalQuadratic([1.0, 2.0]);
        f.Value([], []);
        f.Gradient(ReadOnlySpan<double>.Empty, Span<double>.Empty);
        f.Gradient(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        f.DiagonalHessian([], []);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(70)]
    public void DoesNotAllocate(int d)
    {
        DiagonalQuadratic f = Create(d, 1, withCenter: true);
        AssertObjectiveDoesNotAllocate(f, RandomPoints(d, 1003, 2, 1.0));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        AssertRejects("lambda", () => _ = new DiagonalQuadratic([]));
        AssertRejects("lambda", () => _ = new DiagonalQuadratic([1.0, double.NaN]));
        AssertRejects("lambda", () => _ = new DiagonalQuadratic([double.PositiveInfinity]));
        AssertRejects("center", () => _ = new DiagonalQuadratic([1.0, 2.0], [1.0]));
        AssertRejects("center", () => _ = new DiagonalQuadratic([1.0, 2.0], [1.0, double.NegativeInfinity]));

        var f = new DiagonalQuadratic([1.0, 2.0]);
        double[] x = new double[6];
        AssertRejects("x", () => f.Value(new double[5], new double[2]));
        AssertRejects("x", () => f.Gradient(new double[5], new double[5]));
        AssertRejects("x", () => f.DiagonalHessian(new double[5], new double[5]));
        AssertRejects("values", () => f.Value(x, new double[2]));
        AssertRejects("gradient", () => f.Gradient(x, new double[4]));
        AssertRejects("diagonal", () => f.DiagonalHessian(x, new double[7]));
        AssertRejects("gradient", () => f.Gradient(x, x));
        AssertRejects("values", () => f.Value(x, x.AsSpan(3, 3)));
    }

    private static DiagonalQuadratic Create(int d, int seed, bool withCenter)
    {
        var random = new System.Random(seed);
        double[] lambda = new double[d], center = new double[d];
        for (int i = 0; i < d; i++)
        {
            lambda[i] = 0.1 + (10 * random.NextDouble());
            center[i] = withCenter ? (2 * random.NextDouble()) - 1 : 0;
        }

        if (d > 2)
        {
            lambda[1] = -0.5; // a saddle direction is allowed
        }

        return new DiagonalQuadratic(lambda, center);
    }
}
