using SdeDsl.RandomNumbers;
using Xunit;

namespace SdeDsl.Tests.RandomNumbers;

/// <summary>
/// Philox4x32-10 against Random123's known-answer vectors (<c>kat_vectors</c>, lines "philox4x32 10 …": counter
/// c0…c3, key k0 k1, expected x0…x3), and the vectorized block function (through
/// <see cref="PhiloxStream.FillUInt32"/>) against the scalar one at the documented counter layout.
/// </summary>
public sealed class Philox4x32Tests
{
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void BlockMatchesRandom123KnownAnswers(
        uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint x0, uint x1, uint x2, uint x3)
    {
        Assert.Equal((x0, x1, x2, x3), Philox4x32.Block(c0, c1, c2, c3, k0, k1));
    }

    [Theory]
    [InlineData(0UL, 0u, 0L, 0L)]
    [InlineData(0x299f31d0a4093822UL, 0x13198a2eu, 0x03707344L, 0x85a308d3L)]
    [InlineData(ulong.MaxValue, uint.MaxValue, 4294967295L, 4294967295L)]
    [InlineData(12345UL, 7u, 1000L, 3L)]
    public void VectorBlocksEqualScalarBlocksAtTheDocumentedCounter(ulong seed, uint stream, long path, long step)
    {
        // Element 64t + 16k + j is word k of block 16t + j; key = (seed low, seed high); counter = (block, step, stream, path).
        var s = new PhiloxStream(seed, stream);
        const int Tiles = 3;
        long firstTile = 1000;
        uint[] words = new uint[64 * Tiles];
        s.FillUInt32(words, path, step, 64 * firstTile);
        for (int t = 0; t < Tiles; t++)
        {
            for (int j = 0; j < 16; j++)
            {
                uint block = (uint)(16 * (firstTile + t) + j);
                (uint a, uint b, uint c, uint d) = Philox4x32.Block(block, (uint)step, stream, (uint)path, (uint)seed, (uint)(seed >> 32));
                Assert.Equal(a, words[(64 * t) + j]);
                Assert.Equal(b, words[(64 * t) + 16 + j]);
                Assert.Equal(c, words[(64 * t) + 32 + j]);
                Assert.Equal(d, words[(64 * t) + 48 + j]);
            }
        }

        ulong[] wide = new ulong[32];
        s.FillUInt64(wide, path, step, 32 * firstTile);
        for (int j = 0; j < 16; j++)
        {
            (uint a, uint b, uint c, uint d) = Philox4x32.Block((uint)(16 * firstTile + j), (uint)step, stream, (uint)path, (uint)seed, (uint)(seed >> 32));
            Assert.Equal(a | ((ulong)b << 32), wide[j]);
            Assert.Equal(c | ((ulong)d << 32), wide[16 + j]);
        }
    }

    [Fact]
    public void LastBlockOfTheCounterRangeIsReachable()
    {
        var s = new PhiloxStream(99);
        long last = (1L << 34) - 1; // word 3 of block 2^32 − 1
        (_, _, _, uint expected) = Philox4x32.Block(uint.MaxValue, 5, 0, 6, 99, 0);
        Assert.Equal(expected, s.UInt32(6, 5, last));
    }
}
