namespace SdeDsl.Generators.Model;

/// <summary>The C# spelling and the classes of the operators.</summary>
internal static class Operators
{
    public static string Symbol(this UnaryOperator op) => op == UnaryOperator.Negate ? "-" : "!";

    public static string Symbol(this BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "&&",
        _ => "||",
    };

    /// <summary>True for comparisons and logical operators, whose result is a truth value.</summary>
    public static bool IsBoolean(this BinaryOperator op) => op >= BinaryOperator.Less;

    /// <summary>True for <c>&amp;&amp;</c> and <c>||</c>.</summary>
    public static bool IsLogical(this BinaryOperator op) => op is BinaryOperator.And or BinaryOperator.Or;
}
