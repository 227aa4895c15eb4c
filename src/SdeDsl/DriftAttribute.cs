namespace SdeDsl;

/// <summary>
/// Marks the drift of one state component of the SDE, written per coordinate in scalar <see cref="double"/>.
/// The names given to <c>[Drift]</c> attributes are the model's state; each state has exactly one drift.
/// Inputs: any state, <c>grad</c> (the true gradient), <c>sigma</c> (the noise scale) and <c>t</c> (time).
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Method, Inherited = false)]
public sealed class DriftAttribute : System.Attribute
{
    /// <summary>Creates the attribute for the state component <paramref name="state"/>.</summary>
    public DriftAttribute(string state) => State = state;

    /// <summary>The state component this method is the drift of.</summary>
    public string State { get; }
}
