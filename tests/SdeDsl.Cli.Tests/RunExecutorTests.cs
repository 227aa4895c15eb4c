using System;
using System.Collections.Generic;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Optimizers;
using SdeDsl.Runs;
using SdeDsl.TestSupport;
using Xunit;

namespace SdeDsl.Cli.Tests;

public sealed class RunExecutorTests
{
    private static readonly ModelCatalog Catalog = new([typeof(SignSgd).Assembly]);

    [Fact]
    public void Catalog_DescribesAdamW()
    {
        ModelInfo adamW = Catalog.Find("adamw");
        Assert.Equal(new[] { "x", "m", "v" }, adamW.States);
        Assert.Equal(new[] { "m" }, adamW.DiffusedStates);
        Assert.True(adamW.HasUpdate && adamW.HasSde && adamW.HasHigherOrder);
        Assert.Equal("(0, ∞)", adamW.FindHyperparameter("eta")!.Range);
        Assert.Equal("[0, 1)", adamW.FindHyperparameter("Beta2")!.Range);
        Assert.False(Catalog.Find("MalladiAdam").HasUpdate);
    }

    [Theory]
    [InlineData("Nope", "unknown model 'Nope'; the models are Adam, AdamL2")]
    public void UnknownModel_ListsTheModels(string name, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => Catalog.Find(name)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Gamma", 1.0, "SignSgd has no hyperparameter 'Gamma'; it has Eta.")]
    [InlineData("Eta", -1.0, "SignSgd.Eta = -1 is outside its range (0, ∞).")]
    public void BadHyperparameter_SaysWhatIsAllowed(string name, double value, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Catalog.Find("SignSgd").Create(new Dictionary<string, double> { [name] = value }, "--set"));
        Assert.Equal("--set", e.ParamName);
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HyperparameterGivenTwiceInAnotherCase_IsRefused()
    {
        // An ordinal dictionary (a run description's JSON, a library caller's) can hold Eta and eta; before, whichever
        // it enumerated last set η, and an optimizer and an SDE run of one description could differ in which.
        var given = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 0.05, ["eta"] = 0.1 };
        var e = Assert.Throws<ArgumentException>(() => Catalog.Find("SignSgd").Create(given, "--set"));
        Assert.Equal("--set", e.ParamName);
        Assert.StartsWith("SignSgd.Eta is given twice, as 'Eta' and as 'eta'", e.Message, StringComparison.Ordinal);

        RunDescription run = SignSgdRun(RunKind.Sde) with { Hyperparameters = given };
        Assert.Contains("is given twice", Assert.Throws<ArgumentException>(() => RunExecutor.Run(run, Catalog)).Message, StringComparison.Ordinal);
    }

    /// <summary>A model may have hyperparameters that differ only in case (C# allows Beta and beta): each name finds its
    /// own field first, so giving both is not "given twice".</summary>
    [Fact]
    public void HyperparametersDifferingOnlyInCase_EachGetsItsValue()
    {
        byte[] image = GeneratedModelLibrary.Compile("CaseModels", """
            using SdeDsl;
            namespace CaseModels;
            [SdeModel]
            public partial struct TwoBetas
            {
                [Hyper(Min = 0)] public double Beta;
                [Hyper(Min = 0)] public double beta;
                [Update] void Step(ref double x, double g) => x -= (Beta + beta) * g;
            }
            """);
        ModelInfo info = new ModelCatalog([System.Reflection.Assembly.Load(image)]).Find("TwoBetas");
        object model = info.Create(new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Beta"] = 0.5, ["beta"] = 0.25 });
        Assert.Equal(0.5, (double)info.Type.GetField("Beta")!.GetValue(model)!);
        Assert.Equal(0.25, (double)info.Type.GetField("beta")!.GetValue(model)!);
        Assert.Equal("Beta", info.FindHyperparameter("BETA")!.Name); // another case still finds one
    }

    [Fact]
    public void MissingHyperparameter_SaysToSetIt() =>
        Assert.Contains("Eta is not set", Assert.Throws<ArgumentException>(() => Catalog.Find("SignSgd").Create(new Dictionary<string, double>())).Message,
            StringComparison.Ordinal);

    private static RunDescription SignSgdRun(RunKind kind, int paths = 64) => new()
    {
        Model = "SignSgd",
        Hyperparameters = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 0.05 },
        Objective = "quadratic:1,2,4",
        Noise = "gaussian:1",
        Kind = kind,
        Paths = paths,
        Steps = 40,
        TimeStep = 0.05,
        Seed = 9,
        RecordSteps = [0, 20, 40],
        Observables = ["f", "x[2]"],
        InitialX = [1, -1, 0.5],
    };

