namespace SdeDsl.Generators.Model;

/// <summary>The binary operators of the IR: arithmetic, then comparisons, then logical (the last two give truth values).</summary>
internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}
