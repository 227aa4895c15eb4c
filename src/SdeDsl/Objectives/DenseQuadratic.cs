using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdeDsl.Objectives;

/// <summary>
/// f(x) = ½ (x − c)ᵀ H (x − c) with a dense symmetric H; ∇f = H (x − c); diag ∇²f = diag H.
/// </summary>
/// <remarks>
/// H need not be definite (an indefinite H gives a saddle at c). It is checked for symmetry to
/// <see cref="SymmetryTolerance"/> times its largest |H_ij| and stored as ½(H + Hᵀ), so that H (x − c) is exactly the
/// gradient of the stored f. Immutable and thread-safe; no call allocates (x − c is formed in a stack buffer for
/// d ≤ 256 and on the fly above). Each row product is a <see cref="System.Numerics.Vector{T}"/> reduction in a fixed
/// order for a given d, so a point's results do not depend on its place in the batch. <c>x</c> and the output span
/// must not overlap.
/// </remarks>
public sealed class DenseQuadratic : IObjective
{
    /// <summary>The largest |H_ij − H_ji| accepted, relative to max |H_ij|.</summary>
    public const double SymmetryTolerance = 1e-10;

    private const int StackDimensionLimit = 256;

    private readonly int _d;
    private readonly double[] _h;
    private readonly double[] _center;
    private readonly double[] _diagonal;

    /// <summary>Creates f(x) = ½ (x − c)ᵀ H (x − c) from a d×d array.</summary>
    /// <param name="h">H, d×d with d ≥ 1, finite and symmetric to <see cref="SymmetryTolerance"/> (copied).</param>
    /// <param name="center">The center c (length d, finite; copied), or empty for the origin.</param>
    /// <exception cref="ArgumentNullException"><paramref name="h"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="h"/> is not square, empty, not finite or not symmetric, or
    /// <paramref name="center"/> has the wrong length or is not finite.</exception>
    public DenseQuadratic(double[,] h, ReadOnlySpan<double> center = default)
        : this(RowMajor(h), center)
    {
    }

