using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SdeDsl.Generators.Model;

namespace SdeDsl.Generators.Emitting;

/// <summary>
/// Renders IR expressions as C#: scalar subexpressions in <see cref="double"/> (evaluated once per kernel call) and
/// element-wise ones over <c>Vector&lt;T&gt;</c>, T the kernel's type parameter (float or double), calling the intrinsics
/// through <c>SdeDsl.Kernels.VectorMath</c> (or, for the kernels' wide body, over <c>Vector512&lt;T&gt;</c> through
/// <c>VectorMath512</c>). Every maximal scalar subexpression of an element-wise expression is hoisted into a field of
/// the kernel struct, rounded to T once and broadcast.
/// </summary>
internal sealed class ExpressionRenderer
{
    private const string SdeMath = "global::SdeDsl.SdeMath";
    private const string Degrees = "global::SdeDsl.Kernels.StudentTDegrees";

    private readonly string _elementType;
    private readonly string _model;
    private readonly string _vector;
    private readonly string _vectorMath;
    private readonly string _broadcast;
    private readonly string _fieldPrefix;
    private readonly IReadOnlyDictionary<string, string> _renamed;
    private readonly ExpressionRenderer? _widthFree;
    private readonly Dictionary<string, int> _hoistedIndex = new();

    /// <param name="elementType">The kernel's type parameter.</param>
    /// <param name="model">The name of the kernel constructor's model parameter, through which scalars read hyperparameters.</param>
    /// <param name="wide">Render over <c>Vector512&lt;T&gt;</c> and <c>VectorMath512</c> (the kernels' wide body)
    /// instead of <c>Vector&lt;T&gt;</c> and <c>VectorMath</c>; its hoisted fields are named <c>_w0</c>, <c>_w1</c>, …
    /// instead of <c>_c0</c>, ….</param>
    /// <param name="renamed">Names of variables to render under another name (the wide body's copies of the plan's fields).</param>
    /// <param name="widthFree">The renderer whose fields hold the hoisted values that are not vectors (scalar conditions,
    /// Student-t degrees of freedom): the wide body reads the one-vector body's, so that they are computed once.</param>
    public ExpressionRenderer(string elementType, string model, bool wide = false, IReadOnlyDictionary<string, string>? renamed = null, ExpressionRenderer? widthFree = null)
    {
        _elementType = elementType;
        _model = model;
        _vector = wide ? "global::System.Runtime.Intrinsics.Vector512" : "global::System.Numerics.Vector";
        _vectorMath = wide ? "global::SdeDsl.Kernels.VectorMath512" : "global::SdeDsl.Kernels.VectorMath";
        _broadcast = wide ? "global::SdeDsl.Kernels.VectorKernel.Broadcast512" : "global::SdeDsl.Kernels.VectorKernel.Broadcast";
        _fieldPrefix = wide ? "_w" : "_c";
        _renamed = renamed ?? new Dictionary<string, string>();
        _widthFree = widthFree;
    }

    /// <summary>The hoisted scalars in order: field name, C# type, initializer (in terms of <c>model</c>, <c>k</c>, <c>t</c>), formula.</summary>
    public List<(string Field, string Type, string Initializer, string Formula)> Hoisted { get; } = new();

    public string VectorType => _vector + "<" + _elementType + ">";

