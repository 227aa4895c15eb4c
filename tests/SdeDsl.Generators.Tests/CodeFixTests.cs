using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SdeDsl.CodeFixes;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>The code fixes (SDE0001: add partial; SDE0022: class to struct), run as an IDE runs them: in a workspace,
/// on the analyzer's diagnostic.</summary>
public sealed class CodeFixTests
{
    private const string Usings = "using SdeDsl;\nusing static SdeDsl.SdeMath;\n\n";

    private const string Body = "\n{\n    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;\n\n    [Update] void Step(ref double x, double g) => x -= Eta * g;\n}\n";

    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(SdeModelAttribute).Assembly.Location))
        .ToImmutableArray();

    [Fact]
    public void FixesSde0001()
    {
        Assert.Equal(new[] { "SDE0001" }, new MakePartialCodeFix().FixableDiagnosticIds);
    }

    [Fact]
    public void FixesSde0022()
    {
        Assert.Equal(new[] { "SDE0022" }, new MakeStructCodeFix().FixableDiagnosticIds);
    }

    [Fact]
    public async Task FixOfThePagesWrongExampleGivesAModelWithoutDiagnostics()
    {
        string wrong = DiagnosticPages.Example("SDE0001", "Wrong");

        string fixedSource = await ApplyFixAsync(wrong, "SDE0001", new MakePartialCodeFix());

        Assert.Contains("partial struct", fixedSource, System.StringComparison.Ordinal);
        Assert.Equal(wrong.Replace("public struct", "public partial struct", System.StringComparison.Ordinal), fixedSource);
        Assert.DoesNotContain(GeneratorHarness.Analyze(fixedSource), static d => d.Id == "SDE0001");
        Assert.Empty(GeneratorHarness.AllDiagnostics(fixedSource));
    }

    [Theory]
    [InlineData("// SGD: x ← x − η g.\n[SdeModel]\npublic struct Sgd", "// SGD: x ← x − η g.\n[SdeModel]\npublic partial struct Sgd")]
    [InlineData("/// <summary>SGD.</summary>\n[SdeModel, System.Serializable]\npublic readonly struct Sgd", "/// <summary>SGD.</summary>\n[SdeModel, System.Serializable]\npublic readonly partial struct Sgd")]
    [InlineData("[SdeModel]\nstruct Sgd", "[SdeModel]\npartial struct Sgd")]
    [InlineData("[SdeModel]\n/* the plain step */ struct Sgd", "[SdeModel]\n/* the plain step */ partial struct Sgd")]
    [InlineData("// SGD.\n[SdeModel] class Sgd", "// SGD.\n[SdeModel] partial class Sgd")]
    public async Task FixAddsPartialAndKeepsCommentsAttributesAndModifiersInPlace(string declaration, string expected)
    {
        string source = Usings + declaration + Body;

        string fixedSource = await ApplyFixAsync(source, "SDE0001", new MakePartialCodeFix());

        Assert.Equal(Usings + expected + Body, fixedSource);
        Assert.DoesNotContain(GeneratorHarness.Analyze(fixedSource), static d => d.Id == "SDE0001");
    }

    [Fact]
    public async Task StructFixOfThePagesWrongExampleGivesThePagesFixedExample()
    {
        string wrong = DiagnosticPages.Example("SDE0022", "Wrong").Replace(DiagnosticPages.Marker, "", System.StringComparison.Ordinal);

        string fixedSource = await ApplyFixAsync(wrong, "SDE0022", new MakeStructCodeFix());

        Assert.Equal(DiagnosticPages.Example("SDE0022", "Fixed"), fixedSource);
        Assert.Empty(GeneratorHarness.AllDiagnostics(fixedSource));
    }

    [Theory]
    [InlineData("[SdeModel]\npublic partial class Sgd", "[SdeModel]\npublic partial struct Sgd")]
    [InlineData("// SGD.\n[SdeModel] sealed partial class Sgd", "// SGD.\n[SdeModel] partial struct Sgd")]
    [InlineData("[SdeModel]\n/* the step */ sealed partial class Sgd", "[SdeModel]\n/* the step */ partial struct Sgd")]
    [InlineData("[SdeModel]\npublic sealed partial class Sgd : System.IEquatable<Sgd>", "[SdeModel]\npublic partial struct Sgd : System.IEquatable<Sgd>")]
    [InlineData("[SdeModel]\npublic partial record Sgd", "[SdeModel]\npublic partial record struct Sgd")]
    [InlineData("[SdeModel]\npublic partial record class Sgd", "[SdeModel]\npublic partial record struct Sgd")]
    public async Task StructFixKeepsCommentsAttributesAndOtherModifiers(string declaration, string expected)
    {
        string body = declaration.Contains("IEquatable", System.StringComparison.Ordinal)
            ? Body.Replace("\n}\n", "\n    public bool Equals(Sgd other) => Eta == other.Eta;\n}\n", System.StringComparison.Ordinal)
            : Body;
        string source = Usings + declaration + body;

        string fixedSource = await ApplyFixAsync(source, "SDE0022", new MakeStructCodeFix());

        Assert.Equal(Usings + expected + body, fixedSource);
        Assert.DoesNotContain(GeneratorHarness.Analyze(fixedSource), static d => d.Id == "SDE0022");
    }

    [Fact]
    public async Task StructFixOfAModelWithDefaults_AddsTheConstructorAStructNeedsToRunThem()
    {
        // The fix used to leave CS8983: a struct with field initializers must declare a constructor.
        string source = Usings + "[SdeModel]\npublic partial class Sgd\n{\n    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta = 0.1;\n\n"
            + "    [Update] void Step(ref double x, double g) => x -= Eta * g;\n}\n";

        string fixedSource = await ApplyFixAsync(source, "SDE0022", new MakeStructCodeFix());

        Assert.Equal(Usings + "[SdeModel]\npublic partial struct Sgd\n{\n    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta = 0.1;\n\n"
            + "    // A struct runs its field initializers only in a constructor it declares: new Sgd() runs them, default(Sgd) does not.\n"
            + "    public Sgd() { }\n\n"
            + "    [Update] void Step(ref double x, double g) => x -= Eta * g;\n}\n", fixedSource);
        Assert.Empty(GeneratorHarness.AllDiagnostics(fixedSource));
    }

    [Fact]
    public async Task StructFixConvertsEveryPartOfTheModel()
    {
        // Only the part with the diagnostic used to change: CS0261, partial declarations must all be classes.
        string[] sources =
        {
            Usings + "[SdeModel]\npublic partial class Sgd\n{\n    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;\n}\n",
            Usings + "public partial class Sgd\n{\n    [Update] void Step(ref double x, double g) => x -= Eta * g;\n}\n",
        };

        string[]? fixedSources = await ApplyFixAsync(sources, "SDE0022", new MakeStructCodeFix());

        Assert.NotNull(fixedSources);
        Assert.Equal(sources.Select(static s => s.Replace("partial class", "partial struct", System.StringComparison.Ordinal)), fixedSources);
        Assert.Empty(GeneratorHarness.AllDiagnostics(fixedSources));
    }

    [Fact]
    public async Task StructFixGivesMembersTheAccessAStructAllows()
    {
        // protected members were kept: CS0666, new protected member declared in struct.
        const string Members = "    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;\n"
            + "    {0}double Half => Eta / 2;\n"
            + "    {1}double Quarter => Half / 2;\n"
            + "    {2}double Eighth => Quarter / 2;\n"
            + "    {3}double Sixteenth() => Eighth / 2;\n"
            + "    public {4}override string ToString() => \"Sgd\";\n"
            + "    [Update] void Step(ref double x, double g) => x -= Half * g;\n";
        string source = Usings + "[SdeModel]\npublic partial class Sgd\n{\n"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, Members, "protected ", "protected internal ", "private protected ", "virtual ", "sealed ") + "}\n";

        string fixedSource = await ApplyFixAsync(source, "SDE0022", new MakeStructCodeFix());

        Assert.Equal(Usings + "[SdeModel]\npublic partial struct Sgd\n{\n"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, Members, "private ", "internal ", "private ", "", "") + "}\n", fixedSource);
        Assert.Empty(GeneratorHarness.AllDiagnostics(fixedSource));
    }

    [Theory]
    [InlineData("    protected Sgd() { }\n")]
    [InlineData("    Sgd() { }\n")]
    [InlineData("    internal Sgd() { }\n")]
    public async Task StructFixMakesAParameterlessConstructorPublic(string constructor)
    {
        // A struct's parameterless constructor must be public: the fix left it as it was, CS8958.
        string source = Usings + "[SdeModel]\npublic partial class Sgd\n{\n" + constructor
            + "    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta = 0.1;\n\n    [Update] void Step(ref double x, double g) => x -= Eta * g;\n}\n";

        string fixedSource = await ApplyFixAsync(source, "SDE0022", new MakeStructCodeFix());

        Assert.Contains("\n    public Sgd() { }\n", fixedSource, System.StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.AllDiagnostics(fixedSource));
    }

    [Theory]
    [InlineData("public class Base { }\n[SdeModel]\npublic partial class Sgd : Base", "")] // CS0527: Base is not an interface
    [InlineData("[SdeModel]\npublic partial class Sgd", "public sealed class Derived : Sgd { }\n")] // Derived would not compile
    [InlineData("[SdeModel]\npublic abstract partial class Sgd", "")] // an abstract member has no struct form
    [InlineData("[SdeModel]\npublic partial class Sgd", "")] // a finalizer has none either
    public async Task StructFixIsNotOfferedWhereAStructCannotMeanWhatTheClassDid(string declaration, string after)
    {
        string body = declaration.Contains("abstract", System.StringComparison.Ordinal)
            ? Body.Replace("\n}\n", "\n    public abstract double Half();\n}\n", System.StringComparison.Ordinal)
            : after.Length == 0 && !declaration.Contains("Base", System.StringComparison.Ordinal)
                ? Body.Replace("\n}\n", "\n    ~Sgd() { }\n}\n", System.StringComparison.Ordinal)
                : Body;

        Assert.Null(await ApplyFixAsync(new[] { Usings + declaration + body + after }, "SDE0022", new MakeStructCodeFix()));
    }

    [Theory]
    [InlineData("public partial class Outer\n{\n[SdeModel]\npublic struct Sgd", "}\n")]
    [InlineData("[SdeModel]\npublic struct Sgd<T>", "")]
    [InlineData("[SdeModel]\nfile struct Sgd", "")]
    public async Task PartialFixIsNotOfferedWherePartialCannotHelp(string declaration, string after)
    {
        // SDE0001 also refuses a nested, generic or file model; the fix added partial and SDE0001 stayed.
        Assert.Null(await ApplyFixAsync(new[] { Usings + declaration + Body + after }, "SDE0001", new MakePartialCodeFix()));
    }

    [Theory]
    [InlineData("x -= Eta * (1 / 2) * g;", "x -= Eta * (1.0 / 2) * g;")]
    [InlineData("x -= Eta * g / (k / 2 + 1);", "x -= Eta * g / ((double)k / 2 + 1);")]
    [InlineData("x -= Eta * g / ((k + 1) / 2);", "x -= Eta * g / ((double)(k + 1) / 2);")]
    public async Task DivisionFixDividesAsDoubles(string update, string expected)
    {
        // SDE0024's message said what to write (1.0 / 2), and no fix wrote it.
        const string Model = "[SdeModel]\npublic partial struct Sgd\n{{\n    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;\n\n"
            + "    [Update] void Step(ref double x, double g, long k) => {0}\n}}\n";
        string source = Usings + string.Format(System.Globalization.CultureInfo.InvariantCulture, Model, update);

        string fixedSource = await ApplyFixAsync(source, "SDE0024", new DoubleOperandCodeFix());

        Assert.Equal(Usings + string.Format(System.Globalization.CultureInfo.InvariantCulture, Model, expected), fixedSource);
        Assert.Empty(GeneratorHarness.AllDiagnostics(fixedSource));
    }

    [Theory]
    [InlineData("double x")]
    [InlineData("in double x")]
    [InlineData("/* the iterate */ double x")]
    public async Task StateFixPassesTheStateByRef(string parameter)
    {
        const string Model = "[SdeModel]\npublic partial struct Sgd\n{{\n    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;\n\n"
            + "    [Update] void Step({0}, double g) => x = x - Eta * g;\n}}\n";
        string source = Usings + string.Format(System.Globalization.CultureInfo.InvariantCulture, Model, parameter);

        string fixedSource = await ApplyFixAsync(source, "SDE0008", new PassStateByRefCodeFix());

        string expected = parameter.StartsWith("/*", System.StringComparison.Ordinal) ? "/* the iterate */ ref double x" : "ref double x";
        Assert.Equal(Usings + string.Format(System.Globalization.CultureInfo.InvariantCulture, Model, expected), fixedSource);
        Assert.Empty(GeneratorHarness.AllDiagnostics(fixedSource));
    }

    [Fact]
    public void EveryFixIsOnItsDiagnosticsPage_AndNoPageNamesAFixThatIsNot()
    {
        var fixedIds = typeof(ModelDeclarationCodeFix).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .SelectMany(static t => ((CodeFixProvider)System.Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .OrderBy(static id => id, System.StringComparer.Ordinal);
        var pagesWithAFix = DiagnosticPages.Ids()
            .Where(static id => System.IO.File.ReadAllText(DiagnosticPages.PathOf(id)).Contains("**Code fix:**", System.StringComparison.Ordinal))
            .OrderBy(static id => id, System.StringComparer.Ordinal);

        Assert.Equal(new[] { "SDE0001", "SDE0008", "SDE0022", "SDE0024" }, fixedIds);
        Assert.Equal(fixedIds, pagesWithAFix);
    }

    /// <summary>Puts <paramref name="source"/> in a workspace, runs the analyzer, registers <paramref name="fixer"/>'s
    /// fix for its single diagnostic <paramref name="id"/> and applies the fix's operations to the workspace; returns
    /// the fixed document's text.</summary>
    private static async Task<string> ApplyFixAsync(string source, string id, CodeFixProvider fixer) =>
        Assert.Single(await ApplyFixAsync(new[] { source }, id, fixer) ?? throw new Xunit.Sdk.XunitException($"no fix offered for {id}"));

    /// <summary>Puts each of <paramref name="sources"/> in a document of one project, runs the analyzer, registers
    /// <paramref name="fixer"/>'s fix for the single diagnostic <paramref name="id"/> and applies it; returns every
    /// document's text after the fix, or null when no fix is offered.</summary>
    private static async Task<string[]?> ApplyFixAsync(string[] sources, string id, CodeFixProvider fixer)
    {
        using var workspace = new AdhocWorkspace();
        ProjectInfo projectInfo = ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Models", "Models", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: References);
        Project project = workspace.AddProject(projectInfo);
        var documents = new List<DocumentId>();
        for (int i = 0; i < sources.Length; i++)
        {
            documents.Add(workspace.AddDocument(project.Id, "Model" + i + ".cs", SourceText.From(sources[i])).Id);
        }

        Compilation? compilation = await workspace.CurrentSolution.GetProject(project.Id)!.GetCompilationAsync();
        Assert.NotNull(compilation);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SdeModelAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Document? document = workspace.CurrentSolution.GetDocument(diagnostic.Location.SourceTree);
        Assert.NotNull(document);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fixer.RegisterCodeFixesAsync(context);
        if (actions.Count == 0)
        {
            return null;
        }

        CodeAction fix = Assert.Single(actions);
        ImmutableArray<CodeActionOperation> operations = await fix.GetOperationsAsync(CancellationToken.None);
        Assert.Single(operations.OfType<ApplyChangesOperation>());
        foreach (CodeActionOperation operation in operations)
        {
            operation.Apply(workspace, CancellationToken.None);
        }

        var texts = new string[documents.Count];
        for (int i = 0; i < texts.Length; i++)
        {
            texts[i] = (await workspace.CurrentSolution.GetDocument(documents[i])!.GetTextAsync(CancellationToken.None)).ToString();
        }

        return texts;
    }
}
