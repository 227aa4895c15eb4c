using System;
using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>
/// The single table of intrinsics, read by the parser (which calls are allowed), by <see cref="Calculus"/> (their
/// derivatives) and by the emitter (which renders a call by its name). Tests check that it equals <c>SdeMath</c>'s
/// public surface, <c>VectorMath</c>'s, the intrinsics table of docs/dsl-reference.md, and the calls of the
/// <c>EveryIntrinsic</c> test model.
/// </summary>
internal static class Intrinsics
{
    public const string SdeMathType = "SdeDsl.SdeMath";

    private static readonly double TwoOverSqrtPi = 2 / Math.Sqrt(Math.PI);

    public static readonly IReadOnlyList<Intrinsic> All = new Intrinsic[]
    {
        new("Abs", 1, true, (call, d) => Chain(call, d, u => Calculus.Call("Sign", u))),
        new("Sign", 1, true, static (call, d) => d(call.Arguments[0]).Map(static _ => Calculus.Number(0))),
        new("Sqrt", 1, true, (call, d) => d(call.Arguments[0]).Map(du => Calculus.IsZero(du) ? Calculus.Number(0) : Calculus.Div(du, Calculus.Mul(Calculus.Number(2), call)))),
        new("Square", 1, false, (call, d) => Chain(call, d, u => Calculus.Mul(Calculus.Number(2), u))),
        new("Exp", 1, true, (call, d) => Chain(call, d, _ => call)),
        new("Log", 1, true, (call, d) => d(call.Arguments[0]).Map(du => Calculus.IsZero(du) ? Calculus.Number(0) : Calculus.Div(du, call.Arguments[0]))),
        new("Pow", 2, true, DifferentiatePow),
        new("Erf", 1, false, (call, d) => Chain(call, d, u => Calculus.Mul(Calculus.Number(TwoOverSqrtPi), Calculus.Call("Exp", Calculus.Negate(Calculus.Square(u)))))),
        new("Erfc", 1, false, (call, d) => Chain(call, d, u => Calculus.Mul(Calculus.Number(-TwoOverSqrtPi), Calculus.Call("Exp", Calculus.Negate(Calculus.Square(u)))))),
        new("Tanh", 1, true, (call, d) => Chain(call, d, _ => Calculus.Sub(Calculus.Number(1), Calculus.Square(call)))),
        new("Atan", 1, true, (call, d) => d(call.Arguments[0]).Map(du => Calculus.IsZero(du) ? Calculus.Number(0) : Calculus.Div(du, Calculus.Add(Calculus.Number(1), Calculus.Square(call.Arguments[0]))))),
        new("Min", 2, true, (call, d) => Piecewise(call, d, BinaryOperator.LessOrEqual)),
        new("Max", 2, true, (call, d) => Piecewise(call, d, BinaryOperator.GreaterOrEqual)),
        new("Clamp", 3, true, DifferentiateClamp),
        // ∂F_ν/∂u = p_ν(u); the degrees of freedom must not vary.
        new("StudentTCdf", 2, false, (call, d) => InFirstArgument(call, d, u => Calculus.Call("StudentTPdf", u, call.Arguments[1]))) { TakesDegreesOfFreedom = true },
        // p'(u) = −(ν + 1)·u / (ν + u²) · p(u).
        new("StudentTPdf", 2, false, (call, d) => InFirstArgument(call, d, u =>
        {
            Expr nu = call.Arguments[1];
            return Calculus.Negate(Calculus.Div(Calculus.Mul(Calculus.Mul(Calculus.Add(nu, Calculus.Number(1)), u), call), Calculus.Add(nu, Calculus.Square(u))));
        })) { TakesDegreesOfFreedom = true },
    };

    private static readonly Dictionary<string, Intrinsic> ByName = All.ToDictionary(static i => i.Name);

