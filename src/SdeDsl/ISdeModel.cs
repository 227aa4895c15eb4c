using System;
using System.Collections.Generic;

namespace SdeDsl;

/// <summary>
/// A model with an SDE (<see cref="DriftAttribute"/>, <see cref="DiffusionAttribute"/>). The flat-layout kernels
/// take all state components in one span (component <c>j</c> at <c>states[j*n .. (j+1)*n)</c>) and the
/// standard-normal increments of the diffused components, in state order, in one span of
/// <c>DiffusedStateNames.Count * n</c> values.
/// </summary>
/// <typeparam name="TSelf">The model type.</typeparam>
public interface ISdeModel<TSelf> : IStateModel<TSelf> where TSelf : ISdeModel<TSelf>
{
    /// <summary>The state components that have a diffusion, in state order.</summary>
    static abstract IReadOnlyList<string> DiffusedStateNames { get; }

    /// <summary>
    /// One Euler–Maruyama step, in place: <c>s ← s + a_s·dt + b_s·√dt·ξ_s</c> for every state <c>s</c>, with drift
    /// <c>a_s</c> and diffusion <c>b_s</c> evaluated at the old state and time <paramref name="t"/>.
    /// </summary>
    void EulerMaruyamaStep(Span<float> states, ReadOnlySpan<float> grad, ReadOnlySpan<float> sigma, ReadOnlySpan<float> noise, double t, double dt);

    /// <inheritdoc cref="EulerMaruyamaStep(Span{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, double, double)"/>
    void EulerMaruyamaStep(Span<double> states, ReadOnlySpan<double> grad, ReadOnlySpan<double> sigma, ReadOnlySpan<double> noise, double t, double dt);
}
