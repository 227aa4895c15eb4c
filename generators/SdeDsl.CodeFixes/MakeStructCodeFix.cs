using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SdeDsl.CodeFixes;

/// <summary>Fixes SDE0022 by declaring the model as a <c>struct</c> (a <c>record</c> as a <c>record struct</c>),
/// dropping the modifiers a struct cannot have (<c>abstract</c>, <c>sealed</c>, <c>static</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeStructCodeFix)), Shared]
public sealed class MakeStructCodeFix : ModelDeclarationCodeFix
{
    /// <summary>Creates the fix.</summary>
    public MakeStructCodeFix()
        : base("SDE0022", "Make the model a struct")
    {
    }

    /// <inheritdoc/>
    protected override TypeDeclarationSyntax? Rewrite(TypeDeclarationSyntax declaration) => declaration switch
    {
        ClassDeclarationSyntax type => ToStruct(type),
        RecordDeclarationSyntax record when record.IsKind(SyntaxKind.RecordDeclaration) => ToRecordStruct(record),
        _ => null,
    };

    private static StructDeclarationSyntax ToStruct(ClassDeclarationSyntax type)
    {
        (SyntaxTokenList modifiers, SyntaxTriviaList leftover) = StructModifiers(type.Modifiers);
        return SyntaxFactory.StructDeclaration(
            type.AttributeLists,
            modifiers,
            SyntaxFactory.Token(leftover.AddRange(type.Keyword.LeadingTrivia), SyntaxKind.StructKeyword, type.Keyword.TrailingTrivia),
            type.Identifier,
            type.TypeParameterList,
            type.ParameterList,
            type.BaseList,
            type.ConstraintClauses,
            type.OpenBraceToken,
            type.Members,
            type.CloseBraceToken,
            type.SemicolonToken);
    }

    private static RecordDeclarationSyntax ToRecordStruct(RecordDeclarationSyntax record)
    {
        // "record Name" and "record class Name" both become "record struct Name".
        SyntaxToken structKeyword = record.ClassOrStructKeyword.IsKind(SyntaxKind.ClassKeyword)
            ? SyntaxFactory.Token(record.ClassOrStructKeyword.LeadingTrivia, SyntaxKind.StructKeyword, record.ClassOrStructKeyword.TrailingTrivia)
            : SyntaxFactory.Token(SyntaxKind.StructKeyword).WithTrailingTrivia(record.Keyword.TrailingTrivia);
        (SyntaxTokenList modifiers, SyntaxTriviaList leftover) = StructModifiers(record.Modifiers);
        SyntaxToken recordKeyword = record.Keyword.WithLeadingTrivia(leftover.AddRange(record.Keyword.LeadingTrivia));
        return SyntaxFactory.RecordDeclaration(
            SyntaxKind.RecordStructDeclaration,
            record.AttributeLists,
            modifiers,
            record.ClassOrStructKeyword.IsKind(SyntaxKind.ClassKeyword) ? recordKeyword : recordKeyword.WithTrailingTrivia(SyntaxFactory.Space),
            structKeyword,
            record.Identifier,
            record.TypeParameterList,
            record.ParameterList,
            record.BaseList,
            record.ConstraintClauses,
            record.OpenBraceToken,
            record.Members,
            record.CloseBraceToken,
            record.SemicolonToken);
    }

    /// <summary>The modifiers without those a struct cannot have. A removed modifier's leading trivia (comments,
    /// indentation) moves to the next modifier kept, or is returned as <c>Leftover</c> for the type's keyword.</summary>
    private static (SyntaxTokenList Kept, SyntaxTriviaList Leftover) StructModifiers(SyntaxTokenList modifiers)
    {
        SyntaxTokenList kept = default;
        SyntaxTriviaList pending = default;
        foreach (SyntaxToken modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.AbstractKeyword) || modifier.IsKind(SyntaxKind.SealedKeyword) || modifier.IsKind(SyntaxKind.StaticKeyword))
            {
                pending = pending.AddRange(modifier.LeadingTrivia);
                continue;
            }

            kept = kept.Add(pending.Count == 0 ? modifier : modifier.WithLeadingTrivia(pending.AddRange(modifier.LeadingTrivia)));
            pending = default;
        }

        return (kept, pending);
    }
}
