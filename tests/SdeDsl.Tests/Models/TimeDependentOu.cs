using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Models;

/// <summary>
/// dX = −θ(t)X dt + s dW with θ(t) = A(1 − e^{−t}), a derived method of time: its weak-order-2 step needs ∂θ/∂t, which
/// the generator takes by a central difference. E X_T = X0·exp(−A(T − 1 + e^{−T})).
/// </summary>
[SdeModel]
public partial struct TimeDependentOu
{
    [Hyper(Min = 0)] public double A;
    [Hyper(Min = 0)] public double S;

    double Theta(double t) => A * (1 - Exp(-t));

    [Drift("x")] double Drift(double x, double t) => -Theta(t) * x;

    [Diffusion("x")] double Diffusion() => S;
}
