using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Models;

/// <summary>
/// A test model that exercises locals, compound assignment and <c>?:</c> with both element-wise and scalar
/// conditions: momentum on a clipped gradient, and an SDE whose drift and diffusion have block bodies.
/// </summary>
[SdeModel]
public partial struct ClippedMomentum
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
    [Hyper(Min = 0, Max = 1)] public double Beta;
    [Hyper(Min = 0, ExclusiveMin = true)] public double Clip;

    double Rho => (1 - Beta) / Eta;

    [Update]
    void Step(ref double x, ref double m, double g, long k)
    {
        double clipped = g > Clip ? Clip : (g < -Clip ? -Clip : g);
        m *= Beta;
        m += (1 - Beta) * clipped;
        double step = k == 1 ? clipped : m;
        x -= Eta * step;
    }

    [Drift("x")] double DriftX(double m) => -m;

    [Drift("m")]
    double DriftM(double m, double grad)
    {
        double c = Clamp(grad, -Clip, Clip);
        return Rho * (c - m);
    }

    [Diffusion("m")]
    double DiffusionM(double grad, double sigma)
    {
        double inside = Abs(grad) < Clip && sigma > 0 ? 1 : 0;
        return inside * Sqrt(Eta) * Rho * sigma;
    }
}
