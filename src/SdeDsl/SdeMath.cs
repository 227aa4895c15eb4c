using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl;

/// <summary>
/// The math intrinsics a model may call, each in four overloads: scalar <see cref="double"/> and
/// <see cref="float"/>, and lane-wise <see cref="Vector{T}"/> of both. Every overload is
/// allocation-free and never throws; each member states its formula and its accuracy as measured
/// by <c>SdeMathTests</c>. Every vector lane gives the same bits as the scalar overload on the same argument
/// (tested on more than 100,000 points per function and type, special values included), so a loop that finishes
/// with a scalar tail is deterministic whatever the length: the transcendentals are written once as branch-free
/// kernels over <see cref="Vector{T}"/> lanes, and the scalar overload runs the kernel on a broadcast argument. The
/// float transcendentals have their own single-precision kernels (float-accurate, not the double result rounded;
/// docs/accuracy.md), so float kernels run at float speed.
/// </summary>
public static partial class SdeMath
{
    // ---------------------------------------------------------------- Abs

    /// <summary>|x|. Exact.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The absolute value of <paramref name="x"/>; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double x) => Math.Abs(x);

    /// <summary>|x|. Exact.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The absolute value of <paramref name="x"/>; NaN for NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float x) => MathF.Abs(x);

    /// <summary>|x| per lane. Exact; bit-identical to the scalar overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise absolute values.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Abs(Vector<double> x) => Vector.Abs(x);

    /// <summary>|x| per lane. Exact; bit-identical to the scalar overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise absolute values.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Abs(Vector<float> x) => Vector.Abs(x);

    // ---------------------------------------------------------------- Sign

    /// <summary>sign(x) = +1 for x &gt; 0, −1 for x &lt; 0, x itself for ±0 and NaN. Exact.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>+1, −1, ±0 (the zero passed in) or NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sign(double x) => x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : x;

    /// <summary>sign(x) = +1 for x &gt; 0, −1 for x &lt; 0, x itself for ±0 and NaN. Exact.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>+1, −1, ±0 (the zero passed in) or NaN.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sign(float x) => x > 0f ? 1f : x < 0f ? -1f : x;

    /// <summary>
    /// sign(x) per lane = +1 for x &gt; 0, −1 for x &lt; 0, x itself for ±0 and NaN; branch-free
    /// (two comparisons and two selects). Exact; bit-identical to the scalar overload.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise signs.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sign(Vector<double> x) =>
        Vector.ConditionalSelect(
            Vector.GreaterThan(x, Vector<double>.Zero),
            Vector<double>.One,
            Vector.ConditionalSelect(Vector.LessThan(x, Vector<double>.Zero), -Vector<double>.One, x));

