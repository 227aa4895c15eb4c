using System;
using SdeDsl.Objectives;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Noise;

/// <summary>
/// Gaussian gradient noise with diagonal covariance (docs/math.md §Setting): g = ∇f(x) + Z, Z ~ N(0, Σ),
/// Σ = diag(σ_1², …, σ_d²); Z_i = σ_i·N_i with N_i element i of the standard normals
/// (<see cref="PhiloxStream.FillNormal(Span{double}, long, long, long)"/>) of (path, step) in stream
/// (<see cref="Seed"/>, <see cref="StreamId"/>). <see cref="Sigma(IObjective, ReadOnlySpan{double}, Span{double})"/> writes σ_i.
/// </summary>
/// <remarks>
/// A minibatch of size B of such per-example noise has covariance Σ/B: use <see cref="ForBatchSize"/>. Immutable and
/// allocation-free per call (normals are drawn in chunks into a stack buffer), so one instance may serve several
/// threads at once; results depend only on (seed, stream id, path, step, coordinate), never on the partition of paths.
/// </remarks>
public sealed class GaussianNoise : ISinglePrecisionNoiseModel, IStateIndependentScales
{
    private readonly double[] _sigma;
    private readonly float[] _sigmaSingle;
    private readonly PhiloxStream _stream;

    /// <summary>Isotropic noise: σ_i = <paramref name="sigma"/> in every coordinate, whatever the dimension.</summary>
    /// <param name="sigma">The standard deviation σ ≥ 0, finite.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="streamId">The stream id within the seed (see <see cref="PhiloxStream"/>).</param>
    public GaussianNoise(double sigma, ulong seed, uint streamId = 0)
        : this([NoiseArguments.Scale(sigma, nameof(sigma))], new PhiloxStream(seed, streamId))
    {
    }

    /// <summary>Diagonal noise: σ_i = <paramref name="sigma"/>[i]; the objective's dimension must be its length.</summary>
    /// <param name="sigma">The standard deviations σ_1 … σ_d, each ≥ 0 and finite.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="streamId">The stream id within the seed (see <see cref="PhiloxStream"/>).</param>
    public GaussianNoise(ReadOnlySpan<double> sigma, ulong seed, uint streamId = 0)
        : this(NoiseArguments.Scales(sigma, nameof(sigma)), new PhiloxStream(seed, streamId))
    {
    }

    private GaussianNoise(double[] sigma, PhiloxStream stream)
    {
        _sigma = sigma;
        _sigmaSingle = ScaledNoise.Narrow(sigma);
        _stream = stream;
    }

    /// <summary>The standard deviations σ_i (one entry when isotropic).</summary>
    public ReadOnlySpan<double> Scales => _sigma;

    /// <summary>The generator's seed.</summary>
    public ulong Seed => _stream.Seed;

    /// <summary>The stream id within the seed.</summary>
    public uint StreamId => _stream.StreamId;

    /// <summary>
    /// The noise of a mean over a minibatch of <paramref name="batchSize"/> independent draws: covariance Σ/B, i.e.
    /// σ_i/√B, with the same seed and stream.
    /// </summary>
    /// <param name="batchSize">The batch size B ≥ 1.</param>
    /// <returns>A Gaussian noise model with scales σ_i/√B.</returns>
    public GaussianNoise ForBatchSize(int batchSize)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size B must be ≥ 1.");
        }

        double[] scaled = new double[_sigma.Length];
        double factor = 1.0 / Math.Sqrt(batchSize);
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] = _sigma[i] * factor;
        }

        return new GaussianNoise(scaled, _stream);
    }

    /// <summary>g = ∇f(x) + σ ⊙ N at each point; N element-wise standard normal, a pure function of
    /// (seed, stream id, path, step, coordinate).</summary>
    /// <param name="objective">The objective f (dimension d = 1 or the number of scales).</param>
    /// <param name="x">The points of paths <paramref name="firstPath"/>, … (length a multiple of d).</param>
    /// <param name="g">Receives the stochastic gradients (same length as <paramref name="x"/>).</param>
    /// <param name="firstPath">The path index of the first point, ≥ 0.</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    public void StochasticGradient(IObjective objective, ReadOnlySpan<double> x, Span<double> g, long firstPath, long step)
    {
        int points = NoiseArguments.Points(objective, x, g.Length, nameof(g), _sigma.Length);
        NoiseArguments.PathAndStep(firstPath, points, step);
        objective.Gradient(x, g);
        ScaledNoise.Add(_stream, double.NaN, _sigma, g, objective.Dimension, firstPath, step);
    }

    /// <summary>Writes σ_i at every coordinate of every point.</summary>
    /// <param name="objective">The objective f (for its dimension).</param>
    /// <param name="x">The points (length a multiple of d).</param>
    /// <param name="sigma">Receives σ_i (same length as <paramref name="x"/>).</param>
    public void Sigma(IObjective objective, ReadOnlySpan<double> x, Span<double> sigma)
    {
        NoiseArguments.Points(objective, x, sigma.Length, nameof(sigma), _sigma.Length);
        ScaledNoise.Write<double>(_sigma, sigma, objective.Dimension);
    }

    /// <summary>Writes σ_i, rounded to float, at every coordinate of every float point.</summary>
    /// <param name="objective">The objective f (for its dimension).</param>
    /// <param name="x">The points (length a multiple of d).</param>
    /// <param name="sigma">Receives (float)σ_i (same length as <paramref name="x"/>).</param>
    public void Sigma(IObjective objective, ReadOnlySpan<float> x, Span<float> sigma)
    {
        NoiseArguments.Points(objective, x, sigma.Length, nameof(sigma), _sigma.Length);
        ScaledNoise.Write<float>(_sigmaSingle, sigma, objective.Dimension);
    }
}
