using System;
using System.Collections.Generic;
using Xunit;

namespace SdeDsl.Optimizers.Tests;

/// <summary>The state names every model exposes, and the validation of its hyperparameters.</summary>
public sealed class ModelShapeTests
{
    public static TheoryData<string, IReadOnlyList<string>, IReadOnlyList<string>, string[], string[]> Names() => new()
    {
        { nameof(Sgd), Sgd.StateNames, Sgd.DiffusedStateNames, ["x"], ["x"] },
        { nameof(SignSgd), SignSgd.StateNames, SignSgd.DiffusedStateNames, ["x"], ["x"] },
        { nameof(SignSgdStudentT), SignSgdStudentT.StateNames, SignSgdStudentT.DiffusedStateNames, ["x"], ["x"] },
        { nameof(RmsProp), RmsProp.StateNames, RmsProp.DiffusedStateNames, ["x", "v"], ["x"] },
        { nameof(RmsPropL2), RmsPropL2.StateNames, RmsPropL2.DiffusedStateNames, ["x", "v"], ["x"] },
        { nameof(RmsPropW), RmsPropW.StateNames, RmsPropW.DiffusedStateNames, ["x", "v"], ["x"] },
        { nameof(Adam), Adam.StateNames, Adam.DiffusedStateNames, ["x", "m", "v"], ["m"] },
        { nameof(AdamL2), AdamL2.StateNames, AdamL2.DiffusedStateNames, ["x", "m", "v"], ["m"] },
        { nameof(AdamW), AdamW.StateNames, AdamW.DiffusedStateNames, ["x", "m", "v"], ["m"] },
        { nameof(MalladiRmsProp), MalladiRmsProp.StateNames, MalladiRmsProp.DiffusedStateNames, ["x", "u"], ["x"] },
        { nameof(MalladiAdam), MalladiAdam.StateNames, MalladiAdam.DiffusedStateNames, ["x", "m", "u"], ["m"] },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void StateNames_AreAsDeclared(string model, IReadOnlyList<string> states, IReadOnlyList<string> diffused, string[] expectedStates, string[] expectedDiffused)
    {
        Assert.False(string.IsNullOrEmpty(model));
        Assert.Equal(expectedStates, states);
        Assert.Equal(expectedDiffused, diffused);
    }

    public static TheoryData<string, Action> Invalid() => new()
    {
        { "Eta", () => new Sgd { Eta = 0 }.Validate() },
        { "Eta", () => new SignSgd { Eta = -1 }.Validate() },
        { "Nu", () => new SignSgdStudentT { Eta = 0.1, Nu = 0 }.Validate() },
        { "Beta", () => new RmsProp { Eta = 0.1, Beta = 1 }.Validate() },
        { "Beta", () => new RmsProp { Eta = 0.1, Beta = -0.1 }.Validate() },
        { "Eps", () => new RmsProp { Eta = 0.1, Beta = 0.9, Eps = -1e-8 }.Validate() },
        { "WeightDecay", () => new RmsPropL2 { Eta = 0.1, Beta = 0.9, WeightDecay = -1 }.Validate() },
        { "Beta", () => new RmsPropW { Eta = 0.1, Beta = 1 }.Validate() },
        { "Beta1", () => new Adam { Eta = 0.1, Beta1 = 1, Beta2 = 0.9 }.Validate() },
        { "Beta2", () => new AdamL2 { Eta = 0.1, Beta1 = 0.9, Beta2 = 1 }.Validate() },
        { "WeightDecay", () => new AdamW { Eta = 0.1, Beta1 = 0.9, Beta2 = 0.99, WeightDecay = -0.5 }.Validate() },
        { "Eta", () => new AdamW { Eta = double.NaN, Beta1 = 0.9, Beta2 = 0.99 }.Validate() },
        { "Sigma0", () => new MalladiRmsProp { Eta = 0.1, Beta = 0.9, Sigma0 = -1 }.Validate() },
        { "Beta", () => new MalladiRmsProp { Eta = 0.1, Beta = 1, Sigma0 = 1 }.Validate() },
        { "Beta2", () => new MalladiAdam { Eta = 0.1, Beta1 = 0.9, Beta2 = 1, Sigma0 = 1 }.Validate() },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_NamesTheHyperparameter(string name, Action validate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(validate);
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void Validate_AcceptsBoundaryValues()
    {
        new RmsProp { Eta = 1e-3, Beta = 0, Eps = 0 }.Validate();
        new AdamW { Eta = 1e-3, Beta1 = 0, Beta2 = 0, Eps = 0, WeightDecay = 0 }.Validate();
        new MalladiAdam { Eta = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Eps = 0, Sigma0 = 0 }.Validate();
    }

    [Fact]
    public void Step_RejectsBetaOne()
    {
        var x = new double[3];
        var v = new double[3];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp { Eta = 0.1, Beta = 1 }.Step(x, v, new double[3], 1));
        Assert.Equal("Beta", e.ParamName);
    }
}
