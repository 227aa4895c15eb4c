using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl;

public static partial class SdeMath
{
    // ---------------------------------------------------------------- Exp

    /// <summary>
    /// eˣ by <see cref="Math.Exp(double)"/>. Bit-identical to Math.Exp (tested); on linux-x64 its error measured 0.503
    /// ulp max against a 160-bit reference (30,000 points in [−744, 709]).
    /// </summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e raised to <paramref name="x"/>; +∞ above ≈ 709.78, 0 below ≈ −745.13.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x) => Math.Exp(x);

    /// <summary>
    /// eˣ by <see cref="MathF.Exp(float)"/>. Is MathF.Exp; within 1 ulp of the double result
    /// rounded to float (tested: max 1 ulp); 0.501 ulp max against a 160-bit reference on [−103, 88].
    /// </summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e raised to <paramref name="x"/>; +∞ above ≈ 88.72.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => MathF.Exp(x);

    /// <summary>
    /// eˣ per lane by <see cref="Vector.Exp(Vector{double})"/>. Each lane within 2 ulp of <see cref="Exp(double)"/>
    /// (SdeMathTests, 100,000 points on [−30, 30] and ±[1e-300, 1e300]; not yet bit-identical); 2.02 ulp max against a
    /// 160-bit reference on [−744, 709].
    /// </summary>
    /// <param name="x">The exponents.</param>
    /// <returns>The lane-wise exponentials.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x) => Vector.Exp(x);

    /// <summary>
    /// eˣ per lane by <see cref="Vector.Exp(Vector{float})"/>. Each lane within 2 ulp of <see cref="Exp(float)"/>
    /// (SdeMathTests, 100,000 points on [−104, 89]; not yet bit-identical); 1.77 ulp max against a 160-bit reference.
    /// </summary>
    /// <param name="x">The exponents.</param>
    /// <returns>The lane-wise exponentials.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x) => Vector.Exp(x);

    // ---------------------------------------------------------------- Log

    /// <summary>
    /// ln x by <see cref="Math.Log(double)"/>; −∞ at ±0, NaN for x &lt; 0. Bit-identical to Math.Log (tested); on
    /// linux-x64 its error measured 0.485 ulp max against a 160-bit reference (30,000 points in [e^−700, e^700]).
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The natural logarithm of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => Math.Log(x);

    /// <summary>
    /// ln x by <see cref="MathF.Log(float)"/>; −∞ at ±0, NaN for x &lt; 0. Is MathF.Log; within
    /// 1 ulp of the double result rounded to float (tested); 0.625 ulp max against a 160-bit reference.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The natural logarithm of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x) => MathF.Log(x);

    /// <summary>
    /// ln x per lane by <see cref="Vector.Log(Vector{double})"/>. Each lane within 3 ulp of <see cref="Log(double)"/>
    /// (asserted by SdeMathTests on 100,000 points on [1e-300, 1e300] plus negatives, zeros, subnormals, ±∞, NaN, where
    /// the max seen is 2 ulp; 3 ulp seen at x ≈ 1.4036 in a 400,000-point scan; not yet bit-identical); 1.14 ulp max
    /// against a 160-bit reference.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise natural logarithms.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log(Vector<double> x) => Vector.Log(x);

    /// <summary>
    /// ln x per lane by <see cref="Vector.Log(Vector{float})"/>. Each lane within 2 ulp of <see cref="Log(float)"/>
    /// (SdeMathTests, 100,000 points on [1e-45, 3e38] plus negatives and specials); 1.43 ulp max against a 160-bit
    /// reference.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise natural logarithms.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log(Vector<float> x) => Vector.Log(x);

    // ---------------------------------------------------------------- Tanh

    /// <summary>
    /// tanh x = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) by <see cref="Math.Tanh(double)"/>. Bit-identical to Math.Tanh (tested); on
    /// linux-x64 its error measured 1.86 ulp max against a 160-bit reference (30,000 points in [−20, 20]).
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The hyperbolic tangent of <paramref name="x"/>, in [−1, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double x) => Math.Tanh(x);

