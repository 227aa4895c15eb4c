using System;
using System.Collections.Generic;
using System.Linq;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// The generated kernels' argument checks (each throws naming the argument), the hyperparameter bounds of
/// <c>[Hyper]</c>, the state-name lists, and the interface implementation an engine calls through a constrained
/// generic.
/// </summary>
public sealed class ValidationTests
{
    private const int N = 7;

    private static readonly AdamW GoodAdamW = new() { Eta = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0.01 };
    private static readonly SignSgd GoodSignSgd = new() { Eta = 0.01 };
    private static readonly ClippedMomentum GoodClippedMomentum = new() { Eta = 0.05, Beta = 0.9, Clip = 1.0 };

    // ------------------------------------------------------------------ span lengths

    [Theory]
    [InlineData("m")]
    [InlineData("v")]
    [InlineData("g")]
    public void AdamWStepRejectsAWrongLengthNamingTheSpan(string wrong)
    {
        AssertLengthRejected(wrong, () => GoodAdamW.Step(Elements<double>(N), Elements<double>(N, wrong == "m"), Elements<double>(N, wrong == "v"), Elements<double>(N, wrong == "g"), 1));
        AssertLengthRejected(wrong, () => GoodAdamW.Step(Elements<float>(N), Elements<float>(N, wrong == "m"), Elements<float>(N, wrong == "v"), Elements<float>(N, wrong == "g"), 1));
    }

    [Fact]
    public void StepRefusesOneArrayPassedAsTwoStatesNamingBoth()
    {
        double[] shared = Elements<double>(N);
        double[] before = (double[])shared.Clone();

        var error = Assert.Throws<ArgumentException>(() => GoodAdamW.Step(new double[N], shared, shared, new double[N], 1));

        Assert.Equal("v", error.ParamName);
        Assert.Contains("m and v overlap", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, shared);
    }

    [Fact]
    public void StepRefusesOverlappingSlicesOfOneArray()
    {
        float[] memory = new float[2 * N];
        var error = Assert.Throws<ArgumentException>(() => GoodAdamW.Step(memory.AsSpan(0, N), memory.AsSpan(N - 1, N), new float[N], new float[N], 1));

        Assert.Equal("m", error.ParamName);
        // Adjacent, disjoint slices of one array are fine: the flat layout is exactly that.
        GoodAdamW.Step(memory.AsSpan(0, N), new float[N], memory.AsSpan(N, N), new float[N], 1);
    }

    [Fact]
    public void EulerMaruyamaRefusesOneArrayPassedAsTwoStates()
    {
        double[] x = Elements<double>(N);

        var error = Assert.Throws<ArgumentException>(() => GoodClippedMomentum.EulerMaruyamaStep(
            x, x, new double[N], new double[N], new double[N], 0.0, 0.01));

        Assert.Equal("m", error.ParamName);
    }

    [Fact]
    public void FlatStepRejectsAWrongStatesLength()
    {
        AssertLengthRejected("states", () => GoodAdamW.Step(new double[(3 * N) - 1], new double[N], 1));
        AssertLengthRejected("states", () => GoodAdamW.Step(new float[(3 * N) + 1], new float[N], 1));
        AssertLengthRejected("states", () => GoodClippedMomentum.Step(new double[3 * N], new double[N], 1));
        AssertLengthRejected("states", () => GoodClippedMomentum.Step(new float[N], new float[N], 1));
    }

