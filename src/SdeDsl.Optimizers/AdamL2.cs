using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// Adam with coupled L2 regularization: the form PyTorch calls <c>weight_decay</c> in <c>torch.optim.Adam</c>
/// (amsgrad = False), where γ x is added to the gradient before anything else (docs/math.md §RMSprop and Adam).
/// Update (k = 1, 2, …): g̃ = g + γ x; m ← β1 m + (1 − β1) g̃; v ← β2 v + (1 − β2) g̃²; m̂ = m / (1 − β1^k);
/// v̂ = v / (1 − β2^k); x ← x − η m̂ / (√v̂ + ε).
/// SDE: Adam's (<see cref="Adam"/>) with ∇f(X) + γX as the gradient signal (ρ_i = (1 − β_i)/η,
/// ι_i(t) = 1 − e^{−ρ_i t}, P = diag(√V) + ε √ι2(t) I):
/// dX = −(√ι2(t) / ι1(t)) P⁻¹ (M + ηρ1 (∇f(X) + γX − M)) dt, dM = ρ1 (∇f(X) + γX − M) dt + √η ρ1 Σ^{1/2} dW,
/// dV = ρ2 ((∇f(X) + γX)² + diag Σ − V) dt.
/// The drift of X is singular at t = 0 (ι1(0) = 0): start the SDE at t0 = η from the state after one discrete step.
/// For decoupled weight decay see <see cref="AdamW"/>.
/// Source: Compagnoni et al., <i>Adaptive Methods through the Lens of SDEs</i>, ICLR 2025 (arXiv 2411.15958).
/// </summary>
[SdeModel]
public partial struct AdamL2
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The decays β1, β2 ∈ [0, 1) of the first and second moment averages.</summary>
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta1, Beta2;

    /// <summary>The ε ≥ 0 added to √v̂ in the denominator.</summary>
    [Hyper(Min = 0)] public double Eps;

    /// <summary>The L2 coefficient γ ≥ 0, added to the gradient as γ x (coupled).</summary>
    [Hyper(Min = 0)] public double WeightDecay;

    double Rho1 => (1 - Beta1) / Eta;
    double Rho2 => (1 - Beta2) / Eta;
    double Iota1(double t) => 1 - Exp(-Rho1 * t);
    double Iota2(double t) => 1 - Exp(-Rho2 * t);

    [Update]
    void Step(ref double x, ref double m, ref double v, double g, long k)
    {
        double gw = g + WeightDecay * x;
        m = Beta1 * m + (1 - Beta1) * gw;
        v = Beta2 * v + (1 - Beta2) * gw * gw;
        double mHat = m / (1 - Pow(Beta1, k));
        double vHat = v / (1 - Pow(Beta2, k));
        x -= Eta * (mHat / (Sqrt(vHat) + Eps));
    }

    [Drift("x")]
    double DriftX(double x, double m, double v, double grad, double t)
        => -Sqrt(Iota2(t)) / Iota1(t) * (m + Eta * Rho1 * (grad + WeightDecay * x - m)) / (Sqrt(v) + Eps * Sqrt(Iota2(t)));

    [Drift("m")] double DriftM(double x, double m, double grad) => Rho1 * (grad + WeightDecay * x - m);

    [Drift("v")]
    double DriftV(double x, double v, double grad, double sigma)
    {
        double gw = grad + WeightDecay * x;
        return Rho2 * (gw * gw + sigma * sigma - v);
    }

    [Diffusion("m")] double DiffusionM(double sigma) => Sqrt(Eta) * Rho1 * sigma;
}
