using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// Runs <paramref name="kernel"/> over the coordinates 0 .. <paramref name="length"/> − 1: whole vectors first (512
    /// bits at a time through <see cref="IVectorKernel{T}.InvokeWide{TWide}"/> where <see cref="UsesWideBody{T}"/> and the span
    /// holds at least <see cref="WideFrom"/> such vectors; else, in a span of at least <see cref="PrefetchFrom"/>
    /// coordinates on x86 that the thread did not declare in cache, with prefetches ahead of the loads,
    /// <see cref="PrefetchingVector{T}"/>; else, in a span as
    /// long as the wide body's, in a loop out of line, <see cref="RunVectors{T, TKernel, TLanes}"/>), then
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
        // From memory (long enough, and not a span this thread declared in cache): prefetches ahead of the loads.
        bool streamed = n >= PrefetchFrom && n >= (nuint)t_inCacheBelow;
        if (UsesWideBody<T>() && n >= WideFrom * (nuint)Vector512<T>.Count)
        {
            // In cache, one 64-byte load per input; streamed from memory, two halves and a prefetch.
            i = streamed ? RunWide<T, TKernel, WideLoadInHalves<T>>(kernel, n) : RunWide<T, TKernel, WideLoad<T>>(kernel, n);
        }
        else if (Sse.IsSupported && streamed)
        {
            i = RunVectors<T, TKernel, PrefetchingVector<T>>(kernel, n);
        }
        else if (n >= WideFrom * (nuint)Vector512<T>.Count)
        {
            i = RunVectors<T, TKernel, WholeVector<T>>(kernel, n);
        }

        for (; i + width <= n; i += width)
        {
            kernel.Invoke<WholeVector<T>>(i);
        }

        if (i < n)
        {
            RunTail<T, TKernel>(kernel, i, n);
        }
    }

    /// <summary>
    /// Spans shorter than this many 512-bit vectors stay on the one-vector body, inlined: for them the call of the wide
    /// loop and the copy of the kernel it takes cost more than the wide body saves (SignSgd's float EM step, ns per call,
    /// one-vector body against wide: 16 floats 24 against 35–50, 64 floats 52 against 59–68, 256 floats 202–205 against
    /// 136–150; docs/performance-log.md). The same length sends the whole vectors out of line where the wide body does
    /// not run (<see cref="RunVectors{T, TKernel, TLanes}"/>).
    /// </summary>
    internal const int WideFrom = 8;

    /// <summary>
    /// From this many coordinates on (16 KB of floats per span), a span is taken to come from memory, unless the thread
    /// declared its spans in cache (<see cref="EnterInCache"/>). There the whole vectors run with prefetches
    /// (<see cref="PrefetchingVector{T}"/>), and the wide body loads each vector in two halves after a prefetch
    /// (<see cref="WideLoadInHalves{T}"/>). The length of one span does not tell where its data are: an optimizer step
    /// over a model's many tensors of a few thousand parameters each, or a long array stepped chunk by chunk between
    /// fills of its normals, reads every span from memory, and without prefetches it waited on each one (SignSGD's
    /// float EM step over 10M coordinates as 610 tensors of 16,384 took 0.59 ns per element against 0.52 with them, as
    /// 2,441 tensors of 4,096 0.84 against 0.69; the benchmarks' <c>--spans-from-memory</c>, docs/performance-log.md).
    /// Below this length a prefetch would reach mostly past the span's end.
    /// </summary>
    internal const int PrefetchFrom = 4096;

    /// <summary>
    /// Spans shorter than this are in cache where a thread declares so (<see cref="EnterInCache"/>): an ensemble's chunks,
    /// whose buffers the caches hold from one step to the next (256 KB of floats per span at this length). There a
    /// prefetch is one more instruction per load (the float AdamW kernel of an ensemble's chunk of 16,384 coordinates
    /// took 3.3 ns per path-step with it against 2.8 without), and one 64-byte load (<see cref="WideLoad{T}"/>) is faster than two halves (the float AdamW Euler–Maruyama kernel
    /// of a chunk took 2.8–2.9 ns per path-step against 3.6–3.7).
    /// </summary>
    internal const int InCacheBelow = 1 << 16;

    /// <summary>This thread's bound below which spans are in cache: 0 (none declared) outside <see cref="EnterInCache"/>.</summary>
    [ThreadStatic]
    private static int t_inCacheBelow;

    /// <summary>
    /// Declares that this thread's spans shorter than <see cref="InCacheBelow"/> are in cache until
    /// <see cref="ExitInCache"/>, which takes the value returned here. It changes only the loads' speed, never a value: the
    /// lanes are the same whichever way a span is loaded.
    /// </summary>
    /// <returns>The thread's previous bound, for <see cref="ExitInCache"/>.</returns>
    internal static int EnterInCache()
    {
        int previous = t_inCacheBelow;
        t_inCacheBelow = InCacheBelow;
        return previous;
    }

    /// <summary>Restores the bound that <see cref="EnterInCache"/> returned.</summary>
    /// <param name="previous">The bound before.</param>
    internal static void ExitInCache(int previous) => t_inCacheBelow = previous;

    /// <summary>This thread's bound below which spans are in cache (0 outside <see cref="EnterInCache"/>); for tests.</summary>
    internal static int ThreadInCacheBound => t_inCacheBelow;

    /// <summary>
    /// The whole vectors of a span, out of line, loaded through <typeparamref name="TLanes"/>: with prefetches
    /// (<see cref="PrefetchingVector{T}"/>) in a long span, else plainly (<see cref="WholeVector{T}"/>) where the wide
    /// body does not run (<see cref="Vector{T}"/> at 512 bits, or no AVX-512). Out of line, the loop gets the kernel as
    /// a parameter of its own and keeps the kernel's hoisted vectors in registers; inlined into the step method, it read
    /// them back from the stack every iteration, and with <see cref="Vector{T}"/> at 512 bits that made the float AdamW
    /// Euler–Maruyama kernel of an ensemble's chunk 1.8–2.3× slower (docs/performance-log.md). And the kernel's body
    /// inlined twice into one method would count twice against the JIT's limit of locals. Returns the first coordinate
    /// it did not run.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nuint RunVectors<T, TKernel, TLanes>(TKernel kernel, nuint n)
        where T : unmanaged
        where TKernel : IVectorKernel<T>, allows ref struct
        where TLanes : struct, ILanes<T>
    {
        nuint width = (nuint)Vector<T>.Count;
        nuint i = 0;
        for (; i + width <= n; i += width)
        {
            kernel.Invoke<TLanes>(i);
        }

        return i;
    }

    /// <summary>
    /// The 512-bit loop, out of line: compiled on its own, it gets an inlining budget of its own, so the wide body's
    /// intrinsics (often each inlined twice, on the two halves) cannot use up the budget of the step method and leave
    /// the one-vector loop calling them. Its inputs are loaded through <typeparamref name="TWide"/>. Returns the first
    /// coordinate it did not compute.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nuint RunWide<T, TKernel, TWide>(TKernel kernel, nuint n)
        where T : unmanaged
        where TKernel : IVectorKernel<T>, allows ref struct
        where TWide : struct, IWideLoads<T>
    {
        nuint wide = (nuint)Vector512<T>.Count;
        nuint i = 0;
        for (; i + wide <= n; i += wide)
        {
            kernel.InvokeWide<TWide>(i);
        }

        return i;
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

    /// <summary>
    /// Whether <see cref="Run{T, TKernel}"/> takes the kernels' 512-bit body: where <see cref="Vector{T}"/> is 256 bits
    /// wide (the .NET default on x64, AVX-512 or not) and the processor runs 512-bit vectors natively. There each
    /// instruction covers twice the lanes, and the division, square root and coefficient permutes that bound the
    /// float steps cost about the same per instruction (docs/performance-log.md). A JIT-time constant.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>True where the wide body runs.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool UsesWideBody<T>()
        where T : unmanaged => Vector512.IsHardwareAccelerated && Vector<T>.Count * 2 == Vector512<T>.Count;

    /// <summary>A scalar, computed in double, rounded once to <typeparamref name="T"/> and broadcast to every lane.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="value">The scalar.</param>
    /// <returns>The broadcast vector.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Broadcast<T>(double value)
        where T : unmanaged => new(Rounded<T>(value));

    /// <summary>Stores a 512-bit vector at <paramref name="index"/>, for the kernels' wide body: one 64-byte store (a store
    /// that spans two cache lines did not slow the steps measured, unlike such loads; see <see cref="WideLoadInHalves{T}"/>).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="value">The vector.</param>
    /// <param name="destination">The start of a span.</param>
    /// <param name="index">The element offset.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreWide<T>(Vector512<T> value, ref T destination, nuint index)
        where T : unmanaged => value.StoreUnsafe(ref destination, index);

    /// <summary><see cref="Broadcast{T}(double)"/> in 512 bits, for the kernels' wide body: the same rounded value in every
    /// lane. Zero where the wide body does not run (<see cref="UsesWideBody{T}"/>), so that kernels built there do not
    /// fill fields nothing reads (on Arm, <see cref="Vector512{T}"/> is emulated).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="value">The scalar.</param>
    /// <returns>The broadcast vector.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast512<T>(double value)
        where T : unmanaged => UsesWideBody<T>() ? Vector512.Create(Rounded<T>(value)) : default;

    /// <summary><paramref name="value"/> rounded once to <typeparamref name="T"/>, float or double.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Rounded<T>(double value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            return (T)(object)value;
        }

        if (typeof(T) == typeof(float))
        {
            return (T)(object)(float)value;
        }

        throw new NotSupportedException("Generated kernels support float and double, not " + typeof(T).Name + ".");
    }
}
