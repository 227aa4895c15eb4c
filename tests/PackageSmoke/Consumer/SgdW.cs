using SdeDsl;
using static SdeDsl.SdeMath;

namespace Consumer;

/// <summary>SGD with decoupled weight decay, x ← x − η(g + γx), and its SDE dX = −(∇f + γX) dt + √η σ dW.</summary>
[SdeModel]
public partial struct SgdW
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
    [Hyper(Min = 0)] public double WeightDecay;

    [Update] void Step(ref double x, double g) => x -= Eta * (g + WeightDecay * x);

    [Drift("x")] double DriftX(double x, double grad) => -(grad + WeightDecay * x);
    [Diffusion("x")] double DiffusionX(double sigma) => Sqrt(Eta) * sigma;
}
