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
    public void HigherOrderIntegratorsRefuseANoiseModelWhoseSigmaVariesWithX()
    {
        // Minibatch σ is the per-example spread of the gradients at x: the higher-order steps, which do not
        // differentiate through sigma, would silently lose their order, so the engine refuses; EM runs.
        var data = LogisticRegression.Synthetic(n: 64, d: 2, seed: 3);
        var minibatch = new MinibatchNoise(batchSize: 8, seed: 5);
        EnsembleOptions options = Options(paths: 4, steps: 2, dt: 0.1) with { InitialX = new double[2] };
        var model = new GeometricBrownianMotion { Mu = 0.1, S = 0.2 };

        Assert.True(minibatch.SigmaDependsOnX);
        Assert.False(((INoiseModel)new GaussianNoise(1.0, 3)).SigmaDependsOnX);
        foreach (SdeIntegrator integrator in new[] { SdeIntegrator.Milstein, SdeIntegrator.WeakOrder2 })
        {
            ArgumentException error = Assert.Throws<ArgumentException>(() => Ensemble.RunSde(model, data, minibatch, options, integrator));
            Assert.Equal("noise", error.ParamName);
        }

        Assert.Equal(4, Ensemble.RunSde(model, data, minibatch, options, SdeIntegrator.EulerMaruyama).Values(0, 1).Length);
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

    [Fact]
    public void HigherOrderStepsGiveEachCoordinateTheSameBitsWhateverTheSpanLength()
    {
        var model = new AdamW { Eta = 1e-2, Beta1 = 0.9, Beta2 = 0.99, Eps = 1e-8, WeightDecay = 0.1 };
        Check<double>(model, System.Numerics.Vector<double>.Count);
        Check<float>(model, System.Numerics.Vector<float>.Count);

        static void Check<T>(AdamW model, int width) where T : unmanaged, System.Numerics.IFloatingPoint<T>
        {
            int length = (3 * width) + 3;
            var random = new System.Random(5);
            T[] Random(double low, double high) => Enumerable.Range(0, length).Select(_ => T.CreateChecked(low + ((high - low) * random.NextDouble()))).ToArray();
            T[] x = Random(-1, 1), m = Random(-1, 1), v = Random(0.5, 2), grad = Random(-1, 1), hess = Random(0.5, 2), sigma = Random(0.5, 1.5), noise = Random(-2, 2);
            foreach (bool milstein in new[] { true, false })
            {
                T[][] full = Run(model, milstein, x, m, v, grad, hess, sigma, noise, length);
                for (int n = 0; n <= length; n++)
                {
                    T[][] prefix = Run(model, milstein, x, m, v, grad, hess, sigma, noise, n);
                    for (int j = 0; j < 3; j++)
                    {
                        Assert.True(prefix[j].SequenceEqual(full[j].Take(n)), (milstein ? "Milstein" : "weak-2") + ", " + typeof(T).Name + ", length " + n + ", state " + j);
                    }
                }
            }
        }

        static T[][] Run<T>(AdamW model, bool milstein, T[] x, T[] m, T[] v, T[] grad, T[] hess, T[] sigma, T[] noise, int n) where T : unmanaged
        {
            T[][] s = { x.Take(n).ToArray(), m.Take(n).ToArray(), v.Take(n).ToArray() };
            if (typeof(T) == typeof(double))
            {
                var d = s.Select(static a => (double[])(object)a).ToArray();
                if (milstein)
                {
                    model.MilsteinStep(d[0], d[1], d[2], Slice<double>(grad, n), Slice<double>(hess, n), Slice<double>(sigma, n), Slice<double>(noise, n), 0.3, 0.01);
                }
                else
                {
                    model.WeakOrder2Step(d[0], d[1], d[2], Slice<double>(grad, n), Slice<double>(hess, n), Slice<double>(sigma, n), Slice<double>(noise, n), 0.3, 0.01);
                }
            }
            else
            {
                var f = s.Select(static a => (float[])(object)a).ToArray();
                if (milstein)
                {
                    model.MilsteinStep(f[0], f[1], f[2], Slice<float>(grad, n), Slice<float>(hess, n), Slice<float>(sigma, n), Slice<float>(noise, n), 0.3, 0.01);
                }
                else
                {
                    model.WeakOrder2Step(f[0], f[1], f[2], Slice<float>(grad, n), Slice<float>(hess, n), Slice<float>(sigma, n), Slice<float>(noise, n), 0.3, 0.01);
                }
            }

            return s;
        }

        static TOut[] Slice<TOut>(object array, int n) => ((TOut[])array).Take(n).ToArray();
    }

    [Fact]
    public void SignSgdHigherOrderStepsStayFiniteWhereTheDiffusionVanishes()
    {
        // |∇f/σ| ≫ 1: Erf(Y) rounds to ±1, so b = √η·√(1 − Erf²) = 0 and ∂b/∂x = 0/0. The Milstein term is written as
        // ½∂(b²)/∂x and L₀b is taken as its limit 0 there, so both steps reduce to x − sign(∇f)·dt exactly (the drift's
        // derivatives carry e^{−Y²}, which underflows to 0). Lengths 8·Count+3 run both the vector loop and the tail.
        var model = new SdeDsl.Optimizers.SignSgd { Eta = 0.01 };
        int n = (8 * System.Numerics.Vector<double>.Count) + 3;
        double[] grad = Enumerable.Range(0, n).Select(static i => i % 2 == 0 ? 40.0 : -300.0).ToArray();
        double[] hess = Enumerable.Repeat(2.0, n).ToArray(), sigma = Enumerable.Repeat(1.0, n).ToArray(), noise = Enumerable.Repeat(0.7, n).ToArray();
        double[] milstein = Enumerable.Repeat(1.0, n).ToArray(), weak = Enumerable.Repeat(1.0, n).ToArray();
        model.MilsteinStep(milstein, grad, hess, sigma, noise, 0.0, 0.01);
        model.WeakOrder2Step(weak, grad, hess, sigma, noise, 0.0, 0.01);
        for (int i = 0; i < n; i++)
        {
            double expected = 1.0 - (Math.Sign(grad[i]) * 0.01);
            Assert.Equal(expected, milstein[i]);
            Assert.Equal(expected, weak[i]);
        }

        float[] gradF = grad.Select(static g => (float)g).ToArray(), hessF = hess.Select(static h => (float)h).ToArray();
        float[] sigmaF = sigma.Select(static v => (float)v).ToArray(), noiseF = noise.Select(static v => (float)v).ToArray();
        float[] weakF = Enumerable.Repeat(1f, n).ToArray();
        model.WeakOrder2Step(weakF, gradF, hessF, sigmaF, noiseF, 0.0, 0.01);
        Assert.All(weakF, static v => Assert.True(float.IsFinite(v)));
    }
}
