using System;
using SdeDsl.Objectives;

namespace SdeDsl.Tests.Noise;

/// <summary>f(x) = ½ Σ λ_i x_i², a test double for the noise models (∇f = λ ⊙ x).</summary>
internal sealed class DiagonalQuadraticDouble(params double[] lambda) : IObjective
{
    public int Dimension => lambda.Length;

    public bool HasDiagonalHessian => true;

    public void Value(ReadOnlySpan<double> x, Span<double> values)
    {
        int d = Dimension;
        for (int p = 0; p < values.Length; p++)
        {
            double v = 0;
            for (int i = 0; i < d; i++)
            {
                v += 0.5 * lambda[i] * x[(p * d) + i] * x[(p * d) + i];
            }

            values[p] = v;
        }
    }

    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        for (int k = 0; k < x.Length; k++)
        {
            gradient[k] = lambda[k % Dimension] * x[k];
        }
    }

    public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal)
    {
        for (int k = 0; k < x.Length; k++)
        {
            diagonal[k] = lambda[k % Dimension];
        }
    }
}

/// <summary>f(x) = (1/n) Σ_j ½‖x − a_j‖², per-example gradient x − a_j, a test double for minibatch noise.</summary>
internal sealed class CentroidObjective : IFiniteSumObjective
{
    private readonly double[,] _a;

    public CentroidObjective(int n, int d, int seed)
    {
        _a = new double[n, d];
        var random = new System.Random(seed);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < d; i++)
            {
                _a[j, i] = (random.NextDouble() * 4) - 2 + (i == 0 && j % 3 == 0 ? 5 : 0);
            }
        }
    }

    public int Dimension => _a.GetLength(1);

    public int ExampleCount => _a.GetLength(0);

    public bool HasDiagonalHessian => true;

    public double Example(int j, int i) => _a[j, i];

    public void Value(ReadOnlySpan<double> x, Span<double> values) => throw new NotSupportedException();

    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int d = Dimension, n = ExampleCount;
        for (int k = 0; k < x.Length; k++)
        {
            double mean = 0;
            for (int j = 0; j < n; j++)
            {
                mean += _a[j, k % d];
            }

            gradient[k] = x[k] - (mean / n);
        }
    }

    public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal) => diagonal.Fill(1.0);

    public void ExampleGradient(ReadOnlySpan<double> x, int example, Span<double> gradient)
    {
        for (int i = 0; i < Dimension; i++)
        {
            gradient[i] = x[i] - _a[example, i];
        }
    }
}
