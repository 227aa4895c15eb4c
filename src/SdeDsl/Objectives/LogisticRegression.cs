using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdeDsl.Objectives;

/// <summary>
/// L2-regularized logistic regression on a data set of n examples (a_j, y_j), a_j ∈ R^d, labels y_j ∈ {−1, +1}:
/// f(w) = (1/n) Σ_j log(1 + exp(−y_j wᵀa_j)) + (λ/2)‖w‖², λ = <see cref="L2"/>;
/// ∇f(w) = (1/n) Σ_j −y_j σ(−y_j wᵀa_j) a_j + λ w;
/// diag ∇²f(w)_i = (1/n) Σ_j σ(wᵀa_j)(1 − σ(wᵀa_j)) a_ji² + λ, with σ(z) = 1/(1 + e^{−z}).
/// </summary>
/// <remarks>
/// <para>Labels are ±1 (not 0/1), matching the formula. Every logarithm and exponential is evaluated stably:
/// log(1 + e^z) = max(z, 0) + log1p(e^{−|z|}), and σ from e^{−|z|}, so no margin overflows.</para>
/// <para>As an <see cref="IFiniteSumObjective"/>, example j's gradient is −y_j σ(−y_j wᵀa_j) a_j + λ w (its loss
/// gradient plus the whole L2 term), so that the mean of the n example gradients is ∇f.</para>
/// <para>Layout and speed: the features are also stored transposed (d rows of n examples, zero-padded to a multiple
/// of 16), so each point's margins, sigmoids and sums run as <see cref="Vector{T}"/> loops along the
/// examples, whatever d is, in blocks of 256 examples held on the stack. Immutable and thread-safe; no call allocates.
/// Each point is computed in an order fixed by n and d alone, so its results do not depend on its place in the batch,
/// nor on the machine's vector width.
/// <c>x</c> and the output span must not overlap.</para>
/// </remarks>
public sealed class LogisticRegression : IFiniteSumObjective
{
    private const int Block = 256;

    /// <summary>The examples are padded to a multiple of 16 (a multiple of every <see cref="Vector{T}"/> width), not of
    /// this machine's width, so that every sum runs over the same length, in the same order, on every machine.</summary>
    private const int Padding = 16;

    private readonly int _n;
    private readonly int _d;
    private readonly int _paddedN;
    private readonly double _l2;
    private readonly double[] _features;
    private readonly double[] _labels;
    private readonly double[] _featuresByColumn;
    private readonly double[] _paddedLabels;

