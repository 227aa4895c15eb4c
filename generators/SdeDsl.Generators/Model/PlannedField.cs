namespace SdeDsl.Generators.Model;

/// <summary>A vector field of the kernel set from the call's scalars: <c>_dt</c>, <c>_sqrtDt</c>, ….</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Formula">What it holds, for its comment.</param>
/// <param name="Value">The scalar it broadcasts (reads <c>dt</c>).</param>
internal sealed record PlannedField(string Name, string Formula, Expr Value);
