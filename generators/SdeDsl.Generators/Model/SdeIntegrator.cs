namespace SdeDsl.Generators.Model;

/// <summary>
/// The SDE integrators the generator writes: the same names and values as the runtime's
/// <c>SdeDsl.Ensembles.SdeIntegrator</c> (the generator cannot reference the runtime; <c>IntegratorTableTests</c> keeps
/// the two in step), each emitted as the method <c>{Name}Step</c> and the kernel struct <c>{Name}Kernel&lt;T&gt;</c>.
/// </summary>
internal enum SdeIntegrator
{
    /// <summary>Strong order ½, weak order 1; needs no derivatives.</summary>
    EulerMaruyama,

    /// <summary>Strong order 1 for diagonal noise; needs ∂b/∂s.</summary>
    Milstein,

    /// <summary>The simplified weak-order-2 Taylor scheme; needs the L₀ and L_j terms.</summary>
    WeakOrder2,
}
