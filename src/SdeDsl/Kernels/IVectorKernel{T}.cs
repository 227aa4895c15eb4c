using System.ComponentModel;

namespace SdeDsl.Kernels;

/// <summary>
/// The element-wise body of a generated kernel, for <see cref="VectorKernel.Run{T, TKernel}"/>: a <c>ref struct</c>
/// that holds references to the start of every span it reads or writes and its scalars, hoisted and broadcast, and
/// computes one block of coordinates. Implemented by generated code; not meant to be implemented by hand.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IVectorKernel<T>
    where T : unmanaged
{
    /// <summary>
    /// Computes the coordinates from <paramref name="index"/> on: a whole vector of them with
    /// <see cref="WholeVector{T}"/>, one of them with <see cref="OneLane{T}"/>. The body is written once over
    /// <see cref="System.Numerics.Vector{T}"/>, so a coordinate gets the same bits in either.
    /// </summary>
    /// <typeparam name="TLanes">How the body loads and stores its lanes.</typeparam>
    /// <param name="index">The element offset into every span.</param>
    void Invoke<TLanes>(nuint index)
        where TLanes : struct, ILanes<T>;

    /// <summary>
    /// Computes the <see cref="System.Runtime.Intrinsics.Vector512{T}.Count"/> coordinates from
    /// <paramref name="index"/> on, with the body written over <see cref="System.Runtime.Intrinsics.Vector512{T}"/>
    /// and <see cref="VectorMath512"/>: every lane gets the bits of <see cref="Invoke{TLanes}"/>.
    /// <see cref="VectorKernel.Run{T, TKernel}"/> calls it only where <see cref="System.Numerics.Vector{T}"/> is 256
    /// bits wide and 512-bit vectors are hardware accelerated.
    /// </summary>
    /// <typeparam name="TWide">How the body loads its inputs (<see cref="IWideLoads{T}"/>).</typeparam>
    /// <param name="index">The element offset into every span.</param>
    void InvokeWide<TWide>(nuint index)
        where TWide : struct, IWideLoads<T>;
}
