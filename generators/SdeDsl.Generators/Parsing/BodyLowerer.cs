using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SdeDsl.Generators.Model;

namespace SdeDsl.Generators.Parsing;

/// <summary>
/// Lowers the body of one element-wise method (or one derived scalar) into the expression IR, reporting every
/// construct outside the element-wise language. On an error it substitutes a placeholder and goes on, so that one
/// pass reports every problem of the method.
/// </summary>
internal sealed class BodyLowerer
{
    private readonly ModelContext _model;
    private readonly SemanticModel _semanticModel;
    private readonly IReadOnlyDictionary<string, VariableKind> _parameters;
    private readonly HashSet<string> _writableStates;
    private readonly string _localPrefix;
    private readonly Dictionary<string, string> _locals = new(StringComparer.Ordinal);
    private readonly CancellationToken _ct;

    public BodyLowerer(
        ModelContext model,
        SyntaxTree tree,
        IReadOnlyDictionary<string, VariableKind> parameters,
        IEnumerable<string> writableStates,
        string localPrefix,
        CancellationToken ct)
    {
        _model = model;
        _semanticModel = model.SemanticModelFor(tree);
        _parameters = parameters;
        _writableStates = new HashSet<string>(writableStates, StringComparer.Ordinal);
        _localPrefix = localPrefix;
        _ct = ct;
    }

    public List<Statement> Statements { get; } = new();

    public bool UsesGradient { get; private set; }

    private DiagnosticSink Sink => _model.Sink;

    /// <summary>The semantic model of the part of the model whose body this lowers.</summary>
    private SemanticModel SemanticModel => _semanticModel;

    /// <summary>Lowers a block of statements; returns the value of a final <c>return</c> when one is allowed.</summary>
    public Expr? LowerBlock(BlockSyntax block, bool expectsReturn)
    {
        Expr? result = null;
        SyntaxList<StatementSyntax> statements = block.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            _ct.ThrowIfCancellationRequested();
            StatementSyntax statement = statements[i];
            if (statement is ReturnStatementSyntax ret)
            {
                if (expectsReturn && i == statements.Count - 1 && ret.Expression is not null)
                {
                    result = LowerExpression(ret.Expression);
                }
                else
                {
                    Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, ret, expectsReturn
                        ? "A 'return' before the end of the method"
                        : "A 'return' in an [Update] method");
                }

                continue;
            }

