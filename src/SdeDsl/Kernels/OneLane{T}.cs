using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl.Kernels;

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
