using System;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// A drift or diffusion that repeats the value of a model's own local reads the local, so the kernel evaluates the
/// expensive call once (SignSGD-type models with Student-t noise compute 2·StudentTCdf(…) − 1 in the diffusion's local
/// and again in the drift; before, the Euler–Maruyama kernel evaluated it twice).
/// </summary>
public sealed class LocalReuseTests
{
    private const string Usings = "using SdeDsl;\nusing static SdeDsl.SdeMath;\n";

    private static string EulerMaruyamaKernel(string source)
    {
        Assert.Empty(GeneratorHarness.AllDiagnostics(Usings + source));
        string generated = GeneratorHarness.GeneratedText(Usings + source);
        int start = generated.IndexOf("struct EulerMaruyamaKernel<T>", StringComparison.Ordinal);
        int end = generated.IndexOf("struct MilsteinKernel<T>", start, StringComparison.Ordinal);
        return generated.Substring(start, (end < 0 ? generated.Length : end) - start);
    }

    /// <summary>The calls of <paramref name="function"/> in the kernel's body (<c>Invoke</c>); its 512-bit body
    /// (<c>InvokeWide</c>) must make as many.</summary>
    private static int Calls(string kernel, string function)
    {
        int one = Regex.Matches(kernel, @"VectorMath\." + function + @"\(").Count;
        Assert.Equal(one, Regex.Matches(kernel, @"VectorMath512\." + function + @"\(").Count);
        return one;
    }

    [Fact]
    public void TheDriftReadsTheDiffusionsLocalInsteadOfRepeatingItsCall()
    {
        string kernel = EulerMaruyamaKernel(
            "[SdeModel] public partial struct M { [Hyper] public double Eta; [Hyper] public double Nu; "
            + "[Drift(\"x\")] double A(double grad, double sigma) => -(2 * StudentTCdf(grad / sigma, Nu) - 1); "
            + "[Diffusion(\"x\")] double B(double grad, double sigma) { double twoXi = 2 * StudentTCdf(grad / sigma, Nu) - 1; return Sqrt(Eta) * Sqrt(1 - twoXi * twoXi); } }");

        Assert.Equal(1, Calls(kernel, "StudentTCdf"));
        Assert.Contains("var drift_x = (-B_twoXi);", kernel, StringComparison.Ordinal);
    }

    [Fact]
    public void AChainOfLocalsMatchesTheExpressionWrittenOut()
    {
        // The diffusion names grad/σ first; the drift writes Erf(grad / σ) out. Expanded, they are the same value.
        string kernel = EulerMaruyamaKernel(
            "[SdeModel] public partial struct M { [Hyper] public double Eta; "
            + "[Drift(\"x\")] double A(double grad, double sigma) => -Erf(grad / sigma); "
            + "[Diffusion(\"x\")] double B(double grad, double sigma) { double y = grad / sigma; double e = Erf(y); return Eta * Sqrt(1 - e * e); } }");

        Assert.Equal(1, Calls(kernel, "Erf"));
        Assert.Contains("var drift_x = (-B_e);", kernel, StringComparison.Ordinal);
    }

    [Fact]
    public void ALocalAssignedTwiceIsNotReused()
    {
        // e holds Erf(y) only until it is squared in place, so the drift's Erf(grad / σ) must be computed again.
        string kernel = EulerMaruyamaKernel(
            "[SdeModel] public partial struct M { [Hyper] public double Eta; "
            + "[Drift(\"x\")] double A(double grad, double sigma) => -Erf(grad / sigma); "
            + "[Diffusion(\"x\")] double B(double grad, double sigma) { double e = Erf(grad / sigma); e = e * e; return Eta * Sqrt(1 - e); } }");

        Assert.Equal(2, Calls(kernel, "Erf"));
        Assert.DoesNotContain("var drift_x = (-B_e);", kernel, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueThatReadsAReassignedLocalIsNotReused()
    {
        // b = Erf(a) is taken before a changes; the later Erf(a) reads the new a, so it must not become b.
        string kernel = EulerMaruyamaKernel(
            "[SdeModel] public partial struct M { [Hyper] public double Eta; "
            + "[Drift(\"x\")] double A(double grad) => -grad; "
            + "[Diffusion(\"x\")] double B(double grad) { double a = grad; double b = Erf(a); a = 3 * a; double c = Erf(a); return Eta * (b + c); } }");

        Assert.Equal(2, Calls(kernel, "Erf"));
    }
}
