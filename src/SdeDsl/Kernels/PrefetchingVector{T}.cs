using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SdeDsl.Kernels;

/// <summary>
/// <see cref="WholeVector{T}"/> for long spans: each load first asks the processor to fetch the same span
/// <see cref="DistanceBytes"/> further on into its caches (a prefetch, which changes no value and never faults, even past
/// the span's end). A kernel over spans that come from memory computes while its next data arrives, instead of
/// waiting for it. <see cref="VectorKernel.Run{T, TKernel}"/> takes it from <see cref="VectorKernel.PrefetchFrom"/>
/// coordinates on, where the processor has the instruction (x86).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal readonly struct PrefetchingVector<T> : ILanes<T>
    where T : unmanaged
{
    /// <summary>How far ahead of a load its prefetch reaches: 32 cache lines per span. From 512 bytes to 3 KB gave the same
    /// times; 4 KB was slower than no prefetch (docs/performance-log.md, "long spans prefetch ahead of their loads").</summary>
    internal const int DistanceBytes = 2048;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector<T> Load(ref readonly T source, nuint index)
    {
        // A raw address, not a reference past the span: the prefetch is a hint, and a stale address (the array moved)
        // costs nothing but the hint.
        Sse.Prefetch0((byte*)Unsafe.AsPointer(ref Unsafe.AsRef(in source)) + (index * (nuint)sizeof(T)) + DistanceBytes);
        return Vector.LoadUnsafe(in source, index);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
}
