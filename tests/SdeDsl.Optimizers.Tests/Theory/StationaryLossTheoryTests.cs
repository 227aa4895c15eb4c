using System;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;
using Xunit;
using static SdeDsl.Optimizers.Tests.Theory.StationaryLoss;

namespace SdeDsl.Optimizers.Tests.Theory;

/// <summary>
/// docs/math.md §SGD to §RMSprop and Adam stationary losses on f = ½ Σ_i λ x_i² (λ = 1), measured on the DISCRETE optimizers.
/// Every run uses d identical coordinates: each coordinate is an independent copy of the 1-D chain (diagonal H,
/// independent noise per coordinate), so the per-path loss is a sum of d i.i.d. copies, its mean is d × the 1-D
/// prediction, and we report/compare E f per coordinate (path value / d). d &gt; 1 is for speed only: the engine's cost is
/// per path, so d = 32 runs ~15× faster than d = 1 for the same number of copies (measured, Debug build).
/// Paths are independent, so SE = sd(per-path value)/√N is valid; where a path's value is an average of several late
/// records, that average is still one value per independent path, so correlation between records does not bias the SE.
/// Tolerance: |measured − predicted| ≤ max(5·SE, 0.03·|predicted|). All runs start at x0 = 0 (near stationarity).
/// </summary>
public sealed class StationaryLossTheoryTests
{
    private const double Lambda = 1.0;

    // ------------------------------------------------------------------ 1. SignSGD, Gaussian noise (docs/math.md §SignSGD)

    /// <summary>
    /// E f = (η/4)√(π/2) σ per coordinate. N = 1024 paths × d = 32 = 32,768 copies; final step only.
    /// Relative SE ≈ √2/√32768 = 0.78 % (f = x²/2, x ≈ Gaussian), so 5·SE ≈ 3.9 % &gt; 3 %: the tolerance is ≈ 3.9 %.
    /// Burn-in: the relaxation time of x in the noise phase is τ = σ√(π/2)/λ; we run 10τ/η steps (x0 = 0 is already
    /// close: the variance deficit is e^{−20}). Discretization bias: leading corrections are relative O(ηλ/σ) from the
    /// discrete AR step (≈ ½η√(2/π)/σ ≤ 0.8 %) and O(η/σ) from Erf's cubic term and the 1 − Erf² diffusion
    /// (E y² = η√(π/2)/(4σ) ≤ 0.7 % at σ = 0.5); the lattice ηℤ of x is exact for second moments (spacing ≪ sd).
    /// All ≲ 1 %, below the tolerance.
    /// </summary>
    [Theory]
    [InlineData(0.5, 1.567e-3)]
    [InlineData(1.0, 3.133e-3)]
    [InlineData(2.0, 6.267e-3)]
    public void SignSgd_Gaussian_StationaryLoss_IsLinearInSigma(double sigma, double tabulated)
    {
        double predicted = SignSgdPredicted(sigma);
        Assert.Equal(tabulated, predicted, 3e-6);
        AssertWithin(SignSgdStationaryLoss(sigma), predicted, $"SignSGD σ={sigma}");
    }

    private const double SignSgdEta = 0.01;

    internal static double SignSgdPredicted(double sigma) => SignSgdEta / 4 * Math.Sqrt(Math.PI / 2) * sigma;

    /// <summary>The run of <see cref="SignSgd_Gaussian_StationaryLoss_IsLinearInSigma"/>, in the given precision.</summary>
    internal static RunningMoments SignSgdStationaryLoss(double sigma, EnsemblePrecision precision = EnsemblePrecision.Double)
    {
        const int d = 32, n = 1024;
        long steps = (long)Math.Ceiling(10 * sigma * Math.Sqrt(Math.PI / 2) / Lambda / SignSgdEta);
        var result = Ensemble.RunOptimizer(new SignSgd { Eta = SignSgdEta }, new DiagonalQuadratic(Fill(d, Lambda)), new GaussianNoise(sigma, seed: 101),
            new EnsembleOptions
            {
                Paths = n, Steps = steps, InitialX = new double[d], RecordSteps = new[] { steps }, Observables = new[] { Observable.Loss }, Precision = precision,
            });
        return PerCoordinateLoss(result, d, 0);
    }

    // ------------------------------------------------------------------ 2. SGD (docs/math.md §SGD)

