using System.Collections.Generic;

namespace SdeDsl;

/// <summary>
/// What every generated model exposes about its state. Implemented by the source generator; the runtime calls it
/// through a constrained generic (<c>where TModel : struct, IStateModel&lt;TModel&gt;</c>): no virtual call.
/// </summary>
/// <typeparam name="TSelf">The model type.</typeparam>
public interface IStateModel<TSelf> where TSelf : IStateModel<TSelf>
{
    /// <summary>The state components in kernel order; <c>x</c>, the iterate, is always first.</summary>
    static abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>Validates every hyperparameter (finite, within its bounds).</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">A hyperparameter is out of range; the exception names it.</exception>
    void Validate();
}
