using SdeDsl;
using static SdeDsl.SdeMath;

namespace CheckSdeModel;

/// <summary>
/// A new optimizer, declared the way a researcher would: SignSGD with decoupled weight decay, x ← x − η(sign(g) + γx),
/// and the SDE its authors claim for it under Gaussian noise: dX = −(Erf(Y) + γX) dt + √η·√(1 − Erf(Y)²) dW,
/// Y = ∇f(X)/(√2σ). The generator writes the discrete step, Euler–Maruyama, Milstein and a weak-order-2 step.
/// </summary>
[SdeModel]
public partial struct SignSgdW
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
    [Hyper(Min = 0)] public double WeightDecay;

    [Update] void Step(ref double x, double g) => x -= Eta * (Sign(g) + WeightDecay * x);

    [Drift("x")] double DriftX(double x, double grad, double sigma) => -(Erf(grad / (Sqrt(2.0) * sigma)) + WeightDecay * x);

    [Diffusion("x")]
    double DiffusionX(double grad, double sigma) => Sqrt(Eta) * Sqrt(1 - Square(Erf(grad / (Sqrt(2.0) * sigma))));
}
