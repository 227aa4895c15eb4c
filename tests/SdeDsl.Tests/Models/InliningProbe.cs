using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Models;

/// <summary>
/// A model with a heavy SDE: two Pows, the Student-t CDF and density, and Erf, Erfc, Tanh, Exp, Log and Atan, some of
/// them twice, for <see cref="GeneratedKernelInliningTests"/> only (a kernel compiled by no other test, so that the
/// test sees its compilation). Not a model of anything.
/// </summary>
[SdeModel]
public partial struct InliningProbe
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    [Hyper(Min = 0, ExclusiveMin = true)] public double Nu;

    [Update]
    void Step(ref double x, double g) => x -= Eta * Tanh(g);

    [Drift("x")]
    double DriftX(double grad, double sigma) =>
        -Erf(grad / sigma) - Tanh(grad) + Atan(sigma) - Exp(-Square(grad)) + Log(1 + Square(sigma)) - (2 * StudentTCdf(grad / sigma, Nu) - 1)
        + Erfc(grad) - 1 - Sign(grad) * Pow(Abs(grad) + sigma, 0.75);

    [Diffusion("x")]
    double DiffusionX(double grad, double sigma) =>
        Sqrt(Eta) * Sqrt(1 + Square(Erf(grad))) * Pow(1 + Square(grad), 0.25) * StudentTPdf(grad, Nu) * Exp(-Abs(grad)) * (1 + Atan(grad) * Tanh(sigma));
}
