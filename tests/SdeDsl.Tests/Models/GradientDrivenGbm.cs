using SdeDsl;

namespace SdeDsl.Tests.Models;

/// <summary>
/// dX = −∇f(X) dt + s·∇f(X) dW: on f = λx²/2 it is geometric Brownian motion with μ = −λ and σ = sλ, but the
/// generator sees the state only through grad, so its Milstein and weak-order-2 steps need the chain rule through the
/// Hessian (hess = λ).
/// </summary>
[SdeModel]
public partial struct GradientDrivenGbm
{
    [Hyper(Min = 0)] public double S;

    [Drift("x")] double Drift(double grad) => -grad;

    [Diffusion("x")] double Diffusion(double grad) => S * grad;
}
