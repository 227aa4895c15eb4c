using System;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Ensembles;

/// <summary>
/// The standard-normal increments ξ of an SDE run. The increment of path p, step k, diffused component j, coordinate i
/// is element j·G·d + (p mod G)·d + i of stream path ⌊p/G⌋ (G = <see cref="PathsPerStreamPath"/>) of the Brownian
/// stream: a pure function of (seed, p, k, j, i) whatever the chunking, and one fill serves a run of consecutive paths
/// (Philox makes values in tiles of 32 doubles, so filling path by path would waste most of each tile when d is small).
/// A single-precision run draws the same doubles and rounds them to float, so it follows the double run's paths.
/// </summary>
internal static class BrownianIncrements
{
    public const int PathsPerStreamPath = 256;

    /// <summary>Fills the chunk's increments of step <paramref name="k"/>: <see cref="Chunk.Noise"/>, or
    /// <see cref="Chunk.SingleNoise"/> through the double scratch, one stream fill at a time.</summary>
    public static void Fill(PhiloxStream brownian, Chunk chunk, long k, int diffused)
    {
        int d = chunk.Dimension, n = chunk.Elements;
        for (int j = 0; j < diffused; j++)
        {
            int end = chunk.FirstPath + chunk.Paths;
            for (int path = chunk.FirstPath; path < end;)
            {
                int group = path / PathsPerStreamPath;
                int runEnd = Math.Min((group + 1) * PathsPerStreamPath, end);
                int offset = (j * n) + ((path - chunk.FirstPath) * d), length = (runEnd - path) * d;
                Span<double> normals = chunk.IsSingle ? chunk.Noise.AsSpan(0, length) : chunk.Noise.AsSpan(offset, length);
                brownian.FillNormal(normals, group, k, (((long)j * PathsPerStreamPath) + (path % PathsPerStreamPath)) * d);
                if (chunk.IsSingle)
                {
                    SingleConversion.Narrow(normals, chunk.SingleNoise.AsSpan(offset, length));
                }

                path = runEnd;
            }
        }
    }
}
