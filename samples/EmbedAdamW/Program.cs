using System;
using EmbedAdamW;

// Minimize f(x) = ½ Σ λ_i x_i² from noisy gradients g = λ x + N(0, σ²), with the generated AdamW step.
const int d = 1_000;
const double sigma = 0.1;
var random = new Random(42);
float[] x = new float[d];
float[] lambda = new float[d];
float[] g = new float[d];
for (int i = 0; i < d; i++)
{
    x[i] = 1;
    lambda[i] = 0.5f + (float)i / d;
}

var optimizer = new AdamW.Optimizer<float>(new AdamW { Eta = 1e-2, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0 }, d);
for (int step = 1; step <= 2_000; step++)
{
    for (int i = 0; i < d; i++)
    {
        g[i] = lambda[i] * x[i] + (float)(sigma * Normal(random));
    }

    optimizer.Step(x, g);
    if (step % 400 == 0)
    {
        Console.WriteLine($"step {optimizer.StepCount,5}: f(x) = {Loss(x, lambda):F6}");
    }
}

// Adam's SDE predicts a stationary loss of (η/4) Σ σ_i on a quadratic, whatever the curvature. The loss printed above
// rises toward it from below, as it should: v still remembers the large gradients of the first steps (β2 = 0.999
// forgets over ~1,000 steps), so √v̂ is large and the steps, and with them the noise in x, are small. As v decays to
// σ², the steps grow to their stationary size and the loss to its stationary level.
Console.WriteLine($"stationary loss predicted by the SDE: {0.01 / 4 * d * sigma:F6}");
Console.WriteLine("(the loss rises to it from below: early on, v's memory of the large first gradients keeps the steps small)");

static double Loss(float[] x, float[] lambda)
{
    double sum = 0;
    for (int i = 0; i < x.Length; i++)
    {
        sum += 0.5 * lambda[i] * x[i] * x[i];
    }

    return sum;
}

static double Normal(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
