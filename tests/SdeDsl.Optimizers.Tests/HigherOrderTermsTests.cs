using System;
using SdeDsl.TestSupport;
using Xunit;

namespace SdeDsl.Optimizers.Tests;

/// <summary>
/// Every catalog model's Milstein and weak-order-2 terms against central differences of its own drift and diffusion,
/// through <see cref="HigherOrderTermsCheck"/> (which states the method and its tolerance).
/// </summary>
public sealed class HigherOrderTermsTests
{
    public static TheoryData<string> Models() => new(
        "Sgd", "SignSgd", "SignSgdStudentT", "RmsProp", "RmsPropL2", "RmsPropW", "Adam", "AdamL2", "AdamW", "MalladiRmsProp", "MalladiAdam");

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedDerivativesMatchCentralDifferences(string name)
    {
        switch (name)
        {
            case "Sgd": HigherOrderTermsCheck.Check(new Sgd { Eta = 0.05 }); break;
            case "SignSgd": HigherOrderTermsCheck.Check(new SignSgd { Eta = 0.05 }); break;
            case "SignSgdStudentT": HigherOrderTermsCheck.Check(new SignSgdStudentT { Eta = 0.05, Nu = 3 }); break;
            case "RmsProp": HigherOrderTermsCheck.Check(new RmsProp { Eta = 0.01, Beta = 0.9, Eps = 1e-3 }); break;
            case "RmsPropL2": HigherOrderTermsCheck.Check(new RmsPropL2 { Eta = 0.01, Beta = 0.9, Eps = 1e-3, WeightDecay = 0.1 }); break;
            case "RmsPropW": HigherOrderTermsCheck.Check(new RmsPropW { Eta = 0.01, Beta = 0.9, Eps = 1e-3, WeightDecay = 0.1 }); break;
            case "Adam": HigherOrderTermsCheck.Check(new Adam { Eta = 0.01, Beta1 = 0.9, Beta2 = 0.99, Eps = 1e-3 }); break;
            case "AdamL2": HigherOrderTermsCheck.Check(new AdamL2 { Eta = 0.01, Beta1 = 0.9, Beta2 = 0.99, Eps = 1e-3, WeightDecay = 0.1 }); break;
            case "AdamW": HigherOrderTermsCheck.Check(new AdamW { Eta = 0.01, Beta1 = 0.9, Beta2 = 0.99, Eps = 1e-3, WeightDecay = 0.1 }); break;
            case "MalladiRmsProp": HigherOrderTermsCheck.Check(new MalladiRmsProp { Eta = 0.1, Beta = 0.99, Eps = 1e-3, Sigma0 = 0.1 }); break;
            case "MalladiAdam": HigherOrderTermsCheck.Check(new MalladiAdam { Eta = 0.1, Beta1 = 0.9, Beta2 = 0.99, Eps = 1e-3, Sigma0 = 0.1 }); break;
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown model.");
        }
    }

    [Fact]
    public void EveryCatalogSdeReadsGradAndSoNeedsTheHessian()
    {
        Assert.True(Sgd.NeedsHessian && SignSgd.NeedsHessian && SignSgdStudentT.NeedsHessian && RmsProp.NeedsHessian
            && RmsPropL2.NeedsHessian && RmsPropW.NeedsHessian && Adam.NeedsHessian && AdamL2.NeedsHessian && AdamW.NeedsHessian
            && MalladiRmsProp.NeedsHessian && MalladiAdam.NeedsHessian);
    }
}
