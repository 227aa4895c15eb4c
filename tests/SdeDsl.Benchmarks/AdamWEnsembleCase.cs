using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Tests.Models;

namespace SdeDsl.Benchmarks;

/// <summary>The ensemble benchmarks' case (<c>--ensemble</c>, <c>--ensemble-phases</c>): AdamW (η = 1e-3, β1 = 0.9,
/// β2 = 0.999, ε = 1e-8, decay 0.01) on a diagonal quadratic with λ_i = 0.5 + i/d, Gaussian noise σ = 1.</summary>
internal static class AdamWEnsembleCase
{
    /// <summary>The dimension d.</summary>
    public const int Dimension = 16;

    public static AdamW Model => new() { Eta = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0.01 };

    public static GaussianNoise Noise() => new(1.0, seed: 11);

    public static DiagonalQuadratic Objective()
    {
        var lambda = new double[Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            lambda[i] = 0.5 + (i / (double)Dimension);
        }

        return new DiagonalQuadratic(lambda);
    }
}
