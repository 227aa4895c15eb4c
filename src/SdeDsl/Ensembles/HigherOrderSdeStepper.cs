using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Ensembles;

/// <summary>
/// One step of the chosen integrator at t = t0 + (k − 1)·dt, with the Brownian increments of <see cref="BrownianIncrements"/>
/// (the same ξ for every integrator, so runs of one seed differ only by the scheme), and the objective's diagonal
/// Hessian when the model's derivative terms read it; in the chunk's precision.
/// </summary>
internal readonly struct HigherOrderSdeStepper<TModel>(
    TModel model, IObjective objective, INoiseModel noise, ulong seed, double startTime, double timeStep, int diffused, SdeIntegrator integrator)
    : IChunkStepper
    where TModel : struct, IHigherOrderSdeModel<TModel>
{
    private readonly PhiloxStream _brownian = new(seed, Ensemble.BrownianStream);
    private readonly SdeInputs _inputs = new(objective, noise);

    public void ValidateNoise(double[] initialX) => noise.Sigma(objective, initialX, new double[initialX.Length]);

    public void Step(Chunk chunk, long k)
    {
        _inputs.Evaluate(chunk, TModel.NeedsHessian);
        BrownianIncrements.Fill(_brownian, chunk, k, diffused);
        double t = startTime + ((k - 1) * timeStep);
        if (chunk.IsSingle)
        {
            StepSingle(chunk, t);
            return;
        }

        switch (integrator)
        {
            case SdeIntegrator.Milstein:
                model.MilsteinStep(chunk.States, chunk.Gradient, chunk.Hessian, chunk.Sigma, chunk.Noise, t, timeStep);
                break;
            case SdeIntegrator.WeakOrder2:
                model.WeakOrder2Step(chunk.States, chunk.Gradient, chunk.Hessian, chunk.Sigma, chunk.Noise, t, timeStep);
                break;
            default:
                model.EulerMaruyamaStep(chunk.States, chunk.Gradient, chunk.Sigma, chunk.Noise, t, timeStep);
                break;
        }
    }

    private void StepSingle(Chunk chunk, double t)
    {
        switch (integrator)
        {
            case SdeIntegrator.Milstein:
                model.MilsteinStep(chunk.SingleStates, chunk.SingleGradient, chunk.SingleHessian, chunk.SingleSigma, chunk.SingleNoise, t, timeStep);
                break;
            case SdeIntegrator.WeakOrder2:
                model.WeakOrder2Step(chunk.SingleStates, chunk.SingleGradient, chunk.SingleHessian, chunk.SingleSigma, chunk.SingleNoise, t, timeStep);
                break;
            default:
                model.EulerMaruyamaStep(chunk.SingleStates, chunk.SingleGradient, chunk.SingleSigma, chunk.SingleNoise, t, timeStep);
                break;
        }
    }
}
