using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// A Student-t intrinsic whose ν is the same for every element (a hyperparameter expression) gets its ν resolved once
/// per kernel call, as a hoisted <c>StudentTDegrees</c> field shared by every call with that ν (the CDF and the density
/// its derivative brings in); an element-wise ν stays a vector argument.
/// </summary>
public sealed class StudentTDegreesEmitTests
{
    private const string Usings = "using SdeDsl;\nusing static SdeDsl.SdeMath;\n";

    [Fact]
    public void AHyperparameterNuIsResolvedOncePerCall()
    {
        const string Source = "[SdeModel] public partial struct M { [Hyper] public double Eta; [Hyper] public double Nu; "
            + "[Drift(\"x\")] double A(double x, double grad, double sigma) => -(2 * StudentTCdf(grad / sigma, Nu + 1) - 1) - StudentTPdf(x, Nu + 1); "
            + "[Diffusion(\"x\")] double B(double x, double sigma) => Sqrt(Eta) * (1 + StudentTCdf(x, Nu + 1)); }";
        Assert.Empty(GeneratorHarness.AllDiagnostics(Usings + Source));
        string generated = GeneratorHarness.GeneratedText(Usings + Source);

        // One field per kernel (Euler–Maruyama, Milstein, weak order 2), declared and initialized.
        Assert.Equal(3, Regex.Matches(generated, @"private readonly global::SdeDsl\.Kernels\.StudentTDegrees _c\d+; // ν = \(Nu \+ 1\)$", RegexOptions.Multiline).Count);
        Assert.Equal(3, Regex.Matches(generated, @"_c\d+ = global::SdeDsl\.Kernels\.StudentTDegrees\.Of<T>\(\(model\.Nu \+ 1d\)\);").Count);
        // In every kernel, each Student-t call takes that kernel's StudentTDegrees field as its ν.
        foreach (string kernel in generated.Split("private readonly ref struct ").Skip(1))
        {
            string degrees = Regex.Match(kernel, @"StudentTDegrees (_c\d+);").Groups[1].Value;
            string[] passed = Regex.Matches(kernel, @"VectorMath\.StudentT(?:Cdf|Pdf)\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*, (\w+)\)")
                .Select(static m => m.Groups[1].Value).ToArray();
            Assert.NotEmpty(passed);
            Assert.All(passed, field => Assert.Equal(degrees, field));
        }
    }

    [Fact]
    public void AnElementWiseNuStaysAVector()
    {
        // (Euler–Maruyama only: SDE0021 says so, since ν varies.)
        string generated = GeneratorHarness.GeneratedText(Usings +
            "[SdeModel] public partial struct M { [Drift(\"x\")] double A(double x) => -StudentTCdf(1 + x, 1 + Square(x)); [Diffusion(\"x\")] double B(double sigma) => sigma; }");

        Assert.DoesNotContain("StudentTDegrees", generated, StringComparison.Ordinal);
        Assert.Contains("VectorMath.StudentTCdf(", generated, StringComparison.Ordinal);
    }
}
