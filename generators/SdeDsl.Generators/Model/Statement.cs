namespace SdeDsl.Generators.Model;

/// <summary>An element-wise statement: a local declaration or an assignment (compound forms are expanded).</summary>
/// <param name="Target">The local or state written.</param>
/// <param name="Value">The value assigned.</param>
/// <param name="Declares">True when the statement declares <paramref name="Target"/> as a new local.</param>
internal sealed record Statement(string Target, Expr Value, bool Declares);
