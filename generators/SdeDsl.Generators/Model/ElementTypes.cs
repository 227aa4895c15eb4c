namespace SdeDsl.Generators.Model;

/// <summary>The C# keyword of an element type.</summary>
internal static class ElementTypes
{
    public static readonly ElementType[] All = { ElementType.Double, ElementType.Single };

    public static string Keyword(this ElementType type) => type == ElementType.Double ? "double" : "float";
}
