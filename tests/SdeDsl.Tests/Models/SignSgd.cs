using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Models;

/// <summary>
/// SignSGD (docs/math.md §SignSGD): x ← x − η sign(g); its SDE under Gaussian noise,
/// dX = −Erf(Y) dt + √η √(1 − Erf(Y)²) dW, Y = ∇f / (√2 σ).
/// </summary>
[SdeModel]
public partial struct SignSgd
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    [Update]
    void Step(ref double x, double g) => x -= Eta * Sign(g);

    [Drift("x")] double Drift(double grad, double sigma) => -Erf(grad / (Sqrt(2.0) * sigma));

    [Diffusion("x")]
    double Diffusion(double grad, double sigma) => Sqrt(Eta) * Sqrt(1 - Square(Erf(grad / (Sqrt(2.0) * sigma))));
}
