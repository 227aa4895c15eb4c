using System;
using SdeDsl.Ensembles;
using SdeDsl.Statistics;
using Xunit;
using Xunit.Abstractions;
using static SdeDsl.Optimizers.Tests.Theory.StationaryLoss;

namespace SdeDsl.Optimizers.Tests.Theory;

/// <summary>
/// Is float enough for the stationary losses of docs/math.md? Four of the catalog's stationary-loss checks (SignSGD,
/// SGD, AdamW and RMSpropW, each with the runs, seeds and sample sizes of its own test: 32,768, 65,536, 8,192 and 8,192
/// copies of the 1-D chain) run in single precision and in double. The float run must pass the same closed-form check
/// as the double one (|measured − predicted| ≤ max(5·SE, 3 %)), and it must agree with the double run to within one
/// standard error of the double run: the two runs share every draw (the float run's are the double run's, rounded), so
/// their difference is the rounding error accumulated along the paths alone, and float is enough when that error stays
/// below the statistical error a reported mean ± SE already carries. One SE is also far tighter than the 5 SE of two
/// independent runs: an engine whose float runs drew other numbers would differ by about √2 SE and fail here.
/// </summary>
public sealed class SinglePrecisionStationaryLossTests(ITestOutputHelper output)
{
    public static TheoryData<string> Checks => new() { "SignSGD σ=1", "SGD", "AdamW σ=1 γ=1", "RMSpropW σ=1 γ=1" };

    [Theory]
    [MemberData(nameof(Checks))]
    public void FloatAgreesWithDoubleWithinOneStandardError(string check)
    {
        (Func<EnsemblePrecision, RunningMoments> run, double predicted) = check switch
        {
            "SignSGD σ=1" => ((Func<EnsemblePrecision, RunningMoments>)(p => StationaryLossTheoryTests.SignSgdStationaryLoss(1.0, p)),
                StationaryLossTheoryTests.SignSgdPredicted(1.0)),
            "SGD" => (StationaryLossTheoryTests.SgdStationaryLoss, StationaryLossTheoryTests.SgdPredicted),
            "AdamW σ=1 γ=1" => (p => StationaryLossTheoryTests.AdamWStationaryLoss(1e-3, 0.9, 0.999, 1.0, 1.0, seed: 104, p),
                WeightDecayTheoryTests.Predicted(1e-3, 1.0, 1.0)),
            _ => (p => WeightDecayTheoryTests.RmsPropWStationaryLoss(1.0, 1.0, output, p), WeightDecayTheoryTests.Predicted(1e-3, 1.0, 1.0)),
        };

        RunningMoments single = run(EnsemblePrecision.Single), reference = run(EnsemblePrecision.Double);
        AssertWithin(single, predicted, $"{check}, float", output);
        double difference = single.Mean - reference.Mean;
        output.WriteLine($"{check}: float {single.Mean:E6}, double {reference.Mean:E6} ± {reference.StandardError:E2} (SE, {reference.Count} paths); "
            + $"float − double = {difference:E2} = {difference / reference.StandardError:G2} SE");
        Assert.True(Math.Abs(difference) <= reference.StandardError,
            $"{check}: float {single.Mean:E6} − double {reference.Mean:E6} = {difference:E2} exceeds one SE {reference.StandardError:E2}");
    }
}
