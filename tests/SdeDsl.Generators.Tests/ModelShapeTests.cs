using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>Every shape of model the DSL allows generates code that compiles without a warning.</summary>
public sealed class ModelShapeTests
{
    private const string Usings = "using SdeDsl;\nusing static SdeDsl.SdeMath;\n";

    public static TheoryData<string, string> Shapes() => new()
    {
        { "struct without namespace", Usings + "[SdeModel] public partial struct Sgd { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; }" },
        { "readonly struct", Usings + "namespace A.B; [SdeModel] public readonly partial struct Sgd { [Hyper] public readonly double Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; }" },
        { "record struct", Usings + "namespace A; [SdeModel] public partial record struct Sgd { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; }" },
        { "SDE-only model (Ornstein–Uhlenbeck)", Usings + "namespace A; [SdeModel] public partial struct OrnsteinUhlenbeck { [Hyper] public double Theta, S; [Drift(\"x\")] double Drift(double x) => -Theta * x; [Diffusion(\"x\")] double Diffusion() => S; }" },
        { "one state, no diffusion (gradient flow)", Usings + "namespace A; [SdeModel] public partial struct Flow { [Update] void Step(ref double x, double g) => x -= 0.1 * g; [Drift(\"x\")] double Drift(double grad) => -grad; }" },
        { "Math.* intrinsics, k in a derived method, time-dependent derived method", Usings + "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; double Decay(double t) => System.Math.Exp(-t); double Lr(long k) => Eta / k; [Update] void Step(ref double x, double g, long k) { x -= Lr(k) * System.Math.Tanh(g); } [Drift(\"x\")] double D(double grad, double t) => -Decay(t) * System.Math.Atan(grad); }" },
        { "every intrinsic differentiated for Milstein and weak-order-2", Usings + "namespace A; [SdeModel] public partial struct All { [Hyper] public double P, Nu; [Drift(\"x\")] double D(double x, double grad, double sigma) { var u = Abs(x) + Sign(grad) + Sqrt(Square(x) + 1) + Exp(-x) + Log(1 + Square(grad)) + Pow(1 + Square(x), P) + Pow(2, x); return u + Erf(x) + Erfc(grad) + Tanh(x) + Atan(x) + Min(x, grad) + Max(x, 0) + Clamp(x, -1, grad) + StudentTCdf(x / sigma, Nu) + StudentTPdf(x, Nu) + (x > 0 ? x * grad : -x); } [Diffusion(\"x\")] double B(double x, double sigma) => sigma * (1 + Square(Tanh(x))); }" },
        { "element-wise and scalar conditions mixed in && and ||", Usings + "namespace A; [SdeModel] public partial struct S { [Hyper(Min = 0, ExclusiveMin = true)] public double Eta; [Update] void Step(ref double x, double g, long k) => x -= (g > 0 && k > 1) || (k == 1 && !(g < 0)) ? Eta : -Eta; }" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GeneratedCodeCompilesWithoutWarnings(string shape, string source)
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(source);

        Assert.Single(result.GeneratedTrees);
        Assert.True(GeneratorHarness.AllDiagnostics(source).IsEmpty,
            shape + ":\n" + string.Join("\n", GeneratorHarness.AllDiagnostics(source)) + "\n" + result.GeneratedTrees[0]);
        Assert.Empty(output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void ModelWithAnErrorGeneratesNothing()
    {
        const string source = Usings + "[SdeModel] public partial struct Bad { [Update] void Step(ref double x, double g) { for (;;) { } } }";

        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(source);

        Assert.Empty(result.GeneratedTrees);
        Assert.Contains(GeneratorHarness.Analyze(source), static d => d.Id == "SDE0014");
    }

    [Theory]
    [InlineData("partial class")]
    [InlineData("sealed partial class")]
    [InlineData("partial record")]
    [InlineData("partial record class")]
    public void ClassModelIsRefusedAndGeneratesNothing(string keywords)
    {
        string source = Usings + "namespace A; [SdeModel] public " + keywords + " Sgd { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; }";

        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(source);

        Assert.Empty(result.GeneratedTrees);
        Diagnostic error = Assert.Single(GeneratorHarness.Analyze(source));
        Assert.Equal("SDE0022", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("'Sgd' is a class", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ModelWithNonCommutativeNoiseGetsEulerMaruyamaOnly()
    {
        const string source = Usings + "namespace A; [SdeModel] public partial struct N { [Drift(\"x\")] double A(double m) => -m; [Diffusion(\"x\")] double B(double sigma) => sigma; [Drift(\"m\")] double C(double m) => -m; [Diffusion(\"m\")] double E(double x) => x; }";

        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(source);

        string generated = result.GeneratedTrees.Single().ToString();
        Assert.Contains("EulerMaruyamaStep", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("MilsteinStep", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("IHigherOrderSdeModel", generated, System.StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        Diagnostic info = Assert.Single(GeneratorHarness.Analyze(source));
        Assert.Equal("SDE0021", info.Id);
        Assert.Equal(DiagnosticSeverity.Warning, info.DefaultSeverity);
        // The harness compiles with warnings as errors, as the repository's build does: there the warning fails it.
        Assert.Equal(DiagnosticSeverity.Error, info.Severity);
        Assert.Contains("depends on 'x'", info.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ModelWithADerivativeTheGeneratorCannotWriteGetsEulerMaruyamaOnly()
    {
        const string source = Usings + "namespace A; [SdeModel] public partial struct T { [Drift(\"x\")] double A(double x) => -StudentTCdf(1, 1 + Square(x)); [Diffusion(\"x\")] double B(double sigma) => sigma; }";

        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(source);

        Assert.DoesNotContain("WeakOrder2Step", result.GeneratedTrees.Single().ToString(), System.StringComparison.Ordinal);
        Diagnostic info = Assert.Single(GeneratorHarness.Analyze(source));
        Assert.Contains("degrees of freedom", info.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }
}
