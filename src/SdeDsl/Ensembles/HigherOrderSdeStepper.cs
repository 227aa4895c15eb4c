using System;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Ensembles;

/// <summary>
/// One step of the chosen integrator at t = t0 + (k − 1)·dt, with the Brownian increments of <see cref="SdeStepper{TModel}"/>
/// (the same ξ for every integrator, so runs of one seed differ only by the scheme), and the objective's diagonal
/// Hessian when the model's derivative terms read it.
/// </summary>
internal readonly struct HigherOrderSdeStepper<TModel>(
    TModel model, IObjective objective, INoiseModel noise, ulong seed, double startTime, double timeStep, int diffused, SdeIntegrator integrator)
    : IChunkStepper
    where TModel : struct, IHigherOrderSdeModel<TModel>
{
    private readonly PhiloxStream _brownian = new(seed, Ensemble.BrownianStream);

    public void ValidateNoise(double[] initialX) => noise.Sigma(objective, initialX, new double[initialX.Length]);

    public void Step(Chunk chunk, long k)
    {
        if (TModel.NeedsHessian)
        {
            objective.GradientAndDiagonalHessian(chunk.X, chunk.Gradient, chunk.Hessian);
        }
        else
        {
            objective.Gradient(chunk.X, chunk.Gradient);
        }

        noise.Sigma(objective, chunk.X, chunk.Sigma);
        SdeStepper<TModel>.FillIncrements(_brownian, chunk, k, diffused);
        double t = startTime + ((k - 1) * timeStep);
        switch (integrator)
        {
            case SdeIntegrator.Milstein:
                model.MilsteinStep(chunk.States.AsSpan(), chunk.Gradient, chunk.Hessian, chunk.Sigma, chunk.Noise, t, timeStep);
                break;
            case SdeIntegrator.WeakOrder2:
                model.WeakOrder2Step(chunk.States.AsSpan(), chunk.Gradient, chunk.Hessian, chunk.Sigma, chunk.Noise, t, timeStep);
                break;
            default:
                model.EulerMaruyamaStep(chunk.States.AsSpan(), chunk.Gradient, chunk.Sigma, chunk.Noise, t, timeStep);
                break;
        }
    }
}
