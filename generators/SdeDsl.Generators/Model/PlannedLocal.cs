namespace SdeDsl.Generators.Model;

/// <summary>A local of a kernel body: a name, its element-wise value, and a comment saying what it is.</summary>
/// <param name="Name">The local's name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Declares">False when it assigns a state or a local declared earlier (an update's <c>m = …</c>).</param>
/// <param name="Comment">What the value is (<c>a_x</c>, <c>L₀b_m</c>), or null.</param>
internal sealed record PlannedLocal(string Name, Expr Value, bool Declares, string? Comment);
