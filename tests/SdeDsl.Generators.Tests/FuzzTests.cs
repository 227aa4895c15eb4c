using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// The generator and the analyzer never throw, however broken the input: 2,400 seeded mutations (a token deleted,
/// duplicated, or swapped with another) of the valid models, each run through both. A crash would surface as a
/// generator exception (CS8785) or an analyzer exception (AD0001).
/// </summary>
public sealed class FuzzTests
{
    private const int MutationsPerModel = 800;

    [Theory]
    [InlineData("AdamW.cs", 1)]
    [InlineData("SignSgd.cs", 2)]
    [InlineData("ClippedMomentum.cs", 3)]
    public void MutatedModelsNeverCrashTheGeneratorOrTheAnalyzer(string file, int seed)
    {
        string source = GeneratorHarness.ModelSource(file);
        SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions).GetRoot()
            .DescendantTokens(descendIntoTrivia: false).ToArray();
        var random = new System.Random(seed);
        var analyzer = new SdeModelAnalyzer();
        var failures = new List<string>();
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < MutationsPerModel && failures.Count < 5; i++)
        {
            string mutant = Mutate(tokens, random);
            distinct.Add(mutant);
            string? failure = Run(mutant, analyzer);
            if (failure is not null)
            {
                failures.Add(failure + "\n--- mutant ---\n" + mutant);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // The mutations really vary (not 800 runs of one text).
        Assert.True(distinct.Count > MutationsPerModel / 2, distinct.Count + " distinct mutants");
    }

    private static string Mutate(SyntaxToken[] tokens, System.Random random)
    {
        var list = new List<string>(tokens.Select(static t => t.ToFullString()));
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits && list.Count > 1; e++)
        {
            int at = random.Next(list.Count);
            switch (random.Next(3))
            {
                case 0:
                    list.RemoveAt(at);
                    break;
                case 1:
                    list.Insert(at, list[at]);
                    break;
                default:
                    int other = random.Next(list.Count);
                    (list[at], list[other]) = (list[other], list[at]);
                    break;
            }
        }

        var builder = new StringBuilder();
        foreach (string text in list)
        {
            builder.Append(text);
            if (text.Length > 0 && !char.IsWhiteSpace(text[^1]))
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    /// <summary>Runs the generator and the analyzer; returns a description of any crash.</summary>
    private static string? Run(string source, SdeModelAnalyzer analyzer)
    {
        Compilation compilation = GeneratorHarness.Compile(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Exception? generatorException = driver.GetRunResult().Results.Single().Exception;
        if (generatorException is not null || generatorDiagnostics.Any(static d => d.Id == "CS8785"))
        {
            return "generator threw: " + generatorException;
        }

        Exception? analyzerException = null;
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => analyzerException ??= exception,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (analyzerException is not null || diagnostics.Any(static d => d.Id == "AD0001"))
        {
            return "analyzer threw: " + analyzerException;
        }

        return null;
    }
}
