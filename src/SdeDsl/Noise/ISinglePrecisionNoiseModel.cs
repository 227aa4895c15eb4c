using System;
using SdeDsl.Objectives;

namespace SdeDsl.Noise;

/// <summary>
/// A noise model that also writes σ at float points. A single-precision SDE ensemble
/// (<see cref="Ensembles.EnsemblePrecision.Single"/>) calls it instead of widening x to double, calling
/// <see cref="INoiseModel.Sigma"/> and rounding the result; a noise model without it still runs in single precision,
/// through that conversion.
/// </summary>
/// <remarks>The float σ must be the double σ rounded to float, bit for bit, so that both routes give the same run.</remarks>
public interface ISinglePrecisionNoiseModel : INoiseModel
{
    /// <summary>Writes σ, rounded to float, at each of the float points in <paramref name="x"/> (length a multiple of d).</summary>
    void Sigma(IObjective objective, ReadOnlySpan<float> x, Span<float> sigma);
}
