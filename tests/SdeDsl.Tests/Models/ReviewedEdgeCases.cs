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