    [Theory]
    [InlineData("m")]
    [InlineData("v")]
    [InlineData("grad")]
    [InlineData("sigma")]
    [InlineData("noiseM")]
    public void AdamWEulerMaruyamaRejectsAWrongLengthNamingTheSpan(string wrong)
    {
        AssertLengthRejected(wrong, () => GoodAdamW.EulerMaruyamaStep(
            Elements<double>(N), Elements<double>(N, wrong == "m"), Elements<double>(N, wrong == "v"),
            Elements<double>(N, wrong == "grad"), Elements<double>(N, wrong == "sigma"), Elements<double>(N, wrong == "noiseM"), 1.0, 0.01));
        AssertLengthRejected(wrong, () => GoodAdamW.EulerMaruyamaStep(
            Elements<float>(N), Elements<float>(N, wrong == "m"), Elements<float>(N, wrong == "v"),
            Elements<float>(N, wrong == "grad"), Elements<float>(N, wrong == "sigma"), Elements<float>(N, wrong == "noiseM"), 1.0, 0.01));
    }

    [Fact]
    public void FlatEulerMaruyamaRejectsWrongStatesOrNoiseLength()
    {
        AssertLengthRejected("states", () => GoodAdamW.EulerMaruyamaStep(new double[(3 * N) - 1], new double[N], new double[N], new double[N], 1.0, 0.01));
        AssertLengthRejected("noise", () => GoodAdamW.EulerMaruyamaStep(new double[3 * N], new double[N], new double[N], new double[N + 1], 1.0, 0.01));
        AssertLengthRejected("noise", () => GoodAdamW.EulerMaruyamaStep(new float[3 * N], new float[N], new float[N], new float[2 * N], 1.0, 0.01));
        AssertLengthRejected("states", () => GoodClippedMomentum.EulerMaruyamaStep(new float[N], new float[N], new float[N], new float[N], 1.0, 0.01));
        AssertLengthRejected("noise", () => GoodClippedMomentum.EulerMaruyamaStep(new double[2 * N], new double[N], new double[N], new double[N - 1], 1.0, 0.01));
    }

    [Theory]
    [InlineData("g")]
    [InlineData("grad")]
    [InlineData("sigma")]
    [InlineData("noiseX")]
    public void SignSgdRejectsAWrongLengthNamingTheSpan(string wrong)
    {
        if (wrong == "g")
        {
            AssertLengthRejected(wrong, () => GoodSignSgd.Step(new double[N], new double[N + 1], 1));
            AssertLengthRejected(wrong, () => GoodSignSgd.Step(new float[N], new float[N - 1], 1));
            return;
        }

        AssertLengthRejected(wrong, () => GoodSignSgd.EulerMaruyamaStep(Elements<double>(N), Elements<double>(N, wrong == "grad"), Elements<double>(N, wrong == "sigma"), Elements<double>(N, wrong == "noiseX"), 0.0, 0.01));
        AssertLengthRejected(wrong, () => GoodSignSgd.EulerMaruyamaStep(Elements<float>(N), Elements<float>(N, wrong == "grad"), Elements<float>(N, wrong == "sigma"), Elements<float>(N, wrong == "noiseX"), 0.0, 0.01));
    }

    [Theory]
    [InlineData("m")]
    [InlineData("g")]
    public void ClippedMomentumStepRejectsAWrongLengthNamingTheSpan(string wrong)
    {
        AssertLengthRejected(wrong, () => GoodClippedMomentum.Step(Elements<double>(N), Elements<double>(N, wrong == "m"), Elements<double>(N, wrong == "g"), 1));
        AssertLengthRejected(wrong, () => GoodClippedMomentum.Step(Elements<float>(N), Elements<float>(N, wrong == "m"), Elements<float>(N, wrong == "g"), 1));
    }

    [Theory]
    [InlineData("m")]
    [InlineData("grad")]
    [InlineData("sigma")]
    [InlineData("noiseM")]
    public void ClippedMomentumEulerMaruyamaRejectsAWrongLengthNamingTheSpan(string wrong)
    {
        AssertLengthRejected(wrong, () => GoodClippedMomentum.EulerMaruyamaStep(
            Elements<double>(N), Elements<double>(N, wrong == "m"), Elements<double>(N, wrong == "grad"), Elements<double>(N, wrong == "sigma"), Elements<double>(N, wrong == "noiseM"), 0.0, 0.01));
        AssertLengthRejected(wrong, () => GoodClippedMomentum.EulerMaruyamaStep(
            Elements<float>(N), Elements<float>(N, wrong == "m"), Elements<float>(N, wrong == "grad"), Elements<float>(N, wrong == "sigma"), Elements<float>(N, wrong == "noiseM"), 0.0, 0.01));
    }

