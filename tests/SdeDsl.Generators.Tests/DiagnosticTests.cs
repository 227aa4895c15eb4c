using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// The README's "Diagnostics" section is the single source of the diagnostics' examples: for every id it has a wrong
/// model, with <c>/*here*/</c> right before each span the analyzer must report, and the model put right, which must
/// compile without any diagnostic once generated. These tests compile both, so the documentation cannot drift from
/// the analyzer.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Marker = "/*here*/";

    /// <summary>Every id of the analyzer, in order. A new descriptor fails <see cref="AnalyzerSupportsExactlyTheseIds"/>
    /// until it is listed here, and then fails the theories until the README documents it.</summary>
    private static readonly string[] Ids =
    {
        "SDE0001", "SDE0002", "SDE0003", "SDE0004", "SDE0005", "SDE0006", "SDE0007", "SDE0008", "SDE0009", "SDE0010",
        "SDE0011", "SDE0012", "SDE0013", "SDE0014", "SDE0015", "SDE0016", "SDE0017", "SDE0018", "SDE0019", "SDE0020",
        "SDE0021",
    };

    private static readonly Regex Heading = new(@"^### (?<id>\S+) — (?<title>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex CodeBlock = new(@"^```csharp\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    public static TheoryData<string> AllIds() => new(Ids);

    [Fact]
    public void AnalyzerSupportsExactlyTheseIds()
    {
        string[] supported = new SdeModelAnalyzer().SupportedDiagnostics.Select(static d => d.Id).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Ids, supported);
    }

    [Fact]
    public void ReadmeHasOneSectionPerIdInOrder()
    {
        string[] documented = Heading.Matches(DiagnosticsSection()).Select(static m => m.Groups["id"].Value).ToArray();

        Assert.Equal(Ids, documented);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void ReadmeSectionIsTitledWithTheDescriptorsTitle(string id)
    {
        DiagnosticDescriptor descriptor = new SdeModelAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);

        Assert.Equal(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), Section(id).Title);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void WrongExampleReportsOnlyItsIdWhereMarked(string id)
    {
        string wrong = Example(id, "wrong");
        int[] marked = MarkedPositions(wrong);
        Assert.True(marked.Length > 0, "The wrong example of " + id + " marks no span with " + Marker + ".");

        ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.Analyze(wrong);
        string reported = Describe(diagnostics);

        Assert.True(diagnostics.All(d => d.Id == id), "The wrong example of " + id + " reports other ids:\n" + reported);
        int[] positions = diagnostics.Where(static d => d.Location.IsInSource).Select(static d => d.Location.SourceSpan.Start).Order().ToArray();
        Assert.True(diagnostics.Length == positions.Length && marked.SequenceEqual(positions),
            "The wrong example of " + id + " marks positions " + string.Join(", ", marked) + " but reports:\n" + reported);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void RightExampleHasNoDiagnostics(string id)
    {
        string right = Example(id, "right");
        Assert.DoesNotContain(Marker, right, StringComparison.Ordinal);

        ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.AllDiagnostics(right);

        Assert.True(diagnostics.IsEmpty, "The right example of " + id + " reports:\n" + Describe(diagnostics));
    }

    [Fact]
    public void UnshippedReleaseListsEveryIdWithItsTitle()
    {
        string path = Path.Combine(GeneratorHarness.SourceDirectory(), "..", "..", "generators", "SdeDsl.Generators", "AnalyzerReleases.Unshipped.md");
        string[][] rows = File.ReadAllLines(path)
            .Where(static line => line.StartsWith("SDE", StringComparison.Ordinal))
            .Select(static line => line.Split('|').Select(static cell => cell.Trim()).ToArray())
            .ToArray();

        Assert.Equal(Ids, rows.Select(static r => r[0]));
        foreach (DiagnosticDescriptor descriptor in new SdeModelAnalyzer().SupportedDiagnostics)
        {
            string[] row = rows.Single(r => r[0] == descriptor.Id);
            Assert.Equal(
                new[] { descriptor.Id, descriptor.Category, descriptor.DefaultSeverity.ToString(), descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                row);
        }
    }

    /// <summary>The code of the README's <c>// wrong</c> or <c>// right</c> example of <paramref name="id"/>, its first
    /// comment line included.</summary>
    internal static string Example(string id, string kind)
    {
        string[] blocks = CodeBlock.Matches(Section(id).Body)
            .Select(static m => m.Groups["code"].Value)
            .Where(code => code.StartsWith("// " + kind + "\n", StringComparison.Ordinal))
            .ToArray();
        Assert.True(blocks.Length == 1, "README's " + id + " has " + blocks.Length + " '// " + kind + "' examples, not one.");
        return blocks[0];
    }

    /// <summary>The positions right after each marker (and the whitespace after it): where a diagnostic's span starts.</summary>
    internal static int[] MarkedPositions(string source)
    {
        var positions = new List<int>();
        for (int i = source.IndexOf(Marker, StringComparison.Ordinal); i >= 0; i = source.IndexOf(Marker, i + 1, StringComparison.Ordinal))
        {
            int start = i + Marker.Length;
            while (start < source.Length && char.IsWhiteSpace(source[start]))
            {
                start++;
            }

            positions.Add(start);
        }

        return positions.ToArray();
    }

    private static (string Title, string Body) Section(string id)
    {
        string section = DiagnosticsSection();
        Match[] headings = Heading.Matches(section).ToArray();
        int index = Array.FindIndex(headings, h => h.Groups["id"].Value == id);
        Assert.True(index >= 0, "README's Diagnostics section has no '### " + id + " — …' subsection.");
        int start = headings[index].Index + headings[index].Length;
        int end = index + 1 < headings.Length ? headings[index + 1].Index : section.Length;
        return (headings[index].Groups["title"].Value.Trim(), section.Substring(start, end - start));
    }

    private static string DiagnosticsSection()
    {
        string readme = File.ReadAllText(Path.Combine(GeneratorHarness.SourceDirectory(), "..", "..", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        const string heading = "\n## Diagnostics\n";
        int start = readme.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Diagnostics' section.");
        start += heading.Length;
        int end = readme.IndexOf("\n## ", start, StringComparison.Ordinal);
        return end < 0 ? readme.Substring(start) : readme.Substring(start, end - start);
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        string text = string.Join("\n", diagnostics.Select(static d => d.ToString()));
        return text.Length == 0 ? "(nothing)" : text;
    }
}
