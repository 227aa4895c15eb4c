using System;

namespace SdeDsl.Objectives;

/// <summary>
/// The chained Rosenbrock function f(x) = Σ_{i=0}^{d−2} [b (x_{i+1} − x_i²)² + (a − x_i)²], with
/// ∂f/∂x_i = [i &lt; d−1] (−4b x_i (x_{i+1} − x_i²) − 2(a − x_i)) + [i &gt; 0] 2b (x_i − x_{i−1}²) and the exact
/// diagonal Hessian ∂²f/∂x_i² = [i &lt; d−1] (8b x_i² − 4b (x_{i+1} − x_i²) + 2) + [i &gt; 0] 2b.
/// </summary>
/// <remarks>
/// With a = 1 the global minimum is f(1, …, 1) = 0; for d = 2 it is f(a, a²) = 0 for any a. Immutable and
/// thread-safe; no call allocates; each point is computed by the same scalar loop, so its results do not depend on
/// its place in the batch. <c>x</c> and the output span must not overlap.
/// </remarks>
public sealed class Rosenbrock : IObjective
{
    private readonly int _d;
    private readonly double _a;
    private readonly double _b;

    /// <summary>Creates the d-dimensional chained Rosenbrock function.</summary>
    /// <param name="d">The dimension, ≥ 2.</param>
    /// <param name="a">The shift a (finite); the classic value is 1.</param>
    /// <param name="b">The valley steepness b (finite); the classic value is 100.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="d"/> &lt; 2, or a or b is not finite.</exception>
    public Rosenbrock(int d, double a = 1.0, double b = 100.0)
    {
        ObjectiveArguments.RequireRange(d, 2, int.MaxValue, nameof(d));
        ObjectiveArguments.RequireFinite(a, nameof(a));
        ObjectiveArguments.RequireFinite(b, nameof(b));
        _d = d;
        _a = a;
        _b = b;
    }

    /// <inheritdoc/>
    public int Dimension => _d;

    /// <inheritdoc/>
    public bool HasDiagonalHessian => true;

    /// <summary>The shift a.</summary>
    public double A => _a;

    /// <summary>The valley steepness b.</summary>
    public double B => _b;

    /// <summary>f(x) = Σ_{i&lt;d−1} [b (x_{i+1} − x_i²)² + (a − x_i)²] at each point.</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="values">One value per point.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="values"/> overlaps <paramref name="x"/>.</exception>
    public void Value(ReadOnlySpan<double> x, Span<double> values)
    {
        int d = _d;
        int points = ObjectiveArguments.PointCount(x.Length, d);
        ObjectiveArguments.RequireOutput(x, values, points, nameof(values), "one per point of x");

        double a = _a, b = _b;
        for (int p = 0; p < points; p++)
        {
            ReadOnlySpan<double> xp = x.Slice(p * d, d);
            double sum = 0;
            for (int i = 0; i < d - 1; i++)
            {
                double t = xp[i + 1] - (xp[i] * xp[i]);
                double u = a - xp[i];
                sum += (b * (t * t)) + (u * u);
            }

            values[p] = sum;
        }
    }

    /// <summary>∇f(x) at each point (formula in the class summary).</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="gradient">The gradients, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="gradient"/> overlaps <paramref name="x"/>.</exception>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int d = _d;
        int points = ObjectiveArguments.PointCount(x.Length, d);
        ObjectiveArguments.RequireOutput(x, gradient, x.Length, nameof(gradient), "the length of x");

        double a = _a, twoB = 2.0 * _b, fourB = 4.0 * _b;
        for (int p = 0; p < points; p++)
        {
            ReadOnlySpan<double> xp = x.Slice(p * d, d);
            Span<double> gp = gradient.Slice(p * d, d);
            double previous = 0; // 2b (x_i − x_{i−1}²), the term from the summand i − 1; none for i = 0.
            for (int i = 0; i < d - 1; i++)
            {
                double t = xp[i + 1] - (xp[i] * xp[i]);
                gp[i] = previous - (fourB * xp[i] * t) - (2.0 * (a - xp[i]));
                previous = twoB * t;
            }

            gp[d - 1] = previous;
        }
    }

    /// <summary>The exact diagonal of ∇²f at each point (formula in the class summary).</summary>
    /// <param name="x">The points, flat (length a multiple of d).</param>
    /// <param name="diagonal">The diagonals, same layout as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is wrong, or <paramref name="diagonal"/> overlaps <paramref name="x"/>.</exception>
    public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal)
    {
        int d = _d;
        int points = ObjectiveArguments.PointCount(x.Length, d);
        ObjectiveArguments.RequireOutput(x, diagonal, x.Length, nameof(diagonal), "the length of x");

        double twoB = 2.0 * _b, fourB = 4.0 * _b, eightB = 8.0 * _b;
        for (int p = 0; p < points; p++)
        {
            ReadOnlySpan<double> xp = x.Slice(p * d, d);
            Span<double> hp = diagonal.Slice(p * d, d);
            double previous = 0; // 2b from the summand i − 1; none for i = 0.
            for (int i = 0; i < d - 1; i++)
            {
                double t = xp[i + 1] - (xp[i] * xp[i]);
                hp[i] = previous + ((eightB * (xp[i] * xp[i])) - (fourB * t) + 2.0);
                previous = twoB;
            }

            hp[d - 1] = previous;
        }
    }
}
