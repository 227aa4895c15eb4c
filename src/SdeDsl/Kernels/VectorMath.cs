using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl.Kernels;

/// <summary>
/// The <see cref="SdeMath"/> intrinsics over <see cref="Vector{T}"/> for a generic element type, so that one
/// generated kernel body serves float and double: each forwards to the <see cref="SdeMath"/> overload of the element
/// type (the JIT folds the type test away). For generated code; call <see cref="SdeMath"/> directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorMath
{
    /// <summary><see cref="SdeMath.Abs(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Abs<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Abs(x.As<T, float>()).As<float, T>() : SdeMath.Abs(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Sign(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sign<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Sign(x.As<T, float>()).As<float, T>() : SdeMath.Sign(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Sqrt(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sqrt<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Sqrt(x.As<T, float>()).As<float, T>() : SdeMath.Sqrt(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Square(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Square<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Square(x.As<T, float>()).As<float, T>() : SdeMath.Square(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Exp(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Exp(x.As<T, float>()).As<float, T>() : SdeMath.Exp(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Log(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Log<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Log(x.As<T, float>()).As<float, T>() : SdeMath.Log(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Pow(Vector{double}, Vector{double})"/>; for float a call (<see cref="PowSingle"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Pow<T>(Vector<T> x, Vector<T> y) where T : unmanaged =>
        typeof(T) == typeof(float) ? PowSingle(x.As<T, float>(), y.As<T, float>()).As<float, T>() : SdeMath.Pow(D(x), D(y)).As<double, T>();

    /// <summary>
    /// <see cref="SdeMath.Pow(Vector{float}, Vector{float})"/> out of line. The float Pow computes in double lanes, its
    /// logarithm and its power of two on every vector of doubles the floats widen to, a hundred instructions and more.
    /// Inlined, a kernel with two of them (four in the 512-bit body, which runs it on two halves) once reached the
    /// JIT's limit on the locals of one method, after which it inlined nothing more, not even a vector constructor
    /// (docs/performance-log.md); and with today's shorter Pow the inlined form was still slower than the call (5.0 against
    /// 4.0 ns per element for a step with two Pows), its constants and temporaries crowding the loop's registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static Vector<float> PowSingle(Vector<float> x, Vector<float> y) => SdeMath.Pow(x, y);

    /// <summary><see cref="SdeMath.Erf(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Erf<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Erf(x.As<T, float>()).As<float, T>() : SdeMath.Erf(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Erfc(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Erfc<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Erfc(x.As<T, float>()).As<float, T>() : SdeMath.Erfc(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Tanh(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Tanh<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Tanh(x.As<T, float>()).As<float, T>() : SdeMath.Tanh(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Atan(Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Atan<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Atan(x.As<T, float>()).As<float, T>() : SdeMath.Atan(D(x)).As<double, T>();

    /// <summary><see cref="SdeMath.Min(Vector{double}, Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Min<T>(Vector<T> x, Vector<T> y) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Min(x.As<T, float>(), y.As<T, float>()).As<float, T>() : SdeMath.Min(D(x), D(y)).As<double, T>();

    /// <summary><see cref="SdeMath.Max(Vector{double}, Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Max<T>(Vector<T> x, Vector<T> y) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.Max(x.As<T, float>(), y.As<T, float>()).As<float, T>() : SdeMath.Max(D(x), D(y)).As<double, T>();

    /// <summary><see cref="SdeMath.Clamp(Vector{double}, Vector{double}, Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Clamp<T>(Vector<T> x, Vector<T> lo, Vector<T> hi) where T : unmanaged =>
        typeof(T) == typeof(float)
            ? SdeMath.Clamp(x.As<T, float>(), lo.As<T, float>(), hi.As<T, float>()).As<float, T>()
            : SdeMath.Clamp(D(x), D(lo), D(hi)).As<double, T>();

    /// <summary><see cref="SdeMath.StudentTCdf(Vector{double}, Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> StudentTCdf<T>(Vector<T> x, Vector<T> nu) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.StudentTCdf(x.As<T, float>(), nu.As<T, float>()).As<float, T>() : SdeMath.StudentTCdf(D(x), D(nu)).As<double, T>();

    /// <summary><see cref="SdeMath.StudentTPdf(Vector{double}, Vector{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> StudentTPdf<T>(Vector<T> x, Vector<T> nu) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.StudentTPdf(x.As<T, float>(), nu.As<T, float>()).As<float, T>() : SdeMath.StudentTPdf(D(x), D(nu)).As<double, T>();

    /// <summary><see cref="StudentTCdf{T}(Vector{T}, Vector{T})"/> with ν the same in every lane, resolved once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> StudentTCdf<T>(Vector<T> x, in StudentTDegrees nu) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.StudentTCdf(x.As<T, float>(), nu).As<float, T>() : SdeMath.StudentTCdf(D(x), Vector.Create<double>(nu.Double)).As<double, T>();

    /// <summary><see cref="StudentTPdf{T}(Vector{T}, Vector{T})"/> with ν the same in every lane, resolved once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> StudentTPdf<T>(Vector<T> x, in StudentTDegrees nu) where T : unmanaged =>
        typeof(T) == typeof(float) ? SdeMath.StudentTPdf(x.As<T, float>(), nu).As<float, T>() : SdeMath.StudentTPdf(D(x), Vector.Create<double>(nu.Double)).As<double, T>();

    /// <summary>The double lanes of a vector that is not float: throws for any other element type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> D<T>(Vector<T> x) where T : unmanaged =>
        typeof(T) == typeof(double) ? x.As<T, double>() : throw new NotSupportedException("Generated kernels support float and double, not " + typeof(T).Name + ".");
}
