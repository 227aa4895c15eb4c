using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// The pages docs/diagnostics/SDE00NN.md, one per diagnostic id: a title line <c># SDE00NN — Title</c>, then a
/// <c>## Wrong</c> heading followed by one <c>```csharp</c> block (a model with <c>/*here*/</c> right before each span
/// the analyzer must report) and a <c>## Fixed</c> heading followed by one <c>```csharp</c> block (the model put right).
/// </summary>
internal static class DiagnosticPages
{
    public const string Marker = "/*here*/";

    private static readonly Regex TitleLine = new(@"\A# (?<id>SDE\d{4}) — (?<title>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex Heading = new(@"^## (?<name>.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex CodeBlock = new(@"^```csharp\n(?<code>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    /// <summary>The repository's root: the first folder above the test's output that holds SdeDsl.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Directory => Path.Combine(RepositoryRoot, "docs", "diagnostics");

    public static string PathOf(string id) => Path.Combine(Directory, id + ".md");

    /// <summary>The ids of every SDE????.md page in docs/diagnostics, in order.</summary>
    public static string[] Ids() => System.IO.Directory.GetFiles(Directory, "SDE????.md")
        .Select(static p => Path.GetFileNameWithoutExtension(p))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The text after <c>— </c> on the page's first line.</summary>
    public static string Title(string id)
    {
        Match match = TitleLine.Match(Read(id));
        Assert.True(match.Success && match.Groups["id"].Value == id, PathOf(id) + " does not start with '# " + id + " — title'.");
        return match.Groups["title"].Value.Trim();
    }

    /// <summary>The single <c>```csharp</c> block of the page's <c>## Wrong</c> or <c>## Fixed</c> section.</summary>
    public static string Example(string id, string heading)
    {
        string page = Read(id);
        Match[] headings = Heading.Matches(page).ToArray();
        int index = Array.FindIndex(headings, h => h.Groups["name"].Value.Trim() == heading);
        Assert.True(index >= 0, PathOf(id) + " has no '## " + heading + "' section.");
        int start = headings[index].Index + headings[index].Length;
        int end = index + 1 < headings.Length ? headings[index + 1].Index : page.Length;
        string[] blocks = CodeBlock.Matches(page.Substring(start, end - start)).Select(static m => m.Groups["code"].Value).ToArray();
        Assert.True(blocks.Length == 1, PathOf(id) + "'s '## " + heading + "' section has " + blocks.Length + " csharp blocks, not one.");
        return blocks[0];
    }

    /// <summary>The positions right after each marker (and the whitespace after it): where a diagnostic's span starts.</summary>
    public static int[] MarkedPositions(string source)
    {
        var positions = new System.Collections.Generic.List<int>();
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

    private static string Read(string id)
    {
        Assert.True(File.Exists(PathOf(id)), "No page " + PathOf(id) + ".");
        return File.ReadAllText(PathOf(id)).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SdeDsl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No folder above " + AppContext.BaseDirectory + " holds SdeDsl.sln.");
    }
}
