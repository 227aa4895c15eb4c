using System;
using System.Linq;
using SdeDsl.RandomNumbers;
using SdeDsl.Statistics;
using SdeDsl.Tests.Models;
using Xunit;
using Xunit.Abstractions;

namespace SdeDsl.Tests.Integrators;

/// <summary>
/// Orders of convergence of the generated integrators on the problems of docs/math.md §Test problems, estimated as the mean log2 ratio of
/// the errors over successive halvings of dt. Every level is driven by the same fine Brownian increments (level L sums
/// blocks of the finest level's), so the errors at all levels are measured on the same paths, against a reference on
/// those paths: the exact solution for geometric Brownian motion, the exact transition of Ornstein–Uhlenbeck over each
/// fine step. A weak error is the mean of G(scheme) − G(reference) over the paths, whose expectation is
/// E G(scheme) − E G(X_T) exactly, and whose standard error is small because the two are strongly correlated; each
/// test asserts that this standard error is below a fifth of the error it measures at every level, so the estimated
/// order is not Monte Carlo noise (a 20 % error on the finest level moves the mean log2 ratio by at most
/// log2(1.2)/(levels − 1) ≈ 0.07). Tolerances are the issue's: EM strong 0.5 ± 0.1, weak 1.0 ± 0.15; Milstein strong
/// 1.0 ± 0.15; weak-order-2 scheme weak 2.0 ± 0.25. The levels start where the errors are in their asymptotic regime
/// (checked once with a NumPy run of the same schemes: the orders of successive ratios settle within 0.05 of the limit).
/// </summary>
public sealed class IntegratorConvergenceTests
{
    private const double T = 1.0;
    private readonly ITestOutputHelper _output;

    public IntegratorConvergenceTests(ITestOutputHelper output) => _output = output;

    private enum Scheme
    {
        EulerMaruyama,
        Milstein,
        WeakOrder2,
    }

    [Fact]
    public void EulerMaruyamaHasStrongOrderOneHalfOnGbm()
    {
        var gbm = new GeometricBrownianMotion { Mu = 0.5, S = 1.0 };
        double order = Order(Strong(gbm, Scheme.EulerMaruyama, paths: 20_000, levels: (3, 8), lambda: null), "EM strong, GBM μ = 0.5, σ = 1");

        Assert.InRange(order, 0.4, 0.6);
    }

    [Fact]
    public void MilsteinHasStrongOrderOneOnGbm()
    {
        var gbm = new GeometricBrownianMotion { Mu = 0.5, S = 1.0 };
        double order = Order(Strong(gbm, Scheme.Milstein, paths: 20_000, levels: (3, 8), lambda: null), "Milstein strong, GBM μ = 0.5, σ = 1");

        Assert.InRange(order, 0.85, 1.15);
    }

    [Fact]
    public void MilsteinHasStrongOrderOneThroughTheHessian()
    {
        // f = λx²/2 with λ = 0.5 and s = 2: GBM with μ = −0.5, σ = 1, seen by the model only through grad = λx.
        var model = new GradientDrivenGbm { S = 2.0 };
        double order = Order(Strong(model, Scheme.Milstein, paths: 20_000, levels: (3, 8), lambda: 0.5), "Milstein strong, −grad dt + 2·grad dW on λx²/2");

        Assert.InRange(order, 0.85, 1.15);
    }

    [Fact]
    public void EulerMaruyamaHasWeakOrderOneOnGbm()
    {
        var gbm = new GeometricBrownianMotion { Mu = 1.0, S = 0.5 };
        double order = Order(WeakGbm(gbm, Scheme.EulerMaruyama, paths: 100_000, levels: (4, 8), lambda: null), "EM weak (E X²), GBM μ = 1, σ = 0.5");

        Assert.InRange(order, 0.85, 1.15);
    }

    [Fact]
    public void WeakOrder2SchemeHasWeakOrderTwoOnGbm()
    {
        var gbm = new GeometricBrownianMotion { Mu = 1.0, S = 0.5 };
        double order = Order(WeakGbm(gbm, Scheme.WeakOrder2, paths: 200_000, levels: (3, 6), lambda: null), "weak-2 weak (E X²), GBM μ = 1, σ = 0.5");

        Assert.InRange(order, 1.75, 2.25);
    }

    [Fact]
    public void WeakOrder2SchemeHasWeakOrderTwoThroughTheHessian()
    {
        // λ = 1, s = 0.5: GBM with μ = −1, σ = 0.5. Its weak error is small (4e-4 at dt = 1/8), so the levels stop at
        // dt = 1/32: at 1/64 the error, 5e-6, is only 5 Monte Carlo SEs at N = 200,000, which Order's SE < error/5 rejects.
        var model = new GradientDrivenGbm { S = 0.5 };
        double order = Order(WeakGbm(model, Scheme.WeakOrder2, paths: 200_000, levels: (2, 5), lambda: 1.0), "weak-2 weak (E X²), −grad dt + 0.5·grad dW on x²/2");

        Assert.InRange(order, 1.75, 2.25);
    }

