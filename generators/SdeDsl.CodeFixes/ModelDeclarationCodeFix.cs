using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SdeDsl.CodeFixes;

/// <summary>
/// A code fix that rewrites the declaration of the model a diagnostic is reported on: finds the innermost type
/// declaration around the diagnostic and, where <see cref="FixAsync"/> returns a changed solution, offers it. The fix is
/// computed before it is offered, so a fix that cannot give code that compiles is not offered at all.
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
            || await FixAsync(context.Document, declaration, context.CancellationToken).ConfigureAwait(false) is not { } fixedSolution)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(_title, ct =>
                {
                    ct.ThrowIfCancellationRequested();
                    return Task.FromResult(fixedSolution);
                }, equivalenceKey: _title),
                diagnostic);
        }
    }

    /// <summary>The solution with <paramref name="declaration"/> (in <paramref name="document"/>) fixed, or null when
    /// this fix cannot fix it.</summary>
    protected abstract Task<Solution?> FixAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken);
}
