using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdeDsl.Objectives;

/// <summary>
/// A one-hidden-layer tanh network on a data set of n examples (a_j ∈ R^m, target t_j):
/// ŷ(a) = b₂ + Σ_k w₂ₖ tanh(b₁ₖ + Σ_i W₁ₖᵢ aᵢ), f(x) = (1/n) Σ_j ℓ(ŷ(a_j), t_j) + (λ/2)‖x‖², λ = <see cref="L2"/>,
/// with ℓ the <see cref="MlpLoss"/>: ½ (ŷ − t)² or log(1 + exp(−t ŷ)).
/// </summary>
/// <remarks>
/// <para>Parameter layout (d = h·m + 2h + 1, h = <see cref="Hidden"/>, m = <see cref="Inputs"/>): W₁ (h×m, row-major:
/// W₁ₖᵢ at <c>k*m + i</c>), then b₁ (h) at <c>h*m</c>, then w₂ (h) at <c>h*m + h</c>, then b₂ at <c>h*m + 2h</c>.</para>
/// <para>Value and gradient (hand-written backpropagation) only: <see cref="HasDiagonalHessian"/> is false. As an
/// <see cref="IFiniteSumObjective"/>, example j's gradient is ∇ℓ(ŷ(a_j), t_j) + λ x, so that the mean of the n
/// example gradients is ∇f.</para>
/// <para>Immutable and thread-safe; no call allocates (the h hidden activations live on the stack, h ≤
/// <see cref="MaxHidden"/>). Each point is computed by the same loop over the examples, so its results do not
/// depend on its place in the batch. <c>x</c> and the output span must not overlap.</para>
/// </remarks>
public sealed class Mlp : IFiniteSumObjective
{
    /// <summary>The largest hidden width h.</summary>
    public const int MaxHidden = 256;

    private readonly int _n;
    private readonly int _m;
    private readonly int _h;
    private readonly int _d;
    private readonly MlpLoss _loss;
    private readonly double _l2;
    private readonly double[] _features;
    private readonly double[] _targets;

