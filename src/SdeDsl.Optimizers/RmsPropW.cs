using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// RMSpropW: RMSprop with decoupled weight decay γ applied to the old iterate (docs/math.md §RMSprop and Adam).
/// Update: v ← β v + (1 − β) g²; x ← x − η g / (√v + ε) − ηγ x.
/// SDE (weak order 1, t = kη, ρ = (1 − β)/η, P = diag(√V) + ε I):
/// dX = −P⁻¹ (∇f(X) dt + √η Σ^{1/2} dW) − γ X dt, dV = ρ (∇f(X)² + diag Σ − V) dt.
/// The diffusion of x is written as +√η σ / (√v + ε): with diagonal noise its sign does not change the law.
/// Source: Compagnoni et al., <i>Adaptive Methods through the Lens of SDEs</i>, ICLR 2025 (arXiv 2411.15958).
/// </summary>
[SdeModel]
public partial struct RmsPropW
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The decay β ∈ [0, 1) of the average of squared gradients.</summary>
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta;

    /// <summary>The ε ≥ 0 added to √v in the denominator.</summary>
    [Hyper(Min = 0)] public double Eps;

    /// <summary>The decoupled weight decay γ ≥ 0 (the step removes ηγ x).</summary>
    [Hyper(Min = 0)] public double WeightDecay;

    double Rho => (1 - Beta) / Eta;

    [Update]
    void Step(ref double x, ref double v, double g)
    {
        v = Beta * v + (1 - Beta) * g * g;
        x -= Eta * (g / (Sqrt(v) + Eps) + WeightDecay * x);
    }

    [Drift("x")] double DriftX(double x, double v, double grad) => -grad / (Sqrt(v) + Eps) - WeightDecay * x;

    [Diffusion("x")] double DiffusionX(double v, double sigma) => Sqrt(Eta) * sigma / (Sqrt(v) + Eps);

    [Drift("v")] double DriftV(double v, double grad, double sigma) => Rho * (grad * grad + sigma * sigma - v);
}
