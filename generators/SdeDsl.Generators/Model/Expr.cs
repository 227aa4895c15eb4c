using System;

namespace SdeDsl.Generators.Model;

/// <summary>A node of the element-wise expression IR that method bodies are lowered into.</summary>
internal abstract record Expr;

/// <summary>A numeric constant (literals and compile-time constants, folded by the compiler).</summary>
internal sealed record NumberExpr(double Value) : Expr;

/// <summary>A reference to a named value; <see cref="Kind"/> says what it is.</summary>
internal sealed record VariableExpr(string Name, VariableKind Kind) : Expr;

/// <summary>A unary operator: <c>-</c> or <c>!</c>.</summary>
internal sealed record UnaryExpr(UnaryOperator Operator, Expr Operand) : Expr;

/// <summary>A binary operator: arithmetic, comparison or logical.</summary>
internal sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right) : Expr;

/// <summary>The conditional operator <c>c ? a : b</c>, vectorized as a select when <c>c</c> is element-wise.</summary>
internal sealed record ConditionalExpr(Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr;

/// <summary>A call of an <c>SdeMath</c> intrinsic (also reached through <c>Math.*</c>).</summary>
internal sealed record IntrinsicCallExpr(string Name, EquatableArray<Expr> Arguments) : Expr;

/// <summary>A call of a derived scalar method of the model (its arguments depend only on <c>t</c> and <c>k</c>).
/// <see cref="ParameterTypes"/> holds, per argument, the C# type of a parameter that is not double (<c>long k</c>), else
/// "": the IR computes in double, so such an argument is converted back when the call is written.</summary>
internal sealed record DerivedCallExpr(string Name, EquatableArray<Expr> Arguments, EquatableArray<string> ParameterTypes) : Expr;

/// <summary>
/// The slope of a derived scalar method in its argument <see cref="Index"/>, at <see cref="Arguments"/>: the generator
/// has no IR of the method's body, so the kernel takes it by a central difference, once per call (scalar).
/// </summary>
internal sealed record DerivedSlopeExpr(string Name, EquatableArray<Expr> Arguments, EquatableArray<string> ParameterTypes, int Index) : Expr;

/// <summary>What a <see cref="VariableExpr"/> refers to.</summary>
internal enum VariableKind
{
    /// <summary>A state component at the current coordinate.</summary>
    State,

    /// <summary>An element-wise input: <c>g</c>, <c>grad</c> or <c>sigma</c>.</summary>
    Input,

    /// <summary>A local declared in the method body.</summary>
    Local,

    /// <summary>A <c>[Hyper]</c> field.</summary>
    Hyper,

    /// <summary>A derived scalar property of the model.</summary>
    DerivedProperty,

    /// <summary>Time <c>t</c> (SDE methods).</summary>
    Time,

    /// <summary>The 1-based step number <c>k</c> (<c>[Update]</c>).</summary>
    StepNumber,
}

/// <summary>Classifies expressions: scalar (hoisted out of the loop) or element-wise.</summary>
internal static class ExprFacts
{
    public static bool IsScalar(Expr expr) => expr switch
    {
        NumberExpr => true,
        VariableExpr v => v.Kind is VariableKind.Hyper or VariableKind.DerivedProperty or VariableKind.Time or VariableKind.StepNumber,
        UnaryExpr u => IsScalar(u.Operand),
        BinaryExpr b => IsScalar(b.Left) && IsScalar(b.Right),
        ConditionalExpr c => IsScalar(c.Condition) && IsScalar(c.WhenTrue) && IsScalar(c.WhenFalse),
        IntrinsicCallExpr call => AllScalar(call.Arguments),
        DerivedCallExpr or DerivedSlopeExpr => true,
        _ => throw new ArgumentOutOfRangeException(nameof(expr)),
    };

    /// <summary>True for operators whose result is a truth value (comparisons and logical operators).</summary>
    public static bool IsBoolean(Expr expr) => expr switch
    {
        BinaryExpr b => b.Operator.IsBoolean(),
        UnaryExpr u => u.Operator == UnaryOperator.Not,
        ConditionalExpr c => IsBoolean(c.WhenTrue),
        _ => false,
    };

    private static bool AllScalar(EquatableArray<Expr> items)
    {
        foreach (Expr item in items)
        {
            if (!IsScalar(item))
            {
                return false;
            }
        }

        return true;
    }
}
