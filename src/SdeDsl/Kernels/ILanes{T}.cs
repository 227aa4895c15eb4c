using System.ComponentModel;
using System.Numerics;

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
