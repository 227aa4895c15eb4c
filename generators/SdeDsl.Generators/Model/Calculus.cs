using System;
using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>An expression the generator cannot differentiate; <see cref="Exception.Message"/> says why.</summary>
internal sealed class NotDifferentiableException : Exception
{
    public NotDifferentiableException(string message)
        : base(message)
    {
    }
}

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
    public static Expr DifferentiateByState(Expr expr, string state) => Differentiate(expr, state);

    /// <summary>The partial derivative of <paramref name="expr"/> with respect to time.</summary>
    public static Expr DifferentiateByTime(Expr expr) => Differentiate(expr, null);

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
        (_, UnaryExpr { Operator: "-" } negated) => Sub(a, negated.Operand),
        _ => new BinaryExpr("+", a, b),
    };

    public static Expr Sub(Expr a, Expr b) => (a, b) switch
    {
        (_, NumberExpr { Value: 0 }) => a,
        (NumberExpr { Value: 0 }, _) => Negate(b),
        (NumberExpr x, NumberExpr y) => Number(x.Value - y.Value),
        (_, UnaryExpr { Operator: "-" } negated) => Add(a, negated.Operand),
        _ => new BinaryExpr("-", a, b),
    };

    public static Expr Mul(Expr a, Expr b) => (a, b) switch
    {
        (NumberExpr { Value: 0 }, _) or (_, NumberExpr { Value: 0 }) => Number(0),
        (NumberExpr { Value: 1 }, _) => b,
        (_, NumberExpr { Value: 1 }) => a,
        (NumberExpr { Value: -1 }, _) => Negate(b),
        (_, NumberExpr { Value: -1 }) => Negate(a),
        (NumberExpr x, NumberExpr y) => Number(x.Value * y.Value),
        (UnaryExpr { Operator: "-" } x, UnaryExpr { Operator: "-" } y) => Mul(x.Operand, y.Operand),
        (UnaryExpr { Operator: "-" } x, _) => Negate(Mul(x.Operand, b)),
        (_, UnaryExpr { Operator: "-" } y) => Negate(Mul(a, y.Operand)),
        _ => new BinaryExpr("*", a, b),
    };

    public static Expr Div(Expr a, Expr b) => (a, b) switch
    {
        (NumberExpr { Value: 0 }, _) => Number(0),
        (_, NumberExpr { Value: 1 }) => a,
        (UnaryExpr { Operator: "-" } x, _) => Negate(Div(x.Operand, b)),
        _ => new BinaryExpr("/", a, b),
    };

    public static Expr Negate(Expr a) => a switch
    {
        NumberExpr x => Number(-x.Value),
        UnaryExpr { Operator: "-" } negated => negated.Operand,
        _ => new UnaryExpr("-", a),
    };

    /// <summary>a², simplified through products, quotients, negation and square roots (Square(Sqrt(u)) = u wherever
    /// the root is defined), so that b² of a diffusion written with a root has none: SignSGD's Milstein term
    /// ½·∂(b²)/∂x is then finite where b = 0, while b·∂b/∂x would be 0·(1/0).</summary>
    public static Expr Square(Expr a) => a switch
    {
        NumberExpr x => Number(x.Value * x.Value),
        UnaryExpr { Operator: "-" } negated => Square(negated.Operand),
        IntrinsicCallExpr { Name: "Sqrt" } root => root.Arguments[0],
        BinaryExpr { Operator: "*" } product => Mul(Square(product.Left), Square(product.Right)),
        BinaryExpr { Operator: "/" } quotient => Div(Square(quotient.Left), Square(quotient.Right)),
        _ => Call("Square", a),
    };

    private static Expr Call(string name, params Expr[] arguments) => new IntrinsicCallExpr(name, new EquatableArray<Expr>(arguments));

    private static Expr Select(Expr condition, Expr whenTrue, Expr whenFalse) =>
        whenTrue.Equals(whenFalse) ? whenTrue : new ConditionalExpr(condition, whenTrue, whenFalse);

    private static Expr Substitute(Expr expr, IReadOnlyDictionary<string, Expr> values) => expr switch
    {
        VariableExpr { Kind: VariableKind.Local } local when values.TryGetValue(local.Name, out Expr? value) => value,
        UnaryExpr u => new UnaryExpr(u.Operator, Substitute(u.Operand, values)),
        BinaryExpr b => new BinaryExpr(b.Operator, Substitute(b.Left, values), Substitute(b.Right, values)),
        ConditionalExpr c => new ConditionalExpr(Substitute(c.Condition, values), Substitute(c.WhenTrue, values), Substitute(c.WhenFalse, values)),
        IntrinsicCallExpr call => new IntrinsicCallExpr(call.Name, Map(call.Arguments, a => Substitute(a, values))),
        DerivedCallExpr call => new DerivedCallExpr(call.Name, Map(call.Arguments, a => Substitute(a, values))),
        _ => expr,
    };

    private static EquatableArray<Expr> Map(EquatableArray<Expr> items, Func<Expr, Expr> map) => new(items.Select(map));

    /// <summary>d expr / d state, or ∂ expr / ∂t when <paramref name="state"/> is null.</summary>
    private static Expr Differentiate(Expr expr, string? state)
    {
        Expr D(Expr e) => Differentiate(e, state);
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
            case UnaryExpr { Operator: "-" } negated:
                return Negate(D(negated.Operand));
            case BinaryExpr { Operator: "+" } sum:
                return Add(D(sum.Left), D(sum.Right));
            case BinaryExpr { Operator: "-" } difference:
                return Sub(D(difference.Left), D(difference.Right));
            case BinaryExpr { Operator: "*" } product:
                return Add(Mul(D(product.Left), product.Right), Mul(product.Left, D(product.Right)));
            case BinaryExpr { Operator: "/" } quotient:
            {
                Expr numerator = D(quotient.Left), denominator = D(quotient.Right);
                Expr first = Div(numerator, quotient.Right);
                return IsZero(denominator)
                    ? first
                    : Sub(first, Div(Mul(quotient.Left, denominator), Square(quotient.Right)));
            }

            case ConditionalExpr conditional:
                // Piecewise: the derivative of the branch taken (the kink itself has measure zero).
                return Select(conditional.Condition, D(conditional.WhenTrue), D(conditional.WhenFalse));
            case IntrinsicCallExpr call:
                return DifferentiateCall(call, state);
            case DerivedCallExpr call:
            {
                Expr total = Number(0);
                for (int i = 0; i < call.Arguments.Count; i++)
                {
                    Expr inner = D(call.Arguments[i]);
                    if (!IsZero(inner))
                    {
                        total = Add(total, Mul(new DerivedSlopeExpr(call.Name, call.Arguments, i), inner));
                    }
                }

                return total;
            }

            case DerivedSlopeExpr slope when slope.Arguments.All(a => IsZero(D(a))):
                return Number(0);
            default:
                throw new NotDifferentiableException("'" + Emitting.ExpressionRenderer.Formula(expr) + "' has no derivative the generator can write");
        }
    }

    private static Expr DifferentiateCall(IntrinsicCallExpr call, string? state)
    {
        Expr u = call.Arguments[0];
        Expr du = Differentiate(u, state);
        Expr Chain(Expr outer) => IsZero(du) ? Number(0) : Mul(outer, du);
        switch (call.Name)
        {
            case "Sign":
                return Number(0);
            case "Abs":
                return Chain(Call("Sign", u));
            case "Sqrt":
                return IsZero(du) ? Number(0) : Div(du, Mul(Number(2), call));
            case "Square":
                return Chain(Mul(Number(2), u));
            case "Exp":
                return Chain(call);
            case "Log":
                return IsZero(du) ? Number(0) : Div(du, u);
            case "Erf":
                return Chain(Mul(Number(2 / Math.Sqrt(Math.PI)), Call("Exp", Negate(Square(u)))));
            case "Erfc":
                return Chain(Mul(Number(-2 / Math.Sqrt(Math.PI)), Call("Exp", Negate(Square(u)))));
            case "Tanh":
                return Chain(Sub(Number(1), Square(call)));
            case "Atan":
                return IsZero(du) ? Number(0) : Div(du, Add(Number(1), Square(u)));
            case "Pow":
            {
                Expr p = call.Arguments[1];
                Expr dp = Differentiate(p, state);
                Expr byBase = IsZero(du) ? Number(0) : Mul(Mul(p, Call("Pow", u, Sub(p, Number(1)))), du);
                Expr byExponent = IsZero(dp) ? Number(0) : Mul(Mul(call, Call("Log", u)), dp);
                return Add(byBase, byExponent);
            }

            case "Min" or "Max":
            {
                Expr v = call.Arguments[1];
                Expr dv = Differentiate(v, state);
                return Select(new BinaryExpr(call.Name == "Min" ? "<=" : ">=", u, v), du, dv);
            }

            case "Clamp":
            {
                Expr low = call.Arguments[1], high = call.Arguments[2];
                Expr dLow = Differentiate(low, state), dHigh = Differentiate(high, state);
                return Select(new BinaryExpr("<", u, low), dLow, Select(new BinaryExpr(">", u, high), dHigh, du));
            }

            case "StudentTCdf":
            {
                Expr nu = call.Arguments[1];
                if (!IsZero(Differentiate(nu, state)))
                {
                    throw new NotDifferentiableException("StudentTCdf is differentiated only in its first argument, and its degrees of freedom '" + Emitting.ExpressionRenderer.Formula(nu) + "' vary");
                }

                return Chain(Call("StudentTPdf", u, nu));
            }

            case "StudentTPdf":
            {
                // p'(u) = −(ν + 1)·u / (ν + u²) · p(u).
                Expr nu = call.Arguments[1];
                if (!IsZero(Differentiate(nu, state)))
                {
                    throw new NotDifferentiableException("StudentTPdf is differentiated only in its first argument, and its degrees of freedom '" + Emitting.ExpressionRenderer.Formula(nu) + "' vary");
                }

                return Chain(Negate(Div(Mul(Mul(Add(nu, Number(1)), u), call), Add(nu, Square(u)))));
            }

            default:
                throw new NotDifferentiableException("the intrinsic '" + call.Name + "' has no derivative the generator can write");
        }
    }
}
