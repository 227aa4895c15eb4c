using SdeDsl;

namespace QuickStart;

/// <summary>
/// SGD with momentum as an exponential average: m ← βm + (1 − β)g, x ← x − ηm. Its SDE, with ρ = (1 − β)/η held fixed
/// as η shrinks: dX = −M dt, dM = ρ(∇f(X) − M) dt + √η ρ σ dW.
/// </summary>
[SdeModel]
public partial struct MomentumSgd
{
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
    [Hyper(Min = 0, Max = 1, ExclusiveMax = true)] public double Beta;

    double Rho => (1 - Beta) / Eta;

    [Update]
    void Step(ref double x, ref double m, double g)
    {
        m = Beta * m + (1 - Beta) * g;
        x -= Eta * m;
    }

    [Drift("x")] double DriftX(double m) => -m;
    [Drift("m")] double DriftM(double m, double grad) => Rho * (grad - m);
    [Diffusion("m")] double DiffusionM(double sigma) => SdeMath.Sqrt(Eta) * Rho * sigma;
}
