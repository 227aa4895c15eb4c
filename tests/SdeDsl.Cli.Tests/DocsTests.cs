using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using SdeDsl.Cli.Experiments;
using Xunit;

namespace SdeDsl.Cli.Tests;

/// <summary>docs/replication.md states every experiment's parameters with the defaults the code uses, and every
/// relative link of the project's Markdown files leads somewhere.</summary>
public sealed partial class DocsTests
{
    internal static string Repository()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "SdeDsl.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("SdeDsl.sln not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void ReplicationDoc_GivesEveryDefault()
    {
        string doc = File.ReadAllText(Path.Combine(Repository(), "docs", "replication.md"));
        foreach (IExperiment experiment in ExperimentCatalog.All)
        {
            Assert.Contains($"| {experiment.Id} |", doc, StringComparison.Ordinal);
            foreach (ExperimentParameter parameter in experiment.Parameters)
            {
                string option = $"`--{parameter.Name} {parameter.Default}`";
                Assert.True(doc.Contains(option, StringComparison.Ordinal), $"{experiment.Id}: docs/replication.md lacks {option}");
            }
        }
    }

    /// <summary>
    /// Every relative link in the repository's Markdown files (README, docs/, the packages' readmes, the benchmarks')
    /// names a file or folder that exists, and its #fragment, if any, a heading of that file, by the anchors GitHub
    /// derives from headings, and stays inside the repository. A page split or a heading renamed otherwise leaves links
    /// that only a reader finds. Inline links only (the project's Markdown has no reference-style links, HTML anchors
    /// or setext headings); fenced code is skipped.
    /// </summary>
    [Fact]
    public void EveryRelativeLinkLeadsToAFileAndHeadingThatExist()
    {
        string root = Repository();
        var anchorsByFile = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var broken = new List<string>();
        int checkedLinks = 0;
        foreach (string file in MarkdownFiles(root))
        {
            string text = File.ReadAllText(file);
            foreach (Match link in InlineLink().Matches(WithoutCode(text)))
            {
                string target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                checkedLinks++;
                int hash = target.IndexOf('#', StringComparison.Ordinal);
                string path = hash < 0 ? target : target[..hash];
                string? fragment = hash < 0 ? null : target[(hash + 1)..];
                string resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
                string where = $"{Path.GetRelativePath(root, file)}: ({target})";
                if (resolved != root && !resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    broken.Add($"{where}: outside the repository");
                    continue;
                }

                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    broken.Add($"{where}: no such file");
                    continue;
                }

                if (fragment is not null && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                {
                    if (!anchorsByFile.TryGetValue(resolved, out HashSet<string>? anchors))
                    {
                        anchors = HeadingAnchors(File.ReadAllText(resolved));
                        anchorsByFile[resolved] = anchors;
                    }

                    if (!anchors.Contains(fragment))
                    {
                        broken.Add($"{where}: no heading with this anchor");
                    }
                }
            }
        }

        Assert.True(checkedLinks > 50, $"only {checkedLinks} relative links found: is the scan looking at the right files?");
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join("\n", broken));
    }

    [Theory]
    [InlineData("On a processor without AVX-512 (AMD EPYC Zen 3, 2026-12-07)", "on-a-processor-without-avx-512-amd-epyc-zen-3-2026-12-07")]
    [InlineData("Across processes (`sdedsl worker`)", "across-processes-sdedsl-worker")]
    [InlineData("Heavy models and the JIT's limit on locals", "heavy-models-and-the-jits-limit-on-locals")]
    [InlineData("SDE steps in float (`--sde-ratios`)", "sde-steps-in-float---sde-ratios")]
    [InlineData("Latest figures: every SDE-kernel target in one table", "latest-figures-every-sde-kernel-target-in-one-table")]
    public void AHeadingsAnchorIsGitHubs(string heading, string anchor) => Assert.Equal(anchor, Slug(heading));

    private static IEnumerable<string> MarkdownFiles(string root) =>
        Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or ".git" or "node_modules" or "TestResults"))
            .Order(StringComparer.Ordinal);

    /// <summary>The text with fenced code blocks and inline code blanked out, so that code that looks like a link is not
    /// taken for one.</summary>
    private static string WithoutCode(string text) => InlineCode().Replace(Fence().Replace(text, string.Empty), string.Empty);

    /// <summary>The anchors of a file's headings, as GitHub makes them: each heading's slug, with -1, -2, … on
    /// repeats.</summary>
    private static HashSet<string> HeadingAnchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(Fence().Replace(text, string.Empty)))
        {
            string slug = Slug(heading.Groups["title"].Value);
            int count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    /// <summary>GitHub's anchor of a heading: lower case, every character but letters, marks, decimal digits, letter
    /// numbers, connector punctuation (_), spaces and hyphens dropped, spaces made hyphens (so "A (b)" is "a-b",
    /// "x -- y" is "x----y", "x²" is "x").</summary>
    private static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (char c in heading.Trim().ToLowerInvariant())
        {
            UnicodeCategory category = char.GetUnicodeCategory(c);
            if (c == ' ')
            {
                slug.Append('-');
            }
            else if (c == '-' || char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.LetterNumber or UnicodeCategory.ConnectorPunctuation)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }

    [GeneratedRegex(@"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
