using System;
using System.Collections.Generic;
using System.Linq;
using SdeDsl.Checks;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;
using Xunit;
using Xunit.Abstractions;

namespace SdeDsl.Tests.Checks;

/// <summary>
/// The one-step moment-matching helper (docs/math.md §Weak approximation) on small models declared here: exact agreement for SGD, detection
/// of a wrong drift and of a wrong diffusion, equality with a plain per-sample loop, determinism, allocation and
/// argument checks. Statistical assertions state N and the sigma they use.
/// </summary>
public sealed class MomentMatchingTests(ITestOutputHelper output)
{
    private static readonly double[] Grad = [1.0, -0.5];
    private static readonly double[] Sigma = [1.0, 2.0];

    private static MomentMatchingOptions Options(int samples, double eta, long step = 1) =>
        new() { Samples = samples, TimeStep = eta, Step = step };

    /// <summary>
    /// SGD's update moves x by −η(∇f + σZ): mean −η∇f and variance η²σ², exactly the SDE's drift·dt and diffusion²·dt.
    /// So the measured mismatches are pure Monte Carlo error: N = 100,000 samples, 2 coordinates, each |mismatch|/SE is
    /// (asymptotically) |N(0, 1)|; the largest of 2 exceeds 5 with probability 1e-6.
    /// </summary>
    [Fact]
    public void SgdMatchesItsSdeWithinFiveStandardErrors()
    {
        MomentMatchingReport report = MomentMatching.Check(new SdeDsl.Optimizers.Sgd { Eta = 0.1 }, [0.3, -1.2], Grad, new GaussianNoise(Sigma, seed: 1),
            Options(100_000, 0.1));
        output.WriteLine(report.ToString());
        StateMoments x = report["x"];
        Assert.True(x.IsDiffused);
        Assert.InRange(x.MeanZScore, 0, 5);
        Assert.InRange(x.VarianceZScore, 0, 5);
        Assert.Equal(-0.1 * Grad[0], x.PredictedMean[0], 15);
        Assert.Equal(0.1 * 0.1 * Sigma[1] * Sigma[1], x.PredictedVariance[1], 14);
    }

    /// <summary>
    /// SignSGD at x = 10 with ∇f = 10 ≫ σ = 1: every increment is −η, as the SDE predicts (Erf(10/√2) rounds to 1), but
    /// x + Δx is rounded to ulps of 10, 1.8e-15, against a step of 5e-3: the measured mean is off by up to 9e-16. The
    /// rounding allowance was 16 ε of the step (1.8e-17), so the exact step read as z ≈ 50 and `check` failed the
    /// catalog's own model; it is now 16 ε of the larger of the step and the state.
    /// </summary>
    [Fact]
    public void AnExactStepOnALargeState_MatchesWithinItsRounding()
    {
        MomentMatchingReport report = MomentMatching.Check(new SdeDsl.Optimizers.SignSgd { Eta = 0.005 }, [10.0], [10.0], new GaussianNoise(1.0, seed: 5),
            Options(2_000, 0.005));
        output.WriteLine(report.ToString());
        Assert.NotEqual(0.0, report["x"].MaxMeanMismatch); // the rounding is there
        Assert.InRange(report["x"].MeanZScore, 0, 1);
        Assert.InRange(report["x"].VarianceZScore, 0, 1);
    }

    [Fact]
    public void AWarmUpThatDiverges_SaysAtWhichStep()
    {
        // SGD at η = 3 on f = x²/2 doubles |x| each step and overflows near step 1,030; the message gave neither the
        // step nor the state, and named only the initial state.
        var e = Assert.Throws<ArgumentException>(() => MomentMatching.WarmUp(new SdeDsl.Optimizers.Sgd { Eta = 3 }, [1.0], new DiagonalQuadratic([1.0]),
            new GaussianNoise(1.0, seed: 3), steps: 5_000));
        Assert.Matches(@"^The warm-up diverged at step \d+ of 5000: x\[0\] = ", e.Message);
    }

