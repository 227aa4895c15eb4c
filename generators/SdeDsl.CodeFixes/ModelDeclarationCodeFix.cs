using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SdeDsl.CodeFixes;

/// <summary>
/// A code fix that rewrites the declaration of the model a diagnostic is reported on: finds the innermost type
/// declaration around the diagnostic and, where <see cref="Rewrite"/> returns a new one, offers to replace it.
/// </summary>
public abstract class ModelDeclarationCodeFix : CodeFixProvider
{
    private readonly string _title;

    /// <summary>Creates the fix of diagnostic <paramref name="id"/>, offered under <paramref name="title"/>.</summary>
    protected ModelDeclarationCodeFix(string id, string title)
    {
        _title = title;
        FixableDiagnosticIds = ImmutableArray.Create(id);
    }

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } declaration
            || Rewrite(declaration) is not { } updated)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(_title, ct =>
                {
                    ct.ThrowIfCancellationRequested();
                    return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, updated)));
                }, equivalenceKey: _title),
                diagnostic);
        }
    }

    /// <summary>The fixed declaration, or null when there is nothing to fix.</summary>
    protected abstract TypeDeclarationSyntax? Rewrite(TypeDeclarationSyntax declaration);
}
