using System;
using SdeDsl.Objectives;

namespace SdeDsl.Checks;

/// <summary>
/// f(x) = cᵀx: the gradient is c at every point. It lets <see cref="MomentMatching"/> hand a fixed true gradient to a
/// noise model, which adds its noise to the objective's gradient.
/// </summary>
internal sealed class LinearObjective : IObjective
{
    private readonly double[] _c;

    public LinearObjective(double[] c) => _c = c;

    public int Dimension => _c.Length;

    public bool HasDiagonalHessian => true;

    public void Value(ReadOnlySpan<double> x, Span<double> values)
    {
        int d = _c.Length;
        for (int p = 0; p < values.Length; p++)
        {
            double sum = 0;
            for (int i = 0; i < d; i++)
            {
                sum += _c[i] * x[(p * d) + i];
            }

            values[p] = sum;
        }
    }

    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => Tile(_c, gradient);

    public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal) => diagonal.Clear();

    /// <summary>Writes <paramref name="pattern"/> repeatedly over <paramref name="destination"/> (a whole number of copies).</summary>
    internal static void Tile(ReadOnlySpan<double> pattern, Span<double> destination)
    {
        for (int offset = 0; offset < destination.Length; offset += pattern.Length)
        {
            pattern.CopyTo(destination.Slice(offset, pattern.Length));
        }
    }
}