    /// <summary>The description runs exactly what the engine's generic call with the same settings runs: same bits.</summary>
    [Theory]
    [InlineData(RunKind.Optimizer, EnsemblePrecision.Double)]
    [InlineData(RunKind.Sde, EnsemblePrecision.Double)]
    [InlineData(RunKind.Optimizer, EnsemblePrecision.Single)]
    [InlineData(RunKind.Sde, EnsemblePrecision.Single)]
    [InlineData(RunKind.Sde, EnsemblePrecision.SingleOwnDraws)]
    public void Run_GivesTheEnginesBits(RunKind kind, EnsemblePrecision precision)
    {
        RunDescription run = SignSgdRun(kind) with { Precision = precision };
        EnsembleResult viaDescription = RunExecutor.Run(run, Catalog, threads: 2);
        var options = new EnsembleOptions
        {
            Paths = 64, Steps = 40, TimeStep = 0.05, Seed = 9, RecordSteps = [0, 20, 40], InitialX = [1, -1, 0.5],
            Observables = [Observable.Loss, Observable.Coordinate(2)], MaxDegreeOfParallelism = 1, Precision = precision,
        };
        var f = new DiagonalQuadratic([1.0, 2, 4]);
        EnsembleResult direct = kind == RunKind.Optimizer
            ? Ensemble.RunOptimizer(new SignSgd { Eta = 0.05 }, f, new GaussianNoise(1, 9), options)
            : Ensemble.RunSde(new SignSgd { Eta = 0.05 }, f, new GaussianNoise(1, 9), options);
        for (int o = 0; o < 2; o++)
        {
            for (int r = 0; r < 3; r++)
            {
                Assert.Equal(direct.Values(o, r).ToArray(), viaDescription.Values(o, r).ToArray());
            }
        }
    }

    [Fact]
    public void AnSdeRunsTimes_AreValidatedBeforeAnyWork()
    {
        // A distributed run validates its description up front; the start time was checked only by the workers.
        foreach (RunDescription bad in new[] { SignSgdRun(RunKind.Sde) with { StartTime = -0.05 }, SignSgdRun(RunKind.Sde) with { TimeStep = -1 } })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => RunExecutor.Validate(bad, Catalog));
            Assert.Equal("options", e.ParamName);
        }

        RunExecutor.Validate(SignSgdRun(RunKind.Optimizer) with { StartTime = -0.05 }, Catalog); // a discrete run has no time

        // A description that does not set its time step: it defaulted to 1, and an SDE ran at dt = 1 by omission.
        RunDescription unset = SignSgdRun(RunKind.Sde) with { TimeStep = double.NaN };
        Assert.StartsWith("TimeStep is not set", Assert.Throws<ArgumentException>(() => RunExecutor.Validate(unset, Catalog)).Message, StringComparison.Ordinal);
        // A description whose JSON has no time step at all reads back unset (the edit must have removed it).
        string withoutTimeStep = unset.ToJson().Replace("\"timeStep\": \"NaN\",", "", StringComparison.Ordinal);
        Assert.DoesNotContain("timeStep", withoutTimeStep, StringComparison.Ordinal);
        Assert.True(double.IsNaN(RunDescription.FromJson(withoutTimeStep).TimeStep));
    }

    [Fact]
    public void NoiseOfTheWrongDimension_IsAnArgumentExceptionBeforeTheRun()
    {
        var e = Assert.Throws<ArgumentException>(() => RunExecutor.Run(SignSgdRun(RunKind.Optimizer) with { Noise = "gaussian:1,2" }, Catalog));
        Assert.Equal("noise", e.ParamName);
        Assert.Contains("does not fit objective", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("f", ObservableKind.Loss)]
    [InlineData("|x|^2", ObservableKind.SquaredNorm)]
    [InlineData("x[1]", ObservableKind.Coordinate)]
    [InlineData("m[2]", ObservableKind.Coordinate)]
    [InlineData("|v|^2", ObservableKind.StateSquaredNorm)]
    public void Observables_Parse(string text, ObservableKind kind)
    {
        Observable observable = RunExecutor.ParseObservable(text, Catalog.Find("AdamW"), 3);
        Assert.Equal(kind, observable.Kind);
        Assert.Equal(text, observable.ToString()); // the name the results' columns get
    }

    [Theory]
    [InlineData("x[3]", "the coordinate must lie in [0, 3)")]
    [InlineData("|q|^2", "AdamW has no state 'q'")]
    [InlineData("q[0]", "AdamW has no state 'q'")]
    [InlineData("m[3]", "the coordinate must lie in [0, 3)")]
    [InlineData("loss", "is not one of f, |x|^2, x[i], s[i], |s|^2")]
    public void BadObservables_SayWhy(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => RunExecutor.ParseObservable(text, Catalog.Find("AdamW"), 3)).Message,
            StringComparison.Ordinal);

    [Fact]
    public void InitialStates_FillTheirComponents()
    {
        RunDescription run = new()
        {
            Model = "RmsProp",
            Hyperparameters = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 0.01, ["Beta"] = 0.9 },
            Objective = "quadratic:1,1",
            Noise = "gaussian:1",
            Kind = RunKind.Optimizer,
            Paths = 4,
            Steps = 1,
            RecordSteps = [0],
            Observables = ["|v|^2"],
            InitialX = [1],
            InitialStates = new Dictionary<string, double[]> { ["v"] = [3, 4] },
        };
        Assert.Equal(25.0, RunExecutor.Run(run, Catalog).Values(0, 0)[0]);
        var e = Assert.Throws<ArgumentException>(() => RunExecutor.Run(run with { InitialStates = new Dictionary<string, double[]> { ["w"] = [1] } }, Catalog));
        Assert.Contains("RmsProp has no state 'w'", e.Message, StringComparison.Ordinal);
    }
}
