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
    /// <summary>Several keys, paths, steps and streams, with all-ones counter words among them.</summary>
    private static readonly (ulong Seed, uint Stream, uint Path, uint Step)[] Counters =
    [
        (0x5DEECE66DUL, 0, 0, 0),
        (ulong.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue),
        (20240601, 3, 17, 4),
        (1, 7, 123456789, 987654321),
    ];

    /// <summary>2,048 tiles (131,072 values of each kind) over several keys, paths, steps and streams, including the
    /// largest block index (tile 2^28 − 1) and all-ones counter words.</summary>
    [Fact]
    public void WideTilesEqualTheNarrowOnes()
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return;
        }

        uint[] narrowWords = new uint[64], wideWords = new uint[64];
        float[] narrow = new float[64], wide = new float[64];
        double[] narrowDoubles = new double[32], wideDoubles = new double[32];
        int compared = 0;
        foreach ((ulong seed, uint stream, uint path, uint step) in Counters)
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

    /// <summary>
    /// <see cref="IPhiloxTile{T}.WritePair"/>, which the fills use for every two whole tiles (the 512-bit pairs run
    /// both tiles' rounds before either transform), against two calls of <see cref="IPhiloxTile{T}.Write"/>, bit for
    /// bit, for every kind of tile: 400 pairs over the counters above, including the last pair of the block range.
    /// </summary>
    [Fact]
    public void PairedTilesEqualTwoSingleTiles()
    {
        var parameters = new StudentTParameters(3.0);
        foreach ((ulong seed, uint stream, uint path, uint step) in Counters)
        {
            var counter = new PhiloxCounter(seed, stream, path, step);
            for (uint t = 0; t < 100; t++)
            {
                uint firstBlock = (t < 98 ? t * 7 : (uint)(PhiloxTiles.TileCount - 2 - (t - 98))) << 4;
                AssertPairEqualsTwo<uint, PhiloxTiles.UInt32Tile>(default, counter, firstBlock);
                AssertPairEqualsTwo<float, PhiloxTiles.UniformSingleTile>(default, counter, firstBlock);
                AssertPairEqualsTwo<float, PhiloxTiles.NormalSingleTile>(default, counter, firstBlock);
                AssertPairEqualsTwo<float, PhiloxTiles.NormalNarrowTile>(default, counter, firstBlock);
                AssertPairEqualsTwo<float, PhiloxTiles.StudentTSingleTile>(new(parameters), counter, firstBlock);
                AssertPairEqualsTwo<ulong, PhiloxTiles.UInt64Tile>(default, counter, firstBlock);
                AssertPairEqualsTwo<double, PhiloxTiles.UniformTile>(default, counter, firstBlock);
                AssertPairEqualsTwo<double, PhiloxTiles.NormalTile>(default, counter, firstBlock);
                AssertPairEqualsTwo<double, PhiloxTiles.StudentTTile>(new(parameters), counter, firstBlock);
            }
        }
    }

    private static void AssertPairEqualsTwo<T, TTile>(TTile tile, in PhiloxCounter counter, uint firstBlock)
        where T : unmanaged
        where TTile : struct, IPhiloxTile<T>
    {
        int length = 1 << TTile.LengthLog2;
        var pair = new T[2 * length];
        var two = new T[2 * length];
        tile.WritePair(counter, firstBlock, ref pair[0]);
        tile.Write(counter, firstBlock, ref two[0]);
        tile.Write(counter, firstBlock + 16, ref two[length]);
        Assert.True(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(pair.AsSpan()).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(two.AsSpan())),
            $"{typeof(TTile).Name}: the pair differs from two tiles at block {firstBlock}.");
    }

    private static void AssertSameBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Unsafe.BitCast<float, uint>(expected[i]), Unsafe.BitCast<float, uint>(actual[i]));
        }
    }
}
