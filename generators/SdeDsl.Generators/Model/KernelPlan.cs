using System.Collections.Generic;

namespace SdeDsl.Generators.Model;

/// <summary>
/// One kernel's element-wise body, decided before emission: the spans it reads (in parameter order), the states it
/// writes, its fields, its locals in order (the methods' statements, the drifts and diffusions, the derivative terms and
/// the subexpressions they share), and what each written state becomes: its value plus the sum of its terms (an
/// update's states take their last assigned value: no terms). The emitter only prints it.
/// </summary>
internal sealed record KernelPlan(
    string Name,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> States,
    IReadOnlyList<PlannedField> Fields,
    IReadOnlyList<PlannedLocal> Locals,
    IReadOnlyList<(string State, IReadOnlyList<Expr> Terms)> Stores);
