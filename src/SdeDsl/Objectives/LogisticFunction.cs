using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl.Objectives;

/// <summary>
/// The logistic sigmoid σ(z) = 1/(1 + e^{−z}), its slope σ(1 − σ) and the softplus log(1 + e^z), written so that
/// nothing overflows or cancels: every exponential is of −|z| ≤ 0, and log(1 + e) uses the log1p correction
/// log(u)·e/(u − 1), u = 1 + e. Scalar forms use <see cref="Math.Exp"/>; lane-wise forms use <see cref="Vector.Exp(Vector{double})"/>
/// (an objective uses one form throughout, so its own results are consistent).
/// </summary>
internal static class LogisticFunction
{
    /// <summary>log(1 + e^z) = max(z, 0) + log1p(e^{−|z|}).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Softplus(double z) => Math.Max(z, 0.0) + Log1pSmall(Math.Exp(-Math.Abs(z)));

    /// <summary>σ(z) = 1/(1 + e^{−z}), as 1/(1 + e) for z ≥ 0 and e/(1 + e) for z &lt; 0, e = e^{−|z|}.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        return (z >= 0 ? 1.0 : e) / (1.0 + e);
    }

    /// <summary>log(1 + e^z) per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Softplus(Vector<double> z)
    {
        Vector<double> e = Vector.Exp(-Vector.Abs(z));
        Vector<double> u = Vector<double>.One + e;
        Vector<double> log1p = Vector.ConditionalSelect(
            Vector.Equals(u, Vector<double>.One), e, Vector.Log(u) * (e / (u - Vector<double>.One)));
        return Vector.Max(z, Vector<double>.Zero) + log1p;
    }

    /// <summary>σ(z) per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sigmoid(Vector<double> z)
    {
        Vector<double> e = Vector.Exp(-Vector.Abs(z));
        Vector<double> numerator = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(z, Vector<double>.Zero), Vector<double>.One, e);
        return numerator / (Vector<double>.One + e);
    }

    /// <summary>σ(z)(1 − σ(z)) = e/(1 + e)², e = e^{−|z|}, per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> SigmoidSlope(Vector<double> z)
    {
        Vector<double> e = Vector.Exp(-Vector.Abs(z));
        Vector<double> u = Vector<double>.One + e;
        return e / (u * u);
    }

    /// <summary>log(1 + e) for 0 ≤ e ≤ 1, accurate to a few ulps (Goldberg's correction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Log1pSmall(double e)
    {
        double u = 1.0 + e;
        return u == 1.0 ? e : Math.Log(u) * (e / (u - 1.0));
    }
}
