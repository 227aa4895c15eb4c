using System;
using System.IO;
using System.Runtime.Loader;
using SdeDsl.Optimizers;
using SdeDsl.Runs;
using SdeDsl.TestSupport;

namespace SdeDsl.Distributed.Tests;

/// <summary>Model libraries compiled here, from source, by the real generator: what a user builds and gives workers by
/// path. Every build is named <see cref="AssemblyName"/>, as one project rebuilt is.</summary>
internal static class ModelLibrary
{
    public const string AssemblyName = "UserModels";

    /// <summary>SGD whose step is <paramref name="gain"/> × η × g: builds with another gain give other numbers.</summary>
    public static string StepSgd(int gain) => $$"""
        using SdeDsl;
        using static SdeDsl.SdeMath;

        namespace UserModels;

        [SdeModel]
        public partial struct StepSgd
        {
            [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

            [Update] void Step(ref double x, double g) => x -= {{gain}} * Eta * g;
            [Drift("x")] double DriftX(double grad) => -{{gain}} * grad;
            [Diffusion("x")] double DiffusionX(double sigma) => Sqrt(Eta) * {{gain}} * sigma;
        }
        """;

    /// <summary>A model whose own code throws as soon as it is used (its static constructor).</summary>
    public const string ThrowingSgd = """
        using SdeDsl;

        namespace UserModels;

        [SdeModel]
        public partial struct ThrowingSgd
        {
            static ThrowingSgd() => throw new System.InvalidOperationException("the model's own error");

            [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

            [Update] void Step(ref double x, double g) => x -= Eta * g;
        }
        """;

    /// <summary>The library's bytes.</summary>
    public static byte[] Compile(string source) => GeneratedModelLibrary.Compile(AssemblyName, source);

    /// <summary>Puts <paramref name="image"/> at <paramref name="path"/> as a build does: the new file replaces the old
    /// one (a rename, so that a process still mapping the old file is not pulled from under it).</summary>
    public static void Install(byte[] image, string path)
    {
        string next = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(next, image);
        File.Move(next, path, overwrite: true);
    }

    /// <summary>A catalog of the built-in models and <paramref name="image"/>, loaded here apart from
    /// <see cref="Catalogs"/>: what that build runs as.</summary>
    public static ModelCatalog CatalogOf(byte[] image)
    {
        var context = new AssemblyLoadContext("expected " + Guid.NewGuid().ToString("N"));
        using var stream = new MemoryStream(image);
        return new ModelCatalog([typeof(SignSgd).Assembly, context.LoadFromStream(stream)]);
    }

    /// <summary>A new empty folder.</summary>
    public static string TempFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "sdedsl-distributed-tests-" + Path.GetRandomFileName());
        Directory.CreateDirectory(path);
        return path;
    }
}
