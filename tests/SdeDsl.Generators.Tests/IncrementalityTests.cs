using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>The pipeline caches: an edit that does not touch a model regenerates nothing; an edited body does.</summary>
public sealed class IncrementalityTests
{
    private const string Unrelated = "namespace Other; public static class Helper { public static int Twice(int a) => 2 * a; }";

    private static readonly string[] TrackedSteps = { SdeModelGenerator.ModelSpecStep, SdeModelGenerator.ValidModelStep };

    [Fact]
    public void EditOfAnotherFileLeavesEveryStepCached()
    {
        GeneratorRunResult second = RunTwice(
            GeneratorHarness.ModelSource("AdamW.cs"),
            compilation => Replace(compilation, 1, Unrelated.Replace("2 * a", "3 * a")));

        AssertAllOutputs(second, static reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EditOutsideTheModelInItsOwnFileLeavesTheSpecUnchanged()
    {
        string model = GeneratorHarness.ModelSource("SignSgd.cs");
        GeneratorRunResult second = RunTwice(
            model,
            compilation => Replace(compilation, 0, model + "\nnamespace Other { internal static class Unused { public static int Zero => 0; } }\n"));

        AssertAllOutputs(second, static reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EditedDriftBodyModifiesTheSpec()
    {
        string model = GeneratorHarness.ModelSource("AdamW.cs");
        string edited = model.Replace("=> Rho1 * (grad - m);", "=> 2 * Rho1 * (grad - m);");
        Assert.NotEqual(model, edited);

        GeneratorRunResult second = RunTwice(model, compilation => Replace(compilation, 0, edited));

        IncrementalStepRunReason[] reasons = Reasons(second, SdeModelGenerator.ModelSpecStep).ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, SdeModelGenerator.ValidModelStep));
    }

    private static GeneratorRunResult RunTwice(string model, System.Func<Compilation, Compilation> edit)
    {
        Compilation first = GeneratorHarness.Compile(model, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
        driver = driver.RunGenerators(edit(first));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        foreach (string step in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), "The step '" + step + "' was not tracked.");
        }

        return result;
    }

    private static Compilation Replace(Compilation compilation, int index, string text)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, old.FilePath));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason);

    private static void AssertAllOutputs(GeneratorRunResult result, System.Func<IncrementalStepRunReason, bool> allowed)
    {
        foreach (string step in TrackedSteps)
        {
            IncrementalStepRunReason[] reasons = Reasons(result, step).ToArray();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(allowed(reason), step + " was " + reason));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }
}
