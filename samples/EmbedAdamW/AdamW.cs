using SdeDsl;
using static SdeDsl.SdeMath;

namespace EmbedAdamW;

/// <summary>AdamW with decoupled weight decay (PyTorch semantics), declared in the DSL.</summary>
[SdeModel]
public partial struct AdamW
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta1, Beta2;
    [Hyper(Min = 0)] public double Eps, WeightDecay;

    [Update]
    void Step(ref double x, ref double m, ref double v, double g, long k)
    {
        m = Beta1 * m + (1 - Beta1) * g;
        v = Beta2 * v + (1 - Beta2) * g * g;
        double mHat = m / (1 - Pow(Beta1, k));
        double vHat = v / (1 - Pow(Beta2, k));
        x -= Eta * (mHat / (Sqrt(vHat) + Eps) + WeightDecay * x);
    }
}
