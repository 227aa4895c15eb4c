using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SdeDsl.CodeFixes;

/// <summary>
/// Fixes SDE0024 (a division of integers, which C# truncates) by making its left operand a double: an integer literal
/// gets a decimal point (<c>1 / 2</c> → <c>1.0 / 2</c>), anything else a cast (<c>(double)k / 2</c>). Offered where the
/// division itself is reported; not for one inside a constant field, which is reported where the constant is read.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoubleOperandCodeFix)), Shared]
public sealed class DoubleOperandCodeFix : SdeCodeFix
{
    /// <summary>Creates the fix.</summary>
    public DoubleOperandCodeFix()
        : base("SDE0024", "Divide as doubles")
    {
    }

    /// <inheritdoc/>
    protected override Task<Solution?> FixAsync(Document document, SyntaxNode root, TextSpan span, CancellationToken cancellationToken) =>
        Task.FromResult(root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<BinaryExpressionSyntax>()
            .FirstOrDefault(d => d.IsKind(SyntaxKind.DivideExpression) && d.Span == span) is { } division
            ? document.WithSyntaxRoot(root.ReplaceNode(division.Left, DoubleOperand(division.Left))).Project.Solution
            : null);

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
