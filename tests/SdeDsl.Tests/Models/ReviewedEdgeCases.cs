using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Models;

/// <summary>Truth values compared with == and !=: a true lane is a mask of all bits set, a NaN as a double, so the
/// kernels must compare masks bit by bit (found by a review: two true sides compared unequal).</summary>
[SdeModel]
public partial struct TruthComparison
{
    [Hyper] public double Eta;

    [Update] void Step(ref double x, ref double y, double g)
    {
        y = (x > 0) != (g > 0) ? 1 : 0;
        x -= ((x > 0) == (g > 0)) ? Eta : 2 * Eta;
    }
}

/// <summary>A diffusion that crosses 0 with a slope, b = β·σ·x: at x = 0 its L₀b = a·β·σ is finite, and the
/// weak-order-2 step needs it (found by a review: the step took 0 wherever b = 0).</summary>
[SdeModel]
public partial struct LinearDiffusion
{
    [Hyper] public double Eta;
    [Hyper] public double Beta;

    [Drift("x")] double Drift(double x) => -Eta * (x - 1);

    [Diffusion("x")] double Diffusion(double x, double sigma) => Beta * sigma * x;
}

/// <summary>A square-root diffusion written with Pow(u, 0.5): its Milstein term b·∂b/∂x is 0·∞ at u = 0 unless
/// written as ½·∂(b²)/∂x, as it is for Sqrt (found by a review: NaN at x ≤ 0).</summary>
[SdeModel]
public partial struct PowHalfDiffusion
{
    [Hyper] public double Theta;
    [Hyper] public double S;

    [Drift("x")] double Drift(double x) => Theta * (1 - x);

    [Diffusion("x")] double Diffusion(double x) => S * Pow(Max(x, 0), 0.5);
}

/// <summary><see cref="PowHalfDiffusion"/> written with Sqrt.</summary>
[SdeModel]
public partial struct SqrtDiffusion
{
    [Hyper] public double Theta;
    [Hyper] public double S;

    [Drift("x")] double Drift(double x) => Theta * (1 - x);

    [Diffusion("x")] double Diffusion(double x) => S * Sqrt(Max(x, 0));
}

/// <summary>Constants of a model as switches: truth values in a derived scalar, in conditions of scalars and of
/// elements, beside a float and a long constant (found by a review: a const bool was refused as "a field that is not a
/// [Hyper]"). The constants are internal so the test can write the same formulas in C#.</summary>
[SdeModel]
public partial struct ConstantSwitches
{
    internal const bool Decoupled = true, Nesterov = false;
    internal const float Quarter = 0.25f;
    internal const long Warmup = 3;

    [Hyper] public double Eta, Lambda;

    double Decay => Decoupled ? Eta * Lambda : Lambda;

    [Update] void Step(ref double x, ref double m, double g, long k)
    {
        m = Nesterov ? (0.9 * m) + g : m + (Quarter * (g - m));
        double scale = Decoupled && k > Warmup ? 1 : 0.5;
        x -= (scale * ((Decoupled && x > 0) || (Nesterov == (g > 0)) ? Eta * m : 2 * Eta * m)) + (!Decoupled ? Lambda * g : Decay * x);
    }

    [Drift("x")] double DriftX(double x, double m) => !Decoupled || x > 0 ? -m - (Decay * x) : -m;

    [Drift("m")] double DriftM(double m, double grad) => Nesterov ? grad : Quarter * (grad - m);

    [Diffusion("m")] double DiffusionM(double sigma) => Decoupled ? Quarter * sigma : sigma;
}
