using System.Globalization;

namespace SdeDsl.Runs;

/// <summary>A model's hyperparameter: its name and the bounds its <see cref="HyperAttribute"/> gives.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Min">The lower bound (−∞ when none).</param>
/// <param name="Max">The upper bound (+∞ when none).</param>
/// <param name="ExclusiveMin">Whether <paramref name="Min"/> itself is excluded.</param>
/// <param name="ExclusiveMax">Whether <paramref name="Max"/> itself is excluded.</param>
public sealed record HyperparameterInfo(string Name, double Min, double Max, bool ExclusiveMin, bool ExclusiveMax)
{
    /// <summary>Whether <paramref name="value"/> is finite and within the bounds.</summary>
    public bool Allows(double value) =>
        double.IsFinite(value)
        && (ExclusiveMin ? value > Min : value >= Min)
        && (ExclusiveMax ? value < Max : value <= Max);

    /// <summary>The allowed range in interval notation, e.g. <c>(0, ∞)</c> or <c>[0, 1)</c>.</summary>
    public string Range =>
        (ExclusiveMin || double.IsNegativeInfinity(Min) ? "(" : "[") + Format(Min) + ", " + Format(Max)
        + (ExclusiveMax || double.IsPositiveInfinity(Max) ? ")" : "]");

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "−∞" : value.ToString("G", CultureInfo.InvariantCulture);
}
