using System;
using System.Diagnostics;
using SdeDsl.Checks;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using Xunit;
using Xunit.Abstractions;

namespace SdeDsl.Optimizers.Tests.Theory;

/// <summary>
/// MATH.md §5, one-step moment matching, for every catalog model that has both an update and an SDE: at a typical
/// state, E[Δs] ≈ drift·dt and Var[Δs] ≈ diffusion²·dt to leading order in η (dt = η), checked with
/// <see cref="MomentMatching"/>.
/// <para><b>Setting.</b> f = ½ Σ λ_i x_i², λ = (1, 2, 0.5, 4), Gaussian noise σ = (1, 0.5, 2, 1) (Student-t of the same
/// scales for SignSgdStudentT); from x0 = (1.5, −0.5, 0.4, 0.1) — ∇f/σ = (1.5, −2, 0.1, 0.4), from signal- to
/// noise-dominated — with m0 = ∇f(x0), v0 = ∇f(x0)² + σ², 19 discrete steps at the coarse η give the checked state
/// (so v &gt; 0 and m ≈ ∇f, as in a run). The check is the update's step k = 20 at η = 0.05 and the same state's step
/// k = 40 at η = 0.025: the same SDE time t = kη = 1, with the SDE's η-free rates held fixed (ρ = (1 − β)/η = 1 for
/// RMSprop and β1, ρ2 = 0.1 for β2; ε = 0.1, γ = 0.5 fixed). Why not η = 0.1: RMSprop's relative variance mismatch is
/// about 2.5η − 7η² (fitted from η = 0.1, 0.05), so at η = 0.1 the η² term still hides the order (observed 0.75).</para>
/// <para><b>What is asserted</b>, per state and moment, from the expansion of each update in η (given per test):
/// <i>exact</i> — the update's moment equals the SDE's: |mismatch| ≤ 5 SE at both η (4 coordinates, so the largest of
/// 4 |N(0,1)| exceeds 5 with probability ~2e-6); <i>first order</i> — the mismatch is O(η²), i.e. relative to the
/// O(η) step it is O(η): the relative mismatch at η/2 is at most 2^−0.7 of that at η, each side moved by 5 of its
/// standard errors against the claim (so a mismatch below Monte Carlo resolution passes, and one of the step's own
/// order, which stays put, fails: see SdeDsl.Tests' MomentMatchingTests for a factor-2 drift caught this way); the
/// observed order log2(rel(η)/rel(η/2)) and the z-scores are printed; <i>bounded</i> — the SDE leaves out noise of the
/// step's own order (V's: Δv = (1 − β)(g² − v) has variance η²ρ²Var(g²), the SDE none), which weak order 1 allows
/// (second moments need only agree to O(η²)): the relative mismatch (≈ 1) may grow by at most 2^0.3.</para>
/// <para><b>N</b> = 1,000,000 samples per check: relative standard errors are ≲ 1.4e-3 (printed). Resolved first-order
/// mismatches: Adam-type x mean (z ≈ 300–500, order 1.0) and x variance (order 2.0), RMSprop-type x variance
/// (z ≈ 90, order ≈ 0.8); RMSprop-type x mean is only just resolved at η = 0.05 (z ≈ 8).</para>
/// </summary>
public sealed class MomentMatchingTheoryTests(ITestOutputHelper output)
{
    private const int Samples = 1_000_000;
    private const double CoarseEta = 0.05, FineEta = 0.025, Time = 1.0;
    private const long WarmUpSteps = 19;
    private const double Eps = 0.1, Gamma = 0.5;

    /// <summary>2^−0.7: the factor a first-order relative mismatch must shrink by, at least, when η halves.</summary>
    private static readonly double ShrinkAtFirstOrder = Math.Pow(2, -0.7);

    /// <summary>2^0.3: the factor a bounded relative mismatch may grow by, at most, when η halves.</summary>
    private static readonly double GrowAtMost = Math.Pow(2, 0.3);

    private static readonly DiagonalQuadratic Objective = new([1.0, 2.0, 0.5, 4.0]);
    private static readonly double[] Sigma = [1.0, 0.5, 2.0, 1.0];
    private static readonly double[] X0 = [1.5, -0.5, 0.4, 0.1];

    private enum Agreement
    {
        Exact,
        FirstOrder,
        Bounded,
    }

    // ------------------------------------------------------------------ exact one-step moments

    /// <summary>Δx = −η(∇f + σZ): mean and variance are the SDE's exactly.</summary>
    [Fact]
    public void Sgd() => AssertMatches(static eta => new Sgd { Eta = eta }, Gaussian, ("x", Agreement.Exact, Agreement.Exact));

    /// <summary>Δx = −η sign(g): mean −η(1 − 2Φ(−∇f/σ)) = −η Erf(∇f/(√2σ)), variance η²(1 − Erf²): exactly the SDE's.</summary>
    [Fact]
    public void SignSgd() => AssertMatches(static eta => new SignSgd { Eta = eta }, Gaussian, ("x", Agreement.Exact, Agreement.Exact));

