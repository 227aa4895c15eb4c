using System;
using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>
/// Symbolic differentiation of the expression IR, with the simplifications (0·a = 0, 1·a = a, constant folding) that
/// keep the derivatives readable and let the generator see which ones vanish.
/// </summary>
/// <remarks>
/// The variable is either a state component or time. Through <c>grad</c> the chain rule of the iterate x takes the
/// objective's diagonal Hessian, the input <c>hess</c>: d/dx = ∂/∂x + hess·∂/∂grad. The Hessian's own derivative (the
/// objective's third derivative) is taken as zero, which is exact for quadratic objectives. A derived scalar method
/// of time has no IR of its body, so its slope is a <see cref="DerivedSlopeExpr"/>, a central difference evaluated
/// once per kernel call.
/// </remarks>
internal static class Calculus
{
    /// <summary>The name of the diagonal-Hessian input that the chain rule through <c>grad</c> reads.</summary>
    public const string Hessian = "hess";

    /// <summary>Replaces every local of <paramref name="body"/> in <paramref name="result"/> by its value, so that
    /// the expression reads only states, inputs and scalars.</summary>
    public static Expr Inline(EquatableArray<Statement> body, Expr result)
    {
        var values = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (Statement statement in body)
        {
            values[statement.Target] = Substitute(statement.Value, values);
        }

        return Substitute(result, values);
    }

    /// <summary>The derivative of <paramref name="expr"/> with respect to the state <paramref name="state"/>
    /// (through <c>grad</c> and the Hessian when the state is x).</summary>
    public static Derivative DifferentiateByState(Expr expr, string state) => Differentiate(expr, state);

    /// <summary>The partial derivative of <paramref name="expr"/> with respect to time.</summary>
    public static Derivative DifferentiateByTime(Expr expr) => Differentiate(expr, null);

    public static bool IsZero(Expr expr) => expr is NumberExpr { Value: 0 };

    /// <summary>True when <paramref name="expr"/> reads the variable <paramref name="name"/> (of any kind).</summary>
    public static bool Reads(Expr expr, string name) => expr switch
    {
        VariableExpr v => v.Name == name,
        UnaryExpr u => Reads(u.Operand, name),
        BinaryExpr b => Reads(b.Left, name) || Reads(b.Right, name),
        ConditionalExpr c => Reads(c.Condition, name) || Reads(c.WhenTrue, name) || Reads(c.WhenFalse, name),
        IntrinsicCallExpr call => call.Arguments.Any(a => Reads(a, name)),
        DerivedCallExpr call => call.Arguments.Any(a => Reads(a, name)),
        DerivedSlopeExpr slope => slope.Arguments.Any(a => Reads(a, name)),
        _ => false,
    };

    public static Expr Number(double value) => new NumberExpr(value);

    public static Expr Add(Expr a, Expr b) => (a, b) switch
    {
        (NumberExpr { Value: 0 }, _) => b,
        (_, NumberExpr { Value: 0 }) => a,
        (NumberExpr x, NumberExpr y) => Number(x.Value + y.Value),
        (_, UnaryExpr { Operator: UnaryOperator.Negate } negated) => Sub(a, negated.Operand),
        _ => new BinaryExpr(BinaryOperator.Add, a, b),
    };

    public static Expr Sub(Expr a, Expr b) => (a, b) switch
    {
        (_, NumberExpr { Value: 0 }) => a,
        (NumberExpr { Value: 0 }, _) => Negate(b),
        (NumberExpr x, NumberExpr y) => Number(x.Value - y.Value),
        (_, UnaryExpr { Operator: UnaryOperator.Negate } negated) => Add(a, negated.Operand),
        _ => new BinaryExpr(BinaryOperator.Subtract, a, b),
    };

