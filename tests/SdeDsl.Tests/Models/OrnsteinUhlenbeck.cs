using SdeDsl;

namespace SdeDsl.Tests.Models;

/// <summary>The Ornstein–Uhlenbeck process dX = −θX dt + s dW (docs/math.md §Test problems), with a discrete Euler step as its update.</summary>
[SdeModel]
public partial struct OrnsteinUhlenbeck
{
    [Hyper(Min = 0)] public double Theta;
    [Hyper(Min = 0)] public double S;

    [Update] void Step(ref double x, double g) => x -= Theta * g;

    [Drift("x")] double Drift(double x) => -Theta * x;

    [Diffusion("x")] double Diffusion() => S;
}
