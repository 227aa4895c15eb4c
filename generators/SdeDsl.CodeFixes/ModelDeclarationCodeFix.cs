using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SdeDsl.CodeFixes;

/// <summary>
/// A code fix that rewrites the declaration of the model a diagnostic is reported on: the innermost type declaration
/// around the diagnostic, given to <see cref="FixModelAsync"/>.
/// </summary>
public abstract class ModelDeclarationCodeFix : SdeCodeFix
{
    /// <summary>Creates the fix of diagnostic <paramref name="id"/>, offered under <paramref name="title"/>.</summary>
    protected ModelDeclarationCodeFix(string id, string title)
        : base(id, title)
    {
    }

    /// <inheritdoc/>
    protected sealed override Task<Solution?> FixAsync(Document document, SyntaxNode root, TextSpan span, CancellationToken cancellationToken) =>
        root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } declaration
            ? FixModelAsync(document, declaration, cancellationToken)
            : Task.FromResult<Solution?>(null);

    /// <summary>The solution with <paramref name="declaration"/> (in <paramref name="document"/>) fixed, or null when
    /// this fix cannot fix it.</summary>
    protected abstract Task<Solution?> FixModelAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken);
}