    /// <summary>The intrinsic of that name, or null.</summary>
    public static Intrinsic? Find(string name) => ByName.TryGetValue(name, out Intrinsic? intrinsic) ? intrinsic : null;

    /// <summary>Maps a called method to the intrinsic it stands for, or returns null.</summary>
    /// <param name="containingType">The fully qualified name of the method's type.</param>
    /// <param name="name">The method's name.</param>
    /// <param name="arity">The number of arguments.</param>
    public static string? Resolve(string containingType, string name, int arity)
    {
        Intrinsic? intrinsic = Find(name);
        if (intrinsic is null || intrinsic.Arity != arity)
        {
            // Math.Log(a, newBase) has no SdeMath counterpart.
            return null;
        }

        return containingType == SdeMathType || (containingType is "System.Math" or "System.MathF" && intrinsic.MathAlias) ? name : null;
    }

    /// <summary>outer(u)·u′ for a call of one argument u (zero when u′ is).</summary>
    private static Derivative Chain(IntrinsicCallExpr call, Func<Expr, Derivative> d, Func<Expr, Expr> outer) =>
        d(call.Arguments[0]).Map(du => Calculus.IsZero(du) ? Calculus.Number(0) : Calculus.Mul(outer(call.Arguments[0]), du));

    private static Derivative InFirstArgument(IntrinsicCallExpr call, Func<Expr, Derivative> d, Func<Expr, Expr> outer)
    {
        Derivative du = d(call.Arguments[0]);
        if (du.Failure is not null)
        {
            return du;
        }

        Expr nu = call.Arguments[1];
        Derivative dNu = d(nu);
        if (dNu.Failure is not null || !Calculus.IsZero(dNu.Value!))
        {
            return Derivative.None(call.Name + " is differentiated only in its first argument, and its degrees of freedom '" + Formula.Of(nu) + "' vary");
        }

        return Calculus.IsZero(du.Value!) ? Calculus.Number(0) : Calculus.Mul(outer(call.Arguments[0]), du.Value!);
    }

    private static Derivative DifferentiatePow(IntrinsicCallExpr call, Func<Expr, Derivative> d)
    {
        Expr u = call.Arguments[0], p = call.Arguments[1];
        return Derivative.Combine(d(u), d(p), (du, dp) =>
        {
            Expr byBase = Calculus.IsZero(du) ? Calculus.Number(0) : Calculus.Mul(Calculus.Mul(p, Calculus.Call("Pow", u, Calculus.Sub(p, Calculus.Number(1)))), du);
            Expr byExponent = Calculus.IsZero(dp) ? Calculus.Number(0) : Calculus.Mul(Calculus.Mul(call, Calculus.Call("Log", u)), dp);
            return Calculus.Add(byBase, byExponent);
        });
    }

    /// <summary>Min and Max: the derivative of the argument taken.</summary>
    private static Derivative Piecewise(IntrinsicCallExpr call, Func<Expr, Derivative> d, BinaryOperator firstWhen)
    {
        Expr u = call.Arguments[0], v = call.Arguments[1];
        return Derivative.Combine(d(u), d(v), (du, dv) => Calculus.Select(new BinaryExpr(firstWhen, u, v), du, dv));
    }

    private static Derivative DifferentiateClamp(IntrinsicCallExpr call, Func<Expr, Derivative> d)
    {
        Expr u = call.Arguments[0], low = call.Arguments[1], high = call.Arguments[2];
        Derivative du = d(u), dLow = d(low), dHigh = d(high);
        if (du.Failure is not null || dLow.Failure is not null || dHigh.Failure is not null)
        {
            return du.Failure is not null ? du : dLow.Failure is not null ? dLow : dHigh;
        }

        return Calculus.Select(new BinaryExpr(BinaryOperator.Less, u, low), dLow.Value!, Calculus.Select(new BinaryExpr(BinaryOperator.Greater, u, high), dHigh.Value!, du.Value!));
    }
}
