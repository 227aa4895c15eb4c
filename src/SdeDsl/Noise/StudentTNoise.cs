using System;
using SdeDsl.Objectives;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Noise;

/// <summary>
/// Heavy-tailed gradient noise (docs/math.md §Setting): g = ∇f(x) + Z, Z_i = σ_i·T_i, T_i i.i.d. Student-t with ν degrees of
/// freedom (element i of <see cref="PhiloxStream.FillStudentT(Span{double}, double, long, long, long)"/> of
/// (path, step)). ν ≤ 2 has infinite variance and ν = 1 is Cauchy; <see cref="Sigma(IObjective, ReadOnlySpan{double}, Span{double})"/> writes the scale σ_i, not a
/// standard deviation.
/// </summary>
/// <remarks>Immutable and allocation-free per call; safe to share between threads; results depend only on
/// (seed, stream id, path, step, coordinate).</remarks>
public sealed class StudentTNoise : ISinglePrecisionNoiseModel, IStateIndependentScales
{
    private readonly double[] _sigma;
    private readonly float[] _sigmaSingle;
    private readonly PhiloxStream _stream;

    /// <summary>Isotropic Student-t noise: scale σ in every coordinate.</summary>
    /// <param name="nu">The degrees of freedom ν &gt; 0 (any real; +∞ gives Gaussian noise).</param>
    /// <param name="sigma">The scale σ ≥ 0, finite.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="streamId">The stream id within the seed (see <see cref="PhiloxStream"/>).</param>
    public StudentTNoise(double nu, double sigma, ulong seed, uint streamId = 0)
        : this(nu, [NoiseArguments.Scale(sigma, nameof(sigma))], seed, streamId)
    {
    }

    /// <summary>Student-t noise with a scale per coordinate; the objective's dimension must be the length of
    /// <paramref name="sigma"/>.</summary>
    /// <param name="nu">The degrees of freedom ν &gt; 0 (any real; +∞ gives Gaussian noise).</param>
    /// <param name="sigma">The scales σ_1 … σ_d, each ≥ 0 and finite.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="streamId">The stream id within the seed (see <see cref="PhiloxStream"/>).</param>
    public StudentTNoise(double nu, ReadOnlySpan<double> sigma, ulong seed, uint streamId = 0)
        : this(nu, NoiseArguments.Scales(sigma, nameof(sigma)), seed, streamId)
    {
    }

    private StudentTNoise(double nu, double[] sigma, ulong seed, uint streamId)
    {
        if (!(nu > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), nu, "The degrees of freedom ν must be > 0.");
        }

        Nu = nu;
        _sigma = sigma;
        _sigmaSingle = ScaledNoise.Narrow(sigma);
        _stream = new PhiloxStream(seed, streamId);
    }

    /// <summary>The degrees of freedom ν.</summary>
    public double Nu { get; }

    /// <summary>The scales σ_i (one entry when isotropic).</summary>
    public ReadOnlySpan<double> Scales => _sigma;

    /// <summary>The generator's seed.</summary>
    public ulong Seed => _stream.Seed;

    /// <summary>The stream id within the seed.</summary>
    public uint StreamId => _stream.StreamId;

    /// <summary>g = ∇f(x) + σ ⊙ T at each point; T element-wise Student-t(ν), a pure function of
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
        ScaledNoise.Add(_stream, Nu, _sigma, g, objective.Dimension, firstPath, step);
    }

    /// <summary>Writes the scale σ_i at every coordinate of every point.</summary>
    /// <param name="objective">The objective f (for its dimension).</param>
    /// <param name="x">The points (length a multiple of d).</param>
    /// <param name="sigma">Receives σ_i (same length as <paramref name="x"/>).</param>
    public void Sigma(IObjective objective, ReadOnlySpan<double> x, Span<double> sigma)
    {
        NoiseArguments.Points(objective, x, sigma.Length, nameof(sigma), _sigma.Length);
        ScaledNoise.Write<double>(_sigma, sigma, objective.Dimension);
    }

    /// <summary>Writes the scale σ_i, rounded to float, at every coordinate of every float point.</summary>
    /// <param name="objective">The objective f (for its dimension).</param>
    /// <param name="x">The points (length a multiple of d).</param>
    /// <param name="sigma">Receives (float)σ_i (same length as <paramref name="x"/>).</param>
    public void Sigma(IObjective objective, ReadOnlySpan<float> x, Span<float> sigma)
    {
        NoiseArguments.Points(objective, x, sigma.Length, nameof(sigma), _sigma.Length);
        ScaledNoise.Write<float>(_sigmaSingle, sigma, objective.Dimension);
    }
}
