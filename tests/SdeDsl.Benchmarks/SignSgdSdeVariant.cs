namespace SdeDsl.Benchmarks;

/// <summary>What one <see cref="SignSgdSdeLoop"/> call does.</summary>
public enum SignSgdSdeVariant
{
    /// <summary>The generated Euler–Maruyama step with precomputed standard-normal increments: reads x, grad, sigma,
    /// ξ; writes x (20 bytes per element).</summary>
    PrecomputedNoise,

    /// <summary><see cref="PrecomputedNoise"/> by <see cref="SignSgdSdeHandWritten"/>: Erf computed once per element,
    /// as the generated kernel does (20 bytes per element).</summary>
    HandWrittenPrecomputedNoise,

    /// <summary>Only <c>PhiloxStream.FillNormal</c> of all n increments (writes 4 bytes per element): the cost of the
    /// normals alone.</summary>
    FillNormalOnly,

    /// <summary>FillNormal of all n increments into a buffer, then the step over it: two passes over memory, as
    /// torch's <c>randn</c> followed by the tensor expression (24 bytes per element).</summary>
    FillNormalThenStep,

    /// <summary>FillNormal of a cache-sized chunk, then the step over that chunk, chunk after chunk: the normals never
    /// leave the cache (24 bytes per element loaded and stored, 16 of them to memory). The same values as
    /// <see cref="FillNormalThenStep"/>: a Philox normal is a pure function of its element index.</summary>
    ChunkedFillAndStep,
}
