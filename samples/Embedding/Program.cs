using System;
using Embedding;
using SdeDsl.Optimizers;

// Data: y = w*·a + b* + 0.1 ε, 2,000 rows of 8 features. Training: minibatches of 32 rows, AdamW from the catalog.
const int rows = 2_000, features = 8, batchSize = 32;
var random = new Random(1);
float[] trueWeights = new float[features];
for (int j = 0; j < features; j++)
{
    trueWeights[j] = j - 3.5f;
}

const float trueBias = 2f;
float[][] inputs = new float[rows][];
float[] targets = new float[rows];
for (int row = 0; row < rows; row++)
{
    inputs[row] = new float[features];
    float y = trueBias + (0.1f * (float)((random.NextDouble() * 2) - 1));
    for (int j = 0; j < features; j++)
    {
        inputs[row][j] = (float)((random.NextDouble() * 2) - 1);
        y += trueWeights[j] * inputs[row][j];
    }

    targets[row] = y;
}

var model = new LinearRegression(features, new AdamW { Eta = 0.01, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0 });
int[] batch = new int[batchSize];
for (int epoch = 1; epoch <= 20; epoch++)
{
    for (int start = 0; start + batchSize <= rows; start += batchSize)
    {
        for (int i = 0; i < batchSize; i++)
        {
            batch[i] = random.Next(rows);
        }

        model.TrainStep(inputs, targets, batch);
    }

    if (epoch == 1 || epoch % 5 == 0)
    {
        Console.WriteLine($"epoch {epoch,2}: loss {model.Loss(inputs, targets):F5}");
    }
}

double worst = 0;
for (int j = 0; j < features; j++)
{
    worst = Math.Max(worst, Math.Abs(model.Parameters[j] - trueWeights[j]));
}

Console.WriteLine($"largest weight error {worst:F3}, bias {model.Parameters[features]:F3} (true {trueBias})");
Console.WriteLine($"noise floor: ½ E[(0.1 ε)²] = {0.5 * 0.01 / 3:F5} for ε uniform on [−1, 1]");
