namespace SdeDsl.Generators.Model;

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
