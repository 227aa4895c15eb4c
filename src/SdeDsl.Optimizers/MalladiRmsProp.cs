using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// The RMSprop SDE of Malladi, Lyu, Panigrahi and Arora, <i>On the SDEs and Scaling Rules for Adaptive Gradient
/// Algorithms</i>, NeurIPS 2022 (docs/math.md §Malladi et al.), in their time scale t = kη² (not kη): SDE only, no discrete update.
/// dθ = −P⁻¹ (∇f(θ) dt + σ0 Σ^{1/2} dW), du = c (diag Σ − u) dt, P = σ0 diag(√u) + ε0 I,
/// with c = (1 − β)/η², ε0 = εη and the noise scale σ0 = ση held fixed.
/// States: x is θ (the iterate), u the second-moment variable. The <c>sigma</c> input is the per-coordinate
/// Σ^{1/2} (the noise shape, gradient noise covariance σ²Σ); <see cref="Sigma0"/> carries its scale.
/// The diffusion of x is written as +σ0 σ / (σ0 √u + ε0): with diagonal noise its sign does not change the law.
/// </summary>
[SdeModel]
public partial struct MalladiRmsProp
{
    /// <summary>The learning rate η &gt; 0 (it sets c = (1 − β)/η² and ε0 = εη).</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The decay β ∈ [0, 1) of the average of squared gradients.</summary>
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta;

    /// <summary>The ε ≥ 0 of the discrete optimizer; the SDE uses ε0 = εη.</summary>
    [Hyper(Min = 0)] public double Eps;

    /// <summary>The noise scale σ0 = ση ≥ 0, held fixed.</summary>
    [Hyper(Min = 0)] public double Sigma0;

    double C => (1 - Beta) / (Eta * Eta);
    double Eps0 => Eps * Eta;

    [Drift("x")] double DriftX(double u, double grad) => -grad / (Sigma0 * Sqrt(u) + Eps0);

    [Diffusion("x")] double DiffusionX(double u, double sigma) => Sigma0 * sigma / (Sigma0 * Sqrt(u) + Eps0);

    [Drift("u")] double DriftU(double u, double sigma) => C * (sigma * sigma - u);
}
