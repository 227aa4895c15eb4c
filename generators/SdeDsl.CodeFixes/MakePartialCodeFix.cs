using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SdeDsl.CodeFixes;

/// <summary>Fixes SDE0001 by adding the <c>partial</c> modifier to the model's declaration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    private const string Title = "Make the model partial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SDE0001");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        (SyntaxNode? root, TypeDeclarationSyntax? declaration) = await ModelDeclaration.FindAsync(context).ConfigureAwait(false);
        if (root is null || declaration is null || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return;
        }

        ModelDeclaration.RegisterReplacement(context, Title, root, declaration, AddPartial(declaration));
    }

    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        SyntaxToken partialKeyword = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count == 0)
        {
            // Keep the leading trivia (comments, indentation) on the first token of the declaration.
            SyntaxToken keyword = declaration.Keyword;
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(partialKeyword.WithLeadingTrivia(keyword.LeadingTrivia)));
        }

        return declaration.WithModifiers(declaration.Modifiers.Add(partialKeyword));
    }
}