    /// <summary>
    /// tanh x = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) by <see cref="MathF.Tanh(float)"/>. Is MathF.Tanh; within
    /// 2 ulp of the double result rounded to float (tested: max 2 ulp on [−10, 10]); 1.92 ulp max against a 160-bit
    /// reference.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The hyperbolic tangent of <paramref name="x"/>, in [−1, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>tanh x per lane: a lane loop over <see cref="Tanh(double)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise hyperbolic tangents.</returns>
    public static Vector<double> Tanh(Vector<double> x) => MapLanes<TanhLanes>(x);

    /// <summary>tanh x per lane: a lane loop over <see cref="Tanh(float)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise hyperbolic tangents.</returns>
    public static Vector<float> Tanh(Vector<float> x) => MapLanes<TanhLanes>(x);

    // ---------------------------------------------------------------- Atan

    /// <summary>
    /// atan x ∈ [−π/2, π/2] by <see cref="Math.Atan(double)"/>. Bit-identical to Math.Atan (tested); on linux-x64 its
    /// error measured 0.509 ulp max against a 160-bit reference (30,000 points, |x| ≤ e^50).
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The arctangent of <paramref name="x"/> in radians.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Atan(double x) => Math.Atan(x);

    /// <summary>
    /// atan x ∈ [−π/2, π/2] by <see cref="MathF.Atan(float)"/>. Is MathF.Atan; within 1 ulp of
    /// the double result rounded to float (tested); 0.79 ulp max against a 160-bit reference.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The arctangent of <paramref name="x"/> in radians.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Atan(float x) => MathF.Atan(x);

    /// <summary>atan x per lane: a lane loop over <see cref="Atan(double)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise arctangents.</returns>
    public static Vector<double> Atan(Vector<double> x) => MapLanes<AtanLanes>(x);

    /// <summary>atan x per lane: a lane loop over <see cref="Atan(float)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise arctangents.</returns>
    public static Vector<float> Atan(Vector<float> x) => MapLanes<AtanLanes>(x);

    // ---------------------------------------------------------------- Pow

    /// <summary>
    /// xʸ for a real exponent, with the special cases of <see cref="Math.Pow(double, double)"/>. Bit-identical to
    /// Math.Pow (tested); on linux-x64 its error measured 0.503 ulp max against a 160-bit reference (x ∈ [e^−10, e^10],
    /// y ∈ [−30, 30]).
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <returns><paramref name="x"/> raised to <paramref name="y"/>; NaN for x &lt; 0 and non-integer y.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double x, double y) => Math.Pow(x, y);

    /// <summary>
    /// xʸ for a real exponent, with the special cases of <see cref="MathF.Pow(float, float)"/>. Is
    /// MathF.Pow; within 1 ulp of the double result rounded to float (tested on x ∈ [1e-4, 1e4], y ∈ [−9, 9]);
    /// 0.501 ulp max against a 160-bit reference.
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <returns><paramref name="x"/> raised to <paramref name="y"/>; NaN for x &lt; 0 and non-integer y.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Pow(float x, float y) => MathF.Pow(x, y);

    /// <summary>
    /// xʸ per lane: a lane loop over <see cref="Pow(double, double)"/>, so bit-identical to it
    /// (exp(y·ln x) would lose up to |y·ln x| ulp).
    /// </summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>The lane-wise powers.</returns>
    public static Vector<double> Pow(Vector<double> x, Vector<double> y) => MapLanes<PowLanes>(x, y);

    /// <summary>
    /// xʸ per lane: a lane loop over <see cref="Pow(float, float)"/>, so bit-identical to it
    /// (exp(y·ln x) would lose up to |y·ln x| ulp).
    /// </summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>The lane-wise powers.</returns>
    public static Vector<float> Pow(Vector<float> x, Vector<float> y) => MapLanes<PowLanes>(x, y);

    private readonly struct TanhLanes : IUnaryLaneFunction
    {
        public static double Invoke(double x) => Math.Tanh(x);

        public static float Invoke(float x) => MathF.Tanh(x);
    }

    private readonly struct AtanLanes : IUnaryLaneFunction
    {
        public static double Invoke(double x) => Math.Atan(x);

        public static float Invoke(float x) => MathF.Atan(x);
    }

    private readonly struct PowLanes : IBinaryLaneFunction
    {
        public static double Invoke(double x, double y) => Math.Pow(x, y);

        public static float Invoke(float x, float y) => MathF.Pow(x, y);
    }
}
