using System;
using Consumer;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;

// A project that has only the two packages: its own model's generated kernels, the ensemble engine, and the catalog.
// Each check prints one line and the exit code says whether all held.
int failures = 0;
void Check(bool ok, string what)
{
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
    failures += ok ? 0 : 1;
}

// 1. The generated step, in float: x ← x − η(g + γx).
var model = new SgdW { Eta = 0.1, WeightDecay = 0.5 };
float[] x = [1f, -2f, 4f, 0.5f, 3f, -1f, 2f, 8f, -4f];
float[] g = [0.5f, 0.5f, -1f, 2f, 0f, 1f, -3f, 0.25f, 1f];
float[] expected = new float[x.Length];
for (int i = 0; i < x.Length; i++)
{
    expected[i] = x[i] - (0.1f * (g[i] + (0.5f * x[i])));
}

new SgdW.Optimizer<float>(model, x.Length).Step(x, g);
double stepError = 0;
for (int i = 0; i < x.Length; i++)
{
    stepError = Math.Max(stepError, Math.Abs(x[i] - expected[i]));
}

Check(stepError < 1e-5, $"generated SgdW step: max |x − expected| = {stepError:E1}");

// 2. The SDE's ensemble on f(x) = x²/2 to T = 1: Euler–Maruyama's mean is exact for a linear drift, E X_n = x0 (1 − (λ + γ)η)^n.
var f = new DiagonalQuadratic(new[] { 1.0 });
const int steps = 10;
var options = new EnsembleOptions
{
    Paths = 20_000,
    Steps = steps,
    TimeStep = model.Eta,
    InitialX = [2.0],
    Seed = 11,
    RecordSteps = [steps],
    Observables = [Observable.Coordinate(0)],
};
RunningMoments mean = Ensemble.RunSde(model, f, new GaussianNoise(1.0, seed: 5), options).Moments(0, 0);
double predicted = 2.0 * Math.Pow(1 - (1.5 * model.Eta), steps);
double z = Math.Abs(mean.Mean - predicted) / mean.StandardError;
Check(z < 5, $"SDE ensemble: E X = {mean.Mean:F5} ± {mean.StandardError:F5}, predicted {predicted:F5} (z = {z:F2})");

// 3. The catalog: AdamW's first step moves every coordinate by η·sign(g) (bias-corrected m̂/√v̂ = g/|g|, no decay).
var adamW = new SdeDsl.Optimizers.AdamW { Eta = 0.01, Beta1 = 0.9, Beta2 = 0.999, Eps = 0, WeightDecay = 0 };
float[] parameters = [1f, 1f, 1f];
new SdeDsl.Optimizers.AdamW.Optimizer<float>(adamW, 3).Step(parameters, [2f, -0.5f, 8f]);
Check(Math.Abs(parameters[0] - 0.99f) < 1e-6 && Math.Abs(parameters[1] - 1.01f) < 1e-6 && Math.Abs(parameters[2] - 0.99f) < 1e-6,
    $"SdeDsl.Optimizers AdamW first step: {parameters[0]:F6} {parameters[1]:F6} {parameters[2]:F6}");

return failures == 0 ? 0 : 1;
