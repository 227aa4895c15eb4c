using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace SdeDsl.CodeFixes;

/// <summary>
/// A code fix of one SdeDsl diagnostic under one title. The fix is computed before it is offered, so a fix that cannot
/// give code that compiles (<see cref="FixAsync"/> returns null) is not offered at all.
/// </summary>
public abstract class SdeCodeFix : CodeFixProvider
{
    private readonly string _title;

    /// <summary>Creates the fix of diagnostic <paramref name="id"/>, offered under <paramref name="title"/>.</summary>
    protected SdeCodeFix(string id, string title)
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
        if (root is null || await FixAsync(context.Document, root, context.Span, context.CancellationToken).ConfigureAwait(false) is not { } fixedSolution)
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

    /// <summary>The solution with the diagnostic at <paramref name="span"/> of <paramref name="document"/> fixed, or
    /// null when this fix cannot fix it there.</summary>
    protected abstract Task<Solution?> FixAsync(Document document, SyntaxNode root, TextSpan span, CancellationToken cancellationToken);
}
