using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SdeDsl.CodeFixes;

/// <summary>Fixes SDE0008 (a state of the update not passed by ref) by declaring the parameter <c>ref double</c>:
/// <c>double x</c> and <c>in double x</c> become <c>ref double x</c>. Not offered for a parameter of another type,
/// which SDE0012 reports.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PassStateByRefCodeFix)), Shared]
public sealed class PassStateByRefCodeFix : SdeCodeFix
{
    /// <summary>Creates the fix.</summary>
    public PassStateByRefCodeFix()
        : base("SDE0008", "Pass the state by ref")
    {
    }

    /// <inheritdoc/>
    protected override Task<Solution?> FixAsync(Document document, SyntaxNode root, TextSpan span, CancellationToken cancellationToken)
    {
        if (root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault() is not { } parameter
            || parameter.Type is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.DoubleKeyword })
        {
            return Task.FromResult<Solution?>(null);
        }

        // Keep the attributes and the first modifier's leading trivia; in, out, ref readonly and scoped give way to ref.
        SyntaxTriviaList leading = parameter.Modifiers.Count > 0 ? parameter.Modifiers[0].LeadingTrivia : parameter.Type.GetLeadingTrivia();
        ParameterSyntax byRef = parameter
            .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(leading, SyntaxKind.RefKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space))))
            .WithType(parameter.Type.WithLeadingTrivia());
        return Task.FromResult<Solution?>(document.WithSyntaxRoot(root.ReplaceNode(parameter, byRef)).Project.Solution);
    }
}
