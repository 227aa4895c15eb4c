using System;

namespace SdeDsl.Generators.Model;

/// <summary>
/// The result of differentiating an expression: its derivative, or why the generator cannot write one (a model then
/// gets Euler–Maruyama only, SDE0021).
/// </summary>
internal readonly struct Derivative
{
    private Derivative(Expr? value, string? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The derivative, or null when it does not exist.</summary>
    public Expr? Value { get; }

    /// <summary>Why the derivative cannot be written, or null when it exists.</summary>
    public string? Failure { get; }

    public static implicit operator Derivative(Expr value) => new(value, null);

    public static Derivative None(string why) => new(null, why);

    /// <summary>f(this), or this failure.</summary>
    public Derivative Map(Func<Expr, Expr> f) => Failure is null ? f(Value!) : this;

    /// <summary>f(a, b), or the first failure of a and b.</summary>
    public static Derivative Combine(Derivative a, Derivative b, Func<Expr, Expr, Expr> f) =>
        a.Failure is not null ? a : b.Failure is not null ? b : f(a.Value!, b.Value!);
}