    /// <summary>Creates the objective for a data set.</summary>
    /// <param name="features">The n×m inputs, row-major (example j is <c>features[j*m .. (j+1)*m)</c>); finite; copied.</param>
    /// <param name="targets">The n targets (n ≥ 1): finite for <see cref="MlpLoss.SquaredError"/>, ±1 for
    /// <see cref="MlpLoss.Logistic"/>; copied.</param>
    /// <param name="inputs">The input dimension m, ≥ 1.</param>
    /// <param name="hidden">The hidden width h, 1 ≤ h ≤ <see cref="MaxHidden"/>.</param>
    /// <param name="loss">The per-example loss.</param>
    /// <param name="l2">The L2 coefficient λ on all parameters, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException">An argument is out of range or the data are inconsistent or not finite.</exception>
    public Mlp(ReadOnlySpan<double> features, ReadOnlySpan<double> targets, int inputs, int hidden, MlpLoss loss, double l2 = 0.0)
    {
        ObjectiveArguments.RequireRange(inputs, 1, Array.MaxLength, nameof(inputs));
        ObjectiveArguments.RequireRange(hidden, 1, MaxHidden, nameof(hidden));
        if (loss is not (MlpLoss.SquaredError or MlpLoss.Logistic))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "loss must be SquaredError or Logistic.");
        }

        ObjectiveArguments.RequireFiniteNonNegative(l2, nameof(l2));
        if (targets.IsEmpty)
        {
            throw new ArgumentException("targets must hold at least one example.", nameof(targets));
        }

        if ((long)targets.Length * inputs != features.Length)
        {
            throw new ArgumentException(
                $"features must hold n×m = {targets.Length}×{inputs} elements; its length is {features.Length}.", nameof(features));
        }

        if ((long)hidden * inputs + (2L * hidden) + 1 > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "The parameter count h·m + 2h + 1 must fit in one array.");
        }

        ObjectiveArguments.RequireFinite(features, nameof(features));
        if (loss == MlpLoss.Logistic)
        {
            ObjectiveArguments.RequireSignLabels(targets, nameof(targets));
        }
        else
        {
            ObjectiveArguments.RequireFinite(targets, nameof(targets));
        }

        _n = targets.Length;
        _m = inputs;
        _h = hidden;
        _d = ParameterCount(inputs, hidden);
        _loss = loss;
        _l2 = l2;
        _features = features.ToArray();
        _targets = targets.ToArray();
    }

    /// <inheritdoc/>
    public int Dimension => _d;

    /// <summary>False: an <see cref="Mlp"/> has no diagonal Hessian.</summary>
    public bool HasDiagonalHessian => false;

    /// <summary>The number of examples n.</summary>
    public int ExampleCount => _n;

    /// <summary>The input dimension m.</summary>
    public int Inputs => _m;

    /// <summary>The hidden width h.</summary>
    public int Hidden => _h;

    /// <summary>The per-example loss.</summary>
    public MlpLoss Loss => _loss;

    /// <summary>The L2 coefficient λ.</summary>
    public double L2 => _l2;

    /// <summary>The n×m inputs, row-major.</summary>
    public ReadOnlySpan<double> Features => _features;

    /// <summary>The n targets.</summary>
    public ReadOnlySpan<double> Targets => _targets;

    /// <summary>The number of parameters d = h·m + 2h + 1 of a network with m inputs and h hidden units.</summary>
    /// <param name="inputs">m.</param>
    /// <param name="hidden">h.</param>
    /// <returns>d.</returns>
    public static int ParameterCount(int inputs, int hidden) => checked((hidden * inputs) + (2 * hidden) + 1);

    /// <summary>
    /// A seeded synthetic data set from a teacher network of the same shape: a_j ~ N(0, I_m); teacher
    /// W₁ ~ N(0, 1/m), b₁ ~ N(0, ¼), w₂ ~ N(0, 1/h), b₂ = 0; targets t_j = ŷ_teacher(a_j) + noise·ε_j for
    /// <see cref="MlpLoss.SquaredError"/>, or its sign (+1 at 0) for <see cref="MlpLoss.Logistic"/>, ε_j ~ N(0, 1).
    /// </summary>
    /// <param name="n">The number of examples, ≥ 1.</param>
    /// <param name="inputs">The input dimension m, ≥ 1.</param>
    /// <param name="hidden">The hidden width h, 1 ≤ h ≤ <see cref="MaxHidden"/> (teacher and student).</param>
    /// <param name="loss">The per-example loss.</param>
    /// <param name="seed">The seed of the <see cref="System.Random"/> that draws the data.</param>
    /// <param name="noise">The target noise, finite and ≥ 0.</param>
    /// <param name="l2">The L2 coefficient λ, finite and ≥ 0.</param>
    /// <returns>The objective on the drawn data set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static Mlp Synthetic(int n, int inputs, int hidden, MlpLoss loss, int seed, double noise = 0.1, double l2 = 0.0)
    {
        ObjectiveArguments.RequireRange(n, 1, Array.MaxLength, nameof(n));
        ObjectiveArguments.RequireRange(inputs, 1, Array.MaxLength, nameof(inputs));
        ObjectiveArguments.RequireRange(hidden, 1, MaxHidden, nameof(hidden));
        ObjectiveArguments.RequireFiniteNonNegative(noise, nameof(noise));
        if ((long)n * inputs > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "n·m must fit in one array.");
        }

        var random = new System.Random(seed);
        int d = ParameterCount(inputs, hidden);
        double[] teacher = new double[d];
        double inputScale = 1.0 / Math.Sqrt(inputs), hiddenScale = 1.0 / Math.Sqrt(hidden);
        for (int k = 0; k < hidden * inputs; k++)
        {
            teacher[k] = inputScale * SeededNormal.Next(random);
        }

        for (int k = 0; k < hidden; k++)
        {
            teacher[(hidden * inputs) + k] = 0.5 * SeededNormal.Next(random);
            teacher[(hidden * inputs) + hidden + k] = hiddenScale * SeededNormal.Next(random);
        }

        double[] features = new double[n * inputs];
        double[] targets = new double[n];
        Span<double> activations = stackalloc double[hidden];
        for (int j = 0; j < n; j++)
        {
            Span<double> a = features.AsSpan(j * inputs, inputs);
            for (int i = 0; i < inputs; i++)
            {
                a[i] = SeededNormal.Next(random);
            }

            double target = Forward(teacher, a, inputs, hidden, activations) + (noise * SeededNormal.Next(random));
            targets[j] = loss == MlpLoss.Logistic ? (target >= 0 ? 1.0 : -1.0) : target;
        }

        return new Mlp(features, targets, inputs, hidden, loss, l2);
    }

    /// <summary>f(x) at each point (formula in the class summary).</summary>
    /// <param name="x">The parameter vectors, flat (length a multiple of d).</param>
    /// <param name="values">One value per point.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="values"/> overlaps <paramref name="x"/>.</exception>
    public void Value(ReadOnlySpan<double> x, Span<double> values)
    {
        int d = _d;
        int points = ObjectiveArguments.PointCount(x.Length, d);
        ObjectiveArguments.RequireOutput(x, values, points, nameof(values), "one per point of x");

        Span<double> activations = stackalloc double[_h];
        for (int p = 0; p < points; p++)
        {
            ReadOnlySpan<double> theta = x.Slice(p * d, d);
            double sum = 0;
            for (int j = 0; j < _n; j++)
            {
                double output = Forward(theta, _features.AsSpan(j * _m, _m), _m, _h, activations);
                double t = _targets[j];
                if (_loss == MlpLoss.SquaredError)
                {
                    double residual = output - t;
                    sum += 0.5 * (residual * residual);
                }
                else
                {
                    sum += LogisticFunction.Softplus(-(t * output));
                }
            }

            ref double tr = ref MemoryMarshal.GetReference(theta);
            values[p] = (sum / _n) + (0.5 * _l2 * SpanReduction.Sum<ProductTerm>(ref tr, ref tr, ref tr, d));
        }
    }

    /// <summary>∇f(x) at each point, by backpropagation.</summary>
    /// <param name="x">The parameter vectors, flat (length a multiple of d).</param>
    /// <param name="gradient">The gradients, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="gradient"/> overlaps <paramref name="x"/>.</exception>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int d = _d;
        int points = ObjectiveArguments.PointCount(x.Length, d);
        ObjectiveArguments.RequireOutput(x, gradient, x.Length, nameof(gradient), "the length of x");

        Span<double> activations = stackalloc double[_h];
        for (int p = 0; p < points; p++)
        {
            ReadOnlySpan<double> theta = x.Slice(p * d, d);
            Span<double> g = gradient.Slice(p * d, d);
            g.Clear();
            for (int j = 0; j < _n; j++)
            {
                AddExampleGradient(theta, j, activations, g);
            }

            for (int i = 0; i < d; i++)
            {
                g[i] = (g[i] / _n) + (_l2 * theta[i]);
            }
        }
    }

    /// <summary>Not available: <see cref="HasDiagonalHessian"/> is false.</summary>
    /// <param name="x">Unused.</param>
    /// <param name="diagonal">Unused.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal) =>
        throw new NotSupportedException("Mlp has no diagonal Hessian (HasDiagonalHessian is false).");

    /// <summary>Example j's gradient at one point x: ∇ℓ(ŷ(a_j), t_j) + λ x. The mean over j = 0 … n−1 is ∇f(x).</summary>
    /// <param name="x">One parameter vector (length d).</param>
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

        Span<double> activations = stackalloc double[_h];
        gradient.Clear();
        AddExampleGradient(x, example, activations, gradient);
        for (int i = 0; i < d; i++)
        {
            gradient[i] += _l2 * x[i];
        }
    }

    // ŷ = b₂ + Σ_k w₂ₖ u_k with u_k = tanh(b₁ₖ + W₁ₖ·a), written to activations.
    private static double Forward(ReadOnlySpan<double> theta, ReadOnlySpan<double> a, int m, int h, Span<double> activations)
    {
        ref double ar = ref MemoryMarshal.GetReference(a);
        ref double w1 = ref MemoryMarshal.GetReference(theta);
        int b1 = h * m, w2 = b1 + h;
        double output = theta[w2 + h];
        for (int k = 0; k < h; k++)
        {
            double z = theta[b1 + k] + SpanReduction.Sum<ProductTerm>(ref Unsafe.Add(ref w1, k * m), ref ar, ref ar, m);
            double u = Math.Tanh(z);
            activations[k] = u;
            output += theta[w2 + k] * u;
        }

        return output;
    }

    // Adds ∇ℓ(ŷ(a_j), t_j) (without the L2 term) to g.
    private void AddExampleGradient(ReadOnlySpan<double> theta, int j, Span<double> activations, Span<double> g)
    {
        int m = _m, h = _h, b1 = h * m, w2 = b1 + h, b2 = w2 + h;
        ReadOnlySpan<double> a = _features.AsSpan(j * m, m);
        double output = Forward(theta, a, m, h, activations);
        double t = _targets[j];
        double delta = _loss == MlpLoss.SquaredError ? output - t : -(t * LogisticFunction.Sigmoid(-(t * output)));

        g[b2] += delta;
        for (int k = 0; k < h; k++)
        {
            double u = activations[k];
            g[w2 + k] += delta * u;
            double hiddenDelta = delta * theta[w2 + k] * (1.0 - (u * u));
            g[b1 + k] += hiddenDelta;
            AddScaled(g.Slice(k * m, m), hiddenDelta, a);
        }
    }

    // target += s·a, element-wise (the same bits in vector lanes and in the scalar tail).
    private static void AddScaled(Span<double> target, double s, ReadOnlySpan<double> a)
    {
        ref double tr = ref MemoryMarshal.GetReference(target);
        ref double ar = ref MemoryMarshal.GetReference(a);
        int n = target.Length, i = 0;
        var sv = Vector.Create<double>(s);
        for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
        {
            (Vector.LoadUnsafe(ref tr, (nuint)i) + (sv * Vector.LoadUnsafe(ref ar, (nuint)i))).StoreUnsafe(ref tr, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref tr, i) += s * Unsafe.Add(ref ar, i);
        }
    }
}
