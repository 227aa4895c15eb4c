using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using SdeDsl.Kernels;

namespace SdeDsl.Tests;

/// <summary>Span lengths for tests of generated kernels.</summary>
internal static class KernelLengths
{
    /// <summary>
    /// A length whose run takes every path of <see cref="VectorKernel.Run{T, TKernel}"/> but the prefetching loop of long
    /// spans (<see cref="Prefetched{T}"/>): 8·Count + 3 coordinates, and
    /// where the kernels have a 512-bit body, enough for it to run (from <see cref="VectorKernel.WideFrom"/> 512-bit
    /// vectors on) followed by a whole vector and a partial one.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>The length.</returns>
    public static int EveryPath<T>()
        where T : unmanaged =>
        Math.Max(8 * Vector<T>.Count, (VectorKernel.WideFrom * Vector512<T>.Count) + (2 * Vector<T>.Count)) + 3;

    /// <summary>
    /// A length long enough for <see cref="VectorKernel.Run{T, TKernel}"/>'s prefetching loop (from
    /// <see cref="VectorKernel.PrefetchFrom"/> coordinates on, where there is no 512-bit body), with two more whole
    /// vectors and a partial one: 2·Count + 3 past it.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>The length.</returns>
    public static int Prefetched<T>()
        where T : unmanaged => VectorKernel.PrefetchFrom + (2 * Vector<T>.Count) + 3;
}
