using SdeDsl.Noise;
using SdeDsl.Objectives;

namespace SdeDsl.Ensembles;

/// <summary>One discrete step: g = noise(∇f(x)), then the generated update. A single-precision chunk widens x for the
/// noise model and rounds its stochastic gradient (the double run's draws) to float for the float update.</summary>
internal readonly struct OptimizerStepper<TModel>(TModel model, IObjective objective, INoiseModel noise) : IChunkStepper
    where TModel : struct, IOptimizerModel<TModel>
{
    public void Step(Chunk chunk, long k)
    {
        if (chunk.IsSingle)
        {
            chunk.WidenX();
        }

        noise.StochasticGradient(objective, chunk.X, chunk.Gradient, chunk.FirstPath, k);
        if (chunk.IsSingle)
        {
            SingleConversion.Narrow(chunk.Gradient, chunk.SingleGradient);
            model.Step(chunk.SingleStates, chunk.SingleGradient, k);
        }
        else
        {
            model.Step(chunk.States, chunk.Gradient, k);
        }
    }

    public void ValidateNoise(double[] initialX) => noise.StochasticGradient(objective, initialX, new double[initialX.Length], 0, 1);
}
