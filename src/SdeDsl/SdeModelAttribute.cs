namespace SdeDsl;

/// <summary>
/// Marks a <c>partial</c> struct or class as an SDE model: its <see cref="UpdateAttribute"/> method, its
/// <see cref="DriftAttribute"/> and <see cref="DiffusionAttribute"/> methods are compiled by the SdeDsl source
/// generator into fused <see cref="System.Numerics.Vector{T}"/> kernels for <see cref="float"/> and <see cref="double"/>.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Struct | System.AttributeTargets.Class, Inherited = false)]
public sealed class SdeModelAttribute : System.Attribute
{
}
