using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Models;

/// <summary>
/// The AdamW example of docs/dsl-reference.md, with the drift of x filled in from docs/math.md §RMSprop and Adam:
/// dX = −(√ι2(t)/ι1(t)) P⁻¹ (M + ηρ1(∇f − M)) dt − γX dt, P = √V + ε√ι2(t), ι_i(t) = 1 − e^{−ρ_i t}.
/// </summary>
[SdeModel]
public partial struct AdamW
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta1, Beta2;
    [Hyper(Min = 0)] public double Eps, WeightDecay;

    double Rho1 => (1 - Beta1) / Eta;
    double Rho2 => (1 - Beta2) / Eta;
    double Iota1(double t) => 1 - Exp(-Rho1 * t);
    double Iota2(double t) => 1 - Exp(-Rho2 * t);

    [Update]
    void Step(ref double x, ref double m, ref double v, double g, long k)
    {
        m = Beta1 * m + (1 - Beta1) * g;
        v = Beta2 * v + (1 - Beta2) * g * g;
        double mHat = m / (1 - Pow(Beta1, k));
        double vHat = v / (1 - Pow(Beta2, k));
        x -= Eta * (mHat / (Sqrt(vHat) + Eps) + WeightDecay * x);
    }

    [Drift("x")]
    double DriftX(double x, double m, double v, double grad, double t)
        => -Sqrt(Iota2(t)) / Iota1(t) * (m + Eta * Rho1 * (grad - m)) / (Sqrt(v) + Eps * Sqrt(Iota2(t))) - WeightDecay * x;

    [Drift("m")] double DriftM(double m, double grad) => Rho1 * (grad - m);
    [Drift("v")] double DriftV(double v, double grad, double sigma) => Rho2 * (grad * grad + sigma * sigma - v);
    [Diffusion("m")] double DiffusionM(double sigma) => Sqrt(Eta) * Rho1 * sigma;
}
