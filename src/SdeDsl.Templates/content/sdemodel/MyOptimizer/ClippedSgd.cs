using System;
using SdeDsl;
using static SdeDsl.SdeMath;

namespace MyOptimizer;

/// <summary>
/// SGD with the stochastic gradient clipped coordinate-wise to [−C, C]: x ← x − η clip(g, −C, C).
/// SDE (weak order 1), under Gaussian noise g = ∇f + σZ: dX = −μ_C dt + √η s_C dW, where μ_C = E[clip(g)] and
/// s_C² = Var[clip(g)] in closed form, with a = (−C − ∇f)/σ, b = (C − ∇f)/σ, φ the standard normal density and
/// P = Φ(b) − Φ(a) the chance that g is not clipped:
/// μ_C = C (1 − Φ(b) − Φ(a)) + ∇f P + σ (φ(a) − φ(b)),
/// E[clip(g)²] = C² (1 − P) + ∇f² P + 2∇f σ (φ(a) − φ(b)) + σ² (P + a φ(a) − b φ(b)).
/// Without clipping (C → ∞) this is SGD's SDE, dX = −∇f dt + √η σ dW.
/// </summary>
[SdeModel]
public partial struct ClippedSgd
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The clipping threshold C &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Clip;

    [Update] void Step(ref double x, double g) => x -= Eta * Clamp(g, -Clip, Clip);

    [Drift("x")]
    double DriftX(double grad, double sigma)
    {
        double a = (-Clip - grad) / sigma;
        double b = (Clip - grad) / sigma;
        double densities = (Exp(-0.5 * a * a) - Exp(-0.5 * b * b)) / Sqrt(2 * Math.PI);
        // P(g > C) − P(g < −C): the clipped mass, counted +C above and −C below.
        double netClipped = 0.5 * (Erfc(b / Sqrt(2.0)) - Erfc(-a / Sqrt(2.0)));
        double inside = 0.5 * (Erf(b / Sqrt(2.0)) - Erf(a / Sqrt(2.0)));
        return -(Clip * netClipped + grad * inside + sigma * densities);
    }

    [Diffusion("x")]
    double DiffusionX(double grad, double sigma)
    {
        double a = (-Clip - grad) / sigma;
        double b = (Clip - grad) / sigma;
        double phiA = Exp(-0.5 * a * a) / Sqrt(2 * Math.PI);
        double phiB = Exp(-0.5 * b * b) / Sqrt(2 * Math.PI);
        double inside = 0.5 * (Erf(b / Sqrt(2.0)) - Erf(a / Sqrt(2.0)));
        double mean = (Clip * 0.5 * (Erfc(b / Sqrt(2.0)) - Erfc(-a / Sqrt(2.0)))) + (grad * inside) + (sigma * (phiA - phiB));
        double second = (Clip * Clip * (1 - inside)) + (grad * grad * inside) + (2 * grad * sigma * (phiA - phiB))
            + (sigma * sigma * (inside + (a * phiA) - (b * phiB)));
        return Sqrt(Eta) * Sqrt(Max(second - (mean * mean), 0.0));
    }
}