    /// <summary>Creates f(x) = ½ (x − c)ᵀ H (x − c) from H in row-major order.</summary>
    /// <param name="h">H, d×d row-major (length d² with d ≥ 1), finite and symmetric to <see cref="SymmetryTolerance"/> (copied).</param>
    /// <param name="center">The center c (length d, finite; copied), or empty for the origin.</param>
    /// <exception cref="ArgumentException"><paramref name="h"/>'s length is not a positive square, or it is not finite
    /// or not symmetric, or <paramref name="center"/> has the wrong length or is not finite.</exception>
    public DenseQuadratic(ReadOnlySpan<double> h, ReadOnlySpan<double> center = default)
    {
        int d = (int)Math.Round(Math.Sqrt(h.Length));
        if (h.IsEmpty || d * d != h.Length)
        {
            throw new ArgumentException($"h must hold d×d elements in row-major order for some d ≥ 1; its length is {h.Length}.", nameof(h));
        }

        ObjectiveArguments.RequireFinite(h, nameof(h));
        double scale = 0;
        foreach (double value in h)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        double[] symmetric = new double[h.Length];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double hij = h[(i * d) + j], hji = h[(j * d) + i];
                if (Math.Abs(hij - hji) > SymmetryTolerance * scale)
                {
                    throw new ArgumentException(
                        $"h must be symmetric: h[{i},{j}] = {hij} but h[{j},{i}] = {hji} (tolerance {SymmetryTolerance} × max |h|).", nameof(h));
                }

                symmetric[(i * d) + j] = hij == hji ? hij : hij + (0.5 * (hji - hij));
            }
        }

        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < i; j++)
            {
                symmetric[(j * d) + i] = symmetric[(i * d) + j];
            }
        }

        if (!center.IsEmpty)
        {
            ObjectiveArguments.RequireLength(center.Length, d, nameof(center), "the dimension d, or 0 for the origin");
            ObjectiveArguments.RequireFinite(center, nameof(center));
        }

        _d = d;
        _h = symmetric;
        _center = center.IsEmpty ? new double[d] : center.ToArray();
        _diagonal = new double[d];
        for (int i = 0; i < d; i++)
        {
            _diagonal[i] = symmetric[(i * d) + i];
        }
    }

    /// <inheritdoc/>
    public int Dimension => _d;

    /// <inheritdoc/>
    public bool HasDiagonalHessian => true;

    /// <summary>H (symmetrized), d×d row-major.</summary>
    public ReadOnlySpan<double> Hessian => _h;

    /// <summary>The center c.</summary>
    public ReadOnlySpan<double> Center => _center;

    /// <summary>f(x) = ½ (x − c)ᵀ H (x − c) = ½ Σ_i (x_i − c_i) (H (x − c))_i at each point.</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="values">One value per point.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="values"/> overlaps <paramref name="x"/>.</exception>
    public void Value(ReadOnlySpan<double> x, Span<double> values)
    {
        int d = _d;
        int points = ObjectiveArguments.PointCount(x.Length, d);
        ObjectiveArguments.RequireOutput(x, values, points, nameof(values), "one per point of x");

        Span<double> y = d <= StackDimensionLimit ? stackalloc double[d] : default;
        for (int p = 0; p < points; p++)
        {
            ReadOnlySpan<double> xp = x.Slice(p * d, d);
            double sum = 0;
            if (d <= StackDimensionLimit)
            {
                Difference(xp, y);
                for (int i = 0; i < d; i++)
                {
                    sum += y[i] * RowTimes(i, y);
                }
            }
            else
            {
                for (int i = 0; i < d; i++)
                {
                    sum += (xp[i] - _center[i]) * RowTimesDifference(i, xp);
                }
            }

            values[p] = 0.5 * sum;
        }
    }

    /// <summary>∇f(x) = H (x − c) at each point.</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="gradient">The gradients, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="gradient"/> overlaps <paramref name="x"/>.</exception>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int d = _d;
        int points = ObjectiveArguments.PointCount(x.Length, d);
        ObjectiveArguments.RequireOutput(x, gradient, x.Length, nameof(gradient), "the length of x");

        Span<double> y = d <= StackDimensionLimit ? stackalloc double[d] : default;
        for (int p = 0; p < points; p++)
        {
            ReadOnlySpan<double> xp = x.Slice(p * d, d);
            Span<double> gp = gradient.Slice(p * d, d);
            if (d <= StackDimensionLimit)
            {
                Difference(xp, y);
                for (int i = 0; i < d; i++)
                {
                    gp[i] = RowTimes(i, y);
                }
            }
            else
            {
                for (int i = 0; i < d; i++)
                {
                    gp[i] = RowTimesDifference(i, xp);
                }
            }
        }
    }

    /// <summary>diag ∇²f = diag H at each point (independent of x).</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="diagonal">The diagonals, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="diagonal"/> overlaps <paramref name="x"/>.</exception>
    public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal)
    {
        int points = ObjectiveArguments.PointCount(x.Length, _d);
        ObjectiveArguments.RequireOutput(x, diagonal, x.Length, nameof(diagonal), "the length of x");
        for (int p = 0; p < points; p++)
        {
            _diagonal.CopyTo(diagonal.Slice(p * _d, _d));
        }
    }

    private void Difference(ReadOnlySpan<double> xp, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = xp[i] - _center[i];
        }
    }

    // (H y)_i; bit-identical to RowTimesDifference(i, x) when y = x − c, since both sum H_ij·(x_j − c_j) in one order.
    private double RowTimes(int i, ReadOnlySpan<double> y)
    {
        ref double row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_h), i * _d);
        ref double yr = ref MemoryMarshal.GetReference(y);
        return SpanReduction.Sum<ProductTerm>(ref row, ref yr, ref yr, _d);
    }

    private double RowTimesDifference(int i, ReadOnlySpan<double> xp)
    {
        ref double row = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_h), i * _d);
        return SpanReduction.Sum<ProductWithDifferenceTerm>(
            ref row, ref MemoryMarshal.GetReference(xp), ref MemoryMarshal.GetArrayDataReference(_center), _d);
    }

    private static double[] RowMajor(double[,] h)
    {
        ArgumentNullException.ThrowIfNull(h);
        int rows = h.GetLength(0), columns = h.GetLength(1);
        if (rows != columns)
        {
            throw new ArgumentException($"h must be square; it is {rows}×{columns}.", nameof(h));
        }

        double[] flat = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                flat[(i * columns) + j] = h[i, j];
            }
        }

        return flat;
    }
}
