using SdeDsl;

namespace SdeDsl.Tests.Models;

/// <summary>Geometric Brownian motion dX = μX dt + sX dW (docs/math.md §Test problems): multiplicative noise, so Milstein differs from EM.</summary>
[SdeModel]
public partial struct GeometricBrownianMotion
{
    [Hyper] public double Mu;
    [Hyper(Min = 0)] public double S;

    [Drift("x")] double Drift(double x) => Mu * x;

    [Diffusion("x")] double Diffusion(double x) => S * x;
}
