using System;

namespace SdeDsl.Objectives;

/// <summary>
/// An objective that also evaluates its gradient at float points. A single-precision ensemble
/// (<see cref="Ensembles.EnsemblePrecision.Single"/>) calls it instead of widening x to double, calling
/// <see cref="IObjective.Gradient"/> and rounding the result; an objective without it still runs in single precision,
/// through that conversion. Values and Hessians are always evaluated in double.
/// </summary>
/// <remarks>
/// The float gradient must be element-wise reproducible as the double one is: a point's result may not depend on its
/// place in the batch or on the batch's length. It should agree with the double gradient rounded to float to within a
/// few float ulps of the gradient's terms; the documentation of an implementation states its bound.
/// </remarks>
public interface ISinglePrecisionObjective : IObjective
{
    /// <summary>∇f at each of the float points in <paramref name="x"/> (length a multiple of d), written to
    /// <paramref name="gradient"/> (same layout).</summary>
    void Gradient(ReadOnlySpan<float> x, Span<float> gradient);
}
