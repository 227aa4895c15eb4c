using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Checks;

/// <summary>SGD with its SDE (MATH.md §1): x ← x − η g; dX = −∇f dt + √η σ dW. Its one-step moments match exactly.</summary>
[SdeModel]
public partial struct CheckedSgd
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    [Update] void Step(ref double x, double g) => x -= Eta * g;

    [Drift("x")] double DriftX(double grad) => -grad;

    [Diffusion("x")] double DiffusionX(double sigma) => Sqrt(Eta) * sigma;
}
