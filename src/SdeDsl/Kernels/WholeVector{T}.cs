using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl.Kernels;

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
