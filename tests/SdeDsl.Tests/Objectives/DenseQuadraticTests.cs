using System;
using SdeDsl.Objectives;
using Xunit;
using static SdeDsl.Tests.Objectives.ObjectiveChecks;

namespace SdeDsl.Tests.Objectives;

/// <summary>
/// <see cref="DenseQuadratic"/>: derivatives against finite differences (dimensions on both sides of the stack-buffer
/// limit 256), closed forms, batch invariance, no allocation, symmetry and argument checks.
/// </summary>
public sealed class DenseQuadraticTests
{
    public static TheoryData<int, int, int> Cases => new()
    {
        { 1, 1, 5 }, { 2, 2, 5 }, { 5, 3, 5 }, { 17, 4, 4 }, { 300, 5, 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DerivativesMatchFiniteDifferences(int d, int seed, int paths)
    {
        DenseQuadratic f = Create(d, seed);
        double[] x = RandomPoints(d, paths, seed + 100, 2.0);
        AssertGradientMatchesFiniteDifferences(f, x);
        AssertDiagonalHessianMatchesFiniteDifferences(f, x);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchedResultsEqualPerPointResultsBitForBit(int d, int seed, int paths)
    {
        DenseQuadratic f = Create(d, seed);
        double[] x = RandomPoints(d, paths, seed + 200, 2.0);
        AssertBatchedEqualsPerPoint(f, x);
        AssertConcurrentEqualsSerial(f, x);
    }

    [Fact]
    public void ClosedForms()
    {
        // H = [[2, 1], [1, 3]], c = (1, −1): at x = (2, 0), y = (1, 1), Hy = (3, 4), f = ½·7.
        var f = new DenseQuadratic(new double[,] { { 2.0, 1.0 }, { 1.0, 3.0 } }, [1.0, -1.0]);
        double[] x = [2.0, 0.0, 1.0, -1.0, 0.0, 0.0];
        double[] values = new double[3], gradient = new double[6], diagonal = new double[6];
        f.Value(x, values);
        f.Gradient(x, gradient);
        f.DiagonalHessian(x, diagonal);
        Assert.Equal([3.5, 0.0, 0.5 * ((2.0 * 1) + (2 * 1.0 * -1) + (3.0 * 1))], values);
        Assert.Equal([3.0, 4.0, 0.0, 0.0, -1.0, 2.0], gradient);
        Assert.Equal([2.0, 3.0, 2.0, 3.0, 2.0, 3.0], diagonal);

        // The row-major overload is the same objective.
        var g = new DenseQuadratic([2.0, 1.0, 1.0, 3.0], [1.0, -1.0]);
        double[] values2 = new double[3];
        g.Value(x, values2);
        Assert.Equal(values, values2);
    }

    [Fact]
    public void MatchesTheDiagonalQuadraticForADiagonalH()
    {
        const int d = 6;
        double[] lambda = [0.5, 1.0, 2.0, 3.0, -1.0, 7.0], center = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6];
        double[] h = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            h[(i * d) + i] = lambda[i];
        }

        var dense = new DenseQuadratic(h, center);
        var diagonal = new DiagonalQuadratic(lambda, center);
        double[] x = RandomPoints(d, 4, 7, 2.0);
        double[] a = new double[x.Length], b = new double[x.Length], va = new double[4], vb = new double[4];
        dense.Gradient(x, a);
        diagonal.Gradient(x, b);
        Assert.Equal(b, a); // each row has one nonzero product, so the gradients are exact
        dense.Value(x, va);
        diagonal.Value(x, vb);
        for (int p = 0; p < 4; p++)
        {
            Assert.Equal(vb[p], va[p], 1e-14 * Math.Max(1.0, Math.Abs(vb[p])));
        }
    }

    [Fact]
    public void SymmetrizesWithinTheTolerance()
    {
        double eps = 0.5 * DenseQuadratic.SymmetryTolerance;
        var f = new DenseQuadratic([1.0, 0.5 + eps, 0.5, 2.0]);
        Assert.Equal(f.Hessian[1], f.Hessian[2]);
        Assert.Equal(0.5 + (0.5 * eps), f.Hessian[1], 1e-16);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(300)]
    public void DoesNotAllocate(int d)
    {
        DenseQuadratic f = Create(d, 1);
        AssertObjectiveDoesNotAllocate(f, RandomPoints(d, d > 256 ? 3 : 101, 2, 1.0));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        AssertRejects("h", () => _ = new DenseQuadratic((double[,])null!));
        AssertRejects("h", () => _ = new DenseQuadratic(new double[2, 3]));
        AssertRejects("h", () => _ = new DenseQuadratic(new double[0, 0]));
        AssertRejects("h", () => _ = new DenseQuadratic(ReadOnlySpan<double>.Empty));
        AssertRejects("h", () => _ = new DenseQuadratic([1.0, 2.0, 3.0]));
        AssertRejects("h", () => _ = new DenseQuadratic([1.0, 2.0, 2.1, 3.0]));
        AssertRejects("h", () => _ = new DenseQuadratic([1.0, double.NaN, double.NaN, 3.0]));
        AssertRejects("center", () => _ = new DenseQuadratic([1.0, 0.0, 0.0, 1.0], [1.0, 2.0, 3.0]));
        AssertRejects("center", () => _ = new DenseQuadratic([1.0, 0.0, 0.0, 1.0], [1.0, double.NaN]));

        var f = new DenseQuadratic([1.0, 0.0, 0.0, 1.0]);
        double[] x = new double[4];
        AssertRejects("x", () => f.Value(new double[3], new double[1]));
        AssertRejects("values", () => f.Value(x, new double[3]));
        AssertRejects("gradient", () => f.Gradient(x, new double[5]));
        AssertRejects("diagonal", () => f.DiagonalHessian(x, new double[3]));
        AssertRejects("gradient", () => f.Gradient(x, x));
    }

    private static DenseQuadratic Create(int d, int seed)
    {
        var random = new System.Random(seed);
        double[] h = new double[d * d], center = new double[d];
        for (int i = 0; i < d; i++)
        {
            center[i] = (2 * random.NextDouble()) - 1;
            for (int j = 0; j <= i; j++)
            {
                double v = (2 * random.NextDouble()) - 1;
                h[(i * d) + j] = v;
                h[(j * d) + i] = v;
            }

            h[(i * d) + i] += 2.0;
        }

        return new DenseQuadratic(h, center);
    }
}
