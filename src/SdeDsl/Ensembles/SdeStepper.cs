using System;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Ensembles;

/// <summary>
/// One Euler–Maruyama step at t = t0 + (k − 1)·dt: grad = ∇f(X), sigma from the noise model, ξ from the Brownian
/// stream. The increment of path p, step k, diffused component j, coordinate i is element
/// j·G·d + (p mod G)·d + i of stream path ⌊p/G⌋ (G = <see cref="PathsPerStreamPath"/>): a pure function of
/// (seed, p, k, j, i) whatever the chunking, and one fill serves a run of consecutive paths (Philox makes values in
/// tiles of 32 doubles, so filling path by path would waste most of each tile when d is small).
/// </summary>
internal readonly struct SdeStepper<TModel>(TModel model, IObjective objective, INoiseModel noise, ulong seed, double startTime, double timeStep, int diffused)
    : IChunkStepper
    where TModel : struct, ISdeModel<TModel>
{
    public const int PathsPerStreamPath = 256;

    private readonly PhiloxStream _brownian = new(seed, Ensemble.BrownianStream);

    public void ValidateNoise(double[] initialX) => noise.Sigma(objective, initialX, new double[initialX.Length]);

    public void Step(Chunk chunk, long k)
    {
        objective.Gradient(chunk.X, chunk.Gradient);
        noise.Sigma(objective, chunk.X, chunk.Sigma);
        FillIncrements(_brownian, chunk, k, diffused);
        model.EulerMaruyamaStep(chunk.States.AsSpan(), chunk.Gradient, chunk.Sigma, chunk.Noise, startTime + ((k - 1) * timeStep), timeStep);
    }

    /// <summary>Fills <see cref="Chunk.Noise"/> with the increments of step <paramref name="k"/> in the layout above.</summary>
    internal static void FillIncrements(PhiloxStream brownian, Chunk chunk, long k, int diffused)
    {
        int d = chunk.Dimension, n = chunk.Elements;
        for (int j = 0; j < diffused; j++)
        {
            int end = chunk.FirstPath + chunk.Paths;
            for (int path = chunk.FirstPath; path < end;)
            {
                int group = path / PathsPerStreamPath;
                int runEnd = Math.Min((group + 1) * PathsPerStreamPath, end);
                brownian.FillNormal(
                    chunk.Noise.AsSpan((j * n) + ((path - chunk.FirstPath) * d), (runEnd - path) * d),
                    group,
                    k,
                    (((long)j * PathsPerStreamPath) + (path % PathsPerStreamPath)) * d);
                path = runEnd;
            }
        }
    }
}
