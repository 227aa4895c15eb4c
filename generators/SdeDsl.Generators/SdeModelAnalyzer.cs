using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SdeDsl.Generators.Parsing;

namespace SdeDsl.Generators;

/// <summary>
/// Reports every violation of the DSL's rules in an <c>[SdeModel]</c> declaration, with the same parser the generator
/// uses, so that what the analyzer accepts is exactly what the generator emits.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SdeModelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.All);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(
            AnalyzeType,
            SyntaxKind.StructDeclaration,
            SyntaxKind.ClassDeclaration,
            SyntaxKind.RecordDeclaration,
            SyntaxKind.RecordStructDeclaration);
    }

    private static void AnalyzeType(SyntaxNodeAnalysisContext context)
    {
        var declaration = (TypeDeclarationSyntax)context.Node;
        if (declaration.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol type
            || !HasSdeModelAttribute(declaration, context.SemanticModel, context))
        {
            return;
        }

        ModelParser.Parse(declaration, type, context.SemanticModel, new DiagnosticSink(context.ReportDiagnostic), context.CancellationToken);
    }

    /// <summary>True when this declaration (not just another part of the type) carries [SdeModel].</summary>
    private static bool HasSdeModelAttribute(TypeDeclarationSyntax declaration, SemanticModel semanticModel, SyntaxNodeAnalysisContext context)
    {
        foreach (AttributeListSyntax list in declaration.AttributeLists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                if (semanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is IMethodSymbol constructor
                    && constructor.ContainingType.ToDisplayString() == ModelParser.SdeModelAttribute)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
