using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdeDsl.Objectives;

/// <summary>
/// f(x) = ½ Σ_i λ_i (x_i − c_i)²; ∇f = λ ⊙ (x − c); diag ∇²f = λ. The quadratic of docs/math.md (SGD to weak approximation) (H = diag λ,
/// minimum at c when every λ_i &gt; 0; λ_i ≤ 0 is allowed and gives a saddle or a flat direction).
/// </summary>
/// <remarks>
/// Immutable and thread-safe; no call allocates. The gradient and the diagonal Hessian are element-wise, so they run
/// as one <see cref="Vector{T}"/> loop over the whole flat batch whatever d is: λ and c are tiled to a period that is a
/// multiple of both d and <see cref="Vector{T}.Count"/>. Every element gets the same bits as the scalar formula, so a
/// point's results do not depend on its place in the batch. <c>x</c> and the output span must not overlap. The float
/// gradient (<see cref="Gradient(ReadOnlySpan{float}, Span{float})"/>) computes (float)λ_i·(x_i − (float)c_i) in float:
/// four roundings (λ, c, the difference, the product), so it is within 4·2^−24·|λ_i|·(|x_i| + |c_i|) of the exact
/// gradient at the float point.
/// </remarks>
public sealed class DiagonalQuadratic : ISinglePrecisionObjective
{
    // Above this dimension the tile is one point (period d): tiling a large d would only copy λ.
    private const int TiledDimensionLimit = 64;

    private readonly double[] _lambda;
    private readonly double[] _center;
    private readonly double[] _lambdaTile;
    private readonly double[] _centerTile;
    private readonly float[] _lambdaTileSingle;
    private readonly float[] _centerTileSingle;

    /// <summary>Creates f(x) = ½ Σ_i λ_i (x_i − c_i)².</summary>
    /// <param name="lambda">The diagonal of H, λ_1 … λ_d: at least one element, all finite (copied).</param>
    /// <param name="center">The center c (length d, finite; copied), or empty for the origin.</param>
    /// <exception cref="ArgumentException"><paramref name="lambda"/> is empty or not finite, or
    /// <paramref name="center"/> has the wrong length or is not finite.</exception>
    public DiagonalQuadratic(ReadOnlySpan<double> lambda, ReadOnlySpan<double> center = default)
    {
        if (lambda.IsEmpty)
        {
            throw new ArgumentException("lambda must have at least one element (it sets the dimension d).", nameof(lambda));
        }

        ObjectiveArguments.RequireFinite(lambda, nameof(lambda));
        int d = lambda.Length;
        if (!center.IsEmpty)
        {
            ObjectiveArguments.RequireLength(center.Length, d, nameof(center), "the dimension d = lambda.Length, or 0 for the origin");
            ObjectiveArguments.RequireFinite(center, nameof(center));
        }

        _lambda = lambda.ToArray();
        _center = center.IsEmpty ? new double[d] : center.ToArray();

        int period = d >= TiledDimensionLimit ? d : d / Gcd(d, Vector<double>.Count) * Vector<double>.Count;
        _lambdaTile = Tile(_lambda, period);
        _centerTile = Tile(_center, period);
        int singlePeriod = d >= TiledDimensionLimit ? d : d / Gcd(d, Vector<float>.Count) * Vector<float>.Count;
        _lambdaTileSingle = Narrow(Tile(_lambda, singlePeriod));
        _centerTileSingle = Narrow(Tile(_center, singlePeriod));
    }

    /// <inheritdoc/>
    public int Dimension => _lambda.Length;

    /// <inheritdoc/>
    public bool HasDiagonalHessian => true;

    /// <summary>The diagonal of H, λ.</summary>
    public ReadOnlySpan<double> Lambda => _lambda;

    /// <summary>The center c (the minimum when every λ_i &gt; 0).</summary>
    public ReadOnlySpan<double> Center => _center;