    [Fact]
    public void WrongLengthLeavesTheStateUntouched()
    {
        double[] x = Enumerable.Range(1, N).Select(static i => (double)i).ToArray();
        double[] m = (double[])x.Clone();
        Assert.Throws<ArgumentException>(() => GoodAdamW.Step(x, m, new double[N], new double[N - 1], 1));
        Assert.Equal(Enumerable.Range(1, N).Select(static i => (double)i), x);
        Assert.Equal(Enumerable.Range(1, N).Select(static i => (double)i), m);
    }

    [Fact]
    public void OptimizerRejectsWrongLengthsAndNegativeCount()
    {
        var optimizer = new AdamW.Optimizer<double>(GoodAdamW, N);
        AssertLengthRejected("parameters", () => optimizer.Step(new double[N + 1], new double[N]));
        AssertLengthRejected("gradients", () => optimizer.Step(new double[N], new double[N - 1]));
        Assert.Equal(0L, optimizer.StepCount);

        var single = new ClippedMomentum.Optimizer<float>(GoodClippedMomentum, N);
        AssertLengthRejected("gradients", () => single.Step(new float[N], new float[0]));

        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new SignSgd.Optimizer<double>(GoodSignSgd, -1));
        Assert.Equal("parameterCount", e.ParamName);
        Assert.Throws<NotSupportedException>(() => new SignSgd.Optimizer<int>(GoodSignSgd, N));
    }

    // ------------------------------------------------------------------ k, t, dt

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void StepNumberBelowOneIsRejected(long k)
    {
        AssertOutOfRange("k", () => GoodAdamW.Step(new double[N], new double[N], new double[N], new double[N], k));
        AssertOutOfRange("k", () => GoodAdamW.Step(new float[3 * N], new float[N], k));
        AssertOutOfRange("k", () => GoodSignSgd.Step(new float[N], new float[N], k));
        AssertOutOfRange("k", () => GoodClippedMomentum.Step(new double[N], new double[N], new double[N], k));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TimeStepMustBeFiniteAndPositive(double dt)
    {
        AssertOutOfRange("dt", () => GoodAdamW.EulerMaruyamaStep(new double[N], new double[N], Ones(N), new double[N], new double[N], new double[N], 1.0, dt));
        AssertOutOfRange("dt", () => GoodAdamW.EulerMaruyamaStep(new float[3 * N], new float[N], new float[N], new float[N], 1.0, dt));
        AssertOutOfRange("dt", () => GoodSignSgd.EulerMaruyamaStep(new double[N], new double[N], Ones(N), new double[N], 0.0, dt));
        AssertOutOfRange("dt", () => GoodClippedMomentum.EulerMaruyamaStep(new float[N], new float[N], new float[N], new float[N], new float[N], 0.0, dt));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void TimeMustBeFinite(double t)
    {
        AssertOutOfRange("t", () => GoodAdamW.EulerMaruyamaStep(new double[N], new double[N], Ones(N), new double[N], new double[N], new double[N], t, 0.01));
        AssertOutOfRange("t", () => GoodSignSgd.EulerMaruyamaStep(new float[N], new float[N], new float[N], new float[N], t, 0.01));
    }

    // ------------------------------------------------------------------ hyperparameters

    public static TheoryData<string, double> BadAdamWHyperparameters => new()
    {
        { "Eta", 0.0 },
        { "Eta", -1e-3 },
        { "Eta", double.NaN },
        { "Eta", double.PositiveInfinity },
        { "Beta1", 1.0 },
        { "Beta1", -0.1 },
        { "Beta2", 1.0 },
        { "Beta2", double.NaN },
        { "Eps", -1.0 },
        { "Eps", double.PositiveInfinity },
        { "WeightDecay", -0.01 },
    };

    [Theory]
    [MemberData(nameof(BadAdamWHyperparameters))]
    public void AdamWHyperparameterOutOfRangeIsRejectedByEveryEntryPoint(string field, double value)
    {
        AdamW model = With(GoodAdamW, field, value);

        AssertOutOfRange(field, model.Validate);
        AssertOutOfRange(field, () => model.Step(new double[N], new double[N], new double[N], new double[N], 1));
        AssertOutOfRange(field, () => model.Step(new float[N], new float[N], new float[N], new float[N], 1));
        AssertOutOfRange(field, () => model.Step(new double[3 * N], new double[N], 1));
        AssertOutOfRange(field, () => model.EulerMaruyamaStep(new double[N], new double[N], Ones(N), new double[N], new double[N], new double[N], 1.0, 0.01));
        AssertOutOfRange(field, () => model.EulerMaruyamaStep(new float[3 * N], new float[N], new float[N], new float[N], 1.0, 0.01));
        AssertOutOfRange(field, () => new AdamW.Optimizer<float>(model, N));
        AssertOutOfRange(field, () => ValidateThroughInterface(model));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void SignSgdEtaOutOfRangeIsRejected(double eta)
    {
        var model = new SignSgd { Eta = eta };
        AssertOutOfRange("Eta", model.Validate);
        AssertOutOfRange("Eta", () => model.Step(new double[N], new double[N], 1));
        AssertOutOfRange("Eta", () => model.EulerMaruyamaStep(new float[N], new float[N], new float[N], new float[N], 0.0, 0.01));
    }

    [Theory]
    [InlineData("Eta", 0.0)]
    [InlineData("Beta", 1.0000001)]
    [InlineData("Beta", -1e-9)]
    [InlineData("Clip", 0.0)]
    [InlineData("Clip", double.PositiveInfinity)]
    public void ClippedMomentumHyperparameterOutOfRangeIsRejected(string field, double value)
    {
        ClippedMomentum model = field switch
        {
            "Eta" => GoodClippedMomentum with { Eta = value },
            "Beta" => GoodClippedMomentum with { Beta = value },
            _ => GoodClippedMomentum with { Clip = value },
        };
        AssertOutOfRange(field, model.Validate);
        AssertOutOfRange(field, () => model.Step(new float[2 * N], new float[N], 1));
        AssertOutOfRange(field, () => model.EulerMaruyamaStep(new double[N], new double[N], new double[N], new double[N], new double[N], 0.0, 0.01));
    }

    /// <summary>Inclusive bounds are inclusive: β1 = β2 = 0, ε = γ = 0 (AdamW) and β = 1 (ClippedMomentum's Max = 1).</summary>
    [Fact]
    public void BoundaryValuesOfInclusiveBoundsAreAccepted()
    {
        var adamW = new AdamW { Eta = 1e-3, Beta1 = 0.0, Beta2 = 0.0, Eps = 0.0, WeightDecay = 0.0 };
        adamW.Validate();
        double[] x = Ones(N);
        adamW.Step(x, new double[N], new double[N], Ones(N), 1);
        Assert.All(x, static e => Assert.Equal(1.0 - 1e-3, e, 15));

        var clipped = new ClippedMomentum { Eta = 0.05, Beta = 1.0, Clip = 1.0 };
        clipped.Validate();
        clipped.Step(new float[2 * N], new float[N], 1);
    }

    // ------------------------------------------------------------------ state names

    [Fact]
    public void StateNamesListTheStatesInKernelOrder()
    {
        Assert.Equal(new[] { "x", "m", "v" }, AdamW.StateNames);
        Assert.Equal(new[] { "m" }, AdamW.DiffusedStateNames);
        Assert.Equal(new[] { "x" }, SignSgd.StateNames);
        Assert.Equal(new[] { "x" }, SignSgd.DiffusedStateNames);
        Assert.Equal(new[] { "x", "m" }, ClippedMomentum.StateNames);
        Assert.Equal(new[] { "m" }, ClippedMomentum.DiffusedStateNames);

        // The same lists through the static abstract interface members.
        Assert.Equal(new[] { "x", "m", "v" }, StateNamesOf<AdamW>());
        Assert.Equal(new[] { "m" }, DiffusedStateNamesOf<AdamW>());
        Assert.Equal(new[] { "x" }, DiffusedStateNamesOf<SignSgd>());
        Assert.Equal(new[] { "x", "m" }, StateNamesOf<ClippedMomentum>());
    }

    [Fact]
    public void StateNamesAreReadOnly()
    {
        foreach (IReadOnlyList<string> names in new[]
        {
            AdamW.StateNames, AdamW.DiffusedStateNames, SignSgd.StateNames, SignSgd.DiffusedStateNames,
            ClippedMomentum.StateNames, ClippedMomentum.DiffusedStateNames,
        })
        {
            var list = Assert.IsAssignableFrom<IList<string>>(names);
            string first = names[0];
            Assert.Throws<NotSupportedException>(() => list[0] = "y");
            Assert.Throws<NotSupportedException>(() => list.Add("y"));
            Assert.Throws<NotSupportedException>(() => list.Clear());
            Assert.Equal(first, names[0]);
        }

        // The lists are shared: a second read returns the same, unchanged contents.
        Assert.Equal(new[] { "x", "m", "v" }, AdamW.StateNames);
    }

    // ------------------------------------------------------------------ the interface implementation is real

    [Fact]
    public void KernelsWorkThroughAConstrainedGenericMethod()
    {
        AssertGenericMatchesNamed(GoodAdamW, 3, 1, (s, g, k) => GoodAdamW.Step(s.AsSpan(0, N), s.AsSpan(N, N), s.AsSpan(2 * N, N), g, k),
            (s, grad, sigma, noise, t, dt) => GoodAdamW.EulerMaruyamaStep(s.AsSpan(0, N), s.AsSpan(N, N), s.AsSpan(2 * N, N), grad, sigma, noise, t, dt));
        AssertGenericMatchesNamed(GoodSignSgd, 1, 1, (s, g, k) => GoodSignSgd.Step(s, g, k),
            (s, grad, sigma, noise, t, dt) => GoodSignSgd.EulerMaruyamaStep(s, grad, sigma, noise, t, dt));
        AssertGenericMatchesNamed(GoodClippedMomentum, 2, 1, (s, g, k) => GoodClippedMomentum.Step(s.AsSpan(0, N), s.AsSpan(N, N), g, k),
            (s, grad, sigma, noise, t, dt) => GoodClippedMomentum.EulerMaruyamaStep(s.AsSpan(0, N), s.AsSpan(N, N), grad, sigma, noise, t, dt));
    }

    [Fact]
    public void GenericMethodSeesTheInterfaceNamesAndValidation()
    {
        Assert.Equal(3, Run(GoodAdamW, new double[3 * N], Ones(N), 1));
        Assert.Equal(1, Run(GoodSignSgd, new double[N], Ones(N), 1));
        Assert.Equal(2, Run(GoodClippedMomentum, new double[2 * N], Ones(N), 1));
        AssertOutOfRange("Beta1", () => Run(GoodAdamW with { Beta1 = 1.0 }, new double[3 * N], Ones(N), 1));
        AssertLengthRejected("states", () => Run(GoodAdamW, new double[2 * N], Ones(N), 1));
    }

    /// <summary>What an engine does: a constrained call (no boxing, no virtual call) to the flat kernel.</summary>
    private static int Run<TModel>(TModel model, Span<double> states, ReadOnlySpan<double> g, long k)
        where TModel : struct, IOptimizerModel<TModel>
    {
        model.Validate();
        model.Step(states, g, k);
        return TModel.StateNames.Count;
    }

    private static void RunEulerMaruyama<TModel>(TModel model, Span<double> states, ReadOnlySpan<double> grad, ReadOnlySpan<double> sigma, ReadOnlySpan<double> noise, double t, double dt)
        where TModel : struct, ISdeModel<TModel>
    {
        Assert.Equal(TModel.DiffusedStateNames.Count * grad.Length, noise.Length);
        model.EulerMaruyamaStep(states, grad, sigma, noise, t, dt);
    }

    private static void ValidateThroughInterface<TModel>(TModel model)
        where TModel : struct, IStateModel<TModel> => model.Validate();

    private static IReadOnlyList<string> StateNamesOf<TModel>()
        where TModel : IStateModel<TModel> => TModel.StateNames;

    private static IReadOnlyList<string> DiffusedStateNamesOf<TModel>()
        where TModel : ISdeModel<TModel> => TModel.DiffusedStateNames;

    private delegate void NamedStep(double[] states, double[] g, long k);

    private delegate void NamedEulerMaruyama(double[] states, double[] grad, double[] sigma, double[] noise, double t, double dt);

    private static void AssertGenericMatchesNamed<TModel>(TModel model, int stateCount, int diffusedCount, NamedStep named, NamedEulerMaruyama namedEulerMaruyama)
        where TModel : struct, IOptimizerModel<TModel>, ISdeModel<TModel>
    {
        var random = new System.Random(42);
        double[] states = Enumerable.Range(0, stateCount * N).Select(i => i >= 2 * N ? 0.5 + random.NextDouble() : random.NextDouble() - 0.5).ToArray();
        double[] g = Enumerable.Range(0, N).Select(_ => (4 * random.NextDouble()) - 2).ToArray();
        double[] sigma = Enumerable.Range(0, N).Select(_ => 0.1 + random.NextDouble()).ToArray();
        double[] noise = Enumerable.Range(0, diffusedCount * N).Select(_ => random.NextDouble() - 0.5).ToArray();

        double[] viaGeneric = (double[])states.Clone();
        double[] viaNamed = (double[])states.Clone();
        Assert.Equal(stateCount, Run(model, viaGeneric, g, 2));
        named(viaNamed, g, 2);
        Assert.Equal(viaNamed, viaGeneric);
        Assert.NotEqual(states, viaGeneric);

        viaGeneric = (double[])states.Clone();
        viaNamed = (double[])states.Clone();
        RunEulerMaruyama(model, viaGeneric, g, sigma, noise, 0.5, 0.01);
        namedEulerMaruyama(viaNamed, g, sigma, noise, 0.5, 0.01);
        Assert.Equal(viaNamed, viaGeneric);
        Assert.NotEqual(states, viaGeneric);
    }

    // ------------------------------------------------------------------ helpers

    private static void AssertLengthRejected(string paramName, Action call)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(call);
        Assert.Equal(paramName, e.ParamName);
    }

    private static void AssertOutOfRange(string paramName, Action call)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(paramName, e.ParamName);
    }

    private static void AssertOutOfRange(string paramName, Func<object> call)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(paramName, e.ParamName);
    }

    /// <summary>An array of n elements, one shorter when <paramref name="wrong"/>.</summary>
    private static T[] Elements<T>(int n, bool wrong = false) => new T[wrong ? n - 1 : n];

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    private static AdamW With(AdamW model, string field, double value) => field switch
    {
        "Eta" => model with { Eta = value },
        "Beta1" => model with { Beta1 = value },
        "Beta2" => model with { Beta2 = value },
        "Eps" => model with { Eps = value },
        "WeightDecay" => model with { WeightDecay = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not an AdamW hyperparameter"),
    };
}