    /// <summary>
    /// Two states moved by one noise (CorrelatedPair: Δx = Δm = −η g): every per-state moment agrees with its SDE, which
    /// leaves out their correlation. The covariance of the increments is η²σ², against the SDE's 0. N = 20,000 samples,
    /// 2 coordinates at ∇f = (0, 0.3), σ = (1, 2): Var[Δx·Δm] = η⁴ Var[g²] = η⁴(2σ⁴ + 4∇f²σ²), so the covariance's z
    /// is about √(N/2) ≈ 100 (asserted above 50) and each measured covariance lies within 5 of its standard errors of η²σ²;
    /// the relative mismatch, |Cov| / scale² with scale² = η²(∇f² + σ²), is 1 and 4/4.09 ≈ 0.98, each within ±0.05
    /// (its standard error is about √(2/N) = 0.01). A model with one diffused state has no pair.
    /// </summary>
    [Fact]
    public void ACorrelationBetweenTwoDiffusedStatesThatTheSdeLeavesOut_IsSeenInTheCrossCovariance()
    {
        const double eta = 0.01;
        MomentMatchingReport report = MomentMatching.Check(new SdeDsl.Tests.Models.CorrelatedPair { Eta = eta }, [0.5, -0.5, 0.1, 0.2], [0.0, 0.3],
            new GaussianNoise(Sigma, seed: 11), Options(20_000, eta));
        output.WriteLine(report.ToString());

        foreach (StateMoments state in report.States)
        {
            Assert.InRange(state.MeanZScore, 0, 5);
            Assert.InRange(state.VarianceZScore, 0, 5);
        }

        CrossMoments cross = Assert.Single(report.Cross);
        Assert.Equal(("x", "m"), (cross.First, cross.Second));
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(0.0, cross.PredictedCovariance[i]);
            Assert.InRange(cross.MeasuredCovariance[i], (eta * eta * Sigma[i] * Sigma[i]) - (5 * cross.CovarianceStandardErrors[i]),
                (eta * eta * Sigma[i] * Sigma[i]) + (5 * cross.CovarianceStandardErrors[i]));
        }

        Assert.True(cross.CovarianceZScore > 50, $"z = {cross.CovarianceZScore}");
        Assert.InRange(cross.RelativeCovarianceMismatch, 0.95, 1.05);
        Assert.Contains("x×m", report.ToString(), StringComparison.Ordinal);

