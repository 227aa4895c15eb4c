using System;
using SdeDsl.Optimizers;

namespace Embedding;

/// <summary>
/// A small training library: least-squares linear regression y ≈ w·a + b, trained by minibatches. The optimizer step is
/// the generated <see cref="AdamW.Optimizer{T}"/>, which owns m, v and the step count and updates all parameters in one
/// fused pass; this class only computes gradients.
/// </summary>
public sealed class LinearRegression
{
    private readonly float[] _parameters;   // w_0 … w_{d−1}, then the bias b
    private readonly float[] _gradient;
    private readonly AdamW.Optimizer<float> _optimizer;

    /// <summary>A model of <paramref name="features"/> weights and a bias, all zero, trained by AdamW.</summary>
    public LinearRegression(int features, AdamW hyperparameters)
    {
        _parameters = new float[features + 1];
        _gradient = new float[features + 1];
        _optimizer = new AdamW.Optimizer<float>(hyperparameters, _parameters.Length);
    }

    /// <summary>The weights, then the bias.</summary>
    public ReadOnlySpan<float> Parameters => _parameters;

    /// <summary>One step on the rows <paramref name="batch"/> of (<paramref name="inputs"/>, <paramref name="targets"/>):
    /// the gradient of the batch's mean squared error ½ mean (w·a + b − y)², then the optimizer's step.</summary>
    public void TrainStep(float[][] inputs, float[] targets, ReadOnlySpan<int> batch)
    {
        Array.Clear(_gradient);
        int bias = _parameters.Length - 1;
        foreach (int row in batch)
        {
            float error = Predict(inputs[row]) - targets[row];
            for (int j = 0; j < bias; j++)
            {
                _gradient[j] += error * inputs[row][j] / batch.Length;
            }

            _gradient[bias] += error / batch.Length;
        }

        _optimizer.Step(_parameters, _gradient);
    }

    /// <summary>w·a + b.</summary>
    public float Predict(ReadOnlySpan<float> input)
    {
        int bias = _parameters.Length - 1;
        float sum = _parameters[bias];
        for (int j = 0; j < bias; j++)
        {
            sum += _parameters[j] * input[j];
        }

        return sum;
    }

    /// <summary>½ mean (w·a + b − y)² over all rows.</summary>
    public double Loss(float[][] inputs, float[] targets)
    {
        double sum = 0;
        for (int row = 0; row < inputs.Length; row++)
        {
            double error = Predict(inputs[row]) - targets[row];
            sum += 0.5 * error * error;
        }

        return sum / inputs.Length;
    }
}
