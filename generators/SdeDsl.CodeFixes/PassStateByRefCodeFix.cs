using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SdeDsl.CodeFixes;

/// <summary>Fixes SDE0008 (a state of the update not passed by ref) by declaring the parameter <c>ref double</c>:
/// <c>double x</c> and <c>in double x</c> become <c>ref double x</c>. Not offered for a parameter of another type,
/// which SDE0012 reports.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PassStateByRefCodeFix)), Shared]
public sealed class PassStateByRefCodeFix : CodeFixProvider
{
    private const string Title = "Pass the state by ref";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SDE0008");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault() is not { } parameter
            || parameter.Type is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.DoubleKeyword })
        {
            return;
        }

        // Keep the attributes and the first modifier's leading trivia; in, out, ref readonly and scoped give way to ref.
        SyntaxTriviaList leading = parameter.Modifiers.Count > 0 ? parameter.Modifiers[0].LeadingTrivia : parameter.Type.GetLeadingTrivia();
        ParameterSyntax byRef = parameter
            .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(leading, SyntaxKind.RefKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space))))
            .WithType(parameter.Type.WithLeadingTrivia());
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(parameter, byRef))), equivalenceKey: Title),
                diagnostic);
        }
    }
}
