using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Models;

/// <summary>A model whose drift and diffusion call every intrinsic, so that each of the generator's derivative rules
/// is checked against central differences (kinks at x = 0, away from the test points).</summary>
[SdeModel]
public partial struct EveryIntrinsic
{
    [Hyper] public double P, Nu;

    [Drift("x")]
    double Drift(double x, double grad, double sigma)
    {
        var u = Abs(x) + Sign(grad) + Sqrt(Square(x) + 1) + Exp(-x) + Log(1 + Square(grad)) + Pow(1 + Square(x), P) + Pow(2, x);
        return u + Erf(x) + Erfc(grad) + Tanh(x) + Atan(x) + Min(x, grad) + Max(x, 0) + Clamp(x, -1, grad)
            + StudentTCdf(x / sigma, Nu) + StudentTPdf(x, Nu) + (x > 0 ? x * grad : -x);
    }

    [Diffusion("x")] double Diffusion(double x, double grad, double sigma) => sigma * (1 + Square(Tanh(x))) * Exp(0.3 * Atan(grad));
}
