using System;
using SdeDsl.Objectives;
using Xunit;
using static SdeDsl.Tests.Objectives.ObjectiveChecks;

namespace SdeDsl.Tests.Objectives;

/// <summary>
/// <see cref="LogisticRegression"/>: derivatives against finite differences (n below, at and above a block of 256
/// examples, n not a multiple of the vector width), closed forms at w = 0, batch invariance, the finite sum, extreme
/// margins, no allocation, argument checks.
/// </summary>
public sealed class LogisticRegressionTests
{
    public static TheoryData<int, int, double, int> Cases => new()
    {
        { 1, 1, 0.0, 1 }, { 37, 3, 0.0, 2 }, { 50, 10, 0.1, 3 }, { 256, 4, 0.01, 4 }, { 300, 7, 0.0, 5 }, { 13, 1, 0.5, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DerivativesMatchFiniteDifferences(int n, int d, double l2, int seed)
    {
        LogisticRegression f = LogisticRegression.Synthetic(n, d, seed, noise: 0.3, l2: l2);
        double[] x = RandomPoints(d, 4, seed + 100, 1.5);
        AssertGradientMatchesFiniteDifferences(f, x);
        AssertDiagonalHessianMatchesFiniteDifferences(f, x);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientAndDiagonalHessianInOneCallEqualTheTwoCallsBitForBit(int n, int d, double l2, int seed)
    {
        LogisticRegression f = LogisticRegression.Synthetic(n, d, seed, noise: 0.3, l2: l2);
        double[] x = RandomPoints(d, 5, seed + 300, 1.5);
        double[] gradient = new double[x.Length], diagonal = new double[x.Length], both = new double[x.Length], bothDiagonal = new double[x.Length];
        f.Gradient(x, gradient);
        f.DiagonalHessian(x, diagonal);
        f.GradientAndDiagonalHessian(x, both, bothDiagonal);

        Assert.Equal(gradient, both);
        Assert.Equal(diagonal, bothDiagonal);
        Assert.Equal("diagonal", Assert.Throws<ArgumentException>(() => f.GradientAndDiagonalHessian(x, both, both)).ParamName);

        // The interface's default, on an objective that does not override it, is the two calls.
        IObjective quadratic = new DiagonalQuadratic(new[] { 1.0, 3.0 });
        double[] y = { 0.5, -2.0, 1.0, 4.0 }, g = new double[4], h = new double[4];
        quadratic.GradientAndDiagonalHessian(y, g, h);
        Assert.Equal(new[] { 0.5, -6.0, 1.0, 12.0 }, g);
        Assert.Equal(new[] { 1.0, 3.0, 1.0, 3.0 }, h);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchedResultsEqualPerPointResultsBitForBit(int n, int d, double l2, int seed)
    {
        LogisticRegression f = LogisticRegression.Synthetic(n, d, seed, noise: 0.3, l2: l2);
        double[] x = RandomPoints(d, 6, seed + 200, 1.5);
        AssertBatchedEqualsPerPoint(f, x);
        AssertConcurrentEqualsSerial(f, x);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MeanOfExampleGradientsIsTheGradient(int n, int d, double l2, int seed)
    {
        LogisticRegression f = LogisticRegression.Synthetic(n, d, seed, noise: 0.3, l2: l2);
        AssertMeanOfExampleGradientsIsGradient(f, RandomPoints(d, 3, seed + 300, 1.5));
    }

    [Fact]
    public void ClosedFormsAtZero()
    {
        // At w = 0 every margin is 0: f = ln 2, ∇f = −(1/2n) Σ y_j a_j, diag ∇²f = (1/4n) Σ a_ji² + λ.
        double[] features = [1.0, 2.0, -1.0, 0.5, 3.0, -2.0];
        double[] labels = [1.0, -1.0, 1.0];
        var f = new LogisticRegression(features, labels, l2: 0.25);
        double[] w = new double[2], values = new double[1], gradient = new double[2], diagonal = new double[2];
        f.Value(w, values);
        f.Gradient(w, gradient);
        f.DiagonalHessian(w, diagonal);
        Assert.Equal(Math.Log(2.0), values[0], 1e-15);
        Assert.Equal(-(1.0 + 1.0 + 3.0) / 6.0, gradient[0], 1e-15);
        Assert.Equal(-(2.0 - 0.5 - 2.0) / 6.0, gradient[1], 1e-15);
        Assert.Equal(((1.0 + 1.0 + 9.0) / 12.0) + 0.25, diagonal[0], 1e-15);
        Assert.Equal(((4.0 + 0.25 + 4.0) / 12.0) + 0.25, diagonal[1], 1e-15);
        Assert.Equal(3, f.ExampleCount);
        Assert.Equal(2, f.Dimension);
    }

    [Fact]
    public void ExtremeMarginsStayFiniteAndAccurate()
    {
        // One example a = 1, y = +1: f(w) = log(1 + e^{−w}). At w = 800 the naive formula underflows to 0 correctly,
        // at w = −800 it overflows; the stable one gives e^{−800}-sized and 800.
        var f = new LogisticRegression([1.0], [1.0]);
        double[] values = new double[3], gradient = new double[3], diagonal = new double[3];
        double[] w = [-800.0, 800.0, 30.0];
        f.Value(w, values);
        f.Gradient(w, gradient);
        f.DiagonalHessian(w, diagonal);
        Assert.Equal(800.0, values[0]);
        Assert.Equal(0.0, values[1]); // e^{−800} underflows to 0
        double e30 = Math.Exp(-30.0);
        Assert.Equal(e30 - (0.5 * e30 * e30), values[2], 1e-14 * e30); // log1p(e^{−30}) to a few ulps, not log(1 + e^{−30})
        Assert.Equal(-1.0, gradient[0]);
        Assert.Equal(0.0, gradient[1]);
        Assert.Equal(-e30 / (1 + e30), gradient[2], 1e-14 * e30);
        Assert.Equal(0.0, diagonal[0]);
        Assert.All(diagonal, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void SyntheticDataAreSeededAndSeparableWithoutNoise()
    {
        LogisticRegression a = LogisticRegression.Synthetic(200, 5, 42, noise: 0.0);
        LogisticRegression b = LogisticRegression.Synthetic(200, 5, 42, noise: 0.0);
        LogisticRegression c = LogisticRegression.Synthetic(200, 5, 43, noise: 0.0);
        Assert.True(a.Features.SequenceEqual(b.Features) && a.Labels.SequenceEqual(b.Labels));
        Assert.False(a.Features.SequenceEqual(c.Features));

        // Noise-free labels are linearly separable: the perceptron finds a separating w in finitely many passes.
        double[] w = new double[5];
        bool separated = false;
        for (int pass = 0; pass < 10_000 && !separated; pass++)
        {
            separated = true;
            for (int j = 0; j < 200; j++)
            {
                double margin = 0;
                for (int i = 0; i < 5; i++)
                {
                    margin += w[i] * a.Features[(j * 5) + i];
                }

                if (a.Labels[j] * margin <= 0)
                {
                    separated = false;
                    for (int i = 0; i < 5; i++)
                    {
                        w[i] += a.Labels[j] * a.Features[(j * 5) + i];
                    }
                }
            }
        }

        Assert.True(separated);

        int positives = 0;
        foreach (double y in a.Labels)
        {
            positives += y > 0 ? 1 : 0;
        }

        Assert.InRange(positives, 60, 140); // Binomial(200, ½) for a hyperplane through the origin: ±40 is 5.7σ

        // Label noise flips some labels near the boundary (the same draws give the same features), not most.
        LogisticRegression noisy = LogisticRegression.Synthetic(200, 5, 42, noise: 0.5);
        Assert.True(a.Features.SequenceEqual(noisy.Features));
        int flipped = 0;
        for (int j = 0; j < 200; j++)
        {
            flipped += a.Labels[j] != noisy.Labels[j] ? 1 : 0;
        }

        Assert.InRange(flipped, 1, 60); // P(flip) = arctan(0.5)/π ≈ 0.15: 30 ± 5 expected
    }

    [Fact]
    public void DoesNotAllocate()
    {
        LogisticRegression f = LogisticRegression.Synthetic(300, 6, 1, l2: 0.1);
        AssertObjectiveDoesNotAllocate(f, RandomPoints(6, 10, 2, 1.0));
        double[] w = RandomPoints(6, 1, 3, 1.0), g = new double[6];
        AssertNoAllocation("LogisticRegression.ExampleGradient", () => f.ExampleGradient(w, 17, g));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        AssertRejects("labels", () => _ = new LogisticRegression([1.0], []));
        AssertRejects("labels", () => _ = new LogisticRegression([1.0, 2.0], [1.0, 0.0]));
        AssertRejects("features", () => _ = new LogisticRegression([1.0, 2.0, 3.0], [1.0, -1.0]));
        AssertRejects("features", () => _ = new LogisticRegression([], [1.0]));
        AssertRejects("features", () => _ = new LogisticRegression([1.0, double.NaN], [1.0, -1.0]));
        AssertRejects("l2", () => _ = new LogisticRegression([1.0], [1.0], -0.1));
        AssertRejects("l2", () => _ = new LogisticRegression([1.0], [1.0], double.NaN));
        AssertRejects("n", () => LogisticRegression.Synthetic(0, 2, 1));
        AssertRejects("d", () => LogisticRegression.Synthetic(5, 0, 1));
        AssertRejects("noise", () => LogisticRegression.Synthetic(5, 2, 1, noise: double.NaN));

        LogisticRegression f = LogisticRegression.Synthetic(5, 2, 1);
        double[] x = new double[4];
        AssertRejects("x", () => f.Value(new double[3], new double[1]));
        AssertRejects("values", () => f.Value(x, new double[1]));
        AssertRejects("gradient", () => f.Gradient(x, new double[2]));
        AssertRejects("diagonal", () => f.DiagonalHessian(x, new double[5]));
        AssertRejects("gradient", () => f.Gradient(x, x));
        AssertRejects("x", () => f.ExampleGradient(x, 0, new double[2]));
        AssertRejects("example", () => f.ExampleGradient(new double[2], -1, new double[2]));
        AssertRejects("example", () => f.ExampleGradient(new double[2], 5, new double[2]));
        AssertRejects("gradient", () => f.ExampleGradient(new double[2], 0, new double[3]));
    }
}
