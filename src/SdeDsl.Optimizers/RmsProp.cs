using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// RMSprop with PyTorch semantics (<c>torch.optim.RMSprop</c>, alpha = β, centered = False, momentum = 0,
/// weight_decay = 0) (docs/math.md §RMSprop and Adam with γ = 0). Update: v ← β v + (1 − β) g²; x ← x − η g / (√v + ε).
/// SDE (weak order 1, t = kη, ρ = (1 − β)/η, P = diag(√V) + ε I):
/// dX = −P⁻¹ (∇f(X) dt + √η Σ^{1/2} dW), dV = ρ (∇f(X)² + diag Σ − V) dt.
/// The diffusion of x is written as +√η σ / (√v + ε): with diagonal noise the sign of a diffusion does not change
/// the law of the solution.
/// Source: Compagnoni et al., <i>Adaptive Methods through the Lens of SDEs</i>, ICLR 2025 (arXiv 2411.15958).
/// </summary>
[SdeModel]
public partial struct RmsProp
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The decay β ∈ [0, 1) of the average of squared gradients (PyTorch's alpha).</summary>
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta;

    /// <summary>The ε ≥ 0 added to √v in the denominator.</summary>
    [Hyper(Min = 0)] public double Eps;

    double Rho => (1 - Beta) / Eta;

    [Update]
    void Step(ref double x, ref double v, double g)
    {
        v = Beta * v + (1 - Beta) * g * g;
        x -= Eta * g / (Sqrt(v) + Eps);
    }

    [Drift("x")] double DriftX(double v, double grad) => -grad / (Sqrt(v) + Eps);

    [Diffusion("x")] double DiffusionX(double v, double sigma) => Sqrt(Eta) * sigma / (Sqrt(v) + Eps);

    [Drift("v")] double DriftV(double v, double grad, double sigma) => Rho * (grad * grad + sigma * sigma - v);
}