    /// <summary>Renders an element-wise expression (a <c>Vector&lt;T&gt;</c> value, or <c>Vector512&lt;T&gt;</c> for the wide body).</summary>
    public string Element(Expr expr)
    {
        if (ExprFacts.IsScalar(expr))
        {
            return Hoist(expr);
        }

        switch (expr)
        {
            case VariableExpr variable:
                return _renamed.TryGetValue(variable.Name, out string? renamed) ? renamed : variable.Name;
            case UnaryExpr { Operator: UnaryOperator.Not } not:
                return _vector + ".OnesComplement(" + Element(not.Operand) + ")";
            case UnaryExpr unary:
                return "(" + unary.Operator.Symbol() + Element(unary.Operand) + ")";
            case BinaryExpr binary:
                bool logical = binary.Operator.IsLogical();
                if (ExprFacts.IsBoolean(binary.Left) && binary.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual)
                {
                    // Truth values compared: a true lane is all bits set (a NaN as T), so Equals would call two true
                    // lanes unequal. Masks are equal where they have no differing bit.
                    string differ = _vector + ".Xor(" + Mask(binary.Left) + ", " + Mask(binary.Right) + ")";
                    return binary.Operator == BinaryOperator.Equal ? _vector + ".OnesComplement(" + differ + ")" : differ;
                }

                string left = logical ? "" : Element(binary.Left), right = logical ? "" : Element(binary.Right);
                string typed = "<" + _elementType + ">(";
                return binary.Operator switch
                {
                    // The generic comparisons return masks of the element type, so that masks from comparisons and
                    // broadcast scalar conditions combine with BitwiseAnd/Or and feed ConditionalSelect<T>.
                    BinaryOperator.Less => _vector + ".LessThan" + typed + left + ", " + right + ")",
                    BinaryOperator.LessOrEqual => _vector + ".LessThanOrEqual" + typed + left + ", " + right + ")",
                    BinaryOperator.Greater => _vector + ".GreaterThan" + typed + left + ", " + right + ")",
                    BinaryOperator.GreaterOrEqual => _vector + ".GreaterThanOrEqual" + typed + left + ", " + right + ")",
                    BinaryOperator.Equal => _vector + ".Equals" + typed + left + ", " + right + ")",
                    BinaryOperator.NotEqual => _vector + ".OnesComplement(" + _vector + ".Equals" + typed + left + ", " + right + "))",
                    BinaryOperator.And => _vector + ".BitwiseAnd(" + Mask(binary.Left) + ", " + Mask(binary.Right) + ")",
                    BinaryOperator.Or => _vector + ".BitwiseOr(" + Mask(binary.Left) + ", " + Mask(binary.Right) + ")",
                    _ => "(" + Chained(binary, left) + " " + binary.Operator.Symbol() + " " + right + ")",
                };
            case ConditionalExpr conditional when ExprFacts.IsScalar(conditional.Condition):
                return "(" + Hoist(conditional.Condition) + " ? " + Branch(conditional.WhenTrue) + " : " + Branch(conditional.WhenFalse) + ")";
            case ConditionalExpr conditional:
                return _vector + ".ConditionalSelect(" + Element(conditional.Condition) + ", " + Branch(conditional.WhenTrue) + ", " + Branch(conditional.WhenFalse) + ")";
            case IntrinsicCallExpr call when Intrinsics.Find(call.Name) is { TakesDegreesOfFreedom: true } && ExprFacts.IsScalar(call.Arguments[call.Arguments.Count - 1]):
                // ν the same for every element: resolved once per call (Intrinsic.TakesDegreesOfFreedom).
                return _vectorMath + "." + call.Name + "(" + string.Join(", ", call.Arguments.Take(call.Arguments.Count - 1).Select(Element)
                    .Append(HoistDegrees(call.Arguments[call.Arguments.Count - 1]))) + ")";
            case IntrinsicCallExpr call:
                return _vectorMath + "." + call.Name + "(" + string.Join(", ", call.Arguments.Select(Element)) + ")";
            default:
                return Hoist(expr);
        }
    }

    /// <summary>
    /// The left operand of an arithmetic operation as it is written in a chain: without its parentheses when it is an
    /// operation of the same precedence (C# groups a + b − c as (a + b) − c), so a long sum is one flat expression and
    /// not thousands of nested parentheses (10,000 terms overflowed the compiler's stack). Such an operand is rendered
    /// by this class as "(" + … + ")", so its first and last characters are the pair.
    /// </summary>
    private static string Chained(BinaryExpr binary, string left) =>
        binary.Left is BinaryExpr inner && Group(inner.Operator) is { } group && group == Group(binary.Operator)
            && left.Length > 1 && left[0] == '(' && left[left.Length - 1] == ')'
            ? left.Substring(1, left.Length - 2)
            : left;

    private static int? Group(BinaryOperator op) => op switch
    {
        BinaryOperator.Add or BinaryOperator.Subtract => 1,
        BinaryOperator.Multiply or BinaryOperator.Divide => 2,
        _ => null,
    };

    /// <summary>Renders a truth value as an element-wise mask: a scalar condition is broadcast to all lanes.</summary>
    private string Mask(Expr expr) => ExprFacts.IsScalar(expr) ? Hoist(expr, asMask: true) : Element(expr);

    /// <summary>Renders a branch of an element-wise conditional: a truth value as a mask, so that a scalar condition in
    /// one branch and a comparison of elements in the other have the same type.</summary>
    private string Branch(Expr expr) => ExprFacts.IsBoolean(expr) ? Mask(expr) : Element(expr);

