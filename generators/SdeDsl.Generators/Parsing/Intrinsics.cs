using System.Collections.Generic;

namespace SdeDsl.Generators.Parsing;

/// <summary>
/// The single table of element-wise intrinsics: the <c>SdeMath</c> methods a model may call, and the
/// <c>System.Math</c>/<c>System.MathF</c> methods that map onto them.
/// </summary>
internal static class Intrinsics
{
    public const string SdeMathType = "SdeDsl.SdeMath";

    private static readonly HashSet<string> SdeMathNames = new()
    {
        "Abs", "Sign", "Sqrt", "Square", "Exp", "Log", "Pow", "Erf", "Erfc", "Tanh", "Atan", "Min", "Max", "Clamp", "StudentTCdf", "StudentTPdf",
    };

    private static readonly HashSet<string> MathNames = new()
    {
        "Abs", "Sign", "Sqrt", "Exp", "Log", "Pow", "Tanh", "Atan", "Min", "Max", "Clamp",
    };

    /// <summary>Maps a called method to the intrinsic it stands for, or returns null.</summary>
    /// <param name="containingType">The fully qualified name of the method's type.</param>
    /// <param name="name">The method's name.</param>
    /// <param name="arity">The number of arguments.</param>
    public static string? Resolve(string containingType, string name, int arity)
    {
        if (containingType == SdeMathType)
        {
            return SdeMathNames.Contains(name) ? name : null;
        }

        if (containingType is "System.Math" or "System.MathF" && MathNames.Contains(name))
        {
            // Math.Log(a, newBase) has no SdeMath counterpart.
            return name == "Log" && arity != 1 ? null : name;
        }

        return null;
    }
}