    /// <summary>
    /// Under Student-t noise, P(g &lt; 0) = F_ν(−∇f/σ), so mean −η(2F_ν(∇f/σ) − 1) and variance η²(1 − (2F_ν − 1)²) are
    /// the SDE's exactly — for every ν, Cauchy (ν = 1) included: Δx = ±η has every moment. The helper takes the noise
    /// model, so the SDE is checked against the noise it was derived for.
    /// </summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void SignSgdStudentT(double nu) =>
        AssertMatches(eta => new SignSgdStudentT { Eta = eta, Nu = nu }, seed => new StudentTNoise(nu, Sigma, seed), ("x", Agreement.Exact, Agreement.Exact));

    /// <summary>
    /// The contrast that makes the noise model an argument: SignSGD's Gaussian SDE checked against Student-t (ν = 3)
    /// noise of the same scale predicts P(g &lt; 0) = Φ(−∇f/σ) instead of F_3(−∇f/σ). The mean mismatch is O(1) relative to
    /// the step at every η: it does not shrink (order within ±0.3 of 0) and is hundreds of standard errors.
    /// </summary>
    [Fact]
    public void SignSgdGaussianSde_UnderStudentTNoise_IsDetected()
    {
        (MomentMatchingReport coarse, MomentMatchingReport fine) = Run(static eta => new SignSgd { Eta = eta }, static seed => new StudentTNoise(3, Sigma, seed));
        StateMoments c = coarse["x"], f = fine["x"];
        double order = Math.Log2(c.RelativeMeanMismatch / f.RelativeMeanMismatch);
        output.WriteLine($"x mean: rel {c.RelativeMeanMismatch:0.000E+00} → {f.RelativeMeanMismatch:0.000E+00}, order {order:F2}, z {c.MeanZScore:F0}");
        Assert.True(c.MeanZScore >= 10, $"z = {c.MeanZScore}");
        Assert.InRange(order, -0.3, 0.3);
    }

    // ------------------------------------------------------------------ RMSprop family

    /// <summary>
    /// x: Δx = −ηg/√(v + ηρ(g² − v)) = −(ηg/√v)(1 − ηρ(g² − v)/(2v) + …): mean and variance agree with the SDE's up to a
    /// relative O(ηρ) — first order. v: Δv = ηρ(g² − v), mean ηρ(∇f² + σ² − v) exactly the drift·dt; variance
    /// η²ρ²Var(g²) against the SDE's 0 — bounded.
    /// </summary>
    [Fact]
    public void RmsProp() => AssertMatches(static eta => new RmsProp { Eta = eta, Beta = 1 - eta, Eps = Eps }, Gaussian,
        ("x", Agreement.FirstOrder, Agreement.FirstOrder), ("v", Agreement.Exact, Agreement.Bounded));

    /// <summary>As RMSprop with ∇f + γx in place of ∇f (the coupled L2 term is deterministic).</summary>
    [Fact]
    public void RmsPropL2() => AssertMatches(static eta => new RmsPropL2 { Eta = eta, Beta = 1 - eta, Eps = Eps, WeightDecay = Gamma }, Gaussian,
        ("x", Agreement.FirstOrder, Agreement.FirstOrder), ("v", Agreement.Exact, Agreement.Bounded));

    /// <summary>As RMSprop; the decoupled −ηγx is exactly the SDE's −γX·dt.</summary>
    [Fact]
    public void RmsPropW() => AssertMatches(static eta => new RmsPropW { Eta = eta, Beta = 1 - eta, Eps = Eps, WeightDecay = Gamma }, Gaussian,
        ("x", Agreement.FirstOrder, Agreement.FirstOrder), ("v", Agreement.Exact, Agreement.Bounded));

    // ------------------------------------------------------------------ Adam family

    /// <summary>
    /// m: Δm = ηρ1(g − m): mean and variance (η²ρ1²σ² = (√η ρ1 σ)²·η) exactly the SDE's. x: the update's bias corrections
    /// 1 − β_i^k = 1 − (1 − ηρ_i)^k differ from ι_i(kη) = 1 − e^{−ρ_i kη} by a relative O(η) at fixed t, and v' − v = O(η):
    /// mean first order; its variance, η²(ηρ1)²σ²/(ι1²v̂) against the SDE's 0, is O(η²) relative (also first order or
    /// better). v: as RMSprop's — mean exact, variance bounded.
    /// </summary>
    [Fact]
    public void Adam() => AssertMatches(static eta => new Adam { Eta = eta, Beta1 = 1 - eta, Beta2 = 1 - (0.1 * eta), Eps = Eps }, Gaussian,
        ("x", Agreement.FirstOrder, Agreement.FirstOrder), ("m", Agreement.Exact, Agreement.Exact), ("v", Agreement.Exact, Agreement.Bounded));

    /// <summary>As Adam with ∇f + γx in place of ∇f in m and v.</summary>
    [Fact]
    public void AdamL2() => AssertMatches(static eta => new AdamL2 { Eta = eta, Beta1 = 1 - eta, Beta2 = 1 - (0.1 * eta), Eps = Eps, WeightDecay = Gamma },
        Gaussian, ("x", Agreement.FirstOrder, Agreement.FirstOrder), ("m", Agreement.Exact, Agreement.Exact), ("v", Agreement.Exact, Agreement.Bounded));

