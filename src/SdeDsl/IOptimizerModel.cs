using System;

namespace SdeDsl;

/// <summary>
/// A model with a discrete <see cref="UpdateAttribute"/> step. The flat-layout kernels take all state components in
/// one span: component <c>j</c> (in <see cref="IStateModel{TSelf}.StateNames"/> order) occupies
/// <c>states[j*n .. (j+1)*n)</c>, where <c>n</c> is the length of the gradient span.
/// </summary>
/// <typeparam name="TSelf">The model type.</typeparam>
public interface IOptimizerModel<TSelf> : IStateModel<TSelf> where TSelf : IOptimizerModel<TSelf>
{
    /// <summary>One discrete step, in place, of every coordinate; <paramref name="k"/> is the 1-based step number.</summary>
    void Step(Span<float> states, ReadOnlySpan<float> g, long k);

    /// <inheritdoc cref="Step(Span{float}, ReadOnlySpan{float}, long)"/>
    void Step(Span<double> states, ReadOnlySpan<double> g, long k);
}
