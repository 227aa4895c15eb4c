namespace SdeDsl.Ensembles;

/// <summary>The fixed-step integrators the generator writes for an SDE model.</summary>
public enum SdeIntegrator
{
    /// <summary>Euler–Maruyama: strong order ½, weak order 1. Every SDE model has it.</summary>
    EulerMaruyama,

    /// <summary>Milstein for diagonal noise: strong order 1 (<see cref="IHigherOrderSdeModel{TSelf}.MilsteinStep(System.Span{double}, System.ReadOnlySpan{double}, System.ReadOnlySpan{double}, System.ReadOnlySpan{double}, System.ReadOnlySpan{double}, double, double)"/>).</summary>
    Milstein,

    /// <summary>The simplified weak-order-2 Taylor scheme: weak order 2 (<see cref="IHigherOrderSdeModel{TSelf}.WeakOrder2Step(System.Span{double}, System.ReadOnlySpan{double}, System.ReadOnlySpan{double}, System.ReadOnlySpan{double}, System.ReadOnlySpan{double}, double, double)"/>).</summary>
    WeakOrder2,
}
