using System;
using System.Linq;
using System.Numerics;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests.Integrators;

/// <summary>
/// Generated kernels of models a review found computed wrongly (2026-12-07), against the same formulas written by hand
/// in scalar double. Spans of 2·Vector&lt;double&gt;.Count + 3 coordinates, so whole vectors and the tail both run.
/// </summary>
public sealed class ReviewedEdgeCaseTests
{
    private static readonly int Length = (2 * Vector<double>.Count) + 3;

    [Fact]
    public void TruthValuesComparedWithEqualsAndNotEqualsGiveCsharpsAnswer()
    {
        // Every sign pair of (x, g), the true/true pair included, in every lane position.
        double[] x = Enumerable.Range(0, Length).Select(static i => i % 2 == 0 ? 1.0 : -1.0).ToArray();
        double[] g = Enumerable.Range(0, Length).Select(static i => i % 4 < 2 ? 1.0 : -1.0).ToArray();
        double[] y = new double[Length];
        double[] expectedX = x.Select((xi, i) => xi - ((xi > 0) == (g[i] > 0) ? 0.1 : 0.2)).ToArray();
        double[] expectedY = x.Select((xi, i) => (xi > 0) != (g[i] > 0) ? 1.0 : 0.0).ToArray();

        new TruthComparison { Eta = 0.1 }.Step(x, y, g, k: 1);

        Assert.Equal(expectedX, x);
        Assert.Equal(expectedY, y);
    }

    [Fact]
    public void WeakOrder2KeepsL0bWhereALinearDiffusionIsZero()
    {
        // a = −η(x − 1), b = βσx, so L₀a = −η·a, L₁a = −η·b, L₀b = βσ·a, L₁b = βσ·b, and the scheme is
        // x + aΔ + ½L₀aΔ² + ½L₁aΔΔW + (b + ½L₀bΔ)ΔW + ½L₁b(ΔW² − Δ). At x = 0, b = 0 but L₀b = βσ·η ≠ 0.
        const double eta = 1.0, beta = 0.5, dt = 0.01;
        double[] x = Enumerable.Range(0, Length).Select(static i => i % 3 == 0 ? 0.0 : 0.25 * i).ToArray();
        double[] sigma = Enumerable.Range(0, Length).Select(static i => 1.0 + (0.1 * i)).ToArray();
        double[] noise = Enumerable.Range(0, Length).Select(static i => 1.3 - (0.2 * i)).ToArray();
        double[] expected = x.Select((xi, i) =>
        {
            double a = -eta * (xi - 1), b = beta * sigma[i] * xi, dW = Math.Sqrt(dt) * noise[i];
            double l0a = -eta * a, l1a = -eta * b, l0b = beta * sigma[i] * a, l1b = beta * sigma[i] * b;
            return xi + (a * dt) + (0.5 * l0a * dt * dt) + (0.5 * l1a * dt * dW) + ((b + (0.5 * l0b * dt)) * dW) + (0.5 * l1b * ((dW * dW) - dt));
        }).ToArray();

        new LinearDiffusion { Eta = eta, Beta = beta }.WeakOrder2Step(x, new double[Length], ReadOnlySpan<double>.Empty, sigma, noise, 0.0, dt);

        for (int i = 0; i < Length; i++)
        {
            Assert.Equal(expected[i], x[i], 1e-15);
        }

        Assert.Equal(0.010275, x[0], 1e-15); // the review's case: η = 1, β = 0.5, σ = 1, Δ = 0.01, ξ = 1.3
    }

