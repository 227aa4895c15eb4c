using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SdeDsl.Generators.Parsing;

namespace SdeDsl.Generators;

/// <summary>
/// Suppresses the code-quality warnings that the DSL's own rules would raise in every model, so that a project built
/// with <c>AnalysisMode=All</c> (or these rules raised to warnings) and <c>TreatWarningsAsErrors</c> compiles its models:
/// <list type="bullet">
/// <item>CA1051: a hyperparameter is a public field;</item>
/// <item>CA1822: the annotated methods and the derived scalars (double properties, double methods of t and k) are instance
/// members by the DSL's rules;</item>
/// <item>IDE0051: the update, drifts and diffusions are never called, their bodies being inlined into the kernels;</item>
/// <item>CA1815: a model is a value that needs no equality of its own.</item>
/// </list>
/// Nothing outside an <c>[SdeModel]</c> type is suppressed, nor a public field of one that is not a <c>[Hyper]</c>, nor a
/// helper method of another shape, nor an unused private method that is not annotated.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class SdeModelSuppressor : DiagnosticSuppressor
{
    internal static readonly SuppressionDescriptor HyperparameterField = new(
        "SDESPR1051", "CA1051", "A hyperparameter of an [SdeModel] is a public field by the DSL's rules: object initializers set it, the kernels read it.");

    internal static readonly SuppressionDescriptor InstanceMember = new(
        "SDESPR1822", "CA1822", "The update, drifts, diffusions and derived scalars of an [SdeModel] are instance members by the DSL's rules: they read its hyperparameters.");

    internal static readonly SuppressionDescriptor InlinedMember = new(
        "SDESPR0051", "IDE0051", "The generator inlines the body of an [Update], [Drift] or [Diffusion] method into the kernels: nothing calls it, by design.");

    internal static readonly SuppressionDescriptor ModelEquality = new(
        "SDESPR1815", "CA1815", "An [SdeModel] is a value of hyperparameters that the runtime copies; it needs no equality of its own.");

    /// <inheritdoc/>
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } =
        ImmutableArray.Create(HyperparameterField, InstanceMember, InlinedMember, ModelEquality);

    /// <inheritdoc/>
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        foreach (Diagnostic diagnostic in context.ReportedDiagnostics)
        {
            if (diagnostic.Location.SourceTree is not { } tree
                || tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan) is not { } node)
            {
                continue;
            }

            SemanticModel model = context.GetSemanticModel(tree);
            ISymbol? symbol = node.AncestorsAndSelf()
                .Where(static n => n is MemberDeclarationSyntax or VariableDeclaratorSyntax)
                .Select(n => model.GetDeclaredSymbol(n, context.CancellationToken))
                .FirstOrDefault(static s => s is not null);
            if (DescriptorFor(diagnostic.Id, symbol) is { } descriptor)
            {
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }

    private static SuppressionDescriptor? DescriptorFor(string id, ISymbol? symbol) => (id, symbol) switch
    {
        ("CA1815", INamedTypeSymbol type) when IsModel(type) => ModelEquality,
        ("CA1051", IFieldSymbol field) when IsModel(field.ContainingType) && Has(field, ModelParser.HyperAttribute) => HyperparameterField,
        ("CA1822", IMethodSymbol or IPropertySymbol) when IsModel(symbol.ContainingType) && IsDslMember(symbol) => InstanceMember,
        ("IDE0051", IMethodSymbol method) when IsModel(method.ContainingType)
            && (Has(method, ModelParser.UpdateAttribute) || Has(method, ModelParser.DriftAttribute) || Has(method, ModelParser.DiffusionAttribute)) => InlinedMember,
        _ => null,
    };

    /// <summary>An annotated method, or a member that can be a derived scalar: a double property, or a double method whose
    /// parameters are t and k. A helper of another shape is not the DSL's, and keeps CA1822.</summary>
    private static bool IsDslMember(ISymbol symbol) => symbol switch
    {
        IPropertySymbol property => property.Type.SpecialType == SpecialType.System_Double,
        IMethodSymbol method => Has(method, ModelParser.UpdateAttribute) || Has(method, ModelParser.DriftAttribute) || Has(method, ModelParser.DiffusionAttribute)
            || (method.ReturnType.SpecialType == SpecialType.System_Double && ModelContext.HasDerivedSignature(method)),
        _ => false,
    };

    private static bool IsModel(INamedTypeSymbol? type) => type is not null && Has(type, ModelParser.SdeModelAttribute);

    private static bool Has(ISymbol symbol, string attribute) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attribute);
}
