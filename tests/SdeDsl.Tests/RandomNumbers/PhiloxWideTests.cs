using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SdeDsl.RandomNumbers;
using Xunit;

namespace SdeDsl.Tests.RandomNumbers;

/// <summary>
/// The 512-bit tiles (taken where <see cref="Vector512.IsHardwareAccelerated"/>) against the 256-bit ones (taken
/// elsewhere): the same raw words, float uniforms and float and double normals and the float normals in the double layout bit for bit, so a stream's values do not depend on the
/// machine's vector width. Skipped in effect (nothing to compare) where 512-bit vectors are not accelerated.
/// </summary>
public sealed class PhiloxWideTests
{
    /// <summary>2,048 tiles (131,072 values of each kind) over several keys, paths, steps and streams, including the
    /// largest block index (tile 2^28 − 1) and all-ones counter words.</summary>
    [Fact]
    public void WideTilesEqualTheNarrowOnes()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        (ulong Seed, uint Stream, uint Path, uint Step)[] counters =
        [
            (0x5DEECE66DUL, 0, 0, 0),
            (ulong.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue),
            (20240601, 3, 17, 4),
            (1, 7, 123456789, 987654321),
        ];
        uint[] narrowWords = new uint[64], wideWords = new uint[64];
        float[] narrow = new float[64], wide = new float[64];
        double[] narrowDoubles = new double[32], wideDoubles = new double[32];
        int compared = 0;
        foreach ((ulong seed, uint stream, uint path, uint step) in counters)
        {
            var counter = new PhiloxCounter(seed, stream, path, step);
            for (uint t = 0; t < 512; t++)
            {
                uint tile = t < 500 ? t : (uint)(PhiloxTiles.TileCount - 1 - (t - 500));
                uint firstBlock = tile << 4;
                PhiloxTiles.Words32(counter, firstBlock, ref narrowWords[0]);
                PhiloxTiles.Words32Wide(counter, firstBlock, ref wideWords[0]);
                Assert.Equal(narrowWords, wideWords);

                PhiloxTiles.UniformSingleTile.Write256(counter, firstBlock, ref narrow[0]);
                PhiloxTiles.UniformSingleWide(counter, firstBlock, ref wide[0]);
                AssertSameBits(narrow, wide);

                PhiloxTiles.NormalSingleTile.Write256(counter, firstBlock, ref narrow[0]);
                PhiloxTiles.NormalSingleWide(counter, firstBlock, ref wide[0]);
                AssertSameBits(narrow, wide);

                PhiloxTiles.NormalNarrowTile.Write256(counter, firstBlock, ref narrow[0]);
                PhiloxTiles.NormalNarrowWide(counter, firstBlock, ref wide[0]);
                AssertSameBits(narrow.AsSpan(0, 32), wide.AsSpan(0, 32)); // 32 per tile: the double layout, in float

                PhiloxTiles.NormalTile.Write256(counter, firstBlock, ref narrowDoubles[0]);
                PhiloxTiles.NormalWide(counter, firstBlock, ref wideDoubles[0]);
                for (int i = 0; i < 32; i++)
                {
                    Assert.Equal(BitConverter.DoubleToUInt64Bits(narrowDoubles[i]), BitConverter.DoubleToUInt64Bits(wideDoubles[i]));
                }
                compared++;
            }
        }

        Assert.Equal(2048, compared);
    }

    private static void AssertSameBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Unsafe.BitCast<float, uint>(expected[i]), Unsafe.BitCast<float, uint>(actual[i]));
        }
    }
}