    /// <summary>f(x) = ½ Σ_i λ_i (x_i − c_i)² at each point.</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="values">One value per point.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="values"/> overlaps <paramref name="x"/>.</exception>
    public void Value(ReadOnlySpan<double> x, Span<double> values)
    {
        int d = _lambda.Length;
        int points = ObjectiveArguments.PointCount(x.Length, d);
        ObjectiveArguments.RequireOutput(x, values, points, nameof(values), "one per point of x");

        ref double lambda = ref MemoryMarshal.GetArrayDataReference(_lambda);
        ref double center = ref MemoryMarshal.GetArrayDataReference(_center);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        for (int p = 0; p < points; p++)
        {
            values[p] = 0.5 * SpanReduction.Sum<WeightedSquaredDifferenceTerm>(ref lambda, ref Unsafe.Add(ref x0, p * d), ref center, d);
        }
    }

    /// <summary>∇f(x) = λ ⊙ (x − c) at each point.</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="gradient">The gradients, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="gradient"/> overlaps <paramref name="x"/>.</exception>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        ObjectiveArguments.PointCount(x.Length, _lambda.Length);
        ObjectiveArguments.RequireOutput(x, gradient, x.Length, nameof(gradient), "the length of x");

        Gradient(_lambdaTile, _centerTile, x, gradient);
    }

    /// <summary>∇f(x) = λ ⊙ (x − c) at each float point, computed in float (see the remarks for its accuracy).</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="gradient">The gradients, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="gradient"/> overlaps <paramref name="x"/>.</exception>
    public void Gradient(ReadOnlySpan<float> x, Span<float> gradient)
    {
        ObjectiveArguments.PointCount(x.Length, _lambda.Length);
        ObjectiveArguments.RequireOutput(x, gradient, x.Length, nameof(gradient), "the length of x");
        Gradient(_lambdaTileSingle, _centerTileSingle, x, gradient);
    }

    /// <summary>λ ⊙ (x − c) over the flat batch, one <see cref="Vector{T}"/> loop per period of the tiles.</summary>
    private static void Gradient<T>(T[] lambdaTile, T[] centerTile, ReadOnlySpan<T> x, Span<T> gradient)
        where T : struct, IFloatingPointIeee754<T>
    {
        int period = lambdaTile.Length;
        ref T lambda = ref MemoryMarshal.GetArrayDataReference(lambdaTile);
        ref T center = ref MemoryMarshal.GetArrayDataReference(centerTile);
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T gs = ref MemoryMarshal.GetReference(gradient);
        int k = Vector<T>.Count;
        for (int offset = 0; offset < x.Length; offset += period)
        {
            int length = Math.Min(period, x.Length - offset);
            ref T xo = ref Unsafe.Add(ref xs, offset);
            ref T go = ref Unsafe.Add(ref gs, offset);
            int i = 0;
            for (; i <= length - k; i += k)
            {
                Vector<T> y = Vector.LoadUnsafe(ref xo, (nuint)i) - Vector.LoadUnsafe(ref center, (nuint)i);
                (Vector.LoadUnsafe(ref lambda, (nuint)i) * y).StoreUnsafe(ref go, (nuint)i);
            }

            for (; i < length; i++)
            {
                Unsafe.Add(ref go, i) = Unsafe.Add(ref lambda, i) * (Unsafe.Add(ref xo, i) - Unsafe.Add(ref center, i));
            }
        }
    }

    /// <summary>diag ∇²f = λ at each point (independent of x).</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="diagonal">The diagonals, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="diagonal"/> overlaps <paramref name="x"/>.</exception>
    public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal)
    {
        ObjectiveArguments.PointCount(x.Length, _lambda.Length);
        ObjectiveArguments.RequireOutput(x, diagonal, x.Length, nameof(diagonal), "the length of x");

        ReadOnlySpan<double> tile = _lambdaTile;
        for (int offset = 0; offset < diagonal.Length; offset += tile.Length)
        {
            int length = Math.Min(tile.Length, diagonal.Length - offset);
            tile[..length].CopyTo(diagonal.Slice(offset, length));
        }
    }

    private static double[] Tile(double[] source, int period)
    {
        double[] tile = new double[period];
        for (int offset = 0; offset < period; offset += source.Length)
        {
            source.CopyTo(tile, offset);
        }

        return tile;
    }

    private static float[] Narrow(double[] source)
    {
        var result = new float[source.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)source[i];
        }

        return result;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