    [Fact]
    public void EulerMaruyamaHasWeakOrderOneOnOrnsteinUhlenbeck()
    {
        var ou = new OrnsteinUhlenbeck { Theta = 2.0, S = 1.0 };
        double order = Order(WeakOu(ou, Scheme.EulerMaruyama, paths: 100_000, levels: (4, 8)), "EM weak (E X²), OU θ = 2, s = 1");

        Assert.InRange(order, 0.85, 1.15);
    }

    [Fact]
    public void WeakOrder2SchemeHasWeakOrderTwoOnOrnsteinUhlenbeck()
    {
        var ou = new OrnsteinUhlenbeck { Theta = 2.0, S = 1.0 };
        double order = Order(WeakOu(ou, Scheme.WeakOrder2, paths: 100_000, levels: (3, 6)), "weak-2 weak (E X²), OU θ = 2, s = 1");

        Assert.InRange(order, 1.75, 2.25);
    }

    [Fact]
    public void WeakOrder2SchemeHasWeakOrderTwoWithATimeDependentDrift()
    {
        // dX = −θ(t)X dt + s dW, θ(t) = A(1 − e^{−t}): the drift's time derivative enters L₀a through a derived method.
        // The noise is additive and the schemes are linear in X, so E X_k is the path with ξ = 0 exactly (every noise
        // term has mean zero and is independent of X_k, and the Milstein correction vanishes): the weak error of E X_T
        // is measured without Monte Carlo error.
        var model = new TimeDependentOu { A = 3.0, S = 1.0 };
        double exact = Math.Exp(-model.A * (T - 1 + Math.Exp(-T)));
        var errors = new (double Error, double StandardError)[5];
        for (int level = 2; level <= 6; level++)
        {
            int steps = 1 << level;
            double dt = T / steps;
            double[] x = { 1.0 }, grad = { 0.0 }, hess = { 0.0 }, sigma = { 1.0 }, noise = { 0.0 };
            for (int k = 0; k < steps; k++)
            {
                model.WeakOrder2Step(x, grad, hess, sigma, noise, k * dt, dt);
            }

            errors[level - 2] = (Math.Abs(x[0] - exact), 0.0);
        }

        double order = Order(errors, "weak-2 weak (E X), dX = −3(1 − e^{−t})X dt + dW");

        Assert.InRange(order, 1.75, 2.25);
    }

    /// <summary>Mean |Y_T − X_T| per level, X_T = X0·exp((μ − σ²/2)T + σW_T) on the same Brownian path.</summary>
    private static (double Error, double StandardError)[] Strong<TModel>(TModel model, Scheme scheme, int paths, (int First, int Last) levels, double? lambda)
        where TModel : IHigherOrderSdeModel<TModel>
    {
        (double mu, double sigma) = GbmParameters(model, lambda);
        return RunLevels(model, scheme, paths, levels, lambda, (y, w, _) =>
        {
            var moments = new RunningMoments();
            for (int p = 0; p < paths; p++)
            {
                moments.Add(Math.Abs(y[p] - Math.Exp(((mu - (0.5 * sigma * sigma)) * T) + (sigma * w[p]))));
            }

            return (moments.Mean, Math.Sqrt(moments.Variance / paths));
        });
    }

    /// <summary>|mean(Y_T² − X_T²)| per level, X_T the exact solution on the same path.</summary>
    private static (double Error, double StandardError)[] WeakGbm<TModel>(TModel model, Scheme scheme, int paths, (int First, int Last) levels, double? lambda)
        where TModel : IHigherOrderSdeModel<TModel>
    {
        (double mu, double sigma) = GbmParameters(model, lambda);
        return RunLevels(model, scheme, paths, levels, lambda, (y, w, _) =>
        {
            var moments = new RunningMoments();
            for (int p = 0; p < paths; p++)
            {
                double exact = Math.Exp(((mu - (0.5 * sigma * sigma)) * T) + (sigma * w[p]));
                moments.Add((y[p] * y[p]) - (exact * exact));
            }

            return (Math.Abs(moments.Mean), Math.Sqrt(moments.Variance / paths));
        });
    }

    /// <summary>|mean(Y_T² − X̃_T²)| per level, X̃ the exact OU transition over each fine step, driven by the same ξ.</summary>
    private static (double Error, double StandardError)[] WeakOu(OrnsteinUhlenbeck model, Scheme scheme, int paths, (int First, int Last) levels) =>
        RunLevels(model, scheme, paths, levels, lambda: null, (y, _, reference) =>
        {
            var moments = new RunningMoments();
            for (int p = 0; p < paths; p++)
            {
                moments.Add((y[p] * y[p]) - (reference[p] * reference[p]));
            }

            return (Math.Abs(moments.Mean), Math.Sqrt(moments.Variance / paths));
        }, ouReference: model);