    /// <summary>
    /// sign(x) per lane = +1 for x &gt; 0, −1 for x &lt; 0, x itself for ±0 and NaN; branch-free
    /// (two comparisons and two selects). Exact; bit-identical to the scalar overload.
    /// </summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise signs.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sign(Vector<float> x) =>
        Vector.ConditionalSelect(
            Vector.GreaterThan(x, Vector<float>.Zero),
            Vector<float>.One,
            Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), -Vector<float>.One, x));

    // ---------------------------------------------------------------- Sqrt

    /// <summary>√x (IEEE correctly rounded); NaN for x &lt; 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The square root of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <summary>√x (IEEE correctly rounded); NaN for x &lt; 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The square root of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float x) => MathF.Sqrt(x);

    /// <summary>√x per lane (IEEE correctly rounded); bit-identical to the scalar overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise square roots.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sqrt(Vector<double> x) => Vector.SquareRoot(x);

    /// <summary>√x per lane (IEEE correctly rounded); bit-identical to the scalar overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise square roots.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sqrt(Vector<float> x) => Vector.SquareRoot(x);

    // ---------------------------------------------------------------- Square

    /// <summary>x·x, one correctly rounded multiplication.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The square of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Square(double x) => x * x;

    /// <summary>x·x, one correctly rounded multiplication.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>The square of <paramref name="x"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Square(float x) => x * x;

    /// <summary>x·x per lane, one correctly rounded multiplication; bit-identical to the scalar overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise squares.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Square(Vector<double> x) => x * x;

    /// <summary>x·x per lane, one correctly rounded multiplication; bit-identical to the scalar overload.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise squares.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Square(Vector<float> x) => x * x;

    // ---------------------------------------------------------------- Min, Max, Clamp

    /// <summary>min(x, y) as <see cref="Math.Min(double, double)"/>: NaN if either is NaN, −0 &lt; +0. Exact.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>The smaller of the two.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double x, double y) => Math.Min(x, y);

    /// <summary>min(x, y) as <see cref="MathF.Min(float, float)"/>: NaN if either is NaN, −0 &lt; +0. Exact.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>The smaller of the two.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float x, float y) => MathF.Min(x, y);

    /// <summary>
    /// min(x, y) per lane: NaN if either is NaN, −0 &lt; +0. Exact; bit-identical to the scalar overload.
    /// </summary>
    /// <param name="x">The first arguments.</param>
    /// <param name="y">The second arguments.</param>
    /// <returns>The lane-wise minima.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Min(Vector<double> x, Vector<double> y) => Vector.Min(x, y);

    /// <summary>
    /// min(x, y) per lane: NaN if either is NaN, −0 &lt; +0. Exact; bit-identical to the scalar overload.
    /// </summary>
    /// <param name="x">The first arguments.</param>
    /// <param name="y">The second arguments.</param>
    /// <returns>The lane-wise minima.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Min(Vector<float> x, Vector<float> y) => Vector.Min(x, y);

    /// <summary>max(x, y) as <see cref="Math.Max(double, double)"/>: NaN if either is NaN, −0 &lt; +0. Exact.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>The larger of the two.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double x, double y) => Math.Max(x, y);

    /// <summary>max(x, y) as <see cref="MathF.Max(float, float)"/>: NaN if either is NaN, −0 &lt; +0. Exact.</summary>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    /// <returns>The larger of the two.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float x, float y) => MathF.Max(x, y);

    /// <summary>
    /// max(x, y) per lane: NaN if either is NaN, −0 &lt; +0. Exact; bit-identical to the scalar overload.
    /// </summary>
    /// <param name="x">The first arguments.</param>
    /// <param name="y">The second arguments.</param>
    /// <returns>The lane-wise maxima.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Max(Vector<double> x, Vector<double> y) => Vector.Max(x, y);

    /// <summary>
    /// max(x, y) per lane: NaN if either is NaN, −0 &lt; +0. Exact; bit-identical to the scalar overload.
    /// </summary>
    /// <param name="x">The first arguments.</param>
    /// <param name="y">The second arguments.</param>
    /// <returns>The lane-wise maxima.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Max(Vector<float> x, Vector<float> y) => Vector.Max(x, y);

    /// <summary>
    /// clamp(x, lo, hi) = Min(Max(x, lo), hi). Exact. Never throws: for lo &gt; hi the result is hi;
    /// a NaN in any argument gives NaN.
    /// </summary>
    /// <param name="x">The value to clamp.</param>
    /// <param name="lo">The lower bound.</param>
    /// <param name="hi">The upper bound.</param>
    /// <returns><paramref name="x"/> limited to [<paramref name="lo"/>, <paramref name="hi"/>].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Clamp(double x, double lo, double hi) => Math.Min(Math.Max(x, lo), hi);

    /// <summary>
    /// clamp(x, lo, hi) = Min(Max(x, lo), hi). Exact. Never throws: for lo &gt; hi the result is hi;
    /// a NaN in any argument gives NaN.
    /// </summary>
    /// <param name="x">The value to clamp.</param>
    /// <param name="lo">The lower bound.</param>
    /// <param name="hi">The upper bound.</param>
    /// <returns><paramref name="x"/> limited to [<paramref name="lo"/>, <paramref name="hi"/>].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clamp(float x, float lo, float hi) => MathF.Min(MathF.Max(x, lo), hi);

    /// <summary>
    /// clamp(x, lo, hi) = Min(Max(x, lo), hi) per lane. Exact; bit-identical to the scalar overload.
    /// Never throws: where lo &gt; hi the lane is hi.
    /// </summary>
    /// <param name="x">The values to clamp.</param>
    /// <param name="lo">The lower bounds.</param>
    /// <param name="hi">The upper bounds.</param>
    /// <returns>The lane-wise clamped values.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Clamp(Vector<double> x, Vector<double> lo, Vector<double> hi) =>
        Vector.Min(Vector.Max(x, lo), hi);

    /// <summary>
    /// clamp(x, lo, hi) = Min(Max(x, lo), hi) per lane. Exact; bit-identical to the scalar overload.
    /// Never throws: where lo &gt; hi the lane is hi.
    /// </summary>
    /// <param name="x">The values to clamp.</param>
    /// <param name="lo">The lower bounds.</param>
    /// <param name="hi">The upper bounds.</param>
    /// <returns>The lane-wise clamped values.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Clamp(Vector<float> x, Vector<float> lo, Vector<float> hi) =>
        Vector.Min(Vector.Max(x, lo), hi);

    // ---------------------------------------------------------------- vector kernels

    /// <summary>
    /// A branch-free double-precision kernel, written once over <see cref="Vector{T}"/> lanes. Its scalar overload
    /// runs it on a broadcast vector and takes lane 0, so every lane gives the same bits as the scalar overload on the
    /// same argument. The float overloads have their own single-precision kernels (SdeMath.Single.cs).
    /// </summary>
    private interface IDoubleKernel
    {
        static abstract Vector<double> Invoke(Vector<double> x);
    }

    /// <summary>f(x) per lane, x and f(x) in double: lane 0 of the kernel on the broadcast argument.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ScalarOf<TKernel>(double x)
        where TKernel : struct, IDoubleKernel => TKernel.Invoke(Vector.Create<double>(x))[0];

    /// <summary>The sign bit of each lane (0 or 0x8000_0000_0000_0000).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ulong> SignBits(Vector<double> x) =>
        Vector.AsVectorUInt64(x) & Vector.Create(0x8000_0000_0000_0000UL);

    /// <summary>|a| with <paramref name="sign"/> ORed into the sign bit (a must be non-negative or NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> WithSign(Vector<double> a, Vector<ulong> sign) =>
        Vector.AsVectorDouble(Vector.AsVectorUInt64(a) | sign);

    /// <summary>a where the mask is set, else b (a thin name for <see cref="Vector.ConditionalSelect{T}(Vector{T}, Vector{T}, Vector{T})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Select(Vector<long> mask, Vector<double> a, Vector<double> b) =>
        Vector.ConditionalSelect(mask, a, b);

    /// <summary>a where the mask is set, else the broadcast constant b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Select(Vector<long> mask, double a, double b) =>
        Vector.ConditionalSelect(mask, Vector.Create<double>(a), Vector.Create<double>(b));

    // ---------------------------------------------------------------- lane loops

    /// <summary>A scalar function that a vector overload applies lane by lane.</summary>
    private interface IUnaryLaneFunction
    {
        static abstract double Invoke(double x);

        static abstract float Invoke(float x);
    }

    /// <summary>A scalar function of two arguments that a vector overload applies lane by lane.</summary>
    private interface IBinaryLaneFunction
    {
        static abstract double Invoke(double x, double y);

        static abstract float Invoke(float x, float y);
    }

    /// <summary>f(x) per lane through a stack buffer: bit-identical to the scalar f, no heap allocation.</summary>
    private static Vector<double> MapLanes<TFunction>(Vector<double> x)
        where TFunction : struct, IUnaryLaneFunction
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = TFunction.Invoke(x[i]);
        }

        return new Vector<double>(lanes);
    }

    /// <summary>f(x) per lane through a stack buffer: bit-identical to the scalar f, no heap allocation.</summary>
    private static Vector<float> MapLanes<TFunction>(Vector<float> x)
        where TFunction : struct, IUnaryLaneFunction
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = TFunction.Invoke(x[i]);
        }

        return new Vector<float>(lanes);
    }

    /// <summary>f(x, y) per lane through a stack buffer: bit-identical to the scalar f, no heap allocation.</summary>
    private static Vector<double> MapLanes<TFunction>(Vector<double> x, Vector<double> y)
        where TFunction : struct, IBinaryLaneFunction
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = TFunction.Invoke(x[i], y[i]);
        }

        return new Vector<double>(lanes);
    }

    /// <summary>f(x, y) per lane through a stack buffer: bit-identical to the scalar f, no heap allocation.</summary>
    private static Vector<float> MapLanes<TFunction>(Vector<float> x, Vector<float> y)
        where TFunction : struct, IBinaryLaneFunction
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (int i = 0; i < lanes.Length; i++)
        {
            lanes[i] = TFunction.Invoke(x[i], y[i]);
        }

        return new Vector<float>(lanes);
    }
}
