using System.Runtime.Intrinsics;

namespace SdeDsl.Objectives;

/// <summary>
/// One summand t(a, b, c) of a reduction Σ_i t(a_i, b_i, c_i), in a scalar and a lane-wise form that give the same
/// bits per lane. Implemented by structs so that <see cref="SpanReduction.Sum{TTerm}"/> is specialized by the JIT.
/// </summary>
internal interface ISummandTerm
{
    /// <summary>The summand for one index.</summary>
    static abstract double Invoke(double a, double b, double c);

    /// <summary>The summand for four consecutive indices (a fixed width, so that sums do not depend on the
    /// machine's <see cref="System.Numerics.Vector{T}"/> width).</summary>
    static abstract Vector256<double> Invoke(Vector256<double> a, Vector256<double> b, Vector256<double> c);
}
