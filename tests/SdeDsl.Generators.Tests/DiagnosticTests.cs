using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// The pages docs/diagnostics/SDE00NN.md are the single source of the diagnostics' examples: for every id a wrong
/// model, with <c>/*here*/</c> right before each span the analyzer must report, and the model put right, which must
/// compile without any error or warning once generated. These tests compile both through the real generator and
/// analyzer, so the documentation cannot drift from the analyzer.
/// </summary>
public sealed class DiagnosticTests
{
    /// <summary>Every id of the analyzer, in order. A new descriptor fails <see cref="AnalyzerSupportsExactlyTheseIds"/>
    /// until it is listed here, and then fails the theories until docs/diagnostics has its page.</summary>
    private static readonly string[] Ids =
    {
        "SDE0001", "SDE0002", "SDE0003", "SDE0004", "SDE0005", "SDE0006", "SDE0007", "SDE0008", "SDE0009", "SDE0010",
        "SDE0011", "SDE0012", "SDE0013", "SDE0014", "SDE0015", "SDE0016", "SDE0017", "SDE0018", "SDE0019", "SDE0020",
        "SDE0021", "SDE0022", "SDE0023", "SDE0024", "SDE0025", "SDE0026", "SDE0027",
    };

    public static TheoryData<string> AllIds() => new(Ids);

    [Fact]
    public void AnalyzerSupportsExactlyTheseIds()
    {
        string[] supported = new SdeModelAnalyzer().SupportedDiagnostics.Select(static d => d.Id).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Ids, supported);
    }

    [Fact]
    public void DocsHaveOnePagePerIdAndNoOther()
    {
        Assert.Equal(Ids, DiagnosticPages.Ids());
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void PageIsTitledWithTheDescriptorsTitle(string id)
    {
        DiagnosticDescriptor descriptor = new SdeModelAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);

        Assert.Equal(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), DiagnosticPages.Title(id));
    }

    [Fact]
    public void HelpLinksShareOneBase()
    {
        string[] bases = new SdeModelAnalyzer().SupportedDiagnostics
            .Select(static d => d.HelpLinkUri.Substring(0, Math.Max(0, d.HelpLinkUri.Length - (d.Id + ".md").Length)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal("https://github.com/sdedsl/SdeDsl/blob/main/docs/diagnostics/", Assert.Single(bases));
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void HelpLinkIsThePageOfTheId(string id)
    {
        DiagnosticDescriptor descriptor = new SdeModelAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);

        Assert.StartsWith("https://", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(File.Exists(DiagnosticPages.PathOf(id)), "The help link of " + id + " points to a page that does not exist: " + DiagnosticPages.PathOf(id));
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void WrongExampleReportsOnlyItsIdWhereMarked(string id)
    {
        string wrong = DiagnosticPages.Example(id, "Wrong");
        int[] marked = DiagnosticPages.MarkedPositions(wrong);
        Assert.True(marked.Length > 0, "The wrong example of " + id + " marks no span with " + DiagnosticPages.Marker + ".");

        ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.Analyze(wrong);
        string reported = Describe(diagnostics);

        Assert.True(diagnostics.Length > 0 && diagnostics.All(d => d.Id == id), "The wrong example of " + id + " does not report only " + id + ":\n" + reported);
        int[] positions = diagnostics.Where(static d => d.Location.IsInSource).Select(static d => d.Location.SourceSpan.Start).Order().ToArray();
        Assert.True(diagnostics.Length == positions.Length && marked.SequenceEqual(positions),
            "The wrong example of " + id + " marks positions " + string.Join(", ", marked) + " but reports:\n" + reported);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void FixedExampleHasNoErrorOrWarning(string id)
    {
        string fixedExample = DiagnosticPages.Example(id, "Fixed");
        Assert.DoesNotContain(DiagnosticPages.Marker, fixedExample, StringComparison.Ordinal);

        ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.AllDiagnostics(fixedExample);

        Assert.True(diagnostics.IsEmpty, "The fixed example of " + id + " reports:\n" + Describe(diagnostics));
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

    private static string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        string text = string.Join("\n", diagnostics.Select(static d => d.ToString()));
        return text.Length == 0 ? "(nothing)" : text;
    }
}
