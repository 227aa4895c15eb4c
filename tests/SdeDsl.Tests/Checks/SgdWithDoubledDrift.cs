using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Checks;

/// <summary>A deliberately wrong SDE for SGD: the drift is −2∇f instead of −∇f (a factor-2 slip).</summary>
[SdeModel]
public partial struct SgdWithDoubledDrift
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    [Update] void Step(ref double x, double g) => x -= Eta * g;

    [Drift("x")] double DriftX(double grad) => -2 * grad;

    [Diffusion("x")] double DiffusionX(double sigma) => Sqrt(Eta) * sigma;
}
