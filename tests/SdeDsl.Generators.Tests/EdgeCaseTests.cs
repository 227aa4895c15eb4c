using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// Models a new user might write at the edges of the DSL (issue 12): each is either refused by the analyzer with its
/// own id, or generates code that compiles without a warning. In no case is a diagnostic located in a generated file,
/// and the generator never throws. The first group is the table; the second, held out, differs from it.
/// </summary>
public sealed class EdgeCaseTests
{
    private const string Usings = "using SdeDsl;\nusing static SdeDsl.SdeMath;\n";

    /// <summary>Models the analyzer must refuse, with the id it must report (and nothing but it).</summary>
    public static TheoryData<string, string, string[]> Refused() => new()
    {
        // The table.
        { "recursive derived method of k", "SDE0023", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; double Lr(long k) => k <= 1 ? Eta : 0.5 * Lr(k - 1); [Update] void Step(ref double x, double g, long k) => x -= Lr(k) * g; }" } },
        { "derived properties that refer to each other", "SDE0023", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; double A => B + Eta; double B => 2 * A; [Update] void Step(ref double x, double g) => x -= A * g; }" } },
        { "[Diffusion(null!)]", "SDE0025", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; [Diffusion(null!)] double B(double sigma) => sigma; }" } },
        { "a state with a space", "SDE0025", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; [Drift(\"my state\")] double E() => 0; }" } },
        { "a keyword state", "SDE0025", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, ref double @class, double g) { @class = g; x -= Eta * @class; } }" } },
        { "ref partial struct", "SDE0026", new[] { "[SdeModel] public ref partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; }" } },
        { "Eta * (1 / 2) * g", "SDE0024", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * (1 / 2) * g; }" } },

        // Held out.
        { "a derived property defined by itself", "SDE0023", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; double Lr => Lr * 0.9 + Eta; [Drift(\"x\")] double D(double grad) => -Lr * grad; }" } },
        { "a three-step cycle through a method and properties, in the SDE", "SDE0023", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; double P => Q(1.0); double Q(double t) => R * t; double R => P + Eta; [Drift(\"x\")] double D(double grad, double t) => -R * grad; }" } },
        { "a cycle declared in another part", "SDE0023", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= A * g; }", "public partial struct M { double A => Eta / B; double B => A; }" } },
        { "integer division of k in a derived method", "SDE0024", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; double Lr(long k) => Eta / (1 + k / 100); [Update] void Step(ref double x, double g, long k) => x -= Lr(k) * g; }" } },
        { "integer division under a cast to double", "SDE0024", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g, long k) => x -= Eta * (double)(k / 3) * g; }" } },
        { "integer division in a const local", "SDE0024", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) { const double third = 1 / 3; x -= Eta * third * g; } }" } },
        { "integer division folded inside a double constant", "SDE0024", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double x) => -(0.5 + 3 / 2) * x; }" } },
        { "an empty state name", "SDE0025", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; [Drift(\"\")] double E() => 0; }" } },
        { "a state name that starts with a digit, on a diffusion", "SDE0025", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; [Diffusion(\"1x\")] double B(double sigma) => sigma; }" } },
        { "a keyword in a drift's string", "SDE0025", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; [Drift(\"static\")] double E() => 0; }" } },
        { "a state named like a parameter of the SDE step", "SDE0025", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; [Drift(\"dt\")] double E() => 0; }" } },
        { "a state named like another state's noise", "SDE0025", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; [Diffusion(\"x\")] double B(double sigma) => sigma; [Drift(\"noiseX\")] double E() => 0; }" } },
        { "a metadata property of its own", "SDE0027", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; public static int StateNames => 1; [Update] void Step(ref double x, double g) => x -= Eta * g; }" } },
        { "an array in a var local (once also SDE0012 for its type)", "SDE0015", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) { var a = new double[1]; x -= Eta * g; } }" } },
        { "its own Validate()", "SDE0027", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; public void Validate() { } [Update] void Step(ref double x, double g) => x -= Eta * g; }" } },
        { "its own Optimizer<T>", "SDE0027", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; public sealed class Optimizer<T> { } [Update] void Step(ref double x, double g) => x -= Eta * g; }" } },
        { "a span Euler–Maruyama step of its own", "SDE0027", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; public void EulerMaruyamaStep(System.Span<double> x) { } }" } },
        { "a readonly ref struct", "SDE0026", new[] { "[SdeModel] public readonly ref partial struct M { [Drift(\"x\")] double D(double grad) => -grad; }" } },

        // Found by a review (2026-12-07): each of these compiled, crashed or generated code that did not compile.
        { "a primary constructor's parameter read in a kernel", "SDE0009", new[] { "[SdeModel] public partial struct M(double scale) { [Hyper] public double Eta = 0.1; [Update] void Step(ref double x, double g) => x -= Eta * scale * g; }" } },
        { "a drift for a state named like an input", "SDE0025", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; [Drift(\"sigma\")] double E() => 0; }" } },
        { "a drift for a state named t", "SDE0025", new[] { "[SdeModel] public partial struct M { [Drift(\"x\")] double D(double grad) => -grad; [Drift(\"t\")] double E() => 0; }" } },
        { "a model named like its generated class Optimizer", "SDE0027", new[] { "[SdeModel] public partial struct Optimizer { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; }" } },
        { "a model named EulerMaruyamaStep", "SDE0027", new[] { "[SdeModel] public partial struct EulerMaruyamaStep { [Drift(\"x\")] double D(double grad) => -grad; }" } },
        { "an integer division in a constant field", "SDE0024", new[] { "[SdeModel] public partial struct M { const double Half = 1 / 2; [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * Half * g; }" } },
        { "an integer division in a constant that a constant field names", "SDE0024", new[] { "[SdeModel] public partial struct M { const double Half = 1 / 2; const double Quarter = Half * 0.5; [Drift(\"x\")] double D(double grad) => -Quarter * grad; }" } },
        { "the gradient passed as 'in'", "SDE0009", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, in double g) => x -= Eta * g; }" } },
        { "a file-local model", "SDE0001", new[] { "[SdeModel] file partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; }" } },

        // Found by a second review (2026-12-07): a helper method called with a value of an element was reported as a
        // derived scalar that depends on its parameter (SDE0013), as a static member (SDE0009) or as a non-double
        // derived scalar (SDE0012); the language has no helpers, so it is a call of a method that is not an intrinsic.
        { "a helper method of the model called with a state", "SDE0010", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta, Eps, Beta; double Denominator(double v) => Sqrt(v) + Eps; [Update] void Step(ref double x, ref double v, double g) { v = Beta * v + (1 - Beta) * g * g; x -= Eta * g / Denominator(v); } }" } },
        { "a static helper method of the model called with the gradient", "SDE0010", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; static double Clip(double g) => Max(-1, Min(1, g)); [Update] void Step(ref double x, double g) => x -= Eta * Clip(g); }" } },
        { "a static helper of t called with a drift's state", "SDE0010", new[] { "[SdeModel] public partial struct M { static double Square2(double t) => t * t; [Drift(\"x\")] double D(double x) => -Square2(x); }" } },
        { "a truth-valued helper called with a state in a condition", "SDE0010", new[] { "[SdeModel] public partial struct M { bool Positive(double v) => v > 0; [Drift(\"x\")] double D(double x, double grad) => Positive(x) ? -grad : 0; }" } },
        { "a helper of two values in another part, called with a local and a hyperparameter", "SDE0010", new[] { "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) { double clipped = Max(-1, Min(1, g)); x -= Scaled(Eta, clipped); } }", "public partial struct M { double Scaled(double a, double b) => a * b; }" } },

        // Found by the same review: a constant truth value was read as "a field that is not a [Hyper]" (SDE0009).
        { "an integer division in a const bool", "SDE0024", new[] { "[SdeModel] public partial struct M { const bool Small = 1 / 2 == 0; [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Small ? Eta * g : g; }" } },
    };

    /// <summary>Models that must generate code compiling without any error or warning.</summary>
    public static TheoryData<string, string[]> Compiled() => new()
    {
        // The table.
        { "[Update], [Drift], [Diffusion] and [Hyper] in another partial part", new[] { "namespace A; [SdeModel] public partial struct M { [Drift(\"x\")] double Dx(double m) => -Eta * m; }", "namespace A; public partial struct M { [Hyper] public double Eta; [Hyper(Min = 0)] public double Beta; [Update] void Step(ref double x, ref double m, double g) { m = Beta * m + g; x -= Eta * m; } [Drift(\"m\")] double Dm(double m, double grad) => grad - m; [Diffusion(\"m\")] double Bm(double sigma) => sigma; }" } },
        { "a state named T", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, ref double T, double g) { T = 0.9 * T + g; x -= Eta * T; } [Drift(\"x\")] double Dx(double T) => -Eta * T; [Drift(\"T\")] double DT(double T, double grad) => grad - T; [Diffusion(\"T\")] double BT(double sigma) => sigma; }" } },
        { "members named like generated ones where they do not clash", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; public bool Validate(double limit) => Eta < limit; public sealed class Optimizer { } [Update] void Step(ref double x, double g) => x -= Eta * g; [Drift(\"x\")] double Dx(double grad) => -Eta * grad; }" } },
        { "readonly record struct", new[] { "namespace A; [SdeModel] public readonly partial record struct M { [Hyper] public readonly double Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; }" } },

        // Held out.
        { "states named like the drivers' locals", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, ref double n, ref double i, ref double kernel, ref double width, double g) { n = n + g; i = i + n; kernel = kernel + i; width = width + kernel; x -= Eta * width; } }" } },
        { "states named like the tail's locals and like a span reference", new[] { "namespace A; [SdeModel] public partial struct M { [Drift(\"x\")] double D(double xRef, double tail, double rest) => -xRef - tail - rest; [Drift(\"xRef\")] double E(double x) => x; [Drift(\"tail\")] double F(double x) => x; [Drift(\"rest\")] double G(double x) => x; [Diffusion(\"xRef\")] double B(double sigma) => sigma; }" } },
        { "states whose Optimizer properties collide: model and m, M", new[] { "namespace A; [SdeModel] public partial struct M1 { [Hyper] public double Eta; [Update] void Step(ref double x, ref double model, ref double m, ref double M, ref double step, double g) { model = g; m = model; M = m; step = M; x -= Eta * step; } }" } },
        { "an update local named like a span reference", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) { double xRef = g * g; double gRef = xRef + g; x -= Eta * gRef; } }" } },
        { "partial [Update] method implemented in another part", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] partial void Step(ref double x, double g); }", "namespace A; public partial struct M { partial void Step(ref double x, double g) { x -= Eta * g; } }" } },
        { "[SdeModel] on a part with no members; a derived scalar in a third part", new[] { "namespace A; [SdeModel] public partial struct M { }", "namespace A; public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g, long k) => x -= Lr(k) * g; }", "namespace A; public partial struct M { double Lr(long k) => Eta / k; }" } },
        { "a double division beside integers: 1 / 2.0 and k / 2.0", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g, long k) => x -= Eta * (1 / 2.0) * g / (1 + k / 2.0); }" } },
        { "a non-ASCII state name", new[] { "namespace A; [SdeModel] public partial struct M { [Drift(\"x\")] double D(double μ) => -μ; [Drift(\"μ\")] double E(double x, double μ) => x - μ; [Diffusion(\"μ\")] double B(double sigma) => sigma; }" } },
        { "states named like the SDE kernels' locals: sub0, drift_x, dW_x, milstein_x", new[] { "namespace A; [SdeModel] public partial struct M { [Drift(\"x\")] double D(double x, double sub0, double grad) => -grad * Sqrt(1 + x * x) - sub0; [Drift(\"sub0\")] double E(double x, double sub0) => x - sub0; [Drift(\"drift_x\")] double F(double x, double drift_x) => x - drift_x; [Drift(\"dW_x\")] double G(double x) => x; [Drift(\"milstein_x\")] double H(double x) => x; [Diffusion(\"x\")] double B(double x, double sigma) => sigma * Sqrt(1 + x * x); [Diffusion(\"sub0\")] double C(double sigma) => sigma; }" } },
        { "members named like the generated private members: s_stateNames, UpdateKernel, EulerMaruyamaKernel", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; static readonly int s_stateNames = 1; static int UpdateKernel() => s_stateNames; double EulerMaruyamaKernel() => Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; [Drift(\"x\")] double D(double grad) => -Eta * grad; [Diffusion(\"x\")] double B(double sigma) => sigma; }" } },
        { "a model, its namespace and a hyperparameter named like keywords: @event, @class, @base", new[] { "namespace @class.Models; [SdeModel] public partial struct @event { [Hyper] public double @base; [Update] void Step(ref double x, double g) => x -= @base * g; [Drift(\"x\")] double D(double grad) => -@base * grad; [Diffusion(\"x\")] double B(double sigma) => @base * sigma; }" } },
        { "a model named T", new[] { "namespace A; [SdeModel] public partial struct T { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * g; [Drift(\"x\")] double D(double grad) => -Eta * grad; [Diffusion(\"x\")] double B(double sigma) => sigma; }" } },
        { "a state named Validate", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, ref double Validate, double g) { Validate = g; x -= Eta * Validate; } }" } },
        { "overloaded drift methods with locals of one name", new[] { "namespace A; [SdeModel] public partial struct M { [Drift(\"x\")] double D(double x) { double a = -x; return a; } [Drift(\"m\")] double D(double m, double grad) { double a = grad - m; return a; } [Diffusion(\"m\")] double B(double sigma) => sigma; }" } },
        { "a method A with a local b_c beside a method A_b with a local c", new[] { "namespace A; [SdeModel] public partial struct M { [Drift(\"x\")] double A(double x) { double b_c = -x; return b_c; } [Drift(\"m\")] double A_b(double m) { double c = -m; return c; } }" } },
        { "truth values compared, with a condition of hyperparameters on one side", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= ((x > 0) == (Eta > 1)) != (g > 0) ? Eta : 2 * Eta; }" } },
        { "a conditional between truth values, one of hyperparameters", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= (x > 0 ? Eta > 1 : g < 0) ? Eta : 2 * Eta; }" } },
        { "a derived method of long k called with k + 1 and with a literal", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; double Lr(long k) => Eta / k; [Update] void Step(ref double x, double g, long k) => x -= (Lr(k + 1) + Lr(3)) * g; [Drift(\"x\")] double D(double grad) => -Lr(3) * grad; }" } },
        { "keyword and escaped locals: @event, \\u0061b", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) { double @event = Eta * g; double \\u0061b = @event; x -= ab; } [Drift(\"x\")] double D(double grad) { double @event = -Eta * grad; return @event; } }" } },
        // Found by a review (2026-12-07): the wide body's type parameter TWide collided with a state or a local of that name.
        { "a state named TWide", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, ref double TWide, double g) { TWide = g; x -= Eta * TWide; } [Drift(\"x\")] double Dx(double TWide) => -Eta * TWide; [Drift(\"TWide\")] double Dw(double TWide, double grad) => grad - TWide; [Diffusion(\"TWide\")] double Bw(double sigma) => sigma; }" } },
        { "a state named TLanes", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, ref double TLanes, double g) { TLanes = g; x -= Eta * TLanes; } [Drift(\"x\")] double Dx(double TLanes) => -Eta * TLanes; [Drift(\"TLanes\")] double Dl(double TLanes, double grad) => grad - TLanes; [Diffusion(\"TLanes\")] double Bl(double sigma) => sigma; }" } },
        { "a drift local named TWide", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) { double TWide = Eta * g; x -= TWide; } [Drift(\"x\")] double D(double grad) { double TWide = -Eta * grad; return TWide; } [Diffusion(\"x\")] double B(double sigma) { double TWide = Eta * sigma; return TWide; } }" } },
        { "a contextual keyword as a state: var, value", new[] { "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, ref double var, ref double value, double g) { var = g; value = var; x -= Eta * value; } }" } },

        // Found by a second review (2026-12-07): each was refused as "a field that is not a [Hyper]" or "'true'".
        { "a const bool in a derived scalar, a condition of scalars and conditions of elements: Flag ? a : b, !Flag, Flag && x > 0, Flag == (g > 0)", new[] { "namespace A; [SdeModel] public partial struct M { const bool Decoupled = true, Nesterov = false; [Hyper] public double Eta, Lambda; double Decay => Decoupled ? Eta * Lambda : Lambda; [Update] void Step(ref double x, ref double m, double g, long k) { m = Nesterov ? 0.9 * m + g : m + 0.1 * (g - m); double scale = !Decoupled || k > 3 ? 1 : 0.5; x -= scale * ((Decoupled && x > 0) || (Nesterov == (g > 0)) ? Eta * m : 2 * Eta * m) + Decay * x; } [Drift(\"x\")] double Dx(double x, double m) => Decoupled && x > 0 ? -m - Decay * x : -m; [Drift(\"m\")] double Dm(double m, double grad) => Nesterov ? grad : grad - m; [Diffusion(\"m\")] double Bm(double sigma) => Decoupled ? 0.5 * sigma : sigma; }" } },
        { "true and false literals, and a const bool of another type", new[] { "namespace A; public static class Switches { public const bool Clip = true; } [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= (Switches.Clip && Abs(g) > 1 ? Eta * Sign(g) : Eta * g) * (true ? 1 : 2) + (false || x > 0 ? 0 : Eta); }" } },
        { "a const bool defined from a double constant, as a branch of conditions between truth values", new[] { "namespace A; [SdeModel] public partial struct M { const double Half = 0.5; const bool Big = Half > 0.25; [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= ((x > 0 ? Big : g < 0) ? Eta : 2 * Eta) + ((x > 0 ? g < 0 : !Big) ? Eta : 0) + ((Big ? x > 0 : g > 0) ? g : 0); }" } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusedModelReportsItsIdAndGeneratesNothing(string shape, string id, string[] sources)
    {
        string[] withUsings = sources.Select(static s => Usings + s).ToArray();
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(withUsings);

        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(result.GeneratedTrees);
        ImmutableArray<Diagnostic> analyzer = GeneratorHarness.Analyze(withUsings);
        Assert.True(analyzer.Length > 0 && analyzer.All(d => d.Id == id), shape + ": expected only " + id + ", got\n" + string.Join("\n", analyzer));
        Assert.All(analyzer, static d => Assert.True(d.Location.IsInSource));
    }

    [Theory]
    [MemberData(nameof(Compiled))]
    public void CompiledModelHasNoErrorOrWarning(string shape, string[] sources)
    {
        string[] withUsings = sources.Select(static s => Usings + s).ToArray();
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(withUsings);

        Assert.Null(result.Results.Single().Exception);
        SyntaxTree generated = Assert.Single(result.GeneratedTrees);
        ImmutableArray<Diagnostic> diagnostics = GeneratorHarness.AllDiagnostics(withUsings);
        Assert.True(diagnostics.IsEmpty, shape + ":\n" + string.Join("\n", diagnostics) + "\n" + generated);
        Assert.Contains("global::SdeDsl.I", generated.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AHelperCalledWithAValueOfAnElementIsToldToWriteItsFormulaInline()
    {
        const string source = Usings + "[SdeModel] public partial struct M { [Hyper] public double Eta, Eps, Beta; double Denominator(double v) => Sqrt(v) + Eps; [Update] void Step(ref double x, ref double v, double g) { v = Beta * v + (1 - Beta) * g * g; x -= Eta * g / Denominator(v); } }";

        Diagnostic error = Assert.Single(GeneratorHarness.Analyze(source));

        Assert.Equal("SDE0010", error.Id);
        Assert.Equal(source.LastIndexOf("Denominator(v)", StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Equal(
            "'Denominator' is not an SdeMath intrinsic; a method of the model is callable only as a derived scalar, computed once per kernel call from hyperparameters, t and k, so it cannot take the element-wise value 'v': write the formula of 'Denominator' inline where it is used",
            error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // Called with scalars only, the same kind of method is a derived scalar whose parameter is not t or k.
        const string scalar = Usings + "[SdeModel] public partial struct M { [Hyper] public double Eta; double Lr(double step) => Eta / step; [Update] void Step(ref double x, double g, long k) => x -= Lr(k) * g; }";
        Diagnostic derived = Assert.Single(GeneratorHarness.Analyze(scalar));
        Assert.Equal("SDE0013", derived.Id);
        Assert.Equal(scalar.IndexOf("step)", StringComparison.Ordinal), derived.Location.SourceSpan.Start);
    }

    [Fact]
    public void AConstantOfATypeThatIsNotANumberIsNamedAsAConstant()
    {
        // Numbers and truth values are folded; a char or a string constant is refused as what it is, not as a field.
        const string source = Usings + "[SdeModel] public partial struct M { const char C = 'a'; [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= C * Eta * g; }";

        Diagnostic error = Assert.Single(GeneratorHarness.Analyze(source));

        Assert.Equal("SDE0009", error.Id);
        Assert.StartsWith("The constant 'C' of type 'char' (constants of a model are numbers or bool)",
            error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void AConstantConditionComputesOnlyTheBranchItSelects()
    {
        // A constant condition selects when the model is lowered: the untaken branch (Sqrt) is not computed, and
        // Plain && x > 0 is the select of x > 0 alone.
        string generated = GeneratorHarness.GeneratedText(Usings + "namespace A; [SdeModel] public partial struct M { const bool Plain = true; [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= (Plain ? Eta * g : Eta * Sqrt(Abs(g))) + (Plain && x > 0 ? g : 0); }");

        Assert.DoesNotContain(".Sqrt(", generated, StringComparison.Ordinal);
        Assert.DoesNotContain(".Abs(", generated, StringComparison.Ordinal);
        Assert.Contains("x = (x - ((_c0 * g) + global::System.Numerics.Vector.ConditionalSelect(global::System.Numerics.Vector.GreaterThan<T>(x, _c1), g, _c1)));", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongSumIsWrittenFlat()
    {
        // Every operation used to have its own parentheses, so n terms nested n deep: 10,000 overflowed the compiler's
        // stack on the generated file. A chain of one precedence is now written as C# groups it, without them.
        string terms = string.Join(" + ", Enumerable.Range(0, 2_000).Select(static i => "x * g"));
        string generated = GeneratorHarness.GeneratedText(Usings + "namespace A; [SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) => x -= Eta * (" + terms + " - g / Eta / 2); }");

        int depth = 0, deepest = 0;
        foreach (char c in generated)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            deepest = Math.Max(deepest, depth);
        }

        Assert.True(deepest < 20, deepest + " nested parentheses");
        Assert.Contains("(x * g) + (x * g) + (x * g)", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void MembersOfAnotherPartAreEmitted()
    {
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(
            Usings + "namespace A; [SdeModel] public partial struct M { [Drift(\"x\")] double Dx(double m) => -Eta * m; }",
            Usings + "namespace A; public partial struct M { [Hyper] public double Eta; [Hyper(Min = 0)] public double Beta; [Update] void Step(ref double x, ref double m, double g) { m = Beta * m + g; x -= Eta * m; } [Drift(\"m\")] double Dm(double m, double grad) => grad - m; [Diffusion(\"m\")] double Bm(double sigma) => sigma; }");

        string generated = result.GeneratedTrees.Single().ToString();
        Assert.Contains("public void Step(global::System.Span<double> x, global::System.Span<double> m,", generated, StringComparison.Ordinal);
        Assert.Contains("EulerMaruyamaStep", generated, StringComparison.Ordinal);
        Assert.Contains("nameof(Beta)", generated, StringComparison.Ordinal);
        Assert.Contains("nameof(Eta)", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void AStateNamedTMovesTheOptimizersTypeParameter()
    {
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(
            Usings + "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, ref double T, double g) { T = g; x -= Eta * T; } }");

        string generated = result.GeneratedTrees.Single().ToString();
        Assert.Contains("public sealed class Optimizer<T_> where T_ : unmanaged", generated, StringComparison.Ordinal);
        Assert.Contains("public global::System.Span<T_> T => _T;", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUpdateLocalNamedLikeAHoistedFieldDoesNotShadowIt()
    {
        // Eta is hoisted into the kernel's field _c0; a local _c0 declared in Invoke would be read in its place.
        string source = Usings + "[SdeModel] public partial struct M { [Hyper] public double Eta; [Update] void Step(ref double x, double g) { double _c0 = 2 * g; x -= Eta * _c0; } }";
        (_, GeneratorDriverRunResult result) = GeneratorHarness.Generate(source);

        string generated = result.GeneratedTrees.Single().ToString();
        Assert.Contains("var _local_c0 = ", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("var _c0 = ", generated, StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.AllDiagnostics(source));
    }

    [Fact]
    public void SdeModelOnTwoPartsDoesNotCrashTheGenerator()
    {
        // The compiler reports the duplicate attribute (CS0579); the generator emits the model once, without throwing.
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(
            Usings + "[SdeModel] public partial struct M { [Hyper] public double Eta; }",
            Usings + "[SdeModel] public partial struct M { [Update] void Step(ref double x, double g) => x -= Eta * g; }");

        Assert.Null(result.Results.Single().Exception);
        Assert.Single(result.GeneratedTrees);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && result.GeneratedTrees.Contains(tree));
    }
}
