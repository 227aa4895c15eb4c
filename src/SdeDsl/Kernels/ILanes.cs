using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl.Kernels;

/// <summary>
/// How a kernel body reads and writes its spans: <see cref="WholeVector{T}"/> for the full vectors of the loop,
/// <see cref="OneLane{T}"/> for the coordinates of the tail. For generated code.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILanes<T>
    where T : unmanaged
{
    /// <summary>The lanes of the block at <paramref name="index"/>.</summary>
    /// <param name="source">The start of a span.</param>
    /// <param name="index">The element offset.</param>
    /// <returns>The block's lanes.</returns>
    static abstract Vector<T> Load(ref readonly T source, nuint index);

    /// <summary>Writes the block's lanes back at <paramref name="index"/>.</summary>
    /// <param name="value">The lanes.</param>
    /// <param name="destination">The start of a span.</param>
    /// <param name="index">The element offset.</param>
    static abstract void Store(Vector<T> value, ref T destination, nuint index);
}

/// <summary><see cref="Vector{T}.Count"/> consecutive coordinates, loaded and stored as one vector.</summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct WholeVector<T> : ILanes<T>
    where T : unmanaged
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load(ref readonly T source, nuint index) => Vector.LoadUnsafe(in source, index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
}

/// <summary>
/// One coordinate, broadcast to every lane on load; lane 0 is stored. As every operation of a kernel body is
/// lane-wise, the coordinate gets the bits it would get in any lane of a whole vector.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct OneLane<T> : ILanes<T>
    where T : unmanaged
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load(ref readonly T source, nuint index) => new(Unsafe.Add(ref Unsafe.AsRef(in source), index));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<T> value, ref T destination, nuint index) => Unsafe.Add(ref destination, index) = value.GetElement(0);
}
