using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SdeDsl.Generators;
using Xunit;

namespace SdeDsl.TestSupport;

/// <summary>A model library built from source by the real generator, as a user's project builds it: shared by the tests
/// that give the tool or the workers a library the project never saw.</summary>
internal static class GeneratedModelLibrary
{
    /// <summary>The image of assembly <paramref name="assemblyName"/> compiled from <paramref name="source"/> against
    /// .NET 10 and SdeDsl; fails the test on any generator diagnostic or compile error.</summary>
    public static byte[] Compile(string assemblyName, string source)
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(SdeModelAttribute).Assembly.Location));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(source, parse)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        CSharpGeneratorDriver.Create([new SdeModelGenerator().AsSourceGenerator()], parseOptions: parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        using var image = new MemoryStream();
        var emit = output.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return image.ToArray();
    }
}
