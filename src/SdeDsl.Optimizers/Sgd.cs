using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// SGD (docs/math.md §SGD). Update: x ← x − η g. SDE: dX = −∇f(X) dt + √η Σ^{1/2} dW, i.e. drift −∇f and diagonal
/// diffusion √η σ per coordinate.
/// Source: Compagnoni et al., <i>Adaptive Methods through the Lens of SDEs</i>, ICLR 2025 (arXiv 2411.15958).
/// </summary>
[SdeModel]
public partial struct Sgd
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    [Update] void Step(ref double x, double g) => x -= Eta * g;

    [Drift("x")] double DriftX(double grad) => -grad;

    [Diffusion("x")] double DiffusionX(double sigma) => Sqrt(Eta) * sigma;
}
