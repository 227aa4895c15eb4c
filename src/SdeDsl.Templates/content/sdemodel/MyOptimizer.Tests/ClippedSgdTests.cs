using System;
using SdeDsl.Checks;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;
using Xunit;

namespace MyOptimizer.Tests;

/// <summary>Checks ClippedSgd's SDE against its update. Change a sign or drop a term in the drift or the diffusion and
/// these tests fail.</summary>
public class ClippedSgdTests
{
    private const double Eta = 0.01, Clip = 1, Sigma = 1;

    /// <summary>
    /// One step from a fixed state: the measured mean and variance of Δx over 400,000 samples against drift·η and
    /// diffusion²·η. For clipped SGD both match exactly (the SDE is built from the exact moments of clip(g)), so the
    /// mismatches must be within Monte Carlo error: |z| &lt; 4.5 for each of the 5 coordinates (a false failure about
    /// once in 10⁴ runs; the seeds are fixed, so a run never flickers). The gradients cover both regimes: |∇f| ≪ C
    /// (rarely clipped), |∇f| ≈ C and |∇f| ≫ C (almost always clipped).
    /// </summary>
    [Fact]
    public void OneStepMomentsMatchTheSde()
    {
        var model = new ClippedSgd { Eta = Eta, Clip = Clip };
        double[] x = [0.5, -1, 0, 2, 0.25];
        double[] grad = [-3, -0.5, 0, 0.9, 2.5];

        MomentMatchingReport report = MomentMatching.Check(model, x, grad, new GaussianNoise(Sigma, seed: 1),
            new MomentMatchingOptions { Samples = 400_000, TimeStep = Eta });

        StateMoments moments = report["x"];
        Assert.True(moments.MeanZScore < 4.5, report.ToString());
        Assert.True(moments.VarianceZScore < 4.5, report.ToString());
    }

    /// <summary>
    /// Ensembles on f(x) = ½ Σ λ_i x_i²: E f of the optimizer after T/η steps against E f of the SDE at T (Euler–Maruyama,
    /// dt = η). The SDE is a weak-order-1 model, so the two agree up to O(η) plus Monte Carlo error; the bound is
    /// 4 combined standard errors plus 5 % of E f, and a drift without the clipping (SGD's) misses it many times over.
    /// </summary>
    [Fact]
    public void OptimizerAndSdeEnsemblesAgree()
    {
        var model = new ClippedSgd { Eta = Eta, Clip = Clip };
        var f = new DiagonalQuadratic(new[] { 0.5, 1.0, 2.0, 4.0 });
        const long steps = 200;   // T = 2
        var options = new EnsembleOptions
        {
            Paths = 4_000,
            Steps = steps,
            TimeStep = Eta,
            InitialX = [3.0, -3.0, 2.0, 1.0],
            Seed = 7,
            RecordSteps = [steps],
            Observables = [Observable.Loss],
        };

        RunningMoments optimizer = Ensemble.RunOptimizer(model, f, new GaussianNoise(Sigma, seed: 3), options).Moments(0, 0);
        RunningMoments sde = Ensemble.RunSde(model, f, new GaussianNoise(Sigma, seed: 3), options).Moments(0, 0);

        double se = Math.Sqrt((optimizer.StandardError * optimizer.StandardError) + (sde.StandardError * sde.StandardError));
        double gap = Math.Abs(sde.Mean - optimizer.Mean);
        Assert.True(gap < (4 * se) + (0.05 * optimizer.Mean),
            $"E f optimizer {optimizer.Mean:E4}, SDE {sde.Mean:E4}, gap {gap:E2}, standard error {se:E1}");
    }
}
