using System.Collections.Generic;

namespace SdeDsl.Cli.Experiments;

/// <summary>
/// One row of an experiment's table of checks: a measured value against the value theory predicts. A row with no
/// prediction is a finding (reported, not checked), e.g. SGD's unbounded loss under Cauchy noise.
/// </summary>
/// <param name="Model">The model measured, e.g. <c>SignSgd</c>.</param>
/// <param name="Source"><c>optimizer</c> or <c>sde</c> (or <c>ode</c>).</param>
/// <param name="Quantity">What is compared: <c>stationary-loss</c>, <c>decay-rate</c>, <c>covariance</c>, <c>weak-error</c>, ….</param>
/// <param name="Parameters">The values of this row, under the override names (<c>eta</c>, <c>sigma</c>, …).</param>
/// <param name="Measured">The measured value.</param>
/// <param name="StandardError">Its Monte Carlo standard error, when it has one.</param>
/// <param name="Predicted">The predicted value, or null for a finding.</param>
/// <param name="Tolerance">The allowed |measured − predicted|, absolute; null for a finding.</param>
/// <param name="ToleranceRule">How the tolerance was set, e.g. <c>5 SE</c> or <c>3 %</c> (the larger of the two).</param>
/// <param name="Passed">Whether |measured − predicted| ≤ tolerance; null for a finding.</param>
/// <param name="Note">What the row means, in a few words.</param>
internal sealed record CheckResult(
    string Model,
    string Source,
    string Quantity,
    IReadOnlyDictionary<string, object> Parameters,
    double Measured,
    double? StandardError,
    double? Predicted,
    double? Tolerance,
    string? ToleranceRule,
    bool? Passed,
    string? Note = null)
{
    /// <summary>A check of <paramref name="measured"/> ± <paramref name="se"/> against <paramref name="predicted"/>
    /// within max(<paramref name="relative"/> · |predicted|, <paramref name="sigmas"/> · SE).</summary>
    public static CheckResult Within(string model, string source, string quantity, IReadOnlyDictionary<string, object> parameters,
        double measured, double se, double predicted, double relative, double sigmas = 5, string? note = null)
    {
        double byRelative = relative * System.Math.Abs(predicted), bySe = sigmas * se;
        double tolerance = System.Math.Max(byRelative, bySe);
        string rule = bySe > byRelative
            ? $"{sigmas:G} SE (larger than {relative:P0})"
            : $"{relative:P0} (larger than {sigmas:G} SE)";
        // An infinite prediction with an infinite tolerance passed any finite measurement: it is a failure, said so.
        bool defined = double.IsFinite(predicted) && double.IsFinite(tolerance);
        bool passed = defined && double.IsFinite(measured) && System.Math.Abs(measured - predicted) <= tolerance;
        return new CheckResult(model, source, quantity, parameters, measured, se, predicted, tolerance, rule, passed,
            defined ? note : "the closed form is not finite at these settings" + (note is null ? "" : "; " + note));
    }
}
