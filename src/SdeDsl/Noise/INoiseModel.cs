using System;
using SdeDsl.Objectives;

namespace SdeDsl.Noise;

/// <summary>
/// A model of gradient noise (docs/math.md §Setting): gives the discrete optimizer its stochastic gradient g = ∇f(x) + Z and the
/// SDE its noise scale σ = √diag Σ. Batched over paths in the flat layout of <see cref="IObjective"/>: the points of
/// paths <c>firstPath, firstPath + 1, …</c> follow one another. Every draw is a pure function of (seed, path, step,
/// element), so results do not depend on how paths are split across threads. Each method writes every element of its
/// output span: the ensemble engine reuses its buffers from one run to the next, so an element left unwritten would
/// hold an earlier run's value.
/// </summary>
public interface INoiseModel
{
    /// <summary>
    /// Writes the stochastic gradient at each point of <paramref name="x"/> for step <paramref name="step"/>
    /// (1-based) of paths <paramref name="firstPath"/>, <paramref name="firstPath"/> + 1, … into <paramref name="g"/>.
    /// </summary>
    void StochasticGradient(IObjective objective, ReadOnlySpan<double> x, Span<double> g, long firstPath, long step);

    /// <summary>Writes the noise scale σ (√ of the diagonal of Σ, or the scale of a heavy-tailed law) at each point.</summary>
    void Sigma(IObjective objective, ReadOnlySpan<double> x, Span<double> sigma);

    /// <summary>
    /// Whether σ varies with x. The Milstein and weak-order-2 steps differentiate the drift and diffusion through x and
    /// grad, not through sigma, so they keep their order only for a σ that does not vary with x; the ensemble engine
    /// refuses them with a noise model for which this is true. False unless the model says otherwise.
    /// </summary>
    bool SigmaDependsOnX => false;
}