    /// <summary>Renders a scalar expression in double (or bool), reading hyperparameters through <c>model</c>.</summary>
    public string Scalar(Expr expr, bool inDerivedArgument = false) => expr switch
    {
        NumberExpr number => Literal(number.Value),
        VariableExpr { Kind: VariableKind.Hyper or VariableKind.DerivedProperty } member => _model + "." + GeneratedNames.Escaped(member.Name),
        VariableExpr { Kind: VariableKind.StepNumber } => inDerivedArgument ? "k" : "(double)k",
        VariableExpr variable => variable.Name,
        UnaryExpr unary => "(" + unary.Operator.Symbol() + Scalar(unary.Operand) + ")",
        BinaryExpr binary => "(" + Chained(binary, Scalar(binary.Left)) + " " + binary.Operator.Symbol() + " " + Scalar(binary.Right) + ")",
        ConditionalExpr conditional => "(" + Scalar(conditional.Condition) + " ? " + Scalar(conditional.WhenTrue) + " : " + Scalar(conditional.WhenFalse) + ")",
        IntrinsicCallExpr call => SdeMath + "." + call.Name + "(" + string.Join(", ", call.Arguments.Select(a => Scalar(a))) + ")",
        DerivedCallExpr call => _model + "." + GeneratedNames.Escaped(call.Name) + "(" + string.Join(", ", call.Arguments.Select((a, i) => Argument(a, call.ParameterTypes[i]))) + ")",
        DerivedSlopeExpr slope => CentralDifference(slope),
        _ => "0d",
    };

    /// <summary>An argument of a derived method: k itself as it is; another expression, computed in double, converted to
    /// its parameter's type when that is not double (<c>Lr(k + 1)</c> with <c>long k</c>).</summary>
    private string Argument(Expr argument, string parameterType) =>
        parameterType.Length == 0 || argument is VariableExpr { Kind: VariableKind.StepNumber }
            ? Scalar(argument, inDerivedArgument: true)
            : "(" + parameterType + ")" + Scalar(argument);

    /// <summary>
    /// The slope of a derived method in one argument by a central difference with the step of
    /// <c>KernelArguments.DifferenceStep</c> (about ∛ε relative: error about 1e-10 relative for smooth methods).
    /// </summary>
    private string CentralDifference(DerivedSlopeExpr slope)
    {
        string at = Scalar(slope.Arguments[slope.Index], inDerivedArgument: true);
        string Shifted(string sign) => _model + "." + GeneratedNames.Escaped(slope.Name) + "(" + string.Join(", ", slope.Arguments.Select((a, i) =>
            i == slope.Index ? at + " " + sign + " global::SdeDsl.KernelArguments.DifferenceStep(" + at + ")" : Argument(a, slope.ParameterTypes[i]))) + ")";
        return "((" + Shifted("+") + " - " + Shifted("-") + ") / (2d * global::SdeDsl.KernelArguments.DifferenceStep(" + at + ")))";
    }

    /// <summary>A double literal in the invariant culture, valid C# whatever the machine's locale.</summary>
    public static string Literal(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture) + "d";
        return text[0] == '-' ? "(" + text + ")" : text;
    }

    /// <summary>Hoists the degrees of freedom of a Student-t intrinsic as a <c>SdeDsl.Kernels.StudentTDegrees</c>.</summary>
    private string HoistDegrees(Expr nu)
    {
        if (_widthFree is not null)
        {
            return _widthFree.HoistDegrees(nu);
        }

        string initializer = Scalar(nu);
        string key = "degrees:" + initializer;
        if (_hoistedIndex.TryGetValue(key, out int index))
        {
            return Hoisted[index].Field;
        }

        string field = _fieldPrefix + Hoisted.Count.ToString(CultureInfo.InvariantCulture);
        _hoistedIndex[key] = Hoisted.Count;
        Hoisted.Add((field, Degrees, Degrees + ".Of<" + _elementType + ">(" + initializer + ")", "ν = " + Model.Formula.Of(nu)));
        return field;
    }

    private string Hoist(Expr expr, bool asMask = false)
    {
        if (_widthFree is not null && ExprFacts.IsBoolean(expr) && !asMask)
        {
            return _widthFree.Hoist(expr);
        }

        string initializer = Scalar(expr);
        string key = (asMask ? "mask:" : "") + initializer;
        if (_hoistedIndex.TryGetValue(key, out int index))
        {
            return Hoisted[index].Field;
        }

        bool isBoolean = ExprFacts.IsBoolean(expr) && !asMask;
        string field = _fieldPrefix + Hoisted.Count.ToString(CultureInfo.InvariantCulture);
        string type = isBoolean ? "bool" : VectorType;
        string value = isBoolean
            ? initializer
            : asMask
                ? "(" + initializer + " ? " + VectorType + ".AllBitsSet : " + VectorType + ".Zero)"
                : _broadcast + "<" + _elementType + ">(" + initializer + ")";
        _hoistedIndex[key] = Hoisted.Count;
        Hoisted.Add((field, type, value, Model.Formula.Of(expr)));
        return field;
    }
}
