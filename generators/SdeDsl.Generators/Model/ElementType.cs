namespace SdeDsl.Generators.Model;

/// <summary>The element types every kernel is generated for.</summary>
internal enum ElementType
{
    Double,
    Single,
}
