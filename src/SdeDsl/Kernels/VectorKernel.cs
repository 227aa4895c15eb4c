using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl.Kernels;

/// <summary>
/// The one driver loop of every generated kernel, in the style of <c>System.Numerics.Tensors.TensorPrimitives</c>: the
/// generated code holds only the element-wise body (an <see cref="IVectorKernel{T}"/>), and this loop runs it over
/// whole vectors, then over the remaining coordinates one at a time. For generated code; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorKernel
{
    /// <summary>
    /// Runs <paramref name="kernel"/> over the coordinates 0 .. <paramref name="length"/> − 1: whole vectors first, two at
    /// a time (<see cref="IVectorKernel{T}.InvokePair"/>) and then one, then
    /// the last, partial vector coordinate by coordinate (<see cref="OneLane{T}"/>), so that a coordinate's result does not
    /// depend on its position in the span nor on the span's length.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The generated kernel.</typeparam>
    /// <param name="kernel">The kernel, its references at the start of the spans.</param>
    /// <param name="length">The number of coordinates (the length of every span).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<T, TKernel>(TKernel kernel, int length)
        where T : unmanaged
        where TKernel : IVectorKernel<T>, allows ref struct
    {
        nuint n = (nuint)length;
        nuint width = (nuint)Vector<T>.Count;
        nuint i = 0;
        for (; i + (2 * width) <= n; i += 2 * width)
        {
            kernel.InvokePair(i);
        }

        if (i + width <= n)
        {
            kernel.Invoke<WholeVector<T>>(i);
            i += width;
        }

        if (i < n)
        {
            RunTail<T, TKernel>(kernel, i, n);
        }
    }

    /// <summary>
    /// The tail, out of line: the loop's kernel is not live after the loop, so its hoisted vectors can stay in
    /// registers through the loop instead of being kept for the tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RunTail<T, TKernel>(TKernel kernel, nuint i, nuint n)
        where T : unmanaged
        where TKernel : IVectorKernel<T>, allows ref struct
    {
        for (; i < n; i++)
        {
            kernel.Invoke<OneLane<T>>(i);
        }
    }

    /// <summary>A scalar, computed in double, rounded once to <typeparamref name="T"/> and broadcast to every lane.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="value">The scalar.</param>
    /// <returns>The broadcast vector.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Broadcast<T>(double value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            return new Vector<T>((T)(object)value);
        }

        if (typeof(T) == typeof(float))
        {
            return new Vector<T>((T)(object)(float)value);
        }

        throw new NotSupportedException("Generated kernels support float and double, not " + typeof(T).Name + ".");
    }
}
