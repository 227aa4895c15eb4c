using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// AdamW with PyTorch semantics (<c>torch.optim.AdamW</c>, amsgrad = False): decoupled weight decay γ applied to the
/// old iterate (docs/math.md §RMSprop and Adam). Update (k = 1, 2, …): m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²;
/// m̂ = m / (1 − β1^k); v̂ = v / (1 − β2^k); x ← (1 − ηγ) x − η m̂ / (√v̂ + ε), which is docs/math.md's
/// x − η m̂ / (√v̂ + ε) − ηγ x written as torch computes it: the decay factor 1 − ηγ is a scalar, so a float kernel
/// rounds it to float once, exactly as <c>param.mul_(1 - lr * weight_decay)</c> does (with ηγx as a separate term, a
/// float run drifts from torch by that rounding, 0.14 % of the decay at η = 1e-3, γ = 0.01).
/// SDE (weak order 1, t = kη, ρ_i = (1 − β_i)/η, ι_i(t) = 1 − e^{−ρ_i t}, P = diag(√V) + ε √ι2(t) I):
/// dX = −(√ι2(t) / ι1(t)) P⁻¹ (M + ηρ1 (∇f(X) − M)) dt − γ X dt, dM = ρ1 (∇f(X) − M) dt + √η ρ1 Σ^{1/2} dW,
/// dV = ρ2 (∇f(X)² + diag Σ − V) dt.
/// The drift of X is singular at t = 0 (ι1(0) = 0, √ι2/ι1 ~ √(ρ2 t)/(ρ1 t)) while the first discrete step is finite:
/// start the SDE at t0 = η from the state after one discrete step; never evaluate the drift at t = 0.
/// Source: Compagnoni et al., <i>Adaptive Methods through the Lens of SDEs</i>, ICLR 2025 (arXiv 2411.15958).
/// </summary>
[SdeModel]
public partial struct AdamW
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The decays β1, β2 ∈ [0, 1) of the first and second moment averages.</summary>
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta1, Beta2;

    /// <summary>The ε ≥ 0 added to √v̂ in the denominator, and the decoupled weight decay γ ≥ 0.</summary>
    [Hyper(Min = 0)] public double Eps, WeightDecay;

    double Rho1 => (1 - Beta1) / Eta;
    double Rho2 => (1 - Beta2) / Eta;
    double Iota1(double t) => 1 - Exp(-Rho1 * t);
    double Iota2(double t) => 1 - Exp(-Rho2 * t);

    [Update]
    void Step(ref double x, ref double m, ref double v, double g, long k)
    {
        m = Beta1 * m + (1 - Beta1) * g;
        v = Beta2 * v + (1 - Beta2) * g * g;
        double mHat = m / (1 - Pow(Beta1, k));
        double vHat = v / (1 - Pow(Beta2, k));
        x = (1 - Eta * WeightDecay) * x - Eta * mHat / (Sqrt(vHat) + Eps);
    }

    [Drift("x")]
    double DriftX(double x, double m, double v, double grad, double t)
        => -Sqrt(Iota2(t)) / Iota1(t) * (m + Eta * Rho1 * (grad - m)) / (Sqrt(v) + Eps * Sqrt(Iota2(t))) - WeightDecay * x;

    [Drift("m")] double DriftM(double m, double grad) => Rho1 * (grad - m);
    [Drift("v")] double DriftV(double v, double grad, double sigma) => Rho2 * (grad * grad + sigma * sigma - v);
    [Diffusion("m")] double DiffusionM(double sigma) => Sqrt(Eta) * Rho1 * sigma;
}
