using System;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Ensembles;

/// <summary>
/// The standard-normal increments ξ of an SDE run. The increment of path p, step k, diffused component j, coordinate i
/// is element j·G·d + (p mod G)·d + i of stream path ⌊p/G⌋ (G = <see cref="PathsPerStreamPath"/>) of the Brownian
/// stream: a pure function of (seed, p, k, j, i) whatever the chunking, and one fill serves a run of consecutive paths
/// (Philox makes values in tiles of 32 doubles, so filling path by path would waste most of each tile when d is small).
/// A single-precision run draws the same elements in float (<see cref="PhiloxStream.FillNormalNarrow"/>: the double
/// normals' words and formula evaluated in float, within 8·2^−24 relative plus 2^−26 absolute of the doubles), so it
/// follows the double run's paths without making the doubles. A run with
/// <see cref="EnsemblePrecision.SingleOwnDraws"/> draws the same elements of the stream's own float normals
/// (<see cref="PhiloxStream.FillNormal(Span{float}, long, long, long)"/>): half the Philox bits, other numbers.
/// </summary>
internal static class BrownianIncrements
{
    public const int PathsPerStreamPath = 256;

    /// <summary>Fills the chunk's increments of step <paramref name="k"/>: <see cref="Chunk.Noise"/>, or
    /// <see cref="Chunk.SingleNoise"/> directly in float.</summary>
    public static void Fill(PhiloxStream brownian, Chunk chunk, long k, int diffused)
    {
        int d = chunk.Dimension, n = chunk.Elements;
        for (int j = 0; j < diffused; j++)
        {
            int end = chunk.FirstPath + chunk.Paths;
            for (int path = chunk.FirstPath; path < end;)
            {
                int group = path / PathsPerStreamPath;
                // In long: the group's end passes int.MaxValue for the paths of the last group, [2³¹ − 256, 2³¹).
                int runEnd = (int)Math.Min(((long)group + 1) * PathsPerStreamPath, end);
                int offset = (j * n) + ((path - chunk.FirstPath) * d), length = (runEnd - path) * d;
                long first = (((long)j * PathsPerStreamPath) + (path % PathsPerStreamPath)) * d;
                if (chunk.OwnSingleDraws)
                {
                    brownian.FillNormal(chunk.SingleNoise.AsSpan(offset, length), group, k, first);
                }
                else if (chunk.IsSingle)
                {
                    brownian.FillNormalNarrow(chunk.SingleNoise.AsSpan(offset, length), group, k, first);
                }
                else
                {
                    brownian.FillNormal(chunk.Noise.AsSpan(offset, length), group, k, first);
                }

                path = runEnd;
            }
        }
    }
}
