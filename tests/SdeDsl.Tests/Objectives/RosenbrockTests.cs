using System;
using SdeDsl.Objectives;
using Xunit;
using static SdeDsl.Tests.Objectives.ObjectiveChecks;

namespace SdeDsl.Tests.Objectives;

/// <summary><see cref="Rosenbrock"/>: derivatives against finite differences, closed forms, batch invariance, no
/// allocation, argument checks.</summary>
public sealed class RosenbrockTests
{
    public static TheoryData<int, double, double, int> Cases => new()
    {
        { 2, 1.0, 100.0, 1 }, { 3, 1.0, 100.0, 2 }, { 10, 1.0, 100.0, 3 }, { 5, -0.5, 3.0, 4 }, { 2, 2.0, 1.0, 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DerivativesMatchFiniteDifferences(int d, double a, double b, int seed)
    {
        var f = new Rosenbrock(d, a, b);
        double[] x = RandomPoints(d, 5, seed, 2.0);
        AssertGradientMatchesFiniteDifferences(f, x);
        AssertDiagonalHessianMatchesFiniteDifferences(f, x);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchedResultsEqualPerPointResultsBitForBit(int d, double a, double b, int seed)
    {
        var f = new Rosenbrock(d, a, b);
        double[] x = RandomPoints(d, 7, seed + 50, 2.0);
        AssertBatchedEqualsPerPoint(f, x);
        AssertConcurrentEqualsSerial(f, x);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void MinimumAtOnesAndValueAtOrigin(int d)
    {
        var f = new Rosenbrock(d);
        double[] x = new double[2 * d];
        Array.Fill(x, 1.0, 0, d); // path 0 at (1, …, 1); path 1 at the origin
        double[] values = new double[2], gradient = new double[2 * d], diagonal = new double[2 * d];
        f.Value(x, values);
        f.Gradient(x, gradient);
        f.DiagonalHessian(x, diagonal);

        Assert.Equal(0.0, values[0]);
        Assert.Equal(d - 1.0, values[1]); // Σ_{i<d−1} (1 − 0)²
        for (int i = 0; i < d; i++)
        {
            Assert.Equal(0.0, gradient[i]);
            double expected = (i < d - 1 ? (8 * 100.0) - (4 * 100.0 * 0) + 2 : 0) + (i > 0 ? 200.0 : 0);
            Assert.Equal(expected, diagonal[i]);
            Assert.Equal(i < d - 1 ? -2.0 : 0.0, gradient[d + i]); // −2(a − 0) from the summand i
        }
    }

    [Fact]
    public void TwoDimensionalMinimumIsAtAAndASquared()
    {
        var f = new Rosenbrock(2, 2.0, 100.0);
        double[] values = new double[1], gradient = new double[2];
        f.Value([2.0, 4.0], values);
        f.Gradient([2.0, 4.0], gradient);
        Assert.Equal(0.0, values[0]);
        Assert.Equal([0.0, 0.0], gradient);
    }

    [Fact]
    public void DoesNotAllocate() => AssertObjectiveDoesNotAllocate(new Rosenbrock(10), RandomPoints(10, 100, 1, 2.0));

    [Fact]
    public void RejectsBadArguments()
    {
        AssertRejects("d", () => _ = new Rosenbrock(1));
        AssertRejects("d", () => _ = new Rosenbrock(-3));
        AssertRejects("a", () => _ = new Rosenbrock(2, double.NaN));
        AssertRejects("b", () => _ = new Rosenbrock(2, 1.0, double.PositiveInfinity));

        var f = new Rosenbrock(3);
        double[] x = new double[6];
        AssertRejects("x", () => f.Gradient(new double[4], new double[4]));
        AssertRejects("values", () => f.Value(x, new double[1]));
        AssertRejects("gradient", () => f.Gradient(x, new double[3]));
        AssertRejects("diagonal", () => f.DiagonalHessian(x, new double[9]));
        AssertRejects("diagonal", () => f.DiagonalHessian(x, x));
    }
}
