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
    /// Computes two whole vectors of coordinates, from <paramref name="index"/> and from
    /// <paramref name="index"/> + <see cref="System.Numerics.Vector{T}.Count"/>: the body twice, side by side, with
    /// each intrinsic that has a two-vector form (<see cref="VectorMath.Erf{T}(System.Numerics.Vector{T}, System.Numerics.Vector{T})"/>)
    /// called once for both. The same bits as two calls of <see cref="Invoke{TLanes}"/> with <see cref="WholeVector{T}"/>.
    /// </summary>
    /// <param name="index">The element offset of the first vector into every span.</param>
    void InvokePair(nuint index);
}
