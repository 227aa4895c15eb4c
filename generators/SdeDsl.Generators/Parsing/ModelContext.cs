using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SdeDsl.Generators.Model;

namespace SdeDsl.Generators.Parsing;

/// <summary>What every body of one model is lowered against: the model type, its hyperparameters, and the
/// derived scalars checked so far.</summary>
internal sealed class ModelContext
{
    private readonly HashSet<string> _hypers;
    private readonly Dictionary<ISymbol, bool> _derived = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<SyntaxTree, SemanticModel> _semanticModels = new();
    private readonly List<ISymbol> _checking = new();

    public ModelContext(INamedTypeSymbol type, SemanticModel semanticModel, DiagnosticSink sink, IEnumerable<string> hypers)
    {
        Type = type;
        SemanticModel = semanticModel;
        Sink = sink;
        _hypers = new HashSet<string>(hypers);
    }

    public INamedTypeSymbol Type { get; }

    public SemanticModel SemanticModel { get; }

    public DiagnosticSink Sink { get; }

    /// <summary>The semantic model of <paramref name="tree"/>: a partial model's members may lie in other files.</summary>
    public SemanticModel SemanticModelFor(SyntaxTree tree)
    {
        if (tree == SemanticModel.SyntaxTree)
        {
            return SemanticModel;
        }

        if (!_semanticModels.TryGetValue(tree, out SemanticModel? model))
        {
            model = SemanticModel.Compilation.GetSemanticModel(tree);
            _semanticModels[tree] = model;
        }

        return model;
    }

    public bool IsHyper(IFieldSymbol field) =>
        SymbolEqualityComparer.Default.Equals(field.ContainingType, Type) && _hypers.Contains(field.Name);

    /// <summary>True for a field that carries [Hyper], valid or not.</summary>
    public bool IsDeclaredHyper(IFieldSymbol field) =>
        SymbolEqualityComparer.Default.Equals(field.ContainingType, Type)
        && field.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == ModelParser.HyperAttribute);

    /// <summary>True for a method that could be a derived scalar: an instance method whose parameters are <c>t</c> and
    /// <c>k</c>, passed by value. Any other method of the model is a helper, which element-wise code cannot call.</summary>
    public static bool HasDerivedSignature(IMethodSymbol method) =>
        !method.IsStatic && method.Parameters.All(static p => p.Name is "t" or "k" && p.RefKind == RefKind.None);

    /// <summary>
    /// Checks once that a derived scalar (a property, or a method whose parameters are <c>t</c> and <c>k</c>) depends
    /// only on hyperparameters, other derived scalars, <c>t</c> and <c>k</c>; reports at <paramref name="use"/>
    /// or at the member otherwise.
    /// </summary>
    public bool CheckDerived(ISymbol member, SyntaxNode use, CancellationToken ct)
    {
        if (_derived.TryGetValue(member, out bool ok))
        {
            return ok;
        }

        int cycleStart = _checking.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, member));
        if (cycleStart >= 0)
        {
            // The generated code calls the member itself, once per kernel call: a cycle would overflow the stack.
            string path = string.Join(" → ", _checking.Skip(cycleStart).Append(member).Select(static m => m.Name));
            Sink.Report(DiagnosticDescriptors.RecursiveDerived, use, member.Name, path);
            return false;
        }

        _checking.Add(member);
        ok = CheckDerivedCore(member, use, ct);
        _checking.RemoveAt(_checking.Count - 1);
        _derived[member] = ok;
        return ok;
    }

    private bool CheckDerivedCore(ISymbol member, SyntaxNode use, CancellationToken ct)
    {
        if (member.IsStatic)
        {
            Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, use, "The static member '" + member.Name + "' (derived scalars are instance members)");
            return false;
        }

        ITypeSymbol? type = (member as IPropertySymbol)?.Type ?? (member as IMethodSymbol)?.ReturnType;
        if (type?.SpecialType != SpecialType.System_Double)
        {
            Sink.Report(DiagnosticDescriptors.NonDoubleType, use, "Derived scalar '" + member.Name + "'", type?.ToDisplayString() ?? "?", "derived scalars are double");
            return false;
        }

        var parameters = new Dictionary<string, VariableKind>();
        if (member is IMethodSymbol method)
        {
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (parameter.Name is "t" or "k" && parameter.RefKind == RefKind.None)
                {
                    parameters[parameter.Name] = parameter.Name == "t" ? VariableKind.Time : VariableKind.StepNumber;
                }
                else
                {
                    Sink.Report(DiagnosticDescriptors.DerivedDependsOnElement,
                        parameter.Locations.Length > 0 ? parameter.Locations[0] : use.GetLocation(), member.Name, parameter.Name);
                    return false;
                }
            }
        }

        ExpressionSyntax? body = FindExpressionBody(member, ct);
        if (body is null)
        {
            Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, use,
                "The member '" + member.Name + "', which is not an expression-bodied property or method,");
            return false;
        }

        int errorsBefore = Sink.ErrorCount;
        var lowerer = new BodyLowerer(this, body.SyntaxTree, parameters, System.Array.Empty<string>(), "", ct);
        Expr lowered = lowerer.LowerExpression(body);
        if (!ExprFacts.IsScalar(lowered))
        {
            Sink.Report(DiagnosticDescriptors.DerivedDependsOnElement, body, member.Name, body.ToString());
            return false;
        }

        return Sink.ErrorCount == errorsBefore;
    }

    private ExpressionSyntax? FindExpressionBody(ISymbol member, CancellationToken ct)
    {
        foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax(ct))
            {
                case PropertyDeclarationSyntax { ExpressionBody: { } arrow }:
                    return arrow.Expression;
                case PropertyDeclarationSyntax { AccessorList: { } accessors } when accessors.Accessors.Count == 1:
                    AccessorDeclarationSyntax getter = accessors.Accessors[0];
                    if (getter.ExpressionBody is { } getterArrow)
                    {
                        return getterArrow.Expression;
                    }

                    if (getter.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } value })
                    {
                        return value;
                    }

                    return null;
                case MethodDeclarationSyntax { ExpressionBody: { } methodArrow }:
                    return methodArrow.Expression;
                case MethodDeclarationSyntax { Body: { Statements: { Count: 1 } methodStatements } }
                    when methodStatements[0] is ReturnStatementSyntax { Expression: { } methodValue }:
                    return methodValue;
            }
        }

        return null;
    }
}
