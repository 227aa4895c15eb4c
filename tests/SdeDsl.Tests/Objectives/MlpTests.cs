using System;
using SdeDsl.Objectives;
using Xunit;
using static SdeDsl.Tests.Objectives.ObjectiveChecks;

namespace SdeDsl.Tests.Objectives;

/// <summary>
/// <see cref="Mlp"/>: backpropagation against finite differences for both losses, closed forms, the parameter layout,
/// batch invariance, the finite sum, no allocation, argument checks.
/// </summary>
public sealed class MlpTests
{
    public static TheoryData<MlpLoss, int, int, int, double, int> Cases => new()
    {
        { MlpLoss.SquaredError, 20, 1, 1, 0.0, 1 },
        { MlpLoss.SquaredError, 40, 3, 5, 0.0, 2 },
        { MlpLoss.SquaredError, 33, 9, 4, 0.05, 3 },
        { MlpLoss.Logistic, 40, 2, 6, 0.0, 4 },
        { MlpLoss.Logistic, 25, 8, 3, 0.1, 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(MlpLoss loss, int n, int inputs, int hidden, double l2, int seed)
    {
        Mlp f = Mlp.Synthetic(n, inputs, hidden, loss, seed, noise: 0.2, l2: l2);
        AssertGradientMatchesFiniteDifferences(f, RandomPoints(f.Dimension, 3, seed + 100, 1.0));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchedResultsEqualPerPointResultsBitForBit(MlpLoss loss, int n, int inputs, int hidden, double l2, int seed)
    {
        Mlp f = Mlp.Synthetic(n, inputs, hidden, loss, seed, noise: 0.2, l2: l2);
        double[] x = RandomPoints(f.Dimension, 5, seed + 200, 1.0);
        AssertBatchedEqualsPerPoint(f, x);
        AssertConcurrentEqualsSerial(f, x);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MeanOfExampleGradientsIsTheGradient(MlpLoss loss, int n, int inputs, int hidden, double l2, int seed)
    {
        Mlp f = Mlp.Synthetic(n, inputs, hidden, loss, seed, noise: 0.2, l2: l2);
        AssertMeanOfExampleGradientsIsGradient(f, RandomPoints(f.Dimension, 3, seed + 300, 1.0));
    }

    [Fact]
    public void ClosedFormOfOneUnit()
    {
        // m = h = 1, one example a = 1, t = 0.5; layout (W₁, b₁, w₂, b₂) = (w, c, v, e):
        // ŷ = e + v tanh(w + c), f = ½ (ŷ − t)², ∂f/∂w = ∂f/∂c = (ŷ − t) v (1 − tanh²), ∂f/∂v = (ŷ − t) tanh, ∂f/∂e = ŷ − t.
        var f = new Mlp([1.0], [0.5], inputs: 1, hidden: 1, MlpLoss.SquaredError);
        Assert.Equal(4, f.Dimension);
        Assert.Equal(4, Mlp.ParameterCount(1, 1));
        double w = 0.3, c = -0.1, v = 1.5, e = 0.2;
        double u = Math.Tanh(w + c), y = e + (v * u), r = y - 0.5;
        double[] values = new double[1], gradient = new double[4];
        f.Value([w, c, v, e], values);
        f.Gradient([w, c, v, e], gradient);
        Assert.Equal(0.5 * r * r, values[0], 1e-15);
        Assert.Equal(r * v * (1 - (u * u)), gradient[0], 1e-15);
        Assert.Equal(r * v * (1 - (u * u)), gradient[1], 1e-15);
        Assert.Equal(r * u, gradient[2], 1e-15);
        Assert.Equal(r, gradient[3], 1e-15);
    }

    [Theory]
    [InlineData(MlpLoss.SquaredError)]
    [InlineData(MlpLoss.Logistic)]
    public void ClosedFormsAtZero(MlpLoss loss)
    {
        // With every parameter 0, ŷ = 0 and every hidden unit is tanh 0 = 0: only ∂f/∂b₂ = mean ℓ'(0, t_j) survives.
        Mlp f = Mlp.Synthetic(30, 3, 4, loss, 9);
        double[] x = new double[f.Dimension], values = new double[1], gradient = new double[f.Dimension];
        f.Value(x, values);
        f.Gradient(x, gradient);
        double meanLoss = 0, meanSlope = 0;
        foreach (double t in f.Targets)
        {
            meanLoss += loss == MlpLoss.SquaredError ? 0.5 * t * t : Math.Log(2.0);
            meanSlope += loss == MlpLoss.SquaredError ? -t : -0.5 * t;
        }

        Assert.Equal(meanLoss / 30, values[0], 1e-14);
        for (int i = 0; i < f.Dimension - 1; i++)
        {
            Assert.Equal(0.0, gradient[i]);
        }

        Assert.Equal(meanSlope / 30, gradient[f.Dimension - 1], 1e-14);
    }

    [Fact]
    public void HasNoDiagonalHessian()
    {
        Mlp f = Mlp.Synthetic(5, 2, 3, MlpLoss.SquaredError, 1);
        Assert.False(f.HasDiagonalHessian);
        Assert.Throws<NotSupportedException>(() => f.DiagonalHessian(new double[f.Dimension], new double[f.Dimension]));
    }

    [Fact]
    public void SyntheticDataAreSeeded()
    {
        Mlp a = Mlp.Synthetic(50, 3, 4, MlpLoss.Logistic, 11), b = Mlp.Synthetic(50, 3, 4, MlpLoss.Logistic, 11);
        Assert.True(a.Features.SequenceEqual(b.Features) && a.Targets.SequenceEqual(b.Targets));
        Assert.All(a.Targets.ToArray(), t => Assert.True(t is 1.0 or -1.0));
    }

    [Fact]
    public void DoesNotAllocateWithTheLargestHiddenWidth()
    {
        Mlp f = Mlp.Synthetic(20, 3, Mlp.MaxHidden, MlpLoss.Logistic, 1, l2: 0.01);
        AssertObjectiveDoesNotAllocate(f, RandomPoints(f.Dimension, 3, 2, 0.5));
        double[] x = RandomPoints(f.Dimension, 1, 3, 0.5), g = new double[f.Dimension];
        AssertNoAllocation("Mlp.ExampleGradient", () => f.ExampleGradient(x, 7, g));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        double[] features = new double[6], targets = [1.0, -1.0, 1.0];
        AssertRejects("hidden", () => _ = new Mlp(features, targets, 2, 0, MlpLoss.SquaredError));
        AssertRejects("hidden", () => _ = new Mlp(features, targets, 2, Mlp.MaxHidden + 1, MlpLoss.SquaredError));
        AssertRejects("inputs", () => _ = new Mlp(features, targets, 0, 2, MlpLoss.SquaredError));
        AssertRejects("features", () => _ = new Mlp(features, targets, 3, 2, MlpLoss.SquaredError));
        AssertRejects("features", () => _ = new Mlp([0, 0, 0, 0, 0, double.NaN], targets, 2, 2, MlpLoss.SquaredError));
        AssertRejects("targets", () => _ = new Mlp(features, [], 2, 2, MlpLoss.SquaredError));
        AssertRejects("targets", () => _ = new Mlp(features, [1.0, 0.0, 1.0], 2, 2, MlpLoss.Logistic));
        AssertRejects("targets", () => _ = new Mlp(features, [1.0, double.NaN, 1.0], 2, 2, MlpLoss.SquaredError));
        AssertRejects("loss", () => _ = new Mlp(features, targets, 2, 2, (MlpLoss)7));
        AssertRejects("l2", () => _ = new Mlp(features, targets, 2, 2, MlpLoss.SquaredError, -1.0));
        AssertRejects("n", () => Mlp.Synthetic(0, 2, 2, MlpLoss.SquaredError, 1));
        AssertRejects("noise", () => Mlp.Synthetic(5, 2, 2, MlpLoss.SquaredError, 1, noise: -1));

        var f = new Mlp(features, targets, 2, 2, MlpLoss.SquaredError);
        int d = f.Dimension;
        double[] x = new double[2 * d];
        AssertRejects("x", () => f.Value(new double[d + 1], new double[1]));
        AssertRejects("values", () => f.Value(x, new double[1]));
        AssertRejects("gradient", () => f.Gradient(x, new double[d]));
        AssertRejects("gradient", () => f.Gradient(x, x));
        AssertRejects("x", () => f.ExampleGradient(x, 0, new double[d]));
        AssertRejects("example", () => f.ExampleGradient(new double[d], 3, new double[d]));
        AssertRejects("gradient", () => f.ExampleGradient(new double[d], 0, new double[d - 1]));
    }
}
