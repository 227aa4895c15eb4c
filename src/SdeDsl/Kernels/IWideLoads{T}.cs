using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.Kernels;

/// <summary>
/// How the kernels' 512-bit body (<see cref="IVectorKernel{T}.InvokeWide{TWide}"/>) loads its inputs:
/// <see cref="WideLoad{T}"/> in a span the caches hold, <see cref="WideLoadInHalves{T}"/> in one streamed from memory.
/// The lanes are the same either way; only the speed differs. For generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWideLoads<T>
    where T : unmanaged
{
    /// <summary>The 512-bit vector at <paramref name="index"/>.</summary>
    /// <param name="source">The start of a span.</param>
    /// <param name="index">The element offset.</param>
    /// <returns>The vector.</returns>
    static abstract Vector512<T> Load(ref readonly T source, nuint index);
}

/// <summary>
/// One 64-byte load per vector, for spans in cache (short ones, and an ensemble's chunks; see
/// <see cref="VectorKernel.PrefetchFrom"/>): there
/// a load that spans two cache lines costs little, and the two halves' insert is one more operation per input (an
/// ensemble's float AdamW Euler–Maruyama kernel took 2.8–2.9 ns per path-step with one load against 3.6–3.7 with halves).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct WideLoad<T> : IWideLoads<T>
    where T : unmanaged
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref readonly T source, nuint index) => Vector512.LoadUnsafe(in source, index);
}

/// <summary>
/// Two 32-byte loads per vector and an insert, for spans streamed from memory, after a prefetch of the same span
/// <see cref="PrefetchingVector{T}.DistanceBytes"/> further on (one per 64-byte vector, so one per cache line). A
/// 64-byte load that is not 64-byte aligned (as a GC array's elements usually are not) spans two cache lines, and such
/// loads slowed a memory-bound step by 40 % on the development machine, where two 32-byte loads did not (SGD's float
/// SDE step over 4M coordinates took 0.55 ns per element with one load against 0.34 with two on the Zen 5). The
/// prefetch matters where the processor's own prefetcher has not caught up with a span: a long array stepped chunk by
/// chunk between fills of its normals (SignSGD's float EM step: 0.59 ns per element against 0.50 with it), or many
/// short tensors; over one long span of 10M parameters it took AdamW's optimizer step from 1.76–1.80 to 1.89–2.00 times
/// the triad's bandwidth, and the SDE steps over 4M coordinates moved less than the runs vary. Needs AVX-512F, as the
/// wide body does.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct WideLoadInHalves<T> : IWideLoads<T>
    where T : unmanaged
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<T> Load(ref readonly T source, nuint index)
    {
        // A raw address, not a reference past the span: the prefetch is a hint that never faults (PrefetchingVector).
        System.Runtime.Intrinsics.X86.Sse.Prefetch0((byte*)Unsafe.AsPointer(ref Unsafe.AsRef(in source)) + (index * (nuint)sizeof(T)) + PrefetchingVector<T>.DistanceBytes);

        // Vector512.Create of the two loads would be folded by the JIT into one 64-byte load; an insert keeps them two.
        Vector512<float> lower = Vector256.LoadUnsafe(in source, index).AsSingle().ToVector512Unsafe();
        Vector256<float> upper = Vector256.LoadUnsafe(in source, index + (nuint)Vector256<T>.Count).AsSingle();
        return System.Runtime.Intrinsics.X86.Avx512F.InsertVector256(lower, upper, 1).As<float, T>();
    }
}