        Assert.Empty(MomentMatching.Check(new SdeDsl.Optimizers.Sgd { Eta = eta }, [0.3, -1.2], Grad, new GaussianNoise(Sigma, seed: 1), Options(1_000, eta)).Cross);
    }

    /// <summary>
    /// The negative test. With the drift −2∇f the predicted mean is −2η∇f while the update moves by −η∇f on average: the
    /// mean mismatch is η|∇f|, the step scale η√(4∇f² + σ²) = η√5 at ∇f = σ = 1, so the relative mismatch is 1/√5 ≈ 0.45
    /// at every η — it does not shrink when η halves, which is what a first-order-consistent drift must do. N = 100,000:
    /// the largest standard error (coordinate σ = 2) is 2η/√N, relative 2/√(5N) ≈ 2.8e-3, so 0.45 is ~160 standard
    /// errors (and the mismatch at ∇f = 1 is √N ≈ 316 of its own). The right SDE at the same settings stays within 5
    /// standard errors.
    /// </summary>
    [Fact]
    public void DriftWithAWrongFactorIsDetected()
    {
        const int n = 100_000;
        var relative = new List<double>();
        foreach (double eta in new[] { 0.1, 0.05 })
        {
            MomentMatchingReport wrong = MomentMatching.Check(new SgdWithDoubledDrift { Eta = eta }, [0.0, 0.0], Grad, new GaussianNoise(Sigma, 2),
                Options(n, eta));
            MomentMatchingReport right = MomentMatching.Check(new SdeDsl.Optimizers.Sgd { Eta = eta }, [0.0, 0.0], Grad, new GaussianNoise(Sigma, 2), Options(n, eta));
            output.WriteLine($"η = {eta}, wrong drift:\n{wrong}\nright drift:\n{right}\n");
            StateMoments x = wrong["x"];
            Assert.InRange(x.RelativeMeanMismatch, (1 / Math.Sqrt(5)) - (5 * x.RelativeMeanStandardError), (1 / Math.Sqrt(5)) + (5 * x.RelativeMeanStandardError));
            Assert.True(x.MeanZScore > 100, $"z = {x.MeanZScore}");
            Assert.InRange(right["x"].MeanZScore, 0, 5);
            relative.Add(x.RelativeMeanMismatch);
        }

        // The wrong drift's relative mismatch is the same at both η: a wrong coefficient, O(1), that does not shrink. (The
        // same seed draws the same Z at both η and every quantity here is linear in η, so the ratio is 1 up to rounding.)
        // The right SDE is no contrast for the order: SGD's one-step mean is exactly the drift·dt, so its relative
        // mismatch is Monte Carlo noise at both η (z ≤ 5 above), not an O(η) that halves; what halves is the relative
        // mismatch of an SDE that is right only to leading order (RMSprop's and Adam's x, in the optimizers' theory tests).
        Assert.InRange(relative[1] / relative[0], 0.95, 1.05);
    }

    /// <summary>
    /// With diffusion σ instead of √η σ the predicted variance is ησ², the update's η²σ². Each coordinate is measured
    /// against its own step, which the SDE's dominates (scale_i² = η²∇f_i² + ησ_i²), so the relative variance mismatch
    /// ησ_i²(1 − η)/(η²∇f_i² + ησ_i²) is largest at the coordinate with σ = 2, ∇f = −0.5: 0.894 at η = 0.1 and 0.947 at
    /// η = 0.05 (the other gives (1 − η)/(1 + η) = 0.82, 0.90): O(1), and it does not shrink when η halves.
    /// N = 100,000: relative standard error √2·η/√N ≈ 4e-4, so these are hundreds of standard errors away from 0.
    /// </summary>
    [Fact]
    public void DiffusionWithoutItsSqrtEtaIsDetected()
    {
        StateMoments coarse = MomentMatching.Check(new SgdWithUnscaledDiffusion { Eta = 0.1 }, [0.0, 0.0], Grad, new GaussianNoise(Sigma, 3),
            Options(100_000, 0.1))["x"];
        StateMoments fine = MomentMatching.Check(new SgdWithUnscaledDiffusion { Eta = 0.05 }, [0.0, 0.0], Grad, new GaussianNoise(Sigma, 3),
            Options(100_000, 0.05))["x"];
        output.WriteLine($"relative variance mismatch: η = 0.1 → {coarse.RelativeVarianceMismatch:F4}, η = 0.05 → {fine.RelativeVarianceMismatch:F4}");
        Assert.InRange(coarse.RelativeVarianceMismatch, 0.85, 0.95);
        Assert.InRange(fine.RelativeVarianceMismatch, 0.9, 1.0);
        Assert.True(coarse.VarianceZScore > 100, $"z = {coarse.VarianceZScore}");
        Assert.InRange(coarse.MeanZScore, 0, 5); // the drift is right
    }

    /// <summary>
    /// Far from the origin one step is many orders of magnitude below the state: at x = (1e6, −1e6), whose spacing of
    /// doubles is ulp = 2^−33 ≈ 1.16e-10, SGD with η = 1e-9 moves x by −η(∇f + σZ), mean −η∇f = (−1e-9, 5e-10) and sd
    /// ησ = (1e-9, 2e-9), i.e. 4–17 ulps. Reading drift·dt as EM(ξ = 0) − x and diffusion·√dt as EM(ξ = 1) − EM(ξ = 0)
    /// rounds both to whole ulps (the predicted mean came out −1.048e-9 instead of −1e-9: 4.8 %, and the predicted
    /// variance 4 % off, 20 standard errors); the prediction runs the step with dt and ξ scaled by 2^20 instead (exact
    /// powers of two), so the rounding falls on a step of ~1e-3 and the predictions are exact to ~1e-7 relative
    /// (asserted to 1e-6). The measured mean, likewise, is taken against the shift the power sums actually subtracted
    /// (before, against x + a·dt + offset, which the rounded shift is not: that alone gave a mean z-score of 7 here). The
    /// update's own increments are whole ulps too, but they are averaged: N = 100,000 samples give the mean to SE =
    /// sd/√N = 1e-9/316 and the variance to a relative SE of √(2/N) = 0.45 %, against which the rounding of each
    /// increment adds ulp²/12, 0.1 % of η²σ² (0.25 SE). So both z-scores are |N(0, 1)| over 2 coordinates and stay below
    /// 5 (probability of exceeding it ~2e-6).
    /// </summary>
    [Fact]
    public void PredictionIsExactWhenTheStateIsMuchLargerThanOneStep()
    {
        const double eta = 1e-9;
        MomentMatchingReport report = MomentMatching.Check(new SdeDsl.Optimizers.Sgd { Eta = eta }, [1e6, -1e6], Grad, new GaussianNoise(Sigma, seed: 11),
            Options(100_000, eta));
        output.WriteLine(report.ToString());
        StateMoments x = report["x"];
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(-eta * Grad[i], x.PredictedMean[i], 1e-6 * eta * Math.Abs(Grad[i]));
            Assert.Equal(eta * eta * Sigma[i] * Sigma[i], x.PredictedVariance[i], 1e-6 * eta * eta * Sigma[i] * Sigma[i]);
        }

        Assert.InRange(x.MeanZScore, 0, 5);
        Assert.InRange(x.VarianceZScore, 0, 5);
    }

    /// <summary>
    /// The batched, vectorized, shifted power sums give the mean and variance a plain loop gives: one update per sample
    /// on its own n-element state with the same noise draw (path s, step k), accumulated by Welford. n = 3 (period 24:
    /// whole rows of slots in vectors, the last batch ending in a partial row) with N = 20,003 (four batches, the last
    /// partial); n = 67 (period n: each row ends in a scalar remainder) with N = 1,001. Agreement to rounding: 1e-12 of
    /// the step scale for means, 1e-9 relative for variances and standard errors.
    /// </summary>
    [Theory]
    [InlineData(3, 20_003)]
    [InlineData(67, 1_001)]
    public void BatchedMomentsEqualAPerSampleLoop(int n, int samples)
    {
        const long k = 7;
        var model = new SdeDsl.Optimizers.RmsProp { Eta = 0.1, Beta = 0.9, Eps = 1e-3 };
        var states = new double[2 * n];
        var grad = new double[n];
        var sigma = new double[n];
        for (int i = 0; i < n; i++)
        {
            states[i] = 0.5 - (0.3 * i);
            states[n + i] = 1.5 + (0.1 * i);
            grad[i] = 0.7 - (0.2 * i);
            sigma[i] = 0.5 + (0.25 * (i % 3));
        }

        var noise = new GaussianNoise(sigma, seed: 4);
        MomentMatchingReport report = MomentMatching.Check(model, states, grad, noise, Options(samples, 0.1, k));

        var objective = new LinearObjective(grad);
        var moments = new RunningMoments[2 * n];
        var copy = new double[2 * n];
        var g = new double[n];
        for (int s = 0; s < samples; s++)
        {
            states.CopyTo(copy, 0);
            noise.StochasticGradient(objective, copy.AsSpan(0, n), g, s, k);
            model.Step(copy, g, k);
            for (int e = 0; e < 2 * n; e++)
            {
                moments[e].Add(copy[e] - states[e]);
            }
        }

        for (int j = 0; j < 2; j++)
        {
            StateMoments component = report.States[j];
            for (int i = 0; i < n; i++)
            {
                RunningMoments reference = moments[(j * n) + i];
                Assert.Equal(reference.Mean, component.MeasuredMean[i], 1e-12 * component.Scale);
                Assert.Equal(reference.Variance, component.MeasuredVariance[i], 1e-9 * reference.Variance);
                Assert.Equal(reference.StandardError, component.MeanStandardErrors[i], 1e-9 * reference.StandardError);
            }
        }
    }

    [Fact]
    public void SameSeedGivesTheSameBitsAndAnotherSeedDoesNot()
    {
        var model = new SdeDsl.Optimizers.RmsProp { Eta = 0.1, Beta = 0.9, Eps = 0 };
        double[] states = [0.5, -1.0, 1.5, 0.8];
        MomentMatchingReport a = MomentMatching.Check(model, states, Grad, new GaussianNoise(Sigma, 5), Options(10_001, 0.1));
        MomentMatchingReport b = MomentMatching.Check(model, states, Grad, new GaussianNoise(Sigma, 5), Options(10_001, 0.1));
        MomentMatchingReport c = MomentMatching.Check(model, states, Grad, new GaussianNoise(Sigma, 6), Options(10_001, 0.1));
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(a.States[j].MeasuredMean.ToArray(), b.States[j].MeasuredMean.ToArray());
            Assert.Equal(a.States[j].MeasuredVariance.ToArray(), b.States[j].MeasuredVariance.ToArray());
            Assert.NotEqual(a.States[j].MeasuredMean.ToArray(), c.States[j].MeasuredMean.ToArray());
        }

        Assert.Equal(a.ToString(), b.ToString());
    }

    /// <summary>
    /// Working memory is rented and reused, so once the pool holds the batch buffers a check allocates the same bytes
    /// (the report's arrays, and the prediction's three small state copies) for 4,096 and for 65,536 samples.
    /// </summary>
    [Fact]
    public void AllocationDoesNotGrowWithTheNumberOfSamples()
    {
        var model = new SdeDsl.Optimizers.RmsProp { Eta = 0.1, Beta = 0.9, Eps = 0 };
        double[] states = [0.5, -1.0, 1.5, 0.8];
        var noise = new GaussianNoise(Sigma, 7);
        long Allocated(int samples)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            MomentMatching.Check(model, states, Grad, noise, Options(samples, 0.1));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Allocated(4_096); // let the pool hand out (and get back) the buffers of both batch sizes once
        Allocated(65_536);

        // Up to three pairs of windows, as ObjectiveChecks.AssertNoAllocation measures: a one-time cost (a method's
        // tier-up, which the runtime does on a timer) can land in one window of a loaded machine (it failed once, in a
        // test run beside other builds, and passed alone), while an allocation that grows with N is in every pair.
        long small = 0, large = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            small = Allocated(4_096);
            large = Allocated(65_536);
            output.WriteLine($"allocated: N = 4,096 → {small} B, N = 65,536 → {large} B");
            if (small == large && large <= 4096)
            {
                break;
            }
        }

        Assert.Equal(small, large);
        Assert.InRange(large, 0, 4096);
    }

    /// <summary>
    /// Samples = int.MaxValue is valid: its batches cover every sample once and end there. With the first sample in int,
    /// first + batch wrapped negative after the last batch and the batches never ended (at most one batch more than
    /// needed is taken here, so that failure is a finite list). Running 2³¹ samples would take minutes, so the batching
    /// is checked alone.
    /// </summary>
    [Theory]
    [InlineData(int.MaxValue, 1 << 14)]
    [InlineData(int.MaxValue, 3_000)]
    [InlineData(10, 4)]
    public void BatchesCoverEverySampleUpToIntMaxValue(int samples, int batch)
    {
        long expected = ((long)samples + batch - 1) / batch;
        var batches = new List<(long First, int Count)>(MomentMatching.Batches(samples, batch).Take((int)expected + 1));

        Assert.Equal(expected, batches.Count);
        long next = 0;
        foreach ((long first, int count) in batches)
        {
            Assert.Equal(next, first);
            Assert.InRange(count, 1, batch);
            next = first + count;
        }

        Assert.Equal(samples, next);
    }

    [Fact]
    public void DefaultTimeIsStepTimesTimeStepAndTheReportNamesEveryState()
    {
        MomentMatchingReport report = MomentMatching.Check(new SdeDsl.Optimizers.RmsProp { Eta = 0.1, Beta = 0.9, Eps = 0 }, [0.5, -1.0, 1.5, 0.8], Grad,
            new GaussianNoise(Sigma, 8), Options(100, 0.1, 30));
        Assert.Equal(3.0, report.Time, 12);
        Assert.Equal(30, report.Step);
        Assert.Equal(["x", "v"], [report.States[0].Name, report.States[1].Name]);
        Assert.False(report["v"].IsDiffused);
        Assert.All(report["v"].PredictedVariance.ToArray(), static v => Assert.Equal(0.0, v));
        string text = report.ToString();
        Assert.Contains("x (b)", text, StringComparison.Ordinal);
        Assert.Contains("\nv ", text, StringComparison.Ordinal);
        Assert.Contains("A state without (b): the SDE predicts no variance", text, StringComparison.Ordinal); // its z read as a failure
        Assert.DoesNotContain("A state without (b)", MomentMatching.Check(new SdeDsl.Optimizers.Sgd { Eta = 0.1 }, [0.3, -1.2], Grad,
            new GaussianNoise(Sigma, 1), Options(100, 0.1)).ToString(), StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => report["m"]);
    }

    [Fact]
    public void InvalidArgumentsThrowAndNameTheArgument()
    {
        var model = new SdeDsl.Optimizers.Sgd { Eta = 0.1 };
        var noise = new GaussianNoise(1.0, 9);
        double[] x = [0.0, 0.0];
        Assert.Equal("states", Assert.Throws<ArgumentException>(() => MomentMatching.Check(model, [0.0], Grad, noise, Options(10, 0.1))).ParamName);
        Assert.Equal("states", Assert.Throws<ArgumentException>(() => MomentMatching.Check(model, [0.0, double.NaN], Grad, noise, Options(10, 0.1))).ParamName);
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => MomentMatching.Check(model, x, [1.0, double.PositiveInfinity], noise, Options(10, 0.1))).ParamName);
        Assert.Equal("grad", Assert.Throws<ArgumentException>(() => MomentMatching.Check(model, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, noise, Options(10, 0.1))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => MomentMatching.Check(model, x, Grad, noise, Options(1, 0.1))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => MomentMatching.Check(model, x, Grad, noise, Options(10, 0))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => MomentMatching.Check(model, x, Grad, noise, Options(10, 0.1, 0))).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() =>
            MomentMatching.Check(model, x, Grad, noise, Options(10, 0.1) with { Time = double.NaN })).ParamName);
        Assert.Throws<ArgumentNullException>(() => MomentMatching.Check(model, x, Grad, null!, Options(10, 0.1)));
        Assert.Throws<ArgumentNullException>(() => MomentMatching.Check(model, x, (IObjective)null!, noise, Options(10, 0.1)));
        Assert.Throws<ArgumentNullException>(() => MomentMatching.Check(model, x, Grad, noise, null!));
        Assert.Equal("Eta", Assert.Throws<ArgumentOutOfRangeException>(() => MomentMatching.Check(new SdeDsl.Optimizers.Sgd { Eta = -1 }, x, Grad, noise, Options(10, 0.1))).ParamName);
        // RMSprop with v = 0, ε = 0: the SDE's drift −grad/√v is infinite.
        Assert.Equal("states", Assert.Throws<ArgumentException>(() =>
            MomentMatching.Check(new SdeDsl.Optimizers.RmsProp { Eta = 0.1, Beta = 0.9 }, [0.0, 0.0, 0.0, 0.0], Grad, noise, Options(10, 0.1))).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() =>
            MomentMatching.WarmUp(model, [0.0], new DiagonalQuadratic([1.0]), noise, -1)).ParamName);
        Assert.Equal("initialStates", Assert.Throws<ArgumentException>(() =>
            MomentMatching.WarmUp(model, [0.0, 1.0], new DiagonalQuadratic([1.0]), noise, 3)).ParamName);
    }

    /// <summary>WarmUp is the update run on one path: the same as stepping by hand with the same draws.</summary>
    [Fact]
    public void WarmUpRunsTheUpdateOnOnePath()
    {
        var model = new SdeDsl.Optimizers.RmsProp { Eta = 0.1, Beta = 0.9, Eps = 0 };
        var objective = new DiagonalQuadratic([1.0, 3.0]);
        var noise = new GaussianNoise(Sigma, 10);
        double[] warmed = MomentMatching.WarmUp(model, [1.0, -1.0, 2.0, 2.0], objective, noise, 5, path: 3);
        double[] byHand = [1.0, -1.0, 2.0, 2.0];
        var g = new double[2];
        for (long k = 1; k <= 5; k++)
        {
            noise.StochasticGradient(objective, byHand.AsSpan(0, 2), g, 3, k);
            model.Step(byHand, g, k);
        }

        Assert.Equal(byHand, warmed);
    }

    [Fact]
    public void DeterministicIncrementsMatchedToRoundingGiveZeroZ()
    {
        // |∇f/σ| = 100: every sign(g) is +1, Δx = −η exactly and the SDE's drift is −Erf(70.7) = −1 with b = 0, so the
        // Monte Carlo SE is 0 and only rounding separates the two; z must be about 0, not 0/0 or ∞. A drift off by a
        // factor 2 is still caught: a mismatch far above rounding with no noise to explain it gives z of order 1/ε.
        var noise = new GaussianNoise(1.0, seed: 4);
        var options = new MomentMatchingOptions { Samples = 1_000, TimeStep = 0.01 };
        MomentMatchingReport report = MomentMatching.Check(new SdeDsl.Optimizers.SignSgd { Eta = 0.01 }, [0.5, -0.5], [100.0, -100.0], noise, options);

        Assert.Equal(0.0, report["x"].MaxVarianceMismatch);
        Assert.InRange(report["x"].MeanZScore, 0.0, 1.0);
        Assert.Contains("x (b)", report.ToString(), StringComparison.Ordinal);

        MomentMatchingReport wrong = MomentMatching.Check(new SgdWithDoubledDrift { Eta = 0.1 }, [0.5], [1.0], new GaussianNoise(0.0, seed: 4), options);
        Assert.True(wrong["x"].MeanZScore > 1e10, "z = " + wrong["x"].MeanZScore);
    }
}
