using System;
using SdeDsl.Objectives;

namespace SdeDsl.Noise;

/// <summary>Argument checks shared by the noise models; each throws an <see cref="ArgumentException"/> naming the
/// argument and the expected value.</summary>
internal static class NoiseArguments
{
    /// <summary>The number of variates drawn per chunk into a stack buffer.</summary>
    public const int ChunkLength = 256;

    public static double[] Scales(ReadOnlySpan<double> sigma, string name)
    {
        if (sigma.IsEmpty)
        {
            throw new ArgumentException("At least one scale σ_i is required.", name);
        }

        for (int i = 0; i < sigma.Length; i++)
        {
            Scale(sigma[i], name);
        }

        return sigma.ToArray();
    }

    public static double Scale(double sigma, string name)
    {
        if (!(sigma >= 0.0) || double.IsPositiveInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(name, sigma, "Every noise scale σ must be finite and ≥ 0.");
        }

        return sigma;
    }

    /// <summary>Checks the objective, the flat point layout and the output length; returns the number of points.</summary>
    public static int Points<T>(IObjective objective, ReadOnlySpan<T> x, int outputLength, string outputName, int scaleCount)
    {
        ArgumentNullException.ThrowIfNull(objective);
        int d = objective.Dimension;
        if (d <= 0)
        {
            throw new ArgumentException($"The objective's dimension must be ≥ 1, not {d}.", nameof(objective));
        }

        if (scaleCount != 1 && scaleCount != d)
        {
            throw new ArgumentException(
                $"The noise model has {scaleCount} scales σ_i but the objective's dimension is {d}: give it "
                + (d == 1 ? "1 scale." : $"1 scale or {d}."),
                nameof(objective));
        }

        if (x.Length % d != 0)
        {
            throw new ArgumentException($"x.Length = {x.Length} must be a multiple of the dimension d = {d}.", nameof(x));
        }

        if (outputLength != x.Length)
        {
            throw new ArgumentException($"{outputName}.Length = {outputLength} must equal x.Length = {x.Length}.", outputName);
        }

        return x.Length / d;
    }

    public static void PathAndStep(long firstPath, int points, long step)
    {
        if (firstPath < 0 || firstPath + points - 1 > RandomNumbers.PhiloxStream.MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(firstPath), firstPath, "Paths firstPath … firstPath + count − 1 must lie in [0, 2^32).");
        }

        if ((ulong)step > RandomNumbers.PhiloxStream.MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must lie in [0, 2^32).");
        }
    }
}
