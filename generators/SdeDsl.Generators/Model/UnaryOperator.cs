namespace SdeDsl.Generators.Model;

/// <summary>The unary operators of the IR (unary plus is dropped when lowering).</summary>
internal enum UnaryOperator
{
    /// <summary><c>-a</c>.</summary>
    Negate,

    /// <summary><c>!a</c>.</summary>
    Not,
}