    /// <summary>
    /// Exact discrete 1-D value η σ² / (4 − 2ηλ) = 2.5126e-3 (σ = 1, η = 0.01): no discretization bias at all.
    /// From x0 = 0, E x_k² = stationary × (1 − (1 − ηλ)^{2k}); k = 1000 gives a deficit e^{−20}.
    /// N = 2048 paths × d = 32 = 65,536 copies, final step: relative SE = √2/√65536 = 0.55 %, 5·SE ≈ 2.8 % &lt; 3 %,
    /// so the tolerance is 3 %.
    /// </summary>
    [Fact]
    public void Sgd_StationaryLoss_MatchesExactDiscreteValue()
    {
        AssertWithin(SgdStationaryLoss(), SgdPredicted, "SGD");
    }

    private const double SgdEta = 0.01, SgdSigma = 1.0;

    internal static double SgdPredicted => SgdEta * SgdSigma * SgdSigma / (4 - 2 * SgdEta * Lambda);

    /// <summary>The run of <see cref="Sgd_StationaryLoss_MatchesExactDiscreteValue"/>, in the given precision.</summary>
    internal static RunningMoments SgdStationaryLoss(EnsemblePrecision precision = EnsemblePrecision.Double)
    {
        const int d = 32, n = 2048;
        const long steps = 1000;
        var result = Ensemble.RunOptimizer(new Sgd { Eta = SgdEta }, new DiagonalQuadratic(Fill(d, Lambda)), new GaussianNoise(SgdSigma, seed: 102),
            new EnsembleOptions
            {
                Paths = n, Steps = steps, InitialX = new double[d], RecordSteps = new[] { steps }, Observables = new[] { Observable.Loss }, Precision = precision,
            });
        return PerCoordinateLoss(result, d, 0);
    }

    // ------------------------------------------------------------------ 3. SignSGD, Student-t noise (docs/math.md §SignSGD)

    /// <summary>
    /// E f = η σ / (8 p_ν(0)), p_3(0) = Γ(2)/(√(3π) Γ(3/2)) → 3.401e-3 (ν = 3, σ = 1, η = 0.01).
    /// Relaxation time σ/(2 p_ν(0) λ) ≈ 1.36; 1500 steps = 15 time units ≈ 11 τ. N = 1024 × d = 32 = 32,768 copies,
    /// final step: 5·SE ≈ 4 % (measured SE), which is the tolerance. Discretization bias, as for the Gaussian case,
    /// is relative O(η/σ) (the t CDF's cubic term and the 1 − (2Ξ)² diffusion: ≲ 1 %).
    /// </summary>
    [Fact]
    public void SignSgd_StudentT3_StationaryLoss()
    {
        const double eta = 0.01, sigma = 1.0, nu = 3;
        const int d = 32, n = 1024;
        const long steps = 1500;
        double p0 = 1.0 / (Math.Sqrt(Math.PI * nu) * (Math.Sqrt(Math.PI) / 2)); // Γ(2) = 1, Γ(3/2) = √π/2
        double predicted = eta * sigma / (8 * p0);
        Assert.Equal(3.401e-3, predicted, 1e-6);
        var result = Ensemble.RunOptimizer(new SignSgdStudentT { Eta = eta, Nu = nu }, new DiagonalQuadratic(Fill(d, Lambda)),
            new StudentTNoise(nu, sigma, seed: 103),
            new EnsembleOptions { Paths = n, Steps = steps, InitialX = new double[d], RecordSteps = new[] { steps }, Observables = new[] { Observable.Loss } });
        AssertWithin(PerCoordinateLoss(result, d, 0), predicted, "SignSGD Student-t ν=3");
    }

    // ------------------------------------------------------------------ 4. AdamW (docs/math.md §RMSprop and Adam)

    private const int AdamD = 32, AdamPaths = 256;

    /// <summary>
    /// Runs AdamW (ε = 0: v̂ &gt; 0 from the first step since g ≠ 0 a.s.) for 10 time units (10/η steps) and returns the
    /// per-path average of the loss per coordinate over 11 records from 5 to 10 time units. Burn-in 5 time units: x's
    /// relaxation time is 1/(λ/σ + γ) ≤ 1 (variance deficit ≤ e^{−10}); v̂ is bias-corrected, and v's own time scale
    /// η/(1 − β2) is ≤ 1. The 11 records of a path are averaged into one value per path (valid SE).
    /// </summary>
    internal static RunningMoments AdamWStationaryLoss(double eta, double beta1, double beta2, double sigma, double gamma, ulong seed,
        EnsemblePrecision precision = EnsemblePrecision.Double)
    {
        long steps = (long)Math.Round(10 / eta), every = steps / 20;
        var records = new long[11];
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = (steps / 2) + (i * every);
        }

