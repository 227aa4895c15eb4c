using System;
using CheckSdeModel;
using SdeDsl.Checks;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;

// Checks a newly declared optimizer SDE against its update, in two steps:
// 1. one-step moment matching (docs/math.md §Weak approximation): at a typical state, E[Δx] against drift·η and Var[Δx] against diffusion²·η;
// 2. ensembles: E f of the optimizer after T/η steps against E f of the SDE at T, by the generated weak-order-2 step.
const double eta = 0.01, gamma = 0.5, sigma = 1.0;
var model = new SignSgdW { Eta = eta, WeightDecay = gamma };
var f = new DiagonalQuadratic(new[] { 1.0, 2.0, 4.0, 8.0 });

double[] state = MomentMatching.WarmUp(model, new[] { 1.0, -1.0, 0.5, 2.0 }, f, new GaussianNoise(sigma, seed: 1), steps: 50);
MomentMatchingReport report = MomentMatching.Check(model, state, f, new GaussianNoise(sigma, seed: 2),
    new MomentMatchingOptions { Samples = 1_000_000, TimeStep = eta, Step = 51 });
Console.WriteLine(report);

// The SDE claims weak order 1: the gap between the two ensembles' E f should halve with η.
foreach (double step in new[] { eta, eta / 2 })
{
    var halved = new SignSgdW { Eta = step, WeightDecay = gamma };
    long steps = (long)Math.Round(5 / step);   // T = 5
    var options = new EnsembleOptions
    {
        Paths = 20_000,
        Steps = steps,
        TimeStep = step,
        InitialX = new[] { 1.0, -1.0, 0.5, 2.0 },
        Seed = 7,
        RecordSteps = new[] { steps / 5, steps },
        Observables = new[] { Observable.Loss },
    };
    EnsembleResult optimizer = Ensemble.RunOptimizer(halved, f, new GaussianNoise(sigma, seed: 3), options);
    EnsembleResult sde = Ensemble.RunSde(halved, f, new GaussianNoise(sigma, seed: 3), options, SdeIntegrator.WeakOrder2);
    for (int record = 0; record < 2; record++)
    {
        RunningMoments a = optimizer.Moments(0, record), b = sde.Moments(0, record);
        double se = Math.Sqrt((a.StandardError * a.StandardError) + (b.StandardError * b.StandardError));
        Console.WriteLine($"η = {step}, t = {sde.TimeOf(record)}: E f optimizer {a.Mean:E4}, SDE {b.Mean:E4}, gap {b.Mean - a.Mean:E2} ± {se:E1}");
    }
}