    public static Expr Mul(Expr a, Expr b) => (a, b) switch
    {
        (NumberExpr { Value: 0 }, _) or (_, NumberExpr { Value: 0 }) => Number(0),
        (NumberExpr { Value: 1 }, _) => b,
        (_, NumberExpr { Value: 1 }) => a,
        (NumberExpr { Value: -1 }, _) => Negate(b),
        (_, NumberExpr { Value: -1 }) => Negate(a),
        (NumberExpr x, NumberExpr y) => Number(x.Value * y.Value),
        (UnaryExpr { Operator: UnaryOperator.Negate } x, UnaryExpr { Operator: UnaryOperator.Negate } y) => Mul(x.Operand, y.Operand),
        (UnaryExpr { Operator: UnaryOperator.Negate } x, _) => Negate(Mul(x.Operand, b)),
        (_, UnaryExpr { Operator: UnaryOperator.Negate } y) => Negate(Mul(a, y.Operand)),
        _ => new BinaryExpr(BinaryOperator.Multiply, a, b),
    };

    public static Expr Div(Expr a, Expr b) => (a, b) switch
    {
        (NumberExpr { Value: 0 }, _) => Number(0),
        (_, NumberExpr { Value: 1 }) => a,
        (UnaryExpr { Operator: UnaryOperator.Negate } x, _) => Negate(Div(x.Operand, b)),
        _ => new BinaryExpr(BinaryOperator.Divide, a, b),
    };

    public static Expr Negate(Expr a) => a switch
    {
        NumberExpr x => Number(-x.Value),
        UnaryExpr { Operator: UnaryOperator.Negate } negated => negated.Operand,
        _ => new UnaryExpr(UnaryOperator.Negate, a),
    };

    /// <summary>a², simplified through products, quotients, negation, square roots and constant powers (Square(Sqrt(u))
    /// = Square(Pow(u, 0.5)) = u, Square(Pow(u, c)) = Pow(u, 2c) wherever the root or power is defined), so that b² of a diffusion written with a root has none: SignSGD's Milstein term
    /// ½·∂(b²)/∂x is then finite where b = 0, while b·∂b/∂x would be 0·(1/0).</summary>
    public static Expr Square(Expr a) => a switch
    {
        NumberExpr x => Number(x.Value * x.Value),
        UnaryExpr { Operator: UnaryOperator.Negate } negated => Square(negated.Operand),
        IntrinsicCallExpr { Name: "Sqrt" } root => root.Arguments[0],
        IntrinsicCallExpr { Name: "Pow" } power when power.Arguments[1] is NumberExpr exponent =>
            exponent.Value == 0.5 ? power.Arguments[0] : Call("Pow", power.Arguments[0], Number(2 * exponent.Value)),
        BinaryExpr { Operator: BinaryOperator.Multiply } product => Mul(Square(product.Left), Square(product.Right)),
        BinaryExpr { Operator: BinaryOperator.Divide } quotient => Div(Square(quotient.Left), Square(quotient.Right)),
        _ => Call("Square", a),
    };

    public static Expr Call(string name, params Expr[] arguments) => new IntrinsicCallExpr(name, new EquatableArray<Expr>(arguments));

    /// <summary>The conditional, or one branch when both are the same.</summary>
    public static Expr Select(Expr condition, Expr whenTrue, Expr whenFalse) =>
        whenTrue.Equals(whenFalse) ? whenTrue : new ConditionalExpr(condition, whenTrue, whenFalse);

    private static Expr Substitute(Expr expr, IReadOnlyDictionary<string, Expr> values) => expr switch
    {
        VariableExpr { Kind: VariableKind.Local } local when values.TryGetValue(local.Name, out Expr? value) => value,
        UnaryExpr u => new UnaryExpr(u.Operator, Substitute(u.Operand, values)),
        BinaryExpr b => new BinaryExpr(b.Operator, Substitute(b.Left, values), Substitute(b.Right, values)),
        ConditionalExpr c => new ConditionalExpr(Substitute(c.Condition, values), Substitute(c.WhenTrue, values), Substitute(c.WhenFalse, values)),
        IntrinsicCallExpr call => new IntrinsicCallExpr(call.Name, Map(call.Arguments, a => Substitute(a, values))),
        DerivedCallExpr call => call with { Arguments = Map(call.Arguments, a => Substitute(a, values)) },
        _ => expr,
    };

