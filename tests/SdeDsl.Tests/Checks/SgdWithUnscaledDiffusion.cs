using SdeDsl;

namespace SdeDsl.Tests.Checks;

/// <summary>A deliberately wrong SDE for SGD: the diffusion is σ instead of √η σ (the √η forgotten).</summary>
[SdeModel]
public partial struct SgdWithUnscaledDiffusion
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    [Update] void Step(ref double x, double g) => x -= Eta * g;

    [Drift("x")] double DriftX(double grad) => -grad;

    [Diffusion("x")] double DiffusionX(double sigma) => sigma;
}