    /// <summary>Creates the objective for a data set.</summary>
    /// <param name="features">The n×d feature matrix, row-major (example j is <c>features[j*d .. (j+1)*d)</c>); finite; copied.</param>
    /// <param name="labels">The n labels, each −1 or +1; n ≥ 1 (with <paramref name="features"/> it sets d); copied.</param>
    /// <param name="l2">The L2 coefficient λ, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException">A data array is empty, not finite or of inconsistent length, a label is not
    /// ±1, or <paramref name="l2"/> is out of range.</exception>
    public LogisticRegression(ReadOnlySpan<double> features, ReadOnlySpan<double> labels, double l2 = 0.0)
    {
        if (labels.IsEmpty)
        {
            throw new ArgumentException("labels must hold at least one example.", nameof(labels));
        }

        int n = labels.Length;
        if (features.IsEmpty || features.Length % n != 0)
        {
            throw new ArgumentException(
                $"features must hold n×d elements (n = labels.Length = {n}, d ≥ 1); its length is {features.Length}.", nameof(features));
        }

        ObjectiveArguments.RequireFinite(features, nameof(features));
        ObjectiveArguments.RequireSignLabels(labels, nameof(labels));
        ObjectiveArguments.RequireFiniteNonNegative(l2, nameof(l2));

        int d = features.Length / n;
        int lanes = Math.Max(Padding, Vector<double>.Count);
        long paddedN = ((long)n + lanes - 1) / lanes * lanes;
        if (paddedN * d > Array.MaxLength)
        {
            throw new ArgumentException("features is too large to store transposed.", nameof(features));
        }

        _n = n;
        _d = d;
        _paddedN = (int)paddedN;
        _l2 = l2;
        _features = features.ToArray();
        _labels = labels.ToArray();
        _featuresByColumn = new double[_paddedN * d];
        _paddedLabels = new double[_paddedN];
        labels.CopyTo(_paddedLabels);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < d; i++)
            {
                _featuresByColumn[(i * _paddedN) + j] = features[(j * d) + i];
            }
        }
    }

    /// <inheritdoc/>
    public int Dimension => _d;

    /// <inheritdoc/>
    public bool HasDiagonalHessian => true;

    /// <summary>The number of examples n.</summary>
    public int ExampleCount => _n;

    /// <summary>The L2 coefficient λ.</summary>
    public double L2 => _l2;

    /// <summary>The n×d features, row-major.</summary>
    public ReadOnlySpan<double> Features => _features;

    /// <summary>The n labels (±1).</summary>
    public ReadOnlySpan<double> Labels => _labels;

    /// <summary>
    /// A seeded synthetic data set: a_j ~ N(0, I_d), a direction w* drawn uniformly on the unit sphere, and
    /// y_j = sign(w*ᵀa_j + noise·ε_j) with ε_j ~ N(0, 1) (+1 at 0). With noise = 0 the classes are separable (then,
    /// without L2, f has no minimizer); a small noise flips the labels of examples near the boundary.
    /// </summary>
    /// <param name="n">The number of examples, ≥ 1.</param>
    /// <param name="d">The dimension, ≥ 1.</param>
    /// <param name="seed">The seed of the <see cref="System.Random"/> that draws the data.</param>
    /// <param name="noise">The label noise, finite and ≥ 0.</param>
    /// <param name="l2">The L2 coefficient λ, finite and ≥ 0.</param>
    /// <returns>The objective on the drawn data set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static LogisticRegression Synthetic(int n, int d, int seed, double noise = 0.1, double l2 = 0.0)
    {
        ObjectiveArguments.RequireRange(n, 1, Array.MaxLength, nameof(n));
        ObjectiveArguments.RequireRange(d, 1, Array.MaxLength, nameof(d));
        ObjectiveArguments.RequireFiniteNonNegative(noise, nameof(noise));
        ObjectiveArguments.RequireFiniteNonNegative(l2, nameof(l2));
        if ((long)n * d > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "n·d must fit in one array.");
        }

        var random = new System.Random(seed);
        double[] direction = new double[d];
        double norm2 = 0;
        while (norm2 == 0)
        {
            for (int i = 0; i < d; i++)
            {
                direction[i] = SeededNormal.Next(random);
                norm2 += direction[i] * direction[i];
            }
        }

        double inverseNorm = 1.0 / Math.Sqrt(norm2);
        double[] features = new double[n * d];
        double[] labels = new double[n];
        for (int j = 0; j < n; j++)
        {
            double margin = 0;
            for (int i = 0; i < d; i++)
            {
                double a = SeededNormal.Next(random);
                features[(j * d) + i] = a;
                margin += direction[i] * inverseNorm * a;
            }

            labels[j] = margin + (noise * SeededNormal.Next(random)) >= 0 ? 1.0 : -1.0;
        }

        return new LogisticRegression(features, labels, l2);
    }

    /// <summary>f(w) at each point (formula in the class summary).</summary>
    /// <param name="x">The points w, flat (length a multiple of d).</param>
    /// <param name="values">One value per point.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="values"/> overlaps <paramref name="x"/>.</exception>
    public void Value(ReadOnlySpan<double> x, Span<double> values)
    {
        int d = _d;
        int points = ObjectiveArguments.PointCount(x.Length, d);
        ObjectiveArguments.RequireOutput(x, values, points, nameof(values), "one per point of x");

        Span<double> margins = stackalloc double[Block];
        ref double labels = ref MemoryMarshal.GetArrayDataReference(_paddedLabels);
        for (int p = 0; p < points; p++)
        {
            ReadOnlySpan<double> w = x.Slice(p * d, d);
            double sum = 0;
            for (int start = 0; start < _paddedN; start += Block)
            {
                int count = Math.Min(Block, _paddedN - start);
                Margins(w, start, count, margins);
                ref double m = ref MemoryMarshal.GetReference(margins);
                for (int k = 0; k < count; k += Vector<double>.Count)
                {
                    // Each example's loss in place of its margin (element-wise, so the same at any width); y² = 0 masks the padding.
                    Vector<double> y = Vector.LoadUnsafe(ref labels, (nuint)(start + k));
                    Vector<double> z = -(y * Vector.LoadUnsafe(ref m, (nuint)k));
                    ((y * y) * LogisticFunction.Softplus(z)).StoreUnsafe(ref m, (nuint)k);
                }

                sum += SpanReduction.Sum<ValueTerm>(ref m, ref m, ref m, count);
            }

            ref double wr = ref MemoryMarshal.GetReference(w);
            values[p] = (sum / _n) + (0.5 * _l2 * SpanReduction.Sum<ProductTerm>(ref wr, ref wr, ref wr, d));
        }
    }

    /// <summary>∇f(w) at each point (formula in the class summary).</summary>
    /// <param name="x">The points w, flat (length a multiple of d).</param>
    /// <param name="gradient">The gradients, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="gradient"/> overlaps <paramref name="x"/>.</exception>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int points = ObjectiveArguments.PointCount(x.Length, _d);
        ObjectiveArguments.RequireOutput(x, gradient, x.Length, nameof(gradient), "the length of x");
        Derivatives(x, points, gradient, default);
    }

    /// <summary>The diagonal of ∇²f(w) at each point (formula in the class summary).</summary>
    /// <param name="x">The points w, flat (length a multiple of d).</param>
    /// <param name="diagonal">The diagonals, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="diagonal"/> overlaps <paramref name="x"/>.</exception>
    public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal)
    {
        int points = ObjectiveArguments.PointCount(x.Length, _d);
        ObjectiveArguments.RequireOutput(x, diagonal, x.Length, nameof(diagonal), "the length of x");
        Derivatives(x, points, default, diagonal);
    }

    /// <summary>∇f(w) and the diagonal of ∇²f(w) at each point, from one pass over the margins (the same bits as the two
    /// separate calls, in about half their time).</summary>
    /// <param name="x">The points w, flat (length a multiple of d).</param>
    /// <param name="gradient">The gradients, same layout as <paramref name="x"/>.</param>
    /// <param name="diagonal">The diagonals, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or an output overlaps <paramref name="x"/> or the other output.</exception>
    public void GradientAndDiagonalHessian(ReadOnlySpan<double> x, Span<double> gradient, Span<double> diagonal)
    {
        int points = ObjectiveArguments.PointCount(x.Length, _d);
        ObjectiveArguments.RequireOutput(x, gradient, x.Length, nameof(gradient), "the length of x");
        ObjectiveArguments.RequireOutput(x, diagonal, x.Length, nameof(diagonal), "the length of x");
        ObjectiveArguments.RequireOutput(gradient, diagonal, x.Length, nameof(diagonal), "the length of x");
        Derivatives(x, points, gradient, diagonal);
    }

    /// <summary>
    /// The gradient (when <paramref name="gradient"/> is not empty) and the Hessian's diagonal (when
    /// <paramref name="diagonal"/> is not empty), block by block over the examples, each block's margins computed once.
    /// </summary>
    private void Derivatives(ReadOnlySpan<double> x, int points, Span<double> gradient, Span<double> diagonal)
    {
        int d = _d;
        bool withGradient = !gradient.IsEmpty, withHessian = !diagonal.IsEmpty;
        Span<double> buffer = stackalloc double[2 * Block];
        Span<double> margins = buffer.Slice(0, Block);
        ref double labels = ref MemoryMarshal.GetArrayDataReference(_paddedLabels);
        ref double columns = ref MemoryMarshal.GetArrayDataReference(_featuresByColumn);
        ref double r = ref MemoryMarshal.GetReference(margins);
        ref double c = ref MemoryMarshal.GetReference(buffer.Slice(Block));
        for (int p = 0; p < points; p++)
        {
            ReadOnlySpan<double> w = x.Slice(p * d, d);
            Span<double> g = withGradient ? gradient.Slice(p * d, d) : default;
            Span<double> h = withHessian ? diagonal.Slice(p * d, d) : default;
            g.Clear();
            h.Clear();
            for (int start = 0; start < _paddedN; start += Block)
            {
                int count = Math.Min(Block, _paddedN - start);
                Margins(w, start, count, margins);
                for (int k = 0; k < count; k += Vector<double>.Count)
                {
                    Vector<double> y = Vector.LoadUnsafe(ref labels, (nuint)(start + k));
                    Vector<double> m = Vector.LoadUnsafe(ref r, (nuint)k);

                    // c_j = σ(m_j)(1 − σ(m_j)), masked by y_j² on the padding.
                    if (withHessian)
                    {
                        ((y * y) * LogisticFunction.SigmoidSlope(m)).StoreUnsafe(ref c, (nuint)k);
                    }

                    // r_j = ∂loss_j/∂m_j = −y_j σ(−y_j m_j), in place of the margins (0 on the padding, where y = 0).
                    if (withGradient)
                    {
                        (-(y * LogisticFunction.Sigmoid(-(y * m)))).StoreUnsafe(ref r, (nuint)k);
                    }
                }

                for (int i = 0; i < d; i++)
                {
                    ref double column = ref Unsafe.Add(ref columns, (i * _paddedN) + start);
                    if (withGradient)
                    {
                        g[i] += SpanReduction.Sum<ProductTerm>(ref r, ref column, ref column, count);
                    }

                    if (withHessian)
                    {
                        h[i] += SpanReduction.Sum<WeightedSquareTerm>(ref c, ref column, ref column, count);
                    }
                }
            }

            for (int i = 0; i < d; i++)
            {
                if (withGradient)
                {
                    g[i] = (g[i] / _n) + (_l2 * w[i]);
                }

                if (withHessian)
                {
                    h[i] = (h[i] / _n) + _l2;
                }
            }
        }
    }

    /// <summary>
    /// Example j's gradient at one point w: −y_j σ(−y_j wᵀa_j) a_j + λ w. The mean over j = 0 … n−1 is ∇f(w).
    /// </summary>
    /// <param name="x">One point w (length d).</param>
    /// <param name="example">The example j, 0 ≤ j &lt; n.</param>
    /// <param name="gradient">The gradient (length d).</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="gradient"/> overlaps <paramref name="x"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="example"/> is out of range.</exception>
    public void ExampleGradient(ReadOnlySpan<double> x, int example, Span<double> gradient)
    {
        int d = _d;
        ObjectiveArguments.RequireLength(x.Length, d, nameof(x), "one point: the dimension d");
        ObjectiveArguments.RequireRange(example, 0, _n - 1, nameof(example));
        ObjectiveArguments.RequireOutput(x, gradient, d, nameof(gradient), "one point: the dimension d");

        ReadOnlySpan<double> a = _features.AsSpan(example * d, d);
        double margin = 0; // summed in the order of Margins, so that it has the same bits
        for (int i = 0; i < d; i++)
        {
            margin += x[i] * a[i];
        }

        double y = _labels[example];
        double r = -(y * LogisticFunction.Sigmoid(Vector.Create<double>(-(y * margin)))[0]);
        for (int i = 0; i < d; i++)
        {
            gradient[i] = (r * a[i]) + (_l2 * x[i]);
        }
    }

    // m_j = Σ_i w_i a_ji for the examples start … start+count−1 (count a whole number of vectors), summed over i in
    // order; four features per pass keep the partial sums in registers without changing that order.
    private void Margins(ReadOnlySpan<double> w, int start, int count, Span<double> margins)
    {
        int d = _d, stride = _paddedN;
        ref double m = ref MemoryMarshal.GetReference(margins);
        ref double columns = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_featuresByColumn), start);
        margins[..count].Clear();
        int i = 0;
        for (; i + 4 <= d; i += 4)
        {
            var w0 = Vector.Create<double>(w[i]);
            var w1 = Vector.Create<double>(w[i + 1]);
            var w2 = Vector.Create<double>(w[i + 2]);
            var w3 = Vector.Create<double>(w[i + 3]);
            ref double a0 = ref Unsafe.Add(ref columns, i * stride);
            ref double a1 = ref Unsafe.Add(ref a0, stride);
            ref double a2 = ref Unsafe.Add(ref a1, stride);
            ref double a3 = ref Unsafe.Add(ref a2, stride);
            for (int k = 0; k < count; k += Vector<double>.Count)
            {
                Vector<double> v = Vector.LoadUnsafe(ref m, (nuint)k);
                v += w0 * Vector.LoadUnsafe(ref a0, (nuint)k);
                v += w1 * Vector.LoadUnsafe(ref a1, (nuint)k);
                v += w2 * Vector.LoadUnsafe(ref a2, (nuint)k);
                v += w3 * Vector.LoadUnsafe(ref a3, (nuint)k);
                v.StoreUnsafe(ref m, (nuint)k);
            }
        }

        for (; i < d; i++)
        {
            var wi = Vector.Create<double>(w[i]);
            ref double ai = ref Unsafe.Add(ref columns, i * stride);
            for (int k = 0; k < count; k += Vector<double>.Count)
            {
                (Vector.LoadUnsafe(ref m, (nuint)k) + (wi * Vector.LoadUnsafe(ref ai, (nuint)k))).StoreUnsafe(ref m, (nuint)k);
            }
        }
    }
}
