using System;

namespace SdeDsl.Generators.Model;

/// <summary>
/// One element-wise intrinsic: a method of <c>SdeDsl.SdeMath</c> that a model may call.
/// </summary>
/// <param name="Name">The method's name, in <c>SdeMath</c> and in <c>SdeDsl.Kernels.VectorMath</c>.</param>
/// <param name="Arity">The number of arguments.</param>
/// <param name="MathAlias">True when <c>System.Math</c>/<c>System.MathF</c> has a method of that name and arity with
/// the same meaning, which the parser maps onto the intrinsic.</param>
/// <param name="Differentiate">The derivative rule: the call's derivative given the derivative of any argument.</param>
internal sealed record Intrinsic(string Name, int Arity, bool MathAlias, Func<IntrinsicCallExpr, Func<Expr, Derivative>, Derivative> Differentiate)
{
    /// <summary>Both element types have implementations: <c>SdeMath</c> has a <c>double</c>, <c>float</c>,
    /// <c>Vector&lt;double&gt;</c> and <c>Vector&lt;float&gt;</c> overload of every intrinsic (a reflection test checks it).</summary>
    public bool HasDouble => true;

    /// <inheritdoc cref="HasDouble"/>
    public bool HasSingle => true;

    /// <summary>The last argument is a Student-t law's degrees of freedom ν. When it does not vary by element, kernels
    /// resolve it once per call (<c>SdeDsl.Kernels.StudentTDegrees</c>) and call the <c>VectorMath</c> overload that
    /// takes it, so that their loops neither check ν nor call anything.</summary>
    public bool TakesDegreesOfFreedom { get; init; }
}
