using System.Numerics;

namespace SdeDsl.Objectives;

/// <summary>
/// One summand t(a, b, c) of a reduction Σ_i t(a_i, b_i, c_i), in a scalar and a lane-wise form that give the same
/// bits per lane. Implemented by structs so that <see cref="SpanReduction.Sum{TTerm}"/> is specialized by the JIT.
/// </summary>
internal interface ISummandTerm
{
    /// <summary>The summand for one index.</summary>
    static abstract double Invoke(double a, double b, double c);

    /// <summary>The summand for <see cref="Vector{T}.Count"/> consecutive indices.</summary>
    static abstract Vector<double> Invoke(Vector<double> a, Vector<double> b, Vector<double> c);
}
