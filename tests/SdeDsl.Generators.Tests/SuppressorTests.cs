using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// SdeModelSuppressor quiets CA1051, CA1815, CA1822 and IDE0051 on what the DSL's rules make of a model, and on nothing
/// else. The real analyzers' diagnostics are suppressed in tests/SdeDsl.Tests, whose Models folder raises the four rules
/// to errors; here a stand-in analyzer reports each id on every member, to show what stays.
/// </summary>
public sealed class SuppressorTests
{
    private const string Source = """
        using SdeDsl;
        using static SdeDsl.SdeMath;

        [SdeModel]
        public partial struct Sgd
        {
            [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
            public double NotAHyperparameter;

            double Half => Eta / 2;

            [Update] void Step(ref double x, double g) => x -= Half * g;
            [Drift("x")] double DriftX(double grad) => -grad;
            void Unused() { }
        }

        public struct Plain
        {
            public double Eta;
            double Half => Eta / 2;
            void Unused() { }
        }
        """;

    [Theory]
    [InlineData("CA1051", "Sgd.Eta", "Sgd.NotAHyperparameter,Plain.Eta")]
    [InlineData("CA1815", "Sgd", "Plain")]
    [InlineData("CA1822", "Sgd.Half,Sgd.Step,Sgd.DriftX", "Sgd.Unused,Plain.Half,Plain.Unused")]
    [InlineData("IDE0051", "Sgd.Step,Sgd.DriftX", "Sgd.Unused,Plain.Unused")]
    public async System.Threading.Tasks.Task SuppressesWhatTheDslRequires_AndNothingElse(string id, string suppressed, string kept)
    {
        Compilation compilation = GeneratorHarness.Generate(Source).Output;
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new EveryMember(id), new SdeModelSuppressor());
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        diagnostics = diagnostics.Where(d => d.Id == id).ToImmutableArray();

        string Names(bool isSuppressed) => string.Join(",", diagnostics.Where(d => d.IsSuppressed == isSuppressed).Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Order(System.StringComparer.Ordinal));
        Assert.Equal(string.Join(",", suppressed.Split(',').Order(System.StringComparer.Ordinal)), Names(true));
        Assert.Equal(string.Join(",", kept.Split(',').Order(System.StringComparer.Ordinal)), Names(false));
    }

    /// <summary>Reports <c>id</c> where the real rule would: CA1815 on every struct, CA1051 on every public field, CA1822
    /// on every instance method and property, IDE0051 on every private method; the message is the member's name.</summary>
#pragma warning disable RS1001 // a stand-in handed to WithAnalyzers, never loaded as an analyzer of a build
    private sealed class EveryMember(string id) : DiagnosticAnalyzer
#pragma warning restore RS1001
    {
#pragma warning disable RS1017 // the stand-in takes the id of the rule it stands for
        private readonly DiagnosticDescriptor _rule = new(id, id, "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS1017

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(_rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(Report, SymbolKind.NamedType, SymbolKind.Field, SymbolKind.Method, SymbolKind.Property);
        }

        private void Report(SymbolAnalysisContext context)
        {
            ISymbol symbol = context.Symbol;
            bool applies = _rule.Id switch
            {
                "CA1815" => symbol is INamedTypeSymbol { TypeKind: TypeKind.Struct },
                "CA1051" => symbol is IFieldSymbol { DeclaredAccessibility: Accessibility.Public, IsStatic: false, IsImplicitlyDeclared: false },
                "CA1822" => symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } or IPropertySymbol { IsStatic: false },
                "IDE0051" => symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private },
                _ => false,
            };
            if (applies && !symbol.IsImplicitlyDeclared && symbol.Locations.FirstOrDefault() is { IsInSource: true } location
                && !location.SourceTree!.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal))
            {
                string name = symbol is INamedTypeSymbol ? symbol.Name : symbol.ContainingType.Name + "." + symbol.Name;
                context.ReportDiagnostic(Diagnostic.Create(_rule, location, name));
            }
        }
    }
}
