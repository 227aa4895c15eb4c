using System.ComponentModel;

namespace SdeDsl.Kernels;

/// <summary>
/// The degrees of freedom ν of a <c>StudentTCdf</c> or <c>StudentTPdf</c> call whose ν is the same for every element (a
/// hyperparameter, or any expression of them), resolved once per kernel call. Generated kernels hoist it into a field,
/// like their other scalars. Their loops then take the float function's path for ν without looking at ν: no test that
/// every lane holds the same ν, no lookup of ν's table, and no call on any path (every ν &gt; 0 has a table; a call
/// would make the register allocator spill the values that live across it, even on the path that does not take it).
/// The results are the bits of the per-vector overloads with ν in every lane. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct StudentTDegrees
{
    private StudentTDegrees(double nu, SdeMath.StudentTSingleTable? table)
    {
        Double = nu;
        Single = (float)nu;
        Table = table;
    }

    /// <summary>ν, for double kernels.</summary>
    internal double Double { get; }

    /// <summary>ν rounded to float, as a float kernel broadcasts it.</summary>
    internal float Single { get; }

    /// <summary>The float table of ν (that of 1e7 for ν ≥ 1e7) when ν &gt; 0 and the kernel is float; else null.</summary>
    internal SdeMath.StudentTSingleTable? Table { get; }

    /// <summary>ν for a kernel over <typeparamref name="T"/>: for float, its table is looked up (or built, once per
    /// process and ν) here rather than in the loop.</summary>
    /// <typeparam name="T">The kernel's element type.</typeparam>
    /// <param name="nu">The degrees of freedom.</param>
    /// <returns>The resolved degrees of freedom.</returns>
    public static StudentTDegrees Of<T>(double nu)
        where T : unmanaged =>
        new(nu, typeof(T) == typeof(float) ? SdeMath.StudentTTableOrNull((float)nu) : null);
}
