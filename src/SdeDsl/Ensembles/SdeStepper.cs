using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Ensembles;

/// <summary>
/// One Euler–Maruyama step at t = t0 + (k − 1)·dt: grad = ∇f(X), sigma from the noise model, ξ from the Brownian
/// stream (<see cref="BrownianIncrements"/>), in the chunk's precision.
/// </summary>
internal readonly struct SdeStepper<TModel>(TModel model, IObjective objective, INoiseModel noise, ulong seed, double startTime, double timeStep, int diffused)
    : IChunkStepper
    where TModel : struct, ISdeModel<TModel>
{
    private readonly PhiloxStream _brownian = new(seed, Ensemble.BrownianStream);
    private readonly SdeInputs _inputs = new(objective, noise);

    public void ValidateNoise(double[] initialX) => noise.Sigma(objective, initialX, new double[initialX.Length]);

    public void Step(Chunk chunk, long k)
    {
        _inputs.Evaluate(chunk, withHessian: false);
        BrownianIncrements.Fill(_brownian, chunk, k, diffused);
        double t = startTime + ((k - 1) * timeStep);
        if (chunk.IsSingle)
        {
            model.EulerMaruyamaStep(chunk.SingleStates, chunk.SingleGradient, chunk.SingleSigma, chunk.SingleNoise, t, timeStep);
        }
        else
        {
            model.EulerMaruyamaStep(chunk.States, chunk.Gradient, chunk.Sigma, chunk.Noise, t, timeStep);
        }
    }
}
