using System.Globalization;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>Renders an expression as the user would read it (summaries, messages): no qualification, no hoisting.</summary>
internal static class Formula
{
    public static string Of(Expr expr) => expr switch
    {
        NumberExpr number => number.Value.ToString("R", CultureInfo.InvariantCulture),
        VariableExpr variable => variable.Name,
        UnaryExpr unary => unary.Operator.Symbol() + Of(unary.Operand),
        BinaryExpr binary => "(" + Of(binary.Left) + " " + binary.Operator.Symbol() + " " + Of(binary.Right) + ")",
        ConditionalExpr conditional => "(" + Of(conditional.Condition) + " ? " + Of(conditional.WhenTrue) + " : " + Of(conditional.WhenFalse) + ")",
        IntrinsicCallExpr call => call.Name + "(" + string.Join(", ", call.Arguments.Select(Of)) + ")",
        DerivedCallExpr call => call.Name + "(" + string.Join(", ", call.Arguments.Select(Of)) + ")",
        DerivedSlopeExpr slope => "∂" + slope.Name + "/∂" + Of(slope.Arguments[slope.Index]) + "(" + string.Join(", ", slope.Arguments.Select(Of)) + ")",
        _ => "?",
    };
}
