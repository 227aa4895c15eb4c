using System;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Noise;

/// <summary>
/// Adds σ_i·Z_i to each coordinate of each point, Z_i element i of the variates of (path, step) in a
/// <see cref="PhiloxStream"/>: standard normals, or Student-t with ν degrees of freedom. The variates are drawn in
/// chunks of <see cref="NoiseArguments.ChunkLength"/> into a stack buffer: no heap allocation, no shared state.
/// </summary>
internal static class ScaledNoise
{
    public static void Add(PhiloxStream stream, double nu, ReadOnlySpan<double> sigma, Span<double> g, int d, long firstPath, long step)
    {
        Span<double> z = stackalloc double[NoiseArguments.ChunkLength];
        int points = g.Length / d;
        for (int p = 0; p < points; p++)
        {
            Span<double> gp = g.Slice(p * d, d);
            for (int start = 0; start < d; start += NoiseArguments.ChunkLength)
            {
                int count = Math.Min(NoiseArguments.ChunkLength, d - start);
                Span<double> chunk = z[..count];
                if (double.IsNaN(nu))
                {
                    stream.FillNormal(chunk, firstPath + p, step, start);
                }
                else
                {
                    stream.FillStudentT(chunk, nu, firstPath + p, step, start);
                }

                Span<double> target = gp.Slice(start, count);
                if (sigma.Length == 1)
                {
                    double s = sigma[0];
                    for (int i = 0; i < count; i++)
                    {
                        target[i] += s * chunk[i];
                    }
                }
                else
                {
                    ReadOnlySpan<double> s = sigma.Slice(start, count);
                    for (int i = 0; i < count; i++)
                    {
                        target[i] += s[i] * chunk[i];
                    }
                }
            }
        }
    }

    /// <summary>The scales rounded to float, for the single-precision σ.</summary>
    public static float[] Narrow(double[] sigma)
    {
        var result = new float[sigma.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)sigma[i];
        }

        return result;
    }

    /// <summary>Writes the scales σ_i (one, or one per coordinate) at every point.</summary>
    public static void Write<T>(ReadOnlySpan<T> sigma, Span<T> output, int d)
    {
        if (sigma.Length == 1)
        {
            output.Fill(sigma[0]);
            return;
        }

        for (int p = 0; p < output.Length; p += d)
        {
            sigma.CopyTo(output.Slice(p, d));
        }
    }
}
