namespace SdeDsl.Generators.Model;

/// <summary>Everything the emitter needs to know about one <c>[SdeModel]</c> type; equatable, symbol-free.</summary>
internal sealed record ModelSpec(
    string Namespace,
    string TypeName,
    TypeShape Shape,
    string MetadataName,
    EquatableArray<HyperSpec> Hypers,
    EquatableArray<StateSpec> States,
    UpdateSpec? Update,
    EquatableArray<SdeFunctionSpec> Drifts,
    EquatableArray<SdeFunctionSpec> Diffusions);

/// <summary>How the model type is declared, which its generated part repeats.</summary>
/// <param name="IsRecord">Declared with <c>record</c>.</param>
/// <param name="IsStruct">A struct (a class otherwise: an error, SDE0022, but the analyzer still reads it).</param>
/// <param name="IsReadOnly">Declared <c>readonly</c>.</param>
internal sealed record TypeShape(bool IsRecord, bool IsStruct, bool IsReadOnly)
{
    /// <summary>The keywords of the generated part: <c>readonly partial record struct</c>, <c>partial struct</c>, ….</summary>
    public string PartialKeywords =>
        (IsReadOnly ? "readonly " : "") + "partial " + (IsRecord ? (IsStruct ? "record struct" : "record") : IsStruct ? "struct" : "class");
}

/// <summary>The element types every kernel is generated for.</summary>
internal enum ElementType
{
    Double,
    Single,
}

/// <summary>The C# keyword of an element type.</summary>
internal static class ElementTypes
{
    public static readonly ElementType[] All = { ElementType.Double, ElementType.Single };

    public static string Keyword(this ElementType type) => type == ElementType.Double ? "double" : "float";
}

/// <summary>A <c>[Hyper]</c> field and its bounds.</summary>
internal sealed record HyperSpec(string Name, double Min, double Max, bool ExclusiveMin, bool ExclusiveMax);

/// <summary>A state component; <paramref name="Diffused"/> when it has a diffusion.</summary>
internal sealed record StateSpec(string Name, bool Diffused);

/// <summary>The lowered <c>[Update]</c> method.</summary>
/// <param name="MethodName">The user's method name (for docs).</param>
/// <param name="Body">Statements in order.</param>
/// <param name="UsesGradient">Whether <c>g</c> is read.</param>
/// <param name="Source">The method body as written, for the kernel's summary.</param>
internal sealed record UpdateSpec(string MethodName, EquatableArray<Statement> Body, bool UsesGradient, string Source);

/// <summary>A lowered drift or diffusion: its statements, then the returned value.</summary>
internal sealed record SdeFunctionSpec(string MethodName, string State, EquatableArray<Statement> Body, Expr Result, string Source);
