using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// RMSprop with coupled L2 regularization: the form PyTorch calls <c>weight_decay</c> in <c>torch.optim.RMSprop</c>
/// (alpha = β, centered = False, momentum = 0), where the decay is added to the gradient before anything else
/// (docs/math.md §RMSprop and Adam). Update: g̃ = g + γ x; v ← β v + (1 − β) g̃²; x ← x − η g̃ / (√v + ε).
/// SDE (weak order 1, t = kη, ρ = (1 − β)/η, P = diag(√V) + ε I), RMSprop's with ∇f(X) + γX as the gradient signal:
/// dX = −P⁻¹ ((∇f(X) + γX) dt + √η Σ^{1/2} dW), dV = ρ ((∇f(X) + γX)² + diag Σ − V) dt.
/// The diffusion of x is written as +√η σ / (√v + ε): with diagonal noise its sign does not change the law.
/// For decoupled weight decay see <see cref="RmsPropW"/>.
/// Source: Compagnoni et al., <i>Adaptive Methods through the Lens of SDEs</i>, ICLR 2025 (arXiv 2411.15958).
/// </summary>
[SdeModel]
public partial struct RmsPropL2
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The decay β ∈ [0, 1) of the average of squared gradients (PyTorch's alpha).</summary>
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta;

    /// <summary>The ε ≥ 0 added to √v in the denominator.</summary>
    [Hyper(Min = 0)] public double Eps;

    /// <summary>The L2 coefficient γ ≥ 0, added to the gradient as γ x (coupled).</summary>
    [Hyper(Min = 0)] public double WeightDecay;

    double Rho => (1 - Beta) / Eta;

    [Update]
    void Step(ref double x, ref double v, double g)
    {
        double gw = g + WeightDecay * x;
        v = Beta * v + (1 - Beta) * gw * gw;
        x -= Eta * gw / (Sqrt(v) + Eps);
    }

    [Drift("x")] double DriftX(double x, double v, double grad) => -(grad + WeightDecay * x) / (Sqrt(v) + Eps);

    [Diffusion("x")] double DiffusionX(double v, double sigma) => Sqrt(Eta) * sigma / (Sqrt(v) + Eps);

    [Drift("v")]
    double DriftV(double x, double v, double grad, double sigma)
    {
        double gw = grad + WeightDecay * x;
        return Rho * (gw * gw + sigma * sigma - v);
    }
}
