using System;

namespace SdeDsl;

/// <summary>
/// An SDE model for which the generator also wrote the Milstein step and a weak-order-2 step, from derivatives of the
/// drift and diffusion it takes symbolically. A model whose diffusion of one component depends on another diffused
/// component (non-commutative noise) gets Euler–Maruyama only, and the analyzer says so (SDE0021).
/// </summary>
/// <remarks>
/// Through <c>grad</c>, the derivative in x takes the objective's diagonal Hessian <c>hess</c>
/// (d/dx = ∂/∂x + hess·∂/∂grad), and the objective's third derivative is taken as zero: exact for quadratic objectives,
/// which every closed form of docs/math.md uses; on other objectives the weak-order-2 step of a model whose drift reads
/// grad loses terms of order f'''·dt² per step. Coordinates are coupled only through the diagonal: off-diagonal
/// Hessian entries are not seen (diagonal noise). The input <c>sigma</c> is taken as constant in x: with a noise model whose
/// σ varies with x (<see cref="Noise.INoiseModel.SigmaDependsOnX"/>, minibatch noise) the steps would lose their order,
/// and <see cref="Ensembles.Ensemble"/> refuses that combination. When <see cref="NeedsHessian"/> is false the steps do not read
/// <c>hess</c>, and it may be empty. With an objective that has no diagonal Hessian, a model with
/// <see cref="NeedsHessian"/> true can run only Euler–Maruyama (<see cref="Ensembles.Ensemble"/> refuses the others).
/// </remarks>
/// <typeparam name="TSelf">The model type.</typeparam>
public interface IHigherOrderSdeModel<TSelf> : ISdeModel<TSelf> where TSelf : IHigherOrderSdeModel<TSelf>
{
    /// <summary>True when the Milstein and weak-order-2 steps read the objective's diagonal Hessian.</summary>
    static abstract bool NeedsHessian { get; }

    /// <summary>
    /// One Milstein step over the flat layout (as <see cref="ISdeModel{TSelf}.EulerMaruyamaStep(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, double, double)"/>):
    /// <c>s ← s + a_s·dt + b_s·ΔW_s + ½·b_s·∂b_s/∂s·(ΔW_s² − dt)</c>, ΔW = √dt·ξ. Strong order 1 for diagonal noise.
    /// </summary>
    void MilsteinStep(Span<float> states, ReadOnlySpan<float> grad, ReadOnlySpan<float> hess, ReadOnlySpan<float> sigma, ReadOnlySpan<float> noise, double t, double dt);

    /// <inheritdoc cref="MilsteinStep(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, double, double)"/>
    void MilsteinStep(Span<double> states, ReadOnlySpan<double> grad, ReadOnlySpan<double> hess, ReadOnlySpan<double> sigma, ReadOnlySpan<double> noise, double t, double dt);

    /// <summary>
    /// One step of the simplified weak-order-2 Taylor scheme (Kloeden and Platen 1992, §14.2) over the flat layout:
    /// the Milstein step plus ½·L₀a·dt², ½·L_j a·dt·ΔW_j and ½·L₀b·dt·ΔW, with Gaussian ΔW = √dt·ξ. Weak order 2.
    /// </summary>
    void WeakOrder2Step(Span<float> states, ReadOnlySpan<float> grad, ReadOnlySpan<float> hess, ReadOnlySpan<float> sigma, ReadOnlySpan<float> noise, double t, double dt);

    /// <inheritdoc cref="WeakOrder2Step(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, double, double)"/>
    void WeakOrder2Step(Span<double> states, ReadOnlySpan<double> grad, ReadOnlySpan<double> hess, ReadOnlySpan<double> sigma, ReadOnlySpan<double> noise, double t, double dt);
}
