using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SdeDsl.CodeFixes;

/// <summary>Finds the model declaration a diagnostic of the SdeDsl analyzer is reported on.</summary>
internal static class ModelDeclaration
{
    /// <summary>The document's root and the innermost type declaration around the diagnostic's span, or nulls.</summary>
    public static async Task<(SyntaxNode? Root, TypeDeclarationSyntax? Declaration)> FindAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        TypeDeclarationSyntax? declaration = root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        return (root, declaration);
    }

    /// <summary>Registers one code action per diagnostic of <paramref name="context"/> that replaces
    /// <paramref name="declaration"/> with <paramref name="updated"/>.</summary>
    public static void RegisterReplacement(CodeFixContext context, string title, SyntaxNode root, SyntaxNode declaration, SyntaxNode updated)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(title, ct =>
                {
                    ct.ThrowIfCancellationRequested();
                    return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, updated)));
                }, equivalenceKey: title),
                diagnostic);
        }
    }
}
