using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// SignSGD (docs/math.md §SignSGD). Update: x ← x − η sign(g). SDE under Gaussian noise with diagonal Σ:
/// dX = −Erf(Y) dt + √η √(1 − Erf(Y)²) dW, Y = ∇f(X) / (√2 σ) element-wise.
/// Source: Compagnoni et al., <i>Adaptive Methods through the Lens of SDEs</i>, ICLR 2025 (arXiv 2411.15958).
/// </summary>
[SdeModel]
public partial struct SignSgd
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    [Update] void Step(ref double x, double g) => x -= Eta * Sign(g);

    [Drift("x")] double DriftX(double grad, double sigma) => -Erf(grad / (Sqrt(2.0) * sigma));

    [Diffusion("x")]
    double DiffusionX(double grad, double sigma) => Sqrt(Eta) * Sqrt(1 - Square(Erf(grad / (Sqrt(2.0) * sigma))));
}
