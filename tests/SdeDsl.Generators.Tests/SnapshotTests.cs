using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>The emitted source of each test model, compared with its reviewed snapshot.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData("SignSgd")]
    [InlineData("AdamW")]
    [InlineData("ClippedMomentum")]
    [InlineData("EveryIntrinsic")]
    public void EmittedSourceMatchesSnapshot(string model)
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.ModelSource(model + ".cs"));

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        Snapshot.Verify(model, GeneratorHarness.GeneratedSource(result, "SdeDsl.Tests.Models." + model + ".g.cs"));
    }

    [Fact]
    public void GeneratedCodeCarriesThePackagesVersion()
    {
        // It said 1.0.0 while the package was 0.1.0. The generator and the runtime are built with one Version.
        string version = typeof(SdeModelAttribute).Assembly.GetName().Version!.ToString(3);
        string generated = GeneratorHarness.GeneratedText(GeneratorHarness.ModelSource("SignSgd.cs"));

        Assert.Contains("[global::System.CodeDom.Compiler.GeneratedCode(\"SdeDsl.Generators\", \"" + version + "\")]", generated, System.StringComparison.Ordinal);
    }
}