            LowerStatement(statement);
        }

        if (expectsReturn && result is null)
        {
            Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, block, "A method body that does not end with 'return value;'");
        }

        return result;
    }

    /// <summary>Lowers an expression-bodied [Update]: the expression is a single statement.</summary>
    public void LowerExpressionStatement(ExpressionSyntax expression) => LowerStatementExpression(expression);

    private void LowerStatement(StatementSyntax statement)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax local:
                LowerLocalDeclaration(local);
                break;
            case ExpressionStatementSyntax expressionStatement:
                LowerStatementExpression(expressionStatement.Expression);
                break;
            case ForStatementSyntax or ForEachStatementSyntax or ForEachVariableStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                Sink.Report(DiagnosticDescriptors.LoopNotAllowed, statement, statement.GetFirstToken().Text);
                break;
            case TryStatementSyntax or ThrowStatementSyntax:
                Sink.Report(DiagnosticDescriptors.ExceptionHandlingNotAllowed, statement, statement.GetFirstToken().Text);
                break;
            case LocalFunctionStatementSyntax localFunction:
                Sink.Report(DiagnosticDescriptors.LambdaNotAllowed, localFunction, "local function " + localFunction.Identifier.Text);
                break;
            default:
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, statement, Describe(statement));
                break;
        }
    }

    private void LowerLocalDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        bool isConst = declaration.Modifiers.Any(SyntaxKind.ConstKeyword);
        foreach (VariableDeclaratorSyntax variable in declaration.Declaration.Variables)
        {
            // The name as the compiler knows it (@event is 'event', \u0061b is 'ab'), which is how its uses are looked up.
            string name = variable.Identifier.ValueText;
            // 'var a = new double[1]' has the allocation's type: SDE0015 at the allocation says it all.
            bool typeOfAnAllocation = declaration.Declaration.Type.IsVar && variable.Initializer?.Value is { } initial && IsAllocation(initial);
            if (SemanticModel.GetDeclaredSymbol(variable, _ct) is ILocalSymbol symbol && symbol.Type.SpecialType != SpecialType.System_Double && !typeOfAnAllocation)
            {
                Sink.Report(DiagnosticDescriptors.NonDoubleType, variable, "Local '" + name + "'", symbol.Type.ToDisplayString(), "declare it as double");
            }

            if (variable.Initializer is null)
            {
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, variable, "A local without an initializer ('" + name + "')");
                continue;
            }

            if (isConst)
            {
                // Every use of a const local is folded to its value by the compiler.
                ReportIntegerDivisions(variable.Initializer.Value);
                continue;
            }

            Expr value = LowerExpression(variable.Initializer.Value);
            // An unprefixed local (the update's) that starts with '_' would shadow the kernel's fields (_c0, _dt, …),
            // which no state can be named like (SDE0025): give it a prefix of its own.
            // A keyword (@event) takes its '@' back where no prefix makes it an ordinary name.
            string lowered = _localPrefix.Length == 0 && name.StartsWith("_", StringComparison.Ordinal) ? "_local" + name
                : _localPrefix.Length == 0 ? GeneratedNames.Escaped(name) : _localPrefix + name;
            _locals[name] = lowered;
            Statements.Add(new Statement(lowered, value, Declares: true));
        }
    }

    private void LowerStatementExpression(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case AssignmentExpressionSyntax assignment:
            {
                bool simple = assignment.IsKind(SyntaxKind.SimpleAssignmentExpression);
                BinaryOperator? op = assignment.Kind() switch
                {
                    SyntaxKind.AddAssignmentExpression => BinaryOperator.Add,
                    SyntaxKind.SubtractAssignmentExpression => BinaryOperator.Subtract,
                    SyntaxKind.MultiplyAssignmentExpression => BinaryOperator.Multiply,
                    SyntaxKind.DivideAssignmentExpression => BinaryOperator.Divide,
                    _ => null,
                };
                if (!simple && op is null)
                {
                    Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, assignment, "The operator '" + assignment.OperatorToken.Text + "'");
                    return;
                }

                string? target = ResolveWriteTarget(assignment.Left);
                Expr value = LowerExpression(assignment.Right);
                if (target is not null)
                {
                    Expr assigned = op is null ? value : new BinaryExpr(op.Value, ReadTarget(target), value);
                    Statements.Add(new Statement(target, assigned, Declares: false));
                }

                return;
            }

            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix:
                LowerIncrement(postfix.Operand, postfix.IsKind(SyntaxKind.PostIncrementExpression));
                return;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix:
                LowerIncrement(prefix.Operand, prefix.IsKind(SyntaxKind.PreIncrementExpression));
                return;
            case InvocationExpressionSyntax:
                // A call whose value is discarded does nothing in a pure language; say whether it is even an intrinsic.
                LowerExpression(expression);
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, expression, "A call whose result is discarded");
                return;
            default:
                LowerExpression(expression);
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, expression, "An expression statement that assigns nothing");
                return;
        }
    }

    private void LowerIncrement(ExpressionSyntax operand, bool increment)
    {
        string? target = ResolveWriteTarget(operand);
        if (target is not null)
        {
            Statements.Add(new Statement(target, new BinaryExpr(increment ? BinaryOperator.Add : BinaryOperator.Subtract, ReadTarget(target), new NumberExpr(1)), Declares: false));
        }
    }

    private Expr ReadTarget(string target) =>
        _writableStates.Contains(target) ? new VariableExpr(target, VariableKind.State) : new VariableExpr(target, VariableKind.Local);

    /// <summary>Returns the lowered name of a writable target, or reports why it cannot be written.</summary>
    private string? ResolveWriteTarget(ExpressionSyntax target)
    {
        ISymbol? symbol = SemanticModel.GetSymbolInfo(target, _ct).Symbol;
        switch (symbol)
        {
            case ILocalSymbol local when _locals.TryGetValue(local.Name, out string? lowered):
                return lowered;
            case IParameterSymbol parameter when _writableStates.Contains(parameter.Name):
                // A state not passed by ref is reported with the signature (SDE0008), not again at each write.
                return parameter.Name;
            case IParameterSymbol parameter:
                Sink.Report(DiagnosticDescriptors.WriteToReadOnly, target, parameter.Name,
                    _parameters.TryGetValue(parameter.Name, out VariableKind kind) && kind == VariableKind.State
                        ? "a state read by an SDE method (drifts and diffusions return a value; they do not write the state)"
                        : "an input");
                return null;
            case IFieldSymbol field when _model.IsHyper(field):
                Sink.Report(DiagnosticDescriptors.WriteToReadOnly, target, field.Name, "a hyperparameter");
                return null;
            case IFieldSymbol or IPropertySymbol when SymbolEqualityComparer.Default.Equals(symbol.ContainingType, _model.Type):
                Sink.Report(DiagnosticDescriptors.WriteToReadOnly, target, symbol.Name, "a member of the model");
                return null;
            default:
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, target, "An assignment to '" + target + "'");
                return null;
        }
    }

    /// <summary>Lowers an expression; on an error reports it and returns the placeholder <c>0</c>.</summary>
    public Expr LowerExpression(ExpressionSyntax expression)
    {
        Expr lowered = LowerOperand(expression);
        // A truth value is only ever an operand of ?:, !, &&, || or ==, which fold a constant one away; a value of a
        // method or a local is double (the compiler sees to it). Never let the lowering's own node into the IR.
        return lowered is TruthConstant ? Placeholder : lowered;
    }

    /// <summary>
    /// Lowers an expression that may be a constant truth value (<c>true</c>, a <c>const bool</c>, <c>Half &gt; 0.25</c>),
    /// returned as a <see cref="TruthConstant"/> for the operator that takes it to fold: the IR has no truth constants,
    /// as a <c>const double</c> is a number, so a constant condition selects its branch when the model is lowered.
    /// </summary>
    private Expr LowerOperand(ExpressionSyntax expression)
    {
        _ct.ThrowIfCancellationRequested();
        Optional<object?> constant = SemanticModel.GetConstantValue(expression, _ct);
        if (constant.HasValue && constant.Value is bool truth)
        {
            // Folded by the compiler like a number, with any division of integers inside (1 / 2 == 0 is true).
            return ReportIntegerDivisions(expression) ? Placeholder : new TruthConstant(truth);
        }

        if (constant.HasValue && constant.Value is IConvertible and not string and not char)
        {
            // The compiler has folded the constant, and with it any division of integers inside: 1 / 2 is 0.
            return ReportIntegerDivisions(expression) ? Placeholder : new NumberExpr(Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture));
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return LowerOperand(parenthesized.Expression);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return LowerName(expression);
            case PrefixUnaryExpressionSyntax prefix when prefix.Kind() is SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression or SyntaxKind.LogicalNotExpression:
            {
                Expr operand = LowerOperand(prefix.Operand);
                return prefix.Kind() switch
                {
                    SyntaxKind.UnaryPlusExpression => operand,
                    SyntaxKind.UnaryMinusExpression => operand is TruthConstant ? Placeholder : new UnaryExpr(UnaryOperator.Negate, operand),
                    _ => Not(operand),
                };
            }

            case BinaryExpressionSyntax binary when IsIntegerDivision(binary, SemanticModel):
                ReportIntegerDivisions(binary);
                return Placeholder;
            case BinaryExpressionSyntax binary when Binary(binary.Kind()) is { } op:
                return Fold(op, LowerOperand(binary.Left), LowerOperand(binary.Right));
            case ConditionalExpressionSyntax conditional:
                return Fold(LowerOperand(conditional.Condition), LowerOperand(conditional.WhenTrue), LowerOperand(conditional.WhenFalse));
            case CastExpressionSyntax cast:
            {
                ITypeSymbol? type = SemanticModel.GetTypeInfo(cast.Type, _ct).Type;
                if (type?.SpecialType == SpecialType.System_Double)
                {
                    return LowerExpression(cast.Expression);
                }

                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, cast, "A cast to '" + cast.Type + "'");
                return Placeholder;
            }

            case InvocationExpressionSyntax invocation:
                return LowerInvocation(invocation);
            case var allocation when IsAllocation(allocation):
                Sink.Report(DiagnosticDescriptors.AllocationNotAllowed, expression, Abbreviate(expression));
                return Placeholder;
            case AnonymousFunctionExpressionSyntax:
                Sink.Report(DiagnosticDescriptors.LambdaNotAllowed, expression, Abbreviate(expression));
                return Placeholder;
            case ThrowExpressionSyntax:
                Sink.Report(DiagnosticDescriptors.ExceptionHandlingNotAllowed, expression, "throw");
                return Placeholder;
            default:
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, expression, Describe(expression));
                return Placeholder;
        }
    }

    private static Expr Placeholder => new NumberExpr(0);

    /// <summary>True for an expression that allocates (SDE0015): a creation, a collection, a string, a tuple.</summary>
    private static bool IsAllocation(ExpressionSyntax expression) => expression is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
        or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax
        or ImplicitStackAllocArrayCreationExpressionSyntax or CollectionExpressionSyntax or InterpolatedStringExpressionSyntax
        or AnonymousObjectCreationExpressionSyntax or TupleExpressionSyntax or InitializerExpressionSyntax
        || expression.IsKind(SyntaxKind.StringLiteralExpression);

    /// <summary>A constant truth value while it is lowered; folded away by the operator that takes it.</summary>
    private sealed record TruthConstant(bool Value) : Expr;

    private static Expr Not(Expr operand) => operand is TruthConstant c ? new TruthConstant(!c.Value) : new UnaryExpr(UnaryOperator.Not, operand);

    /// <summary>A binary operation with a constant truth value on one side folded away: <c>true &amp;&amp; e</c> is
    /// <c>e</c>, <c>false == e</c> is <c>!e</c>. Both sides constant is the compiler's constant, folded already.</summary>
    private static Expr Fold(BinaryOperator op, Expr left, Expr right)
    {
        if (left is not TruthConstant && right is not TruthConstant)
        {
            return new BinaryExpr(op, left, right);
        }

        (bool constant, Expr other) = left is TruthConstant l ? (l.Value, right) : (((TruthConstant)right).Value, left);
        return op switch
        {
            BinaryOperator.And => constant ? other : new TruthConstant(false),
            BinaryOperator.Or => constant ? new TruthConstant(true) : other,
            BinaryOperator.Equal => constant ? other : Not(other),
            BinaryOperator.NotEqual => constant ? Not(other) : other,
            _ => Placeholder, // arithmetic or an ordering of truth values is not C#: the compiler reports it
        };
    }

    /// <summary><c>c ? a : b</c> with a constant condition folded to the branch it selects (both are lowered, so both
    /// are checked), and constant truth values as branches folded into the logical operators they are.</summary>
    private static Expr Fold(Expr condition, Expr whenTrue, Expr whenFalse) => (condition, whenTrue, whenFalse) switch
    {
        (TruthConstant c, _, _) => c.Value ? whenTrue : whenFalse,
        (_, TruthConstant a, TruthConstant b) when a.Value == b.Value => a,
        (_, TruthConstant a, TruthConstant) => a.Value ? condition : Not(condition),
        (_, TruthConstant a, _) => a.Value ? Fold(BinaryOperator.Or, condition, whenFalse) : Fold(BinaryOperator.And, Not(condition), whenFalse),
        (_, _, TruthConstant b) => b.Value ? Fold(BinaryOperator.Or, Not(condition), whenTrue) : Fold(BinaryOperator.And, condition, whenTrue),
        _ => new ConditionalExpr(condition, whenTrue, whenFalse),
    };

    /// <summary>
    /// Reports every division of integers in <paramref name="expression"/>; true if there is one. C# truncates it
    /// (<c>Eta * (1 / 2)</c> is 0), while the generated kernels would divide in floating point wherever the compiler has
    /// not folded it: either way the model would not compute what it says, so it is an error.
    /// </summary>
    private bool ReportIntegerDivisions(ExpressionSyntax expression) =>
        ReportIntegerDivisions(expression, SemanticModel, null, new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default));

    /// <summary>
    /// The integer divisions in <paramref name="expression"/> (read with <paramref name="model"/>), and in the
    /// initializers of the constant fields it names, which the compiler folds too (<c>const double Half = 1 / 2</c> is 0).
    /// A division of the element-wise code is reported where it stands; one in a constant at the use that reads it
    /// (<paramref name="inConstant"/>), as the field itself is outside the element-wise code.
    /// </summary>
    private bool ReportIntegerDivisions(ExpressionSyntax expression, SemanticModel model, (SyntaxNode Use, string Name)? inConstant, HashSet<IFieldSymbol> seen)
    {
        bool found = false;
        foreach (BinaryExpressionSyntax division in expression.DescendantNodesAndSelf().OfType<BinaryExpressionSyntax>().Where(d => IsIntegerDivision(d, model)))
        {
            Optional<object?> value = model.GetConstantValue(division, _ct);
            string why = value.HasValue ? "its value is " + Convert.ToString(value.Value, CultureInfo.InvariantCulture) : "the quotient is rounded toward zero";
            Sink.Report(DiagnosticDescriptors.IntegerDivision, inConstant?.Use ?? division, Abbreviate(division),
                inConstant is { } constant ? "in the constant '" + constant.Name + "', " + why : why);
            found = true;
        }

        foreach (IdentifierNameSyntax name in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(name, _ct).Symbol is not IFieldSymbol { IsConst: true } field || !seen.Add(field))
            {
                continue;
            }

            foreach (SyntaxReference reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_ct) is VariableDeclaratorSyntax { Initializer.Value: { } initializer })
                {
                    found |= ReportIntegerDivisions(initializer, model.Compilation.GetSemanticModel(initializer.SyntaxTree),
                        (inConstant?.Use ?? name, field.Name), seen);
                }
            }
        }

        return found;
    }

    private bool IsIntegerDivision(BinaryExpressionSyntax binary, SemanticModel model) =>
        binary.IsKind(SyntaxKind.DivideExpression)
        && model.GetTypeInfo(binary, _ct).Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
            or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Char;

    /// <summary>The IR operator of a supported binary expression, or null.</summary>
    private static BinaryOperator? Binary(SyntaxKind kind) => kind switch
    {
        SyntaxKind.AddExpression => BinaryOperator.Add,
        SyntaxKind.SubtractExpression => BinaryOperator.Subtract,
        SyntaxKind.MultiplyExpression => BinaryOperator.Multiply,
        SyntaxKind.DivideExpression => BinaryOperator.Divide,
        SyntaxKind.LessThanExpression => BinaryOperator.Less,
        SyntaxKind.LessThanOrEqualExpression => BinaryOperator.LessOrEqual,
        SyntaxKind.GreaterThanExpression => BinaryOperator.Greater,
        SyntaxKind.GreaterThanOrEqualExpression => BinaryOperator.GreaterOrEqual,
        SyntaxKind.EqualsExpression => BinaryOperator.Equal,
        SyntaxKind.NotEqualsExpression => BinaryOperator.NotEqual,
        SyntaxKind.LogicalAndExpression => BinaryOperator.And,
        SyntaxKind.LogicalOrExpression => BinaryOperator.Or,
        _ => null,
    };

    private Expr LowerName(ExpressionSyntax expression)
    {
        ISymbol? symbol = SemanticModel.GetSymbolInfo(expression, _ct).Symbol;
        if (expression is MemberAccessExpressionSyntax access && access.Expression is not ThisExpressionSyntax
            && symbol is not null && !symbol.IsStatic)
        {
            Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, expression, "A member access on '" + access.Expression + "'");
            return Placeholder;
        }

        switch (symbol)
        {
            case IParameterSymbol parameter when _parameters.TryGetValue(parameter.Name, out VariableKind kind):
                if (parameter.Name == "g")
                {
                    UsesGradient = true;
                }

                return new VariableExpr(parameter.Name, kind);
            case IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } parameter:
                // A primary constructor's parameter, captured by the struct: the kernels see only [Hyper] fields.
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, expression,
                    "The primary constructor parameter '" + parameter.Name + "' (assign it to a [Hyper] field and read that)");
                return Placeholder;
            case IParameterSymbol:
                // Reported with the signature (unknown or disallowed parameter).
                return Placeholder;
            case ILocalSymbol local when _locals.TryGetValue(local.Name, out string? lowered):
                return new VariableExpr(lowered, VariableKind.Local);
            case IFieldSymbol field when _model.IsHyper(field):
                return new VariableExpr(field.Name, VariableKind.Hyper);
            case IFieldSymbol field when _model.IsDeclaredHyper(field):
                // An invalid [Hyper] declaration is reported where it is declared (SDE0012, SDE0020), not at each use.
                return Placeholder;
            case IFieldSymbol { IsConst: true } field:
                // Numbers and truth values are folded before they get here: what is left is a char or a string.
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, expression,
                    "The constant '" + field.Name + "' of type '" + field.Type.ToDisplayString() + "' (constants of a model are numbers or bool)");
                return Placeholder;
            case IFieldSymbol field when SymbolEqualityComparer.Default.Equals(field.ContainingType, _model.Type):
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, expression, "The field '" + field.Name + "', which is not a [Hyper],");
                return Placeholder;
            case IPropertySymbol property when SymbolEqualityComparer.Default.Equals(property.ContainingType, _model.Type):
                return _model.CheckDerived(property, expression, _ct)
                    ? new VariableExpr(property.Name, VariableKind.DerivedProperty)
                    : Placeholder;
            case null:
                // The compiler reports an unresolved name itself.
                return Placeholder;
            default:
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, expression, "The reference to '" + symbol.Name + "'");
                return Placeholder;
        }
    }

    private Expr LowerInvocation(InvocationExpressionSyntax invocation)
    {
        if (SemanticModel.GetSymbolInfo(invocation, _ct).Symbol is not IMethodSymbol method || method.MethodKind == MethodKind.LocalFunction)
        {
            // Unresolved (the compiler reports it), or a local function (reported where it is declared).
            return Placeholder;
        }

        var arguments = new List<Expr>();
        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.None) || argument.NameColon is not null)
            {
                Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, argument, "A ref, out or named argument");
                return Placeholder;
            }

            arguments.Add(LowerExpression(argument.Expression));
        }

        string? intrinsic = Intrinsics.Resolve(method.ContainingType?.ToDisplayString() ?? "", method.Name, arguments.Count);
        if (intrinsic is not null)
        {
            return new IntrinsicCallExpr(intrinsic, new EquatableArray<Expr>(arguments));
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _model.Type) && method.MethodKind == MethodKind.Ordinary)
        {
            int elementWise = arguments.FindIndex(static a => !ExprFacts.IsScalar(a));
            if (elementWise >= 0 && !ModelContext.HasDerivedSignature(method))
            {
                // A helper of element-wise code, which the language does not have: not a derived scalar whose parameter
                // is misnamed (SDE0013 at the parameter), nor one that should be an instance member (SDE0009).
                Sink.Report(DiagnosticDescriptors.NotAnIntrinsic, invocation.Expression, method.Name,
                    "a method of the model is callable only as a derived scalar, computed once per kernel call from "
                    + "hyperparameters, t and k, so it cannot take the element-wise value '" + invocation.ArgumentList.Arguments[elementWise]
                    + "': write the formula of '" + method.Name + "' inline where it is used");
                return Placeholder;
            }

            if (!_model.CheckDerived(method, invocation, _ct))
            {
                return Placeholder;
            }

            if (elementWise >= 0)
            {
                Sink.Report(DiagnosticDescriptors.DerivedDependsOnElement, invocation.ArgumentList.Arguments[elementWise], method.Name,
                    invocation.ArgumentList.Arguments[elementWise].ToString());
                return Placeholder;
            }

            return new DerivedCallExpr(method.Name, new EquatableArray<Expr>(arguments), new EquatableArray<string>(method.Parameters.Select(
                static p => p.Type.SpecialType == SpecialType.System_Double ? "" : p.Type.ToDisplayString())));
        }

        Sink.Report(DiagnosticDescriptors.NotAnIntrinsic, invocation.Expression, method.ContainingType is null
            ? method.Name
            : method.ContainingType.ToDisplayString() + "." + method.Name,
            "element-wise code may call only SdeMath (or the Math methods it mirrors) and derived scalars of the model");
        return Placeholder;
    }

    private static string Describe(SyntaxNode node)
    {
        string kind = node.Kind().ToString();
        return "'" + Abbreviate(node) + "' (" + kind + ")";
    }

    private static string Abbreviate(SyntaxNode node)
    {
        string text = node.ToString().Replace("\r", " ").Replace("\n", " ");
        return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
