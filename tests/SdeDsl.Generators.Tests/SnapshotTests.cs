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
}
