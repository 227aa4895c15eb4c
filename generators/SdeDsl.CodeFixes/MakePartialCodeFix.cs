using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SdeDsl.CodeFixes;

/// <summary>Fixes SDE0001 by adding the <c>partial</c> modifier to the model's declaration. SDE0001 also refuses a
/// nested, generic or <c>file</c> model, which <c>partial</c> cannot mend: for those the fix is not offered.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : ModelDeclarationCodeFix
{
    /// <summary>Creates the fix.</summary>
    public MakePartialCodeFix()
        : base("SDE0001", "Make the model partial")
    {
    }

    /// <inheritdoc/>
    protected override async Task<Solution?> FixModelAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
            || declaration.Modifiers.Any(SyntaxKind.FileKeyword)
            || declaration.TypeParameterList is not null
            || declaration.Parent is not (BaseNamespaceDeclarationSyntax or CompilationUnitSyntax))
        {
            return null;
        }

        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? null : document.WithSyntaxRoot(root.ReplaceNode(declaration, WithPartial(declaration))).Project.Solution;
    }

    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
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