    private static EquatableArray<Expr> Map(EquatableArray<Expr> items, Func<Expr, Expr> map) => new(items.Select(map));

    /// <summary>d expr / d state, or ∂ expr / ∂t when <paramref name="state"/> is null; the rules of the intrinsics
    /// are in <see cref="Intrinsics"/>.</summary>
    private static Derivative Differentiate(Expr expr, string? state)
    {
        Derivative D(Expr e) => Differentiate(e, state);
        switch (expr)
        {
            case NumberExpr:
                return Number(0);
            case VariableExpr variable:
                return variable.Kind switch
                {
                    VariableKind.State => Number(state is not null && variable.Name == state ? 1 : 0),
                    VariableKind.Time => Number(state is null ? 1 : 0),
                    VariableKind.Input when variable.Name == "grad" && state == "x" => new VariableExpr(Hessian, VariableKind.Input),
                    VariableKind.Local => throw new InvalidOperationException("Inline the locals before differentiating."),
                    _ => Number(0),
                };
            case UnaryExpr { Operator: UnaryOperator.Negate } negated:
                return D(negated.Operand).Map(Negate);
            case BinaryExpr { Operator: BinaryOperator.Add } sum:
                return Derivative.Combine(D(sum.Left), D(sum.Right), Add);
            case BinaryExpr { Operator: BinaryOperator.Subtract } difference:
                return Derivative.Combine(D(difference.Left), D(difference.Right), Sub);
            case BinaryExpr { Operator: BinaryOperator.Multiply } product:
                return Derivative.Combine(D(product.Left), D(product.Right), (left, right) => Add(Mul(left, product.Right), Mul(product.Left, right)));
            case BinaryExpr { Operator: BinaryOperator.Divide } quotient:
                return Derivative.Combine(D(quotient.Left), D(quotient.Right), (numerator, denominator) =>
                {
                    Expr first = Div(numerator, quotient.Right);
                    return IsZero(denominator)
                        ? first
                        : Sub(first, Div(Mul(quotient.Left, denominator), Square(quotient.Right)));
                });
            case ConditionalExpr conditional:
                // Piecewise: the derivative of the branch taken (the kink itself has measure zero).
                return Derivative.Combine(D(conditional.WhenTrue), D(conditional.WhenFalse), (t, f) => Select(conditional.Condition, t, f));
            case IntrinsicCallExpr call:
                return Intrinsics.Find(call.Name) is { } intrinsic
                    ? intrinsic.Differentiate(call, D)
                    : Derivative.None("the intrinsic '" + call.Name + "' has no derivative the generator can write");
            case DerivedCallExpr call:
            {
                Expr total = Number(0);
                for (int i = 0; i < call.Arguments.Count; i++)
                {
                    Derivative inner = D(call.Arguments[i]);
                    if (inner.Failure is not null)
                    {
                        return inner;
                    }

                    if (!IsZero(inner.Value!))
                    {
                        total = Add(total, Mul(new DerivedSlopeExpr(call.Name, call.Arguments, call.ParameterTypes, i), inner.Value!));
                    }
                }

                return total;
            }

            case DerivedSlopeExpr slope:
                foreach (Expr argument in slope.Arguments)
                {
                    Derivative inner = D(argument);
                    if (inner.Failure is not null || !IsZero(inner.Value!))
                    {
                        return inner.Failure is not null ? inner : NoDerivative(expr);
                    }
                }

                return Number(0);
            default:
                return NoDerivative(expr);
        }
    }

    private static Derivative NoDerivative(Expr expr) => Derivative.None("'" + Formula.Of(expr) + "' has no derivative the generator can write");
}
