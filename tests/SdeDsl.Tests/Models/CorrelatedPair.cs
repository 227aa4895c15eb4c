using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Tests.Models;

/// <summary>
/// Two states moved by one gradient noise: x ← x − η g and m ← m − η g. Its SDE gives each state the right drift and
/// variance (−grad, √η σ), with a Brownian motion of its own: it leaves out the states' correlation, 1, which moment
/// matching must see in its cross covariance while every per-state moment agrees.
/// </summary>
[SdeModel]
public partial struct CorrelatedPair
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    [Update]
    void Step(ref double x, ref double m, double g)
    {
        x -= Eta * g;
        m -= Eta * g;
    }

    [Drift("x")] double DriftX(double grad) => -grad;
    [Drift("m")] double DriftM(double grad) => -grad;
    [Diffusion("x")] double DiffusionX(double sigma) => Sqrt(Eta) * sigma;
    [Diffusion("m")] double DiffusionM(double sigma) => Sqrt(Eta) * sigma;
}
