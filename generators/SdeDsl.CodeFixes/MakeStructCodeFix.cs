using System;
using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace SdeDsl.CodeFixes;

/// <summary>
/// Fixes SDE0022 by declaring the model as a <c>struct</c> (a <c>record</c> as a <c>record struct</c>) in every part of
/// it in the solution. It drops what a struct cannot have: the type's <c>abstract</c>, <c>sealed</c> and <c>static</c>;
/// its members' <c>virtual</c> and <c>sealed</c>; <c>protected</c> becomes <c>private</c> (<c>protected internal</c>,
/// <c>internal</c>). Field initializers get the constructor a struct needs to run them. Not offered where the struct
/// could not mean what the class did: a base class, a derived class, an abstract member or a finalizer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeStructCodeFix)), Shared]
public sealed class MakeStructCodeFix : ModelDeclarationCodeFix
{
    /// <summary>Creates the fix.</summary>
    public MakeStructCodeFix()
        : base("SDE0022", "Make the model a struct")
    {
    }

    /// <inheritdoc/>
    protected override async Task<Solution?> FixModelAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        if (!declaration.IsKind(SyntaxKind.ClassDeclaration) && !declaration.IsKind(SyntaxKind.RecordDeclaration))
        {
            return null;
        }

        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type
            || type.BaseType is { SpecialType: not SpecialType.System_Object })
        {
            return null;
        }

        Solution solution = document.Project.Solution;
        var parts = new List<(DocumentId Document, TypeDeclarationSyntax Part)>();
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            // A part the generator wrote has no document: it is written again from the fixed model.
            if (solution.GetDocumentId(reference.SyntaxTree) is { } id
                && await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is TypeDeclarationSyntax part)
            {
                parts.Add((id, part));
            }
        }

        if (parts.Any(static p => p.Part.Members.Any(CannotBeInAStruct))
            || (await SymbolFinder.FindDerivedClassesAsync(type, solution, transitive: false, cancellationToken: cancellationToken).ConfigureAwait(false)).Any())
        {
            return null;
        }

        // A struct runs instance field initializers only in a constructor it declares (CS8983 without one).
        bool addConstructor = parts.All(static p => p.Part.ParameterList is null)
            && parts.Any(static p => p.Part.Members.Any(HasInstanceInitializer))
            && !parts.Any(static p => p.Part.Members.OfType<ConstructorDeclarationSyntax>().Any(static c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)));

        foreach (IGrouping<DocumentId, TypeDeclarationSyntax> inDocument in parts.GroupBy(static p => p.Document, static p => p.Part))
        {
            SyntaxNode? root = await solution.GetDocument(inDocument.Key)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return null;
            }

            root = root.ReplaceNodes(inDocument, (original, _) =>
                ToStruct(original, addConstructor && original.SyntaxTree == declaration.SyntaxTree && original.Span == declaration.Span));
            solution = solution.WithDocumentSyntaxRoot(inDocument.Key, root);
        }

        return solution;
    }

    private static bool CannotBeInAStruct(MemberDeclarationSyntax member) =>
        member.Modifiers.Any(SyntaxKind.AbstractKeyword) || member is DestructorDeclarationSyntax;

    private static bool HasInstanceInitializer(MemberDeclarationSyntax member) => member switch
    {
        _ when member.Modifiers.Any(SyntaxKind.StaticKeyword) || member.Modifiers.Any(SyntaxKind.ConstKeyword) => false,
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.Any(static v => v.Initializer is not null),
        PropertyDeclarationSyntax property => property.Initializer is not null,
        _ => false,
    };

    private static TypeDeclarationSyntax ToStruct(TypeDeclarationSyntax part, bool addConstructor)
    {
        SyntaxList<MemberDeclarationSyntax> members = SyntaxFactory.List(part.Members.Select(WithStructModifiers));
        if (addConstructor)
        {
            members = WithConstructor(members, part.Identifier.ValueText, part.SyntaxTree.GetText().ToString().Contains("\r\n") ? "\r\n" : "\n");
        }

        (SyntaxTokenList modifiers, SyntaxTriviaList leftover) = RewrittenWithLeftover(part.Modifiers, TypeModifier);
        if (part is RecordDeclarationSyntax record)
        {
            // "record Name" and "record class Name" both become "record struct Name".
            SyntaxToken structKeyword = record.ClassOrStructKeyword.IsKind(SyntaxKind.ClassKeyword)
                ? SyntaxFactory.Token(record.ClassOrStructKeyword.LeadingTrivia, SyntaxKind.StructKeyword, record.ClassOrStructKeyword.TrailingTrivia)
                : SyntaxFactory.Token(SyntaxKind.StructKeyword).WithTrailingTrivia(record.Keyword.TrailingTrivia);
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
                members,
                record.CloseBraceToken,
                record.SemicolonToken);
        }

        return SyntaxFactory.StructDeclaration(
            part.AttributeLists,
            modifiers,
            SyntaxFactory.Token(leftover.AddRange(part.Keyword.LeadingTrivia), SyntaxKind.StructKeyword, part.Keyword.TrailingTrivia),
            part.Identifier,
            part.TypeParameterList,
            part.ParameterList,
            part.BaseList,
            part.ConstraintClauses,
            part.OpenBraceToken,
            members,
            part.CloseBraceToken,
            part.SemicolonToken);
    }

    /// <summary>The members with <c>public Name() { }</c> after the last field, indented as the first member.</summary>
    private static SyntaxList<MemberDeclarationSyntax> WithConstructor(SyntaxList<MemberDeclarationSyntax> members, string name, string newLine)
    {
        SyntaxTrivia indent = members.Count == 0
            ? SyntaxFactory.Whitespace("    ")
            : members[0].GetLeadingTrivia().LastOrDefault(static t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        SyntaxTriviaList leading = SyntaxFactory.TriviaList(
            SyntaxFactory.EndOfLine(newLine),
            indent,
            SyntaxFactory.Comment("// A struct runs its field initializers only in a constructor it declares: new " + name + "() runs them, default(" + name + ") does not."),
            SyntaxFactory.EndOfLine(newLine),
            indent);
        MemberDeclarationSyntax constructor = SyntaxFactory.ParseMemberDeclaration("public " + name + "() { }")!
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
        int lastField = -1;
        for (int i = 0; i < members.Count; i++)
        {
            if (members[i] is BaseFieldDeclarationSyntax)
            {
                lastField = i;
            }
        }

        return members.Insert(lastField + 1, lastField + 1 < members.Count ? constructor : constructor.WithLeadingTrivia(leading.RemoveAt(0)));
    }

    /// <summary>The constructor with its access modifiers replaced by <c>public</c>, the first one's trivia kept.</summary>
    private static ConstructorDeclarationSyntax PublicConstructor(ConstructorDeclarationSyntax constructor)
    {
        SyntaxTriviaList leading = constructor.Modifiers.Count > 0 ? constructor.Modifiers[0].LeadingTrivia : constructor.Identifier.LeadingTrivia;
        SyntaxTokenList others = SyntaxFactory.TokenList(constructor.Modifiers.Where(static m =>
            !m.IsKind(SyntaxKind.PrivateKeyword) && !m.IsKind(SyntaxKind.ProtectedKeyword) && !m.IsKind(SyntaxKind.InternalKeyword)));
        if (others.Count > 0 && constructor.Modifiers[0] == others[0])
        {
            others = others.Replace(others[0], others[0].WithLeadingTrivia()); // its indentation goes to public
        }

        SyntaxToken publicKeyword = SyntaxFactory.Token(leading, SyntaxKind.PublicKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return constructor.WithIdentifier(constructor.Modifiers.Count == 0 ? constructor.Identifier.WithLeadingTrivia() : constructor.Identifier)
            .WithModifiers(others.Insert(0, publicKeyword));
    }

    /// <summary>A struct's type modifiers: no abstract, sealed or static.</summary>
    private static SyntaxKind? TypeModifier(SyntaxToken modifier, SyntaxTokenList all) =>
        modifier.Kind() is SyntaxKind.AbstractKeyword or SyntaxKind.SealedKeyword or SyntaxKind.StaticKeyword ? null : modifier.Kind();

    /// <summary>A struct member's modifiers: no virtual or sealed (nothing derives from a struct); protected becomes
    /// private, protected internal internal, private protected private.</summary>
    private static SyntaxKind? MemberModifier(SyntaxToken modifier, SyntaxTokenList all) => modifier.Kind() switch
    {
        SyntaxKind.VirtualKeyword or SyntaxKind.SealedKeyword => null,
        SyntaxKind.ProtectedKeyword when all.Any(SyntaxKind.InternalKeyword) || all.Any(SyntaxKind.PrivateKeyword) => null,
        SyntaxKind.ProtectedKeyword => SyntaxKind.PrivateKeyword,
        SyntaxKind kind => kind,
    };

    private static MemberDeclarationSyntax WithStructModifiers(MemberDeclarationSyntax member)
    {
        if (member is ConstructorDeclarationSyntax { ParameterList.Parameters.Count: 0 } constructor && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
            && !constructor.Modifiers.Any(SyntaxKind.PublicKeyword))
        {
            // A struct's parameterless constructor must be public (CS8958): protected Sgd() { } became a private one.
            return PublicConstructor(constructor);
        }

        (SyntaxTokenList kept, SyntaxTriviaList leftover) = RewrittenWithLeftover(member.Modifiers, MemberModifier);
        if (leftover.Count > 0)
        {
            // The indentation of a removed first modifier ("    virtual double X") goes to the token after them.
            SyntaxToken next = member.Modifiers.Last().GetNextToken();
            member = member.ReplaceToken(next, next.WithLeadingTrivia(leftover.AddRange(next.LeadingTrivia)));
        }

        return member.WithModifiers(kept);
    }

    /// <summary>The modifiers as <paramref name="map"/> gives them (null: removed). A removed modifier's leading trivia
    /// (comments, indentation) moves to the next modifier kept, or is returned as <c>Leftover</c> for the keyword after
    /// them.</summary>
    private static (SyntaxTokenList Kept, SyntaxTriviaList Leftover) RewrittenWithLeftover(SyntaxTokenList modifiers, Func<SyntaxToken, SyntaxTokenList, SyntaxKind?> map)
    {
        SyntaxTokenList kept = default;
        SyntaxTriviaList pending = default;
        foreach (SyntaxToken modifier in modifiers)
        {
            if (map(modifier, modifiers) is not { } kind)
            {
                pending = pending.AddRange(modifier.LeadingTrivia);
                continue;
            }

            SyntaxToken token = kind == modifier.Kind() ? modifier : SyntaxFactory.Token(modifier.LeadingTrivia, kind, modifier.TrailingTrivia);
            kept = kept.Add(pending.Count == 0 ? token : token.WithLeadingTrivia(pending.AddRange(token.LeadingTrivia)));
            pending = default;
        }

        return (kept, pending);
    }
}
