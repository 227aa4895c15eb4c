using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// The Adam SDE of Malladi, Lyu, Panigrahi and Arora, <i>On the SDEs and Scaling Rules for Adaptive Gradient
/// Algorithms</i>, NeurIPS 2022 (docs/math.md §Malladi et al.), in their time scale t = kη² (not kη): SDE only, no discrete update.
/// dθ = −(√γ2(t) / γ1(t)) P⁻¹ m dt, dm = c1 (∇f(θ) − m) dt + σ0 c1 Σ^{1/2} dW, du = c2 (diag Σ − u) dt,
/// γ_i(t) = 1 − e^{−c_i t}, P = σ0 diag(√u) + ε0 √γ2(t) I,
/// with c_i = (1 − β_i)/η², ε0 = εη and the noise scale σ0 = ση held fixed.
/// States: x is θ (the iterate), m the first-moment and u the second-moment variable. The <c>sigma</c> input is the
/// per-coordinate Σ^{1/2} (the noise shape, gradient noise covariance σ²Σ); <see cref="Sigma0"/> carries its scale.
/// The drift of θ is singular at t = 0 (γ1(0) = 0): start the SDE at t0 = η² from the state after one discrete
/// Adam step; never evaluate the drift at t = 0.
/// </summary>
[SdeModel]
public partial struct MalladiAdam
{
    /// <summary>The learning rate η &gt; 0 (it sets c_i = (1 − β_i)/η² and ε0 = εη).</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The decays β1, β2 ∈ [0, 1) of the first and second moment averages.</summary>
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta1, Beta2;

    /// <summary>The ε ≥ 0 of the discrete optimizer; the SDE uses ε0 = εη.</summary>
    [Hyper(Min = 0)] public double Eps;

    /// <summary>The noise scale σ0 = ση ≥ 0, held fixed.</summary>
    [Hyper(Min = 0)] public double Sigma0;

    double C1 => (1 - Beta1) / (Eta * Eta);
    double C2 => (1 - Beta2) / (Eta * Eta);
    double Eps0 => Eps * Eta;
    double Gamma1(double t) => 1 - Exp(-C1 * t);
    double Gamma2(double t) => 1 - Exp(-C2 * t);

    [Drift("x")]
    double DriftX(double m, double u, double t) => -Sqrt(Gamma2(t)) / Gamma1(t) * m / (Sigma0 * Sqrt(u) + Eps0 * Sqrt(Gamma2(t)));

    [Drift("m")] double DriftM(double m, double grad) => C1 * (grad - m);
    [Diffusion("m")] double DiffusionM(double sigma) => Sigma0 * C1 * sigma;
    [Drift("u")] double DriftU(double u, double sigma) => C2 * (sigma * sigma - u);
}