    /// <summary>As Adam; the decoupled factor 1 − ηγ on x is exactly the SDE's −γX·dt.</summary>
    [Fact]
    public void AdamW() => AssertMatches(static eta => new AdamW { Eta = eta, Beta1 = 1 - eta, Beta2 = 1 - (0.1 * eta), Eps = Eps, WeightDecay = Gamma },
        Gaussian, ("x", Agreement.FirstOrder, Agreement.FirstOrder), ("m", Agreement.Exact, Agreement.Exact), ("v", Agreement.Exact, Agreement.Bounded));

    // ------------------------------------------------------------------ harness

    private static INoiseModel Gaussian(ulong seed) => new GaussianNoise(Sigma, seed);

    /// <summary>The checked state and the two reports (η = 0.1 at k = 10, η = 0.05 at k = 20; t = 1 for both).</summary>
    private static (MomentMatchingReport Coarse, MomentMatchingReport Fine) Run<TModel>(Func<double, TModel> at, Func<ulong, INoiseModel> noise)
        where TModel : struct, IOptimizerModel<TModel>, ISdeModel<TModel>
    {
        var gradient = new double[X0.Length];
        Objective.Gradient(X0, gradient);
        int n = X0.Length;
        var initial = new double[TModel.StateNames.Count * n];
        for (int j = 0; j < TModel.StateNames.Count; j++)
        {
            for (int i = 0; i < n; i++)
            {
                initial[(j * n) + i] = TModel.StateNames[j] switch
                {
                    "x" => X0[i],
                    "m" => gradient[i],
                    "v" => (gradient[i] * gradient[i]) + (Sigma[i] * Sigma[i]),
                    _ => 0,
                };
            }
        }

        // Warm-up and check draw from different seeds, so the checked samples are independent of the state.
        double[] state = MomentMatching.WarmUp(at(CoarseEta), initial, Objective, noise(900), WarmUpSteps);
        MomentMatchingReport Check(double eta) => MomentMatching.Check(at(eta), state, Objective, noise(901),
            new MomentMatchingOptions { Samples = Samples, TimeStep = eta, Step = (long)Math.Round(Time / eta) });
        return (Check(CoarseEta), Check(FineEta));
    }

    private void AssertMatches<TModel>(Func<double, TModel> at, Func<ulong, INoiseModel> noise, params (string State, Agreement Mean, Agreement Variance)[] expected)
        where TModel : struct, IOptimizerModel<TModel>, ISdeModel<TModel>
    {
        var clock = Stopwatch.StartNew();
        (MomentMatchingReport coarse, MomentMatchingReport fine) = Run(at, noise);
        output.WriteLine($"η = {CoarseEta}:\n{coarse}\nη = {FineEta}:\n{fine}\n({clock.Elapsed.TotalSeconds:F1} s)");
        Assert.Equal(expected.Length, coarse.States.Count);
        foreach ((string state, Agreement mean, Agreement variance) in expected)
        {
            StateMoments c = coarse[state], f = fine[state];
            AssertAgreement($"{state} mean", mean, c.RelativeMeanMismatch, c.RelativeMeanStandardError, c.MeanZScore,
                f.RelativeMeanMismatch, f.RelativeMeanStandardError, f.MeanZScore);
            AssertAgreement($"{state} variance", variance, c.RelativeVarianceMismatch, c.RelativeVarianceStandardError, c.VarianceZScore,
                f.RelativeVarianceMismatch, f.RelativeVarianceStandardError, f.VarianceZScore);
        }
    }

    private void AssertAgreement(string what, Agreement expected, double relCoarse, double seCoarse, double zCoarse, double relFine, double seFine, double zFine)
    {
        double order = Math.Log2(relCoarse / relFine);
        output.WriteLine($"{what,-12} {expected,-10}: rel {relCoarse:0.000E+00} (SE {seCoarse:0.0E+00}, z {zCoarse:F1}) → "
            + $"{relFine:0.000E+00} (SE {seFine:0.0E+00}, z {zFine:F1}); observed order {order:F2}");
        switch (expected)
        {
            case Agreement.Exact:
                Assert.True(zCoarse <= 5 && zFine <= 5, $"{what}: expected exact, z = {zCoarse:F1} (η = 0.1), {zFine:F1} (η = 0.05)");
                break;
            case Agreement.FirstOrder:
                // rel(η/2) ≤ 2^−0.7 rel(η), each side moved by 5 of its standard errors against the claim.
                Assert.True(relFine - (5 * seFine) <= ShrinkAtFirstOrder * (relCoarse + (5 * seCoarse)),
                    $"{what}: relative mismatch {relCoarse:E3} ± {seCoarse:E1} → {relFine:E3} ± {seFine:E1} does not shrink like η^0.7 (order {order:F2})");
                break;
            default:
                Assert.True(relFine - (5 * seFine) <= GrowAtMost * (relCoarse + (5 * seCoarse)), $"{what}: relative mismatch grows, {relCoarse:E3} → {relFine:E3}, order {order:F2}");
                break;
        }
    }
}
