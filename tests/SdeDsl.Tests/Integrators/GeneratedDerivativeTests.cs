using SdeDsl.TestSupport;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests.Integrators;

/// <summary>
/// The Milstein and weak-order-2 terms of the test models against central differences of their own drift and
/// diffusion (<see cref="HigherOrderTermsCheck"/>): every intrinsic's derivative rule, the chain rule through grad,
/// the time derivative of a derived method, and a two-state model with conditionals.
/// </summary>
public sealed class GeneratedDerivativeTests
{
    [Fact]
    public void EveryIntrinsicIsDifferentiatedCorrectly() => HigherOrderTermsCheck.Check(new EveryIntrinsic { P = 1.5, Nu = 3 });

    [Fact]
    public void GeometricBrownianMotionTerms() => HigherOrderTermsCheck.Check(new GeometricBrownianMotion { Mu = 0.5, S = 0.8 });

    [Fact]
    public void ChainRuleThroughTheHessian() => HigherOrderTermsCheck.Check(new GradientDrivenGbm { S = 0.7 });

    [Fact]
    public void TimeDerivativeOfADerivedMethod() => HigherOrderTermsCheck.Check(new TimeDependentOu { A = 2, S = 0.5 });

    [Fact]
    public void TwoStatesWithConditionalsAndLocals() => HigherOrderTermsCheck.Check(new ClippedMomentum { Eta = 0.05, Beta = 0.9, Clip = 0.8 });
}