        var result = Ensemble.RunOptimizer(new AdamW { Eta = eta, Beta1 = beta1, Beta2 = beta2, Eps = 0, WeightDecay = gamma },
            new DiagonalQuadratic(Fill(AdamD, Lambda)), new GaussianNoise(sigma, seed),
            new EnsembleOptions
            {
                Paths = AdamPaths, Steps = steps, InitialX = new double[AdamD], RecordSteps = records,
                Observables = new[] { Observable.Loss }, PathsPerChunk = AdamPaths / 2, Precision = precision,
            });
        return PerCoordinateLoss(result, AdamD, 0);
    }

    /// <summary>
    /// E f = (η/4) λσ/(λ + γσ) per coordinate (γ = 0: Adam, (η/4)σ). η = 1e-3, β1 = 0.9, β2 = 0.999, ε = 0.
    /// 256 paths × d = 32 = 8,192 copies, each averaged over 11 records 0.5 time units apart (f's correlation time
    /// ≤ 0.5), so ~1e5 near-independent samples; 5·SE is reported in the failure message and the tolerance is the
    /// larger of it and 3 %. Discretization bias: corrections are relative O(η/(1 − β1)·rate) ≈ 1e-2 × (λ/σ + γ) from the
    /// momentum lag, O(1 − β2) from the fluctuations of v (Jensen on 1/√v: (3/8)(1 − β2) ≈ 0.04 %), and O(E f/σ²) from
    /// ∇f² in v: all ≲ 2 %.
    /// </summary>
    [Theory]
    [InlineData(1.0, 0.0, 2.50e-4)]
    [InlineData(1.0, 1.0, 1.25e-4)]
    [InlineData(4.0, 1.0, 2.00e-4)]
    public void AdamW_StationaryLoss(double sigma, double gamma, double tabulated)
    {
        const double eta = 1e-3;
        double predicted = eta / 4 * Lambda * sigma / (Lambda + (gamma * sigma));
        Assert.Equal(tabulated, predicted, 1e-9);
        AssertWithin(AdamWStationaryLoss(eta, 0.9, 0.999, sigma, gamma, seed: 104), predicted, $"AdamW σ={sigma} γ={gamma}");
    }

    // ------------------------------------------------------------------ 5. Scaling rule (docs/math.md §Scaling rules)

    /// <summary>
    /// κ = 4: σ → σ/√κ, η → √κ η, 1 − β_i → κ(1 − β_i), γ → √κ γ, ε → ε/√κ (= 0). Base: σ = 4, γ = 1, η = 1e-3,
    /// β1 = 0.9, β2 = 0.999 (noise-dominated, E f = 2.0e-4); scaled: σ = 2, γ = 2, η = 2e-3, β1 = 0.6, β2 = 0.996.
    /// The two measured stationary losses must agree within max(5·√(SE1² + SE2²), 3 % of the base).
    /// Same seeds would not give coupled paths (different step counts), so independent seeds are used.
    /// </summary>
    [Fact]
    public void AdamW_ScalingRule_Kappa4_PreservesStationaryLoss()
    {
        const double kappa = 4, eta = 1e-3, beta1 = 0.9, beta2 = 0.999, sigma = 4, gamma = 1;
        double s = Math.Sqrt(kappa);
        RunningMoments baseRun = AdamWStationaryLoss(eta, beta1, beta2, sigma, gamma, seed: 105);
        RunningMoments scaled = AdamWStationaryLoss(eta * s, 1 - (kappa * (1 - beta1)), 1 - (kappa * (1 - beta2)), sigma / s, gamma * s, seed: 106);
        double combinedSe = Math.Sqrt((baseRun.StandardError * baseRun.StandardError) + (scaled.StandardError * scaled.StandardError));
        double tolerance = Math.Max(5 * combinedSe, 0.03 * Math.Abs(baseRun.Mean));
        double diff = Math.Abs(scaled.Mean - baseRun.Mean);
        Assert.True(diff <= tolerance,
            $"scaling rule κ=4: base {baseRun.Mean:E4} ± {baseRun.StandardError:E2}, scaled {scaled.Mean:E4} ± {scaled.StandardError:E2}, |diff| {diff:E2} > tol {tolerance:E2}");
    }
}
