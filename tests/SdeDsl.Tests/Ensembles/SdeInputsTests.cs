using System;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using Xunit;

namespace SdeDsl.Tests.Ensembles;

/// <summary>
/// An ensemble writes the σ of a noise model whose σ does not depend on the state (Gaussian, Student-t) once per chunk,
/// and asks any other model at every step. The checks mark the σ buffer after the first evaluation and look whether
/// the next one wrote over the mark.
/// </summary>
public sealed class SdeInputsTests
{
    private const int Paths = 3, D = 4;

    private static readonly DiagonalQuadratic Objective = new([1.0, 2.0, 3.0, 4.0]);

    [Theory]
    [InlineData(EnsemblePrecision.Double)]
    [InlineData(EnsemblePrecision.Single)]
    public void ConstantScalesAreWrittenOncePerChunk(EnsemblePrecision precision)
    {
        var noise = new GaussianNoise([0.5, 1.0, 2.0, 4.0], seed: 1);
        var chunk = new Chunk(0, Paths, D, stateCount: 1, diffusedCount: 1, precision: precision);
        var inputs = new SdeInputs(Objective, noise);

        inputs.Evaluate(chunk, withHessian: false);
        Assert.Equal(2.0, SigmaAt(chunk, D + 2));
        Mark(chunk);
        inputs.Evaluate(chunk, withHessian: false);
        Assert.Equal(-1.0, SigmaAt(chunk, 0));

        // Another model, even of the same kind, writes its own.
        new SdeInputs(Objective, new GaussianNoise(3.0, seed: 1)).Evaluate(chunk, withHessian: false);
        Assert.Equal(3.0, SigmaAt(chunk, 0));
    }

    [Theory]
    [InlineData(EnsemblePrecision.Double)]
    [InlineData(EnsemblePrecision.Single)]
    public void OtherModelsAreAskedAtEveryStep(EnsemblePrecision precision)
    {
        var chunk = new Chunk(0, Paths, D, stateCount: 1, diffusedCount: 1, precision: precision);
        var inputs = new SdeInputs(Objective, new ConstantButUnmarked());

        inputs.Evaluate(chunk, withHessian: false);
        Mark(chunk);
        inputs.Evaluate(chunk, withHessian: false);
        Assert.Equal(0.25, SigmaAt(chunk, 0));
    }

    private static void Mark(Chunk chunk)
    {
        chunk.Sigma[0] = -1.0;
        if (chunk.IsSingle)
        {
            chunk.SingleSigma[0] = -1f;
        }
    }

    private static double SigmaAt(Chunk chunk, int element) => chunk.IsSingle ? chunk.SingleSigma[element] : chunk.Sigma[element];

    /// <summary>A model outside the library with a constant σ: the engine cannot know that it is constant.</summary>
    private sealed class ConstantButUnmarked : INoiseModel
    {
        public void StochasticGradient(IObjective objective, ReadOnlySpan<double> x, Span<double> g, long firstPath, long step) =>
            objective.Gradient(x, g);

        public void Sigma(IObjective objective, ReadOnlySpan<double> x, Span<double> sigma) => sigma.Fill(0.25);
    }
}
