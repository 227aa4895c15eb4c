using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SdeDsl.CodeFixes;

/// <summary>
/// Fixes SDE0024 (a division of integers, which C# truncates) by making its left operand a double: an integer literal
/// gets a decimal point (<c>1 / 2</c> → <c>1.0 / 2</c>), anything else a cast (<c>(double)k / 2</c>). Offered where the
/// division itself is reported; not for one inside a constant field, which is reported where the constant is read.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoubleOperandCodeFix)), Shared]
public sealed class DoubleOperandCodeFix : CodeFixProvider
{
    private const string Title = "Divide as doubles";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SDE0024");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not { } node)
        {
            return;
        }

        foreach (SyntaxNode candidate in node.AncestorsAndSelf())
        {
            if (candidate is BinaryExpressionSyntax division && division.IsKind(SyntaxKind.DivideExpression) && division.Span == context.Span)
            {
                ExpressionSyntax left = DoubleOperand(division.Left);
                foreach (Diagnostic diagnostic in context.Diagnostics)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(division.Left, left))), equivalenceKey: Title),
                        diagnostic);
                }

                return;
            }
        }
    }

    private static ExpressionSyntax DoubleOperand(ExpressionSyntax left)
    {
        if (left is LiteralExpressionSyntax { Token.Value: int or long or uint or ulong } literal)
        {
            // 1 → 1.0, 2L → 2.0: the value, written as a double literal.
            string digits = System.Convert.ToString(literal.Token.Value, CultureInfo.InvariantCulture) + ".0";
            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(digits, double.Parse(digits, CultureInfo.InvariantCulture)))
                .WithTriviaFrom(left);
        }

        // A cast binds tighter than any binary operator: (double)k / 2, (double)(a + b) / 2.
        ExpressionSyntax operand = left is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax or LiteralExpressionSyntax
            ? left.WithoutTrivia()
            : SyntaxFactory.ParenthesizedExpression(left.WithoutTrivia());
        return SyntaxFactory.CastExpression(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.DoubleKeyword)), operand).WithTriviaFrom(left);
    }
}