    [Fact]
    public void APowerOneHalfDiffusionStepsAsItsSquareRootDoes()
    {
        // S·Pow(max(x, 0), 0.5) is S·√max(x, 0): the Milstein and weak-order-2 steps must agree with the Sqrt form,
        // finite at x = 0 and below, where b·∂b/∂x would be 0·∞.
        double[] start = Enumerable.Range(0, Length).Select(static i => i % 3 == 0 ? 0.0 : i % 3 == 1 ? -0.01 : 0.1 * i).ToArray();
        double[] sigma = Enumerable.Repeat(1.0, Length).ToArray(), grad = new double[Length];
        double[] noise = Enumerable.Range(0, Length).Select(static i => 0.7 - (0.1 * i)).ToArray();
        var power = new PowHalfDiffusion { Theta = 1.5, S = 0.3 };
        var root = new SqrtDiffusion { Theta = 1.5, S = 0.3 };

        double[] powerMilstein = (double[])start.Clone(), rootMilstein = (double[])start.Clone();
        power.MilsteinStep(powerMilstein, grad, ReadOnlySpan<double>.Empty, sigma, noise, 0.0, 0.01);
        root.MilsteinStep(rootMilstein, grad, ReadOnlySpan<double>.Empty, sigma, noise, 0.0, 0.01);
        double[] powerWeak = (double[])start.Clone(), rootWeak = (double[])start.Clone();
        power.WeakOrder2Step(powerWeak, grad, ReadOnlySpan<double>.Empty, sigma, noise, 0.0, 0.01);
        root.WeakOrder2Step(rootWeak, grad, ReadOnlySpan<double>.Empty, sigma, noise, 0.0, 0.01);

        Assert.All(powerMilstein.Concat(powerWeak), static v => Assert.True(double.IsFinite(v)));
        for (int i = 0; i < Length; i++)
        {
            Assert.Equal(rootMilstein[i], powerMilstein[i], 1e-14);
            Assert.Equal(rootWeak[i], powerWeak[i], 1e-14);
        }
    }

    [Fact]
    public void ConstantTruthValuesSelectTheBranchesCsharpSelects()
    {
        // The model's constants in the same formulas, in C#: a truth value in a derived scalar (Decay), in a condition of
        // scalars (k > Warmup, so both values of k), and with comparisons of elements (x > 0, g > 0) in every lane.
        const double eta = 0.1, lambda = 0.01;
        const bool decoupled = ConstantSwitches.Decoupled, nesterov = ConstantSwitches.Nesterov;
        double[] start = Enumerable.Range(0, Length).Select(static i => i % 2 == 0 ? 1.0 + (0.1 * i) : -0.5 - (0.1 * i)).ToArray();
        double[] g = Enumerable.Range(0, Length).Select(static i => i % 4 < 2 ? 0.1 + (0.3 * i) : -0.1 - (0.2 * i)).ToArray();
        double[] momentum = Enumerable.Range(0, Length).Select(static i => (0.05 * i) - 0.2).ToArray();
        double decay = decoupled ? eta * lambda : lambda;
        var model = new ConstantSwitches { Eta = eta, Lambda = lambda };

        foreach (long k in new long[] { 1, ConstantSwitches.Warmup + 1 })
        {
            double[] x = (double[])start.Clone(), m = (double[])momentum.Clone();
            double[] expectedM = new double[Length], expectedX = new double[Length];
            for (int i = 0; i < Length; i++)
            {
                expectedM[i] = nesterov ? (0.9 * m[i]) + g[i] : m[i] + (ConstantSwitches.Quarter * (g[i] - m[i]));
                double scale = decoupled && k > ConstantSwitches.Warmup ? 1 : 0.5;
                double xi = x[i], mi = expectedM[i];
                expectedX[i] = xi - ((scale * ((decoupled && xi > 0) || (nesterov == (g[i] > 0)) ? eta * mi : 2 * eta * mi)) + (!decoupled ? lambda * g[i] : decay * xi));
            }

            model.Step(x, m, g, k);

            Assert.Equal(expectedM, m);
            Assert.Equal(expectedX, x);
        }

        // The SDE: x' = (!Decoupled || x > 0 ? -m - Decay·x : -m), m' = Quarter·(grad − m), b_m = Quarter·σ.
        const double dt = 0.01;
        double[] sdeX = (double[])start.Clone(), sdeM = (double[])momentum.Clone();
        double[] sigma = Enumerable.Range(0, Length).Select(static i => 1.0 + (0.1 * i)).ToArray();
        double[] noise = Enumerable.Range(0, Length).Select(static i => 1.3 - (0.2 * i)).ToArray();
        double[] sdeExpectedX = start.Select((xi, i) => xi + ((!decoupled || xi > 0 ? -momentum[i] - (decay * xi) : -momentum[i]) * dt)).ToArray();
        double[] sdeExpectedM = momentum.Select((mi, i) => mi + ((nesterov ? g[i] : ConstantSwitches.Quarter * (g[i] - mi)) * dt)
            + ((decoupled ? ConstantSwitches.Quarter * sigma[i] : sigma[i]) * Math.Sqrt(dt) * noise[i])).ToArray();

        model.EulerMaruyamaStep(sdeX, sdeM, g, sigma, noise, 0.0, dt);

        for (int i = 0; i < Length; i++)
        {
            Assert.Equal(sdeExpectedX[i], sdeX[i], 1e-15);
            Assert.Equal(sdeExpectedM[i], sdeM[i], 1e-15);
        }
    }
}
