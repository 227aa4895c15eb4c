using System;
using System.Linq;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests.Integrators;

/// <summary>The Milstein and weak-order-2 steps through the ensemble engine, and the Hessian they may need.</summary>
public sealed class HigherOrderRuntimeTests
{
    private static EnsembleOptions Options(int paths, long steps, double dt) => new()
    {
        Paths = paths,
        Steps = steps,
        TimeStep = dt,
        InitialX = new[] { 1.0 },
        Seed = 99,
        RecordSteps = new[] { 0L, steps },
        Observables = new[] { Observable.Coordinate(0) },
    };

    [Fact]
    public void MilsteinEqualsEulerMaruyamaBitForBitUnderAdditiveNoise()
    {
        // For OU, b is constant: the Milstein correction vanishes, the generator writes no term for it, and both
        // integrators draw the same increments, so the runs must agree to the bit (this checks the engine's plumbing).
        var ou = new OrnsteinUhlenbeck { Theta = 1.0, S = 0.7 };
        var quadratic = new DiagonalQuadratic(new[] { 1.0 });
        EnsembleOptions options = Options(paths: 300, steps: 40, dt: 0.025);
        EnsembleResult em = Ensemble.RunSde(ou, quadratic, new GaussianNoise(1.0, 3), options);
        EnsembleResult milstein = Ensemble.RunSde(ou, quadratic, new GaussianNoise(1.0, 3), options, SdeIntegrator.Milstein);

        Assert.True(em.Values(0, 1).SequenceEqual(milstein.Values(0, 1)));
    }

    [Fact]
    public void WeakOrder2EnsembleMatchesTheSchemesExactMeanOnGeometricBrownianMotion()
    {
        // dX = −grad dt + 0.5·grad dW on f = x²/2: GBM with μ = −1, σ = 0.5, seen through grad and hess. The scheme is
        // linear in X with mean-zero noise terms, so its own mean is exact: E Y_8 = (1 + μdt + μ²dt²/2)^8 = 0.368934 at
        // dt = 1/8 (e^{−1} = 0.367879). N = 40,000 paths, SE ≈ e^{−1}·√(e^{σ²} − 1)/√N ≈ 9.8e-4: 5 SE checks the engine
        // and the Hessian plumbing; Euler–Maruyama's mean, (7/8)^8 = 0.343609, is 26 SE away, and a scheme that dropped
        // the Hessian (L₀a = 0 here) would be too.
        var model = new GradientDrivenGbm { S = 0.5 };
        var quadratic = new DiagonalQuadratic(new[] { 1.0 });
        EnsembleResult result = Ensemble.RunSde(model, quadratic, new GaussianNoise(1.0, 3), Options(paths: 40_000, steps: 8, dt: 0.125), SdeIntegrator.WeakOrder2);

        RunningMoments x = result.Moments(0, 1);
        double expected = Math.Pow(1 - 0.125 + (0.125 * 0.125 / 2), 8);
        Assert.InRange(x.Mean, expected - (5 * x.StandardError), expected + (5 * x.StandardError));
    }

    [Fact]
    public void HigherOrderIntegratorsRefuseAnObjectiveWithoutAHessianWhenTheModelNeedsOne()
    {
        var mlp = new Mlp(new[] { 1.0, 2.0 }, new[] { 0.5, -0.5 }, inputs: 1, hidden: 2, MlpLoss.SquaredError);
        EnsembleOptions options = Options(paths: 4, steps: 2, dt: 0.1) with { InitialX = new double[mlp.Dimension] };

        Assert.True(GradientDrivenGbm.NeedsHessian);
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            Ensemble.RunSde(new GradientDrivenGbm { S = 0.5 }, mlp, new GaussianNoise(1.0, 3), options, SdeIntegrator.Milstein));
        Assert.Equal("objective", error.ParamName);
        Assert.Contains("EulerMaruyama", error.Message, StringComparison.Ordinal);

        // Euler–Maruyama needs no Hessian, and neither does a model whose SDE does not read grad.
        Assert.False(GeometricBrownianMotion.NeedsHessian);
        Ensemble.RunSde(new GradientDrivenGbm { S = 0.5 }, mlp, new GaussianNoise(1.0, 3), options, SdeIntegrator.EulerMaruyama);
        EnsembleResult gbm = Ensemble.RunSde(new GeometricBrownianMotion { Mu = 0.1, S = 0.2 }, mlp, new GaussianNoise(1.0, 3), options, SdeIntegrator.WeakOrder2);
        Assert.Equal(4, gbm.Values(0, 1).Length);
    }

    [Fact]
    public void HessianSpanIsCheckedOnlyWhenRead()
    {
        var gbm = new GeometricBrownianMotion { Mu = 0.1, S = 0.2 };
        double[] x = { 1.0, 2.0 }, grad = new double[2], sigma = { 1.0, 1.0 }, noise = { 0.5, -0.5 };
        gbm.MilsteinStep(x, grad, ReadOnlySpan<double>.Empty, sigma, noise, 0.0, 0.01);
        Assert.All(x, static v => Assert.True(double.IsFinite(v)));

        var driven = new GradientDrivenGbm { S = 0.5 };
        ArgumentException error = Assert.Throws<ArgumentException>(() => driven.WeakOrder2Step(x, grad, ReadOnlySpan<double>.Empty, sigma, noise, 0.0, 0.01));
        Assert.Equal("hess", error.ParamName);
    }
}
