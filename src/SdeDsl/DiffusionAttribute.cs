namespace SdeDsl;

/// <summary>
/// Marks the diffusion of one state component (diagonal noise: one independent Brownian motion per coordinate),
/// written per coordinate in scalar <see cref="double"/>. A state has at most one diffusion; one without is
/// deterministic given the others. Inputs as for <see cref="DriftAttribute"/>.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Method, Inherited = false)]
public sealed class DiffusionAttribute : System.Attribute
{
    /// <summary>Creates the attribute for the state component <paramref name="state"/>.</summary>
    public DiffusionAttribute(string state) => State = state;

    /// <summary>The state component this method is the diffusion of.</summary>
    public string State { get; }
}
