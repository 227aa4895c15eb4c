namespace SdeDsl.Ensembles;

/// <summary>The floating-point type of an ensemble's state: what the generated kernels read and write each step.</summary>
public enum EnsemblePrecision
{
    /// <summary>Every state component, gradient, σ and Brownian increment in <see cref="double"/> (the default).</summary>
    Double,

    /// <summary>
    /// The state, gradient, σ and increments in <see cref="float"/>, stepped by the models' float kernels. The draws are
    /// the double run's, rounded to float, so a single-precision run follows the double run's paths up to rounding;
    /// objectives and noise models without a float path see x widened to double and their outputs are rounded to float;
    /// observables and every statistic are computed in double from the float state.
    /// </summary>
    Single,
}