    private static (double Mu, double Sigma) GbmParameters<TModel>(TModel model, double? lambda) => model switch
    {
        GeometricBrownianMotion gbm => (gbm.Mu, gbm.S),
        GradientDrivenGbm driven => (-lambda!.Value, driven.S * lambda.Value),
        _ => throw new ArgumentException("Not a geometric Brownian motion.", nameof(model)),
    };

    /// <summary>
    /// Runs every level from X0 = 1 over [0, T] on the same fine increments (finest level <c>levels.Last</c>; stream
    /// path 0, step j = fine step, element = path) and measures each with <paramref name="measure"/>(Y_T, W_T,
    /// reference): W_T is the Brownian motion at T, and the reference the exact OU transition when requested.
    /// </summary>
    private static (double Error, double StandardError)[] RunLevels<TModel>(
        TModel model, Scheme scheme, int paths, (int First, int Last) levels, double? lambda,
        Func<double[], double[], double[], (double Error, double StandardError)> measure, OrnsteinUhlenbeck? ouReference = null)
        where TModel : IHigherOrderSdeModel<TModel>
    {
        int fineSteps = 1 << levels.Last;
        double fineDt = T / fineSteps;
        var stream = new PhiloxStream(seed: 20_251_129, streamId: 7);
        var results = new (double, double)[levels.Last - levels.First + 1];
        double[] y = new double[paths], w = new double[paths], reference = new double[paths];
        double[] grad = new double[paths], hess = new double[paths], sigma = new double[paths], noise = new double[paths], fine = new double[paths];
        Array.Fill(sigma, 1.0);
        Array.Fill(hess, lambda ?? 0.0);
        for (int level = levels.First; level <= levels.Last; level++)
        {
            int steps = 1 << level, block = fineSteps / steps;
            double dt = T / steps;
            Array.Fill(y, 1.0);
            Array.Fill(reference, 1.0);
            Array.Clear(w);
            for (int k = 0; k < steps; k++)
            {
                Array.Clear(noise);
                for (int j = k * block; j < (k + 1) * block; j++)
                {
                    stream.FillNormal(fine, path: 0, step: j);
                    for (int p = 0; p < paths; p++)
                    {
                        noise[p] += fine[p];
                        w[p] += Math.Sqrt(fineDt) * fine[p];
                    }

                    if (ouReference is { } ou)
                    {
                        double decay = Math.Exp(-ou.Theta * fineDt), spread = ou.S * Math.Sqrt((1 - (decay * decay)) / (2 * ou.Theta));
                        for (int p = 0; p < paths; p++)
                        {
                            reference[p] = (decay * reference[p]) + (spread * fine[p]);
                        }
                    }
                }

                double scale = 1 / Math.Sqrt(block);
                for (int p = 0; p < paths; p++)
                {
                    noise[p] *= scale;
                    grad[p] = (lambda ?? 0.0) * y[p];
                }

                Step(model, scheme, y, grad, hess, sigma, noise, k * dt, dt);
            }

            results[level - levels.First] = measure(y, w, reference);
        }

        return results;
    }

    private static void Step<TModel>(TModel model, Scheme scheme, double[] y, double[] grad, double[] hess, double[] sigma, double[] noise, double t, double dt)
        where TModel : IHigherOrderSdeModel<TModel>
    {
        switch (scheme)
        {
            case Scheme.EulerMaruyama:
                model.EulerMaruyamaStep(y, grad, sigma, noise, t, dt);
                break;
            case Scheme.Milstein:
                model.MilsteinStep(y, grad, hess, sigma, noise, t, dt);
                break;
            default:
                model.WeakOrder2Step(y, grad, hess, sigma, noise, t, dt);
                break;
        }
    }

    /// <summary>The mean log2 ratio of successive errors, after checking that Monte Carlo error is well below each.</summary>
    private double Order((double Error, double StandardError)[] errors, string what)
    {
        double[] ratios = errors.Zip(errors.Skip(1), static (a, b) => Math.Log2(a.Error / b.Error)).ToArray();
        _output.WriteLine(what + ": errors " + string.Join(", ", errors.Select(static e => e.Error.ToString("E3", System.Globalization.CultureInfo.InvariantCulture)
            + " (SE " + e.StandardError.ToString("E1", System.Globalization.CultureInfo.InvariantCulture) + ")"))
            + "; log2 ratios " + string.Join(", ", ratios.Select(static r => r.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))
            + "; order " + ratios.Average().ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        foreach ((double error, double standardError) in errors)
        {
            Assert.True(standardError < 0.2 * error, what + ": Monte Carlo error " + standardError + " is not well below the error " + error + ".");
        }

        return ratios.Average();
    }
}
