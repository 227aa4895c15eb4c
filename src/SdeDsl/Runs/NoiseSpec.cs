using System;
using SdeDsl.Noise;

namespace SdeDsl.Runs;

/// <summary>
/// A gradient-noise model written as a short string:
/// <list type="bullet">
/// <item><c>gaussian:σ</c> or <c>gaussian:σ1,σ2,…</c> — Z ~ N(0, diag σ²) (<see cref="GaussianNoise"/>; one σ for
/// every coordinate, or one per coordinate; <c>σ*n</c> repeats);</item>
/// <item><c>student-t:ν:σ</c> (σ a list as above) — Z_i = σ_i T_i, T_i Student-t with ν &gt; 0 degrees of freedom
/// (<see cref="StudentTNoise"/>);</item>
/// <item><c>minibatch:B</c> — the mean of B per-example gradients of a finite-sum objective (logistic, mlp)
/// (<see cref="MinibatchNoise"/>).</item>
/// </list>
/// The seed is not part of the spec: it is the run's.
/// </summary>
public static class NoiseSpec
{
    /// <summary>The grammar, for messages and help.</summary>
    public const string Grammar = "gaussian:σ[,σ2,…] | student-t:ν:σ[,σ2,…] | minibatch:B";

    /// <summary>Builds the noise model a spec describes, drawing from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The spec is malformed or a value is out of range.</exception>
    public static INoiseModel Create(string spec, ulong seed, string argument = "noise")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var reader = new SpecReader(spec, argument, Grammar);
        switch (reader.Kind)
        {
            case "gaussian":
                reader.RequireParts(2, 2);
                double[] sigma = reader.List(1, "σ", 0, exclusiveMin: true);
                return sigma.Length == 1 ? new GaussianNoise(sigma[0], seed) : new GaussianNoise(sigma, seed);
            case "student-t":
                reader.RequireParts(3, 3);
                double nu = reader.Number(1, "ν", 0, exclusiveMin: true);
                double[] scales = reader.List(2, "σ", 0, exclusiveMin: true);
                return scales.Length == 1 ? new StudentTNoise(nu, scales[0], seed) : new StudentTNoise(nu, scales, seed);
            case "minibatch":
                reader.RequireParts(2, 2);
                return new MinibatchNoise(reader.Integer(1, "B", 1), seed);
            default:
                throw reader.Error($"unknown noise model '{reader.Parts[0]}'");
        }
    }
}
