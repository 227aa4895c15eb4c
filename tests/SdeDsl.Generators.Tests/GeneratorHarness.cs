using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SdeDsl.Generators;

namespace SdeDsl.Generators.Tests;

/// <summary>Compiles model sources in memory against .NET 10's reference assemblies and SdeDsl, and runs the
/// generator and the analyzer over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(SdeModelAttribute).Assembly.Location))
        .ToImmutableArray();

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Models",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Model" + i + ".cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: true, generalDiagnosticOption: ReportDiagnostic.Error));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        new[] { new SdeModelGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the compilation with the generated sources and the driver's result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Generate(params string[] sources)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(Compile(sources), out Compilation output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The one file generated for sources that declare one model.</summary>
    public static string GeneratedText(params string[] sources) => Generate(sources).Result.GeneratedTrees.Single().ToString();

    /// <summary>The generated source of one model, by hint name (its fully qualified metadata name).</summary>
    public static string GeneratedSource(GeneratorDriverRunResult result, string hintName) =>
        result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>The analyzer's diagnostics on the sources, after generation.</summary>
    public static ImmutableArray<Diagnostic> Analyze(params string[] sources)
    {
        (Compilation output, _) = Generate(sources);
        var withAnalyzers = output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SdeModelAnalyzer()));
        return withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Every error or warning of the compilation after generation, analyzer diagnostics included.</summary>
    public static ImmutableArray<Diagnostic> AllDiagnostics(params string[] sources)
    {
        (Compilation output, GeneratorDriverRunResult result) = Generate(sources);
        var withAnalyzers = output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SdeModelAnalyzer()));
        return withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
            .Concat(result.Diagnostics)
            .Where(static d => d.Severity >= DiagnosticSeverity.Warning)
            .ToImmutableArray();
    }

    /// <summary>The directory of the calling source file, to find test data beside the tests.</summary>
    public static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>The test models that tests/SdeDsl.Tests compiles and runs; snapshot tests emit the same sources.</summary>
    public static string ModelSource(string fileName) =>
        File.ReadAllText(Path.Combine(SourceDirectory(), "..", "SdeDsl.Tests", "Models", fileName));
}
