using System;
using SdeDsl.Noise;
using SdeDsl.Objectives;

namespace SdeDsl.Ensembles;

/// <summary>One discrete step: g = noise(∇f(x)), then the generated update.</summary>
internal readonly struct OptimizerStepper<TModel>(TModel model, IObjective objective, INoiseModel noise) : IChunkStepper
    where TModel : struct, IOptimizerModel<TModel>
{
    public void Step(Chunk chunk, long k)
    {
        noise.StochasticGradient(objective, chunk.X, chunk.Gradient, chunk.FirstPath, k);
        model.Step(chunk.States.AsSpan(), chunk.Gradient, k);
    }

    public void ValidateNoise(double[] initialX) => noise.StochasticGradient(objective, initialX, new double[initialX.Length], 0, 1);
}
