using System;

namespace SdeDsl.Objectives;

/// <summary>
/// An objective f: R^d → R with its gradient, evaluated for a batch of paths at once. Points are laid out flat:
/// path p's coordinates are <c>x[p*d .. (p+1)*d)</c>, with d = <see cref="Dimension"/>. Each method writes every
/// element of its output span: the ensemble engine reuses its buffers from one run to the next, so an element left
/// unwritten would hold an earlier run's value.
/// </summary>
public interface IObjective
{
    /// <summary>The dimension d.</summary>
    int Dimension { get; }

    /// <summary>Whether <see cref="DiagonalHessian"/> is available.</summary>
    bool HasDiagonalHessian { get; }

    /// <summary>f at each of the points in <paramref name="x"/> (length a multiple of d), one value per point.</summary>
    void Value(ReadOnlySpan<double> x, Span<double> values);

    /// <summary>∇f at each of the points in <paramref name="x"/>, written to <paramref name="gradient"/> (same layout).</summary>
    void Gradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The diagonal of the Hessian at each point (same layout); throws <see cref="NotSupportedException"/>
    /// when <see cref="HasDiagonalHessian"/> is false.</summary>
    void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal);

    /// <summary>
    /// ∇f and the diagonal of the Hessian at each point, in one call (the higher-order SDE steps need both every step):
    /// an objective whose two share work overrides it to do that work once. By default <see cref="Gradient"/>, then
    /// <see cref="DiagonalHessian"/>.
    /// </summary>
    void GradientAndDiagonalHessian(ReadOnlySpan<double> x, Span<double> gradient, Span<double> diagonal)
    {
        Gradient(x, gradient);
        DiagonalHessian(x, diagonal);
    }
}
