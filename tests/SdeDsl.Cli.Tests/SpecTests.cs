using System;
using System.Collections.Generic;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Runs;
using Xunit;

namespace SdeDsl.Cli.Tests;

public sealed class SpecTests
{
    [Fact]
    public void Quadratic_ListsAndRepeats()
    {
        var f = Assert.IsType<DiagonalQuadratic>(ObjectiveSpec.Create("quadratic:1,2*3,0.5"));
        Assert.Equal(new[] { 1.0, 2, 2, 2, 0.5 }, f.Lambda.ToArray());
    }

    [Theory]
    [InlineData("rosenbrock:4", typeof(Rosenbrock), 4)]
    [InlineData("rosenbrock:3:1:50", typeof(Rosenbrock), 3)]
    [InlineData("logistic:200:5", typeof(LogisticRegression), 5)]
    [InlineData("logistic:200:5:7:0.01", typeof(LogisticRegression), 5)]
    [InlineData("mlp:100:3:4", typeof(Mlp), 21)]
    [InlineData("QUADRATIC:1*8", typeof(DiagonalQuadratic), 8)]
    public void Objectives_HaveTheirKindAndDimension(string spec, Type type, int dimension)
    {
        IObjective f = ObjectiveSpec.Create(spec);
        Assert.IsType(type, f);
        Assert.Equal(dimension, f.Dimension);
    }

    [Fact]
    public void Rosenbrock_ReadsAandB()
    {
        var f = Assert.IsType<Rosenbrock>(ObjectiveSpec.Create("rosenbrock:3:2:50"));
        Assert.Equal((2.0, 50.0), (f.A, f.B));
    }

    [Theory]
    [InlineData("quadratic", "values after the kind")]
    [InlineData("quadratic:1,-2", "λ = -2 must be > 0")]
    [InlineData("quadratic:1,x", "λ 'x' is not a finite number")]
    [InlineData("quadratic:2*0", "the count after '*'")]
    [InlineData("quadratic:NaN", "not a finite number")]
    [InlineData("rosenbrock:1", "d = 1 must be at least 2")]
    [InlineData("mlp:10:2:1000", "hidden = 1000 must be at most 256")]
    [InlineData("cubic:1", "unknown objective 'cubic'")]
    public void BadObjective_NamesTheArgumentAndTheProblem(string spec, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ObjectiveSpec.Create(spec, "--objective"));
        Assert.Equal("--objective", e.ParamName);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected quadratic:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Noises_HaveTheirKindAndParameters()
    {
        var gaussian = Assert.IsType<GaussianNoise>(NoiseSpec.Create("gaussian:0.5,2", seed: 3));
        Assert.Equal(new[] { 0.5, 2 }, gaussian.Scales.ToArray());
        Assert.Equal(3UL, gaussian.Seed);
        var t = Assert.IsType<StudentTNoise>(NoiseSpec.Create("student-t:3:1.5", seed: 4));
        Assert.Equal((3.0, 1.5), (t.Nu, t.Scales[0]));
        Assert.Equal(8, Assert.IsType<MinibatchNoise>(NoiseSpec.Create("minibatch:8", seed: 5)).BatchSize);
    }

    [Theory]
    [InlineData("gaussian:0", "σ = 0 must be > 0")]
    [InlineData("student-t:0:1", "ν = 0 must be > 0")]
    [InlineData("student-t:3", "values after the kind")]
    [InlineData("minibatch:0", "B = 0 must be at least 1")]
    [InlineData("laplace:1", "unknown noise model 'laplace'")]
    public void BadNoise_NamesTheArgumentAndTheProblem(string spec, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => NoiseSpec.Create(spec, 1, "--noise"));
        Assert.Equal("--noise", e.ParamName);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunDescription_RoundTripsThroughJson()
    {
        var run = new RunDescription
        {
            Model = "AdamW",
            Hyperparameters = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["Eta"] = 1e-3, ["Beta1"] = 0.9 },
            Objective = "quadratic:1,2",
            Noise = "gaussian:1",
            Kind = RunKind.Sde,
            Integrator = SdeDsl.Ensembles.SdeIntegrator.WeakOrder2,
            Precision = SdeDsl.Ensembles.EnsemblePrecision.Single,
            Paths = 10,
            Steps = 20,
            TimeStep = 1e-3,
            StartTime = 1e-3,
            Seed = ulong.MaxValue,
            RecordSteps = [0, 10, 20],
            Observables = ["f", "|v|^2"],
            InitialX = [1, 2],
            InitialStates = new Dictionary<string, double[]> { ["v"] = [0.5] },
        };
        string json = run.ToJson();
        Assert.Contains("\"integrator\": \"weak-order2\"", json, StringComparison.Ordinal);
        Assert.Contains("\"precision\": \"single\"", json, StringComparison.Ordinal);
        RunDescription back = RunDescription.FromJson(json);
        Assert.Equal(SdeDsl.Ensembles.EnsemblePrecision.Single, back.Precision);
        // A description without a precision is a double run; an unknown one is refused.
        Assert.Equal(SdeDsl.Ensembles.EnsemblePrecision.Double, RunDescription.FromJson(json.Replace("\"precision\": \"single\",", "", StringComparison.Ordinal)).Precision);
        Assert.Throws<System.Text.Json.JsonException>(() => RunDescription.FromJson(json.Replace("\"single\"", "\"half\"", StringComparison.Ordinal)));
        Assert.Equal(SdeDsl.Ensembles.EnsemblePrecision.SingleOwnDraws,
            RunDescription.FromJson(json.Replace("\"single\"", "\"single-own-draws\"", StringComparison.Ordinal)).Precision);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(ulong.MaxValue, back.Seed);
        Assert.Equal(run.RecordSteps, back.RecordSteps);
        Assert.Equal(0.5, back.InitialStates!["v"][0]);
    }
}
