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

    /// <summary>
    /// As <see cref="Single"/>, except that an SDE run draws Brownian increments of its own: the generator's float normals
    /// (<see cref="RandomNumbers.PhiloxStream.FillNormal(System.Span{float}, long, long, long)"/>, 32-bit uniforms, tails
    /// to 6.66σ) instead of the double run's normals evaluated in float. Half the Philox bits per increment, so a float
    /// SDE run takes about 30 % less time (the normals are most of its step), but it no longer follows the double run of
    /// its seed: the two agree in distribution, within their standard errors, not path by path. Still a pure function of
    /// the seed, bit-identical for any thread count, chunking or split across machines. A discrete optimizer run draws no
    /// increments and is the <see cref="Single"/> run.
    /// </summary>
    SingleOwnDraws,
}
