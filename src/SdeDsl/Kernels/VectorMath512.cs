using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdeDsl.Kernels;

/// <summary>
/// The <see cref="VectorMath"/> intrinsics over <see cref="Vector512{T}"/>, for the 512-bit body of generated kernels
/// (<see cref="IVectorKernel{T}.InvokeWide{TWide}"/>). That body runs only where <see cref="Vector{T}"/> is 256 bits wide and
/// <see cref="Vector512.IsHardwareAccelerated"/>: then each function gives every lane the bits of its
/// <see cref="VectorMath"/> form, either by the same operations at twice the width (the exact ones, and the float Erf,
/// Erfc, Exp, Log, Tanh, Atan and Student-t CDF and density from ν's table) or by running the <see cref="Vector{T}"/>
/// form on the two halves (the double kernels, Pow, and the Student-t functions with ν varying by lane). For generated
/// code; call <see cref="SdeMath"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorMath512
{
    /// <summary><see cref="VectorMath.Abs{T}(Vector{T})"/>: the same operation, exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Abs<T>(Vector512<T> x) where T : unmanaged => Vector512.Abs(x);

    /// <summary><see cref="VectorMath.Sign{T}(Vector{T})"/>: the same comparisons and selects (+1, −1, or x itself for
    /// ±0 and NaN), exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sign<T>(Vector512<T> x) where T : unmanaged =>
        Vector512.ConditionalSelect(
            Vector512.GreaterThan(x, Vector512<T>.Zero),
            Vector512<T>.One,
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), -Vector512<T>.One, x));

    /// <summary><see cref="VectorMath.Sqrt{T}(Vector{T})"/>: the same operation, correctly rounded at any width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sqrt<T>(Vector512<T> x) where T : unmanaged => Vector512.Sqrt(x);

    /// <summary><see cref="VectorMath.Square{T}(Vector{T})"/>: x·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Square<T>(Vector512<T> x) where T : unmanaged => x * x;

    /// <summary><see cref="VectorMath.Exp{T}(Vector{T})"/>: for float, the same kernel at sixteen lanes; for double, on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x) where T : unmanaged =>
        Avx512F.IsSupported && typeof(T) == typeof(float)
            ? SdeMath.Exp512(x.As<T, float>()).As<float, T>()
            : Join(VectorMath.Exp(Lower(x)), VectorMath.Exp(Upper(x)));

    /// <summary><see cref="VectorMath.Log{T}(Vector{T})"/>: for float, the same kernel at sixteen lanes; for double, on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log<T>(Vector512<T> x) where T : unmanaged =>
        Avx512F.IsSupported && typeof(T) == typeof(float)
            ? SdeMath.Log512(x.As<T, float>()).As<float, T>()
            : Join(VectorMath.Log(Lower(x)), VectorMath.Log(Upper(x)));

    /// <summary><see cref="VectorMath.Pow{T}(Vector{T}, Vector{T})"/>, on each half; for float one call for both halves
    /// (<see cref="PowSingle"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Pow<T>(Vector512<T> x, Vector512<T> y) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? PowSingle(x.As<T, float>(), y.As<T, float>()).As<float, T>()
            : Join(VectorMath.Pow(Lower(x), Lower(y)), VectorMath.Pow(Upper(x), Upper(y)));

    /// <summary>The float Pow on both halves, out of line for the reason given at <see cref="VectorMath.PowSingle"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> PowSingle(Vector512<float> x, Vector512<float> y) =>
        Join(SdeMath.Pow(Lower(x), Lower(y)), SdeMath.Pow(Upper(x), Upper(y)));

    /// <summary><see cref="VectorMath.Erf{T}(Vector{T})"/>: for float, the same kernel at sixteen lanes (its coefficient
    /// permutes cover twice the lanes); for double, on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Erf<T>(Vector512<T> x) where T : unmanaged =>
        Avx512F.IsSupported && typeof(T) == typeof(float)
            ? SdeMath.Erf512(x.As<T, float>()).As<float, T>()
            : Join(VectorMath.Erf(Lower(x)), VectorMath.Erf(Upper(x)));

    /// <summary><see cref="VectorMath.Erfc{T}(Vector{T})"/>: for float, the same kernel at sixteen lanes; for double, on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Erfc<T>(Vector512<T> x) where T : unmanaged =>
        Avx512F.IsSupported && typeof(T) == typeof(float)
            ? SdeMath.Erfc512(x.As<T, float>()).As<float, T>()
            : Join(VectorMath.Erfc(Lower(x)), VectorMath.Erfc(Upper(x)));

    /// <summary><see cref="VectorMath.Tanh{T}(Vector{T})"/>: for float, the same kernel at sixteen lanes; for double, on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Tanh<T>(Vector512<T> x) where T : unmanaged =>
        Avx512F.IsSupported && typeof(T) == typeof(float)
            ? SdeMath.Tanh512(x.As<T, float>()).As<float, T>()
            : Join(VectorMath.Tanh(Lower(x)), VectorMath.Tanh(Upper(x)));

    /// <summary><see cref="VectorMath.Atan{T}(Vector{T})"/>: for float, the same kernel at sixteen lanes; for double, on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Atan<T>(Vector512<T> x) where T : unmanaged =>
        Avx512F.IsSupported && typeof(T) == typeof(float)
            ? SdeMath.Atan512(x.As<T, float>()).As<float, T>()
            : Join(VectorMath.Atan(Lower(x)), VectorMath.Atan(Upper(x)));

    /// <summary><see cref="VectorMath.Min{T}(Vector{T}, Vector{T})"/>: the same operation (NaN if either is NaN, −0 &lt; +0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Min<T>(Vector512<T> x, Vector512<T> y) where T : unmanaged => Vector512.Min(x, y);

    /// <summary><see cref="VectorMath.Max{T}(Vector{T}, Vector{T})"/>: the same operation (NaN if either is NaN, −0 &lt; +0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Max<T>(Vector512<T> x, Vector512<T> y) where T : unmanaged => Vector512.Max(x, y);

    /// <summary><see cref="VectorMath.Clamp{T}(Vector{T}, Vector{T}, Vector{T})"/>: Min(Max(x, lo), hi).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Clamp<T>(Vector512<T> x, Vector512<T> lo, Vector512<T> hi) where T : unmanaged => Vector512.Min(Vector512.Max(x, lo), hi);

    /// <summary><see cref="VectorMath.StudentTCdf{T}(Vector{T}, Vector{T})"/>, on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> StudentTCdf<T>(Vector512<T> x, Vector512<T> nu) where T : unmanaged =>
        Join(VectorMath.StudentTCdf(Lower(x), Lower(nu)), VectorMath.StudentTCdf(Upper(x), Upper(nu)));

    /// <summary><see cref="VectorMath.StudentTPdf{T}(Vector{T}, Vector{T})"/>, on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> StudentTPdf<T>(Vector512<T> x, Vector512<T> nu) where T : unmanaged =>
        Join(VectorMath.StudentTPdf(Lower(x), Lower(nu)), VectorMath.StudentTPdf(Upper(x), Upper(nu)));

    /// <summary><see cref="VectorMath.StudentTCdf{T}(Vector{T}, in StudentTDegrees)"/>: for float the same kernel at
    /// sixteen lanes (NaN where ν has no table: NaN or ≤ 0), with no call in the loop; for double on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> StudentTCdf<T>(Vector512<T> x, in StudentTDegrees nu) where T : unmanaged =>
        Avx512F.IsSupported && typeof(T) == typeof(float)
            ? (nu.Table is { } table ? SdeMath.StudentTCdf512(x.As<T, float>(), table) : Vector512.Create(float.NaN)).As<float, T>()
            : StudentTCdfOnHalves(x, nu);

    /// <summary>
    /// <see cref="StudentTCdf{T}(Vector512{T}, in StudentTDegrees)"/> on each half, out of line: for double a lane loop
    /// anyway, which inlined would count against the JIT's limit on the locals of one method (512, inlines included):
    /// past it the JIT inlines nothing more, and the loop calls its vector helpers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<T> StudentTCdfOnHalves<T>(Vector512<T> x, in StudentTDegrees nu) where T : unmanaged =>
        Join(VectorMath.StudentTCdf(Lower(x), nu), VectorMath.StudentTCdf(Upper(x), nu));

    /// <summary><see cref="VectorMath.StudentTPdf{T}(Vector{T}, in StudentTDegrees)"/>: for float the same kernel at
    /// sixteen lanes (NaN where ν has no table), with no call in the loop; for double on each half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> StudentTPdf<T>(Vector512<T> x, in StudentTDegrees nu) where T : unmanaged =>
        Avx512F.IsSupported && typeof(T) == typeof(float)
            ? (nu.Table is { } table ? SdeMath.StudentTPdf512(x.As<T, float>(), table) : Vector512.Create(float.NaN)).As<float, T>()
            : StudentTPdfOnHalves(x, nu);

    /// <summary><see cref="StudentTPdf{T}(Vector512{T}, in StudentTDegrees)"/> on each half, out of line (see
    /// <see cref="StudentTCdfOnHalves{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<T> StudentTPdfOnHalves<T>(Vector512<T> x, in StudentTDegrees nu) where T : unmanaged =>
        Join(VectorMath.StudentTPdf(Lower(x), nu), VectorMath.StudentTPdf(Upper(x), nu));

    /// <summary>The lower half as a <see cref="Vector{T}"/> (256 bits wide wherever the 512-bit body runs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Lower<T>(Vector512<T> x) where T : unmanaged => x.GetLower().AsVector();

    /// <summary>The upper half as a <see cref="Vector{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Upper<T>(Vector512<T> x) where T : unmanaged => x.GetUpper().AsVector();

    /// <summary>Two 256-bit halves as one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Join<T>(Vector<T> lower, Vector<T> upper) where T : unmanaged =>
        Vector512.Create(lower.AsVector256(), upper.AsVector256());
}
