using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Checks;

/// <summary>
/// RMSprop with its SDE (MATH.md §3, γ = 0): v ← β v + (1 − β) g², x ← x − η g / (√v + ε);
/// dX = −(∇f dt + √η σ dW)/(√V + ε), dV = ρ(∇f² + σ² − V) dt, ρ = (1 − β)/η. Two states, one diffused.
/// </summary>
[SdeModel]
public partial struct CheckedRmsProp
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta;
    [Hyper(Min = 0)] public double Eps;

    double Rho => (1 - Beta) / Eta;

    [Update]
    void Step(ref double x, ref double v, double g)
    {
        v = Beta * v + (1 - Beta) * g * g;
        x -= Eta * g / (Sqrt(v) + Eps);
    }

    [Drift("x")] double DriftX(double v, double grad) => -grad / (Sqrt(v) + Eps);

    [Diffusion("x")] double DiffusionX(double v, double sigma) => Sqrt(Eta) * sigma / (Sqrt(v) + Eps);

    [Drift("v")] double DriftV(double v, double grad, double sigma) => Rho * (grad * grad + sigma * sigma - v);
}
