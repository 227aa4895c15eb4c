using SdeDsl;

namespace Malformed;

/// <summary>SDE0002: the drift reads "gradient", which is neither a state nor an input (the true gradient is "grad").</summary>
[SdeModel]
public partial struct Sgd
{
    [Hyper] public double Eta;

    [Update] void Step(ref double x, double g) => x -= Eta * g;

    [Drift("x")] double DriftX(double gradient) => -gradient;
}
