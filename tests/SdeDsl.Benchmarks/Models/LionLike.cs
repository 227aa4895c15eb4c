using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Benchmarks.Models;

/// <summary>
/// A two-state, Lion-type model that is not in the catalog, for the speed targets' "a model the project has never
/// seen" (<c>--targets --assembly</c> this benchmark's own assembly): the update steps x by the sign of a mix of
/// momentum and gradient, and its SDE has a different Erf in each state's diffusion, so a step evaluates two error
/// functions per coordinate (the catalog's SignSgd one). Under Gaussian noise the mix c = β1·m + (1 − β1)·g has mean
/// β1·m + (1 − β1)·∇f and standard deviation (1 − β1)σ, so E sign(c) = Erf(mean / (√2 (1 − β1) σ)).
/// The m diffusion's Erf factor is a modelling choice here (it damps m's noise where the signal dominates); the model
/// exists to be timed, not as the SDE of Lion. x's diffusion reads the diffused m (non-commutative noise), so the model
/// gets Euler–Maruyama only, which is what the targets time (SDE0021, a warning, suppressed).
/// </summary>
[SdeModel]
[System.Diagnostics.CodeAnalysis.SuppressMessage("SdeDsl", "SDE0021", Justification = "Euler–Maruyama only, by design.")]
public partial struct LionLike
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The mix of momentum into the sign, β1 in [0, 1).</summary>
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta1;

    /// <summary>The momentum's decay, β2 in [0, 1).</summary>
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta2;

    [Update]
    void Step(ref double x, ref double m, double g)
    {
        x -= Eta * Sign(Beta1 * m + (1 - Beta1) * g);
        m = Beta2 * m + (1 - Beta2) * g;
    }

    [Drift("x")]
    double DriftX(double m, double grad, double sigma) => -Erf((Beta1 * m + (1 - Beta1) * grad) / (Sqrt(2.0) * (1 - Beta1) * sigma));

    [Diffusion("x")]
    double DiffusionX(double m, double grad, double sigma) =>
        Sqrt(Eta) * Sqrt(1 - Square(Erf((Beta1 * m + (1 - Beta1) * grad) / (Sqrt(2.0) * (1 - Beta1) * sigma))));

    [Drift("m")] double DriftM(double m, double grad) => (1 - Beta2) / Eta * (grad - m);

    [Diffusion("m")]
    double DiffusionM(double grad, double sigma) => (1 - Beta2) / Sqrt(Eta) * sigma * Sqrt(1 - Square(Erf(grad / (Sqrt(2.0) * sigma))));
}
