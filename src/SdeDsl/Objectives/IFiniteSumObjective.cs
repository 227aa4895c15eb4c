using System;

namespace SdeDsl.Objectives;

/// <summary>
/// A finite-sum objective f(x) = (1/n) Σ_{j=0}^{n−1} ℓ_j(x) over a data set of n = <see cref="ExampleCount"/>
/// examples, so that <see cref="IObjective.Gradient"/> is the mean of the per-example gradients ∇ℓ_j. Minibatch
/// noise (<c>SdeDsl.Noise.MinibatchNoise</c>) samples these.
/// </summary>
public interface IFiniteSumObjective : IObjective
{
    /// <summary>The number of examples n ≥ 1.</summary>
    int ExampleCount { get; }

    /// <summary>
    /// ∇ℓ_j at one point <paramref name="x"/> (length d = <see cref="IObjective.Dimension"/>), written to
    /// <paramref name="gradient"/> (length d), for j = <paramref name="example"/> ∈ [0, n). Must be safe to call
    /// concurrently from several threads.
    /// </summary>
    /// <param name="x">The point, length d.</param>
    /// <param name="example">The example index j ∈ [0, <see cref="ExampleCount"/>).</param>
    /// <param name="gradient">Receives ∇ℓ_j(x), length d.</param>
    void ExampleGradient(ReadOnlySpan<double> x, int example, Span<double> gradient);
}
