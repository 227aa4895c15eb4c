using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// The last scaling of the float Erfc's tail, y·2^−32, is built without an instruction whose result is subnormal (such
/// instructions take a slow path on x64 processors): <see cref="SdeMath.TimesTwoToMinus32(Vector{float})"/> and its
/// 512-bit form must give the product's bits for every y the tail can hand them. Checked for every float from +0 up to
/// 2^−93 — 285,212,672 values, whose products run from 0 through every subnormal to 2^−125, so every rounding case of
/// the subnormal path (ties included) and the switch to the plain product at 2^−94 — and for 2^16 random finite
/// y ≥ 2^−93, against the product the processor rounds itself.
/// </summary>
public sealed class SubnormalScalingTests
{
    private const uint Last = 0x11000000; // the bits of 2^−93
    private const float TwoToMinus32 = 2.3283064365386963e-10f;

    [Fact]
    public void TimesTwoToMinus32_HasTheProductsBits_AtEveryLaneWidth()
    {
        long mismatches = 0;
        uint firstBad = 0;
        bool wide = Vector512.IsHardwareAccelerated;
        Parallel.For(0, (int)(Last >> 20), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, block =>
        {
            uint start = (uint)block << 20;
            long bad = 0;
            Span<uint> bits = stackalloc uint[16];
            for (uint i = start; i < start + (1u << 20); i += 16)
            {
                for (int j = 0; j < 16; j++)
                {
                    bits[j] = i + (uint)j;
                }

                bad += Mismatches(bits, wide, ref firstBad);
            }

            Interlocked.Add(ref mismatches, bad);
        });

        var rng = new Random(20261206);
        Span<uint> random = stackalloc uint[16];
        for (int k = 0; k < 1 << 12; k++)
        {
            for (int j = 0; j < 16; j++)
            {
                random[j] = (uint)rng.NextInt64(Last, 0x7F800000); // finite, ≥ 2^−93
            }

            mismatches += Mismatches(random, wide, ref firstBad);
        }

        Assert.True(mismatches == 0, $"{mismatches} values differ from the product in bits, the first y = 0x{firstBad:X8}");
    }

    /// <summary>The lanes of the 16 values whose scaled bits differ from the product's, in the Vector&lt;float&gt; form
    /// (as many vectors as 16 values fill) and the 512-bit form.</summary>
    private static long Mismatches(ReadOnlySpan<uint> bits, bool wide, ref uint firstBad)
    {
        long bad = 0;
        Vector<float> scale = new(TwoToMinus32);
        for (int j = 0; j < 16; j += Vector<float>.Count)
        {
            Vector<float> y = Vector.AsVectorSingle(new Vector<uint>(bits.Slice(j, Vector<float>.Count)));
            Vector<uint> expected = Vector.AsVectorUInt32(y * scale), actual = Vector.AsVectorUInt32(SdeMath.TimesTwoToMinus32(y));
            for (int lane = 0; lane < Vector<float>.Count; lane++)
            {
                if (expected[lane] != actual[lane])
                {
                    bad++;
                    Interlocked.CompareExchange(ref firstBad, bits[j + lane], 0);
                }
            }
        }

        if (wide)
        {
            Vector512<float> y = Vector512.Create(bits).AsSingle();
            Vector512<uint> expected = (y * Vector512.Create(TwoToMinus32)).AsUInt32(), actual = SdeMath.TimesTwoToMinus32(y).AsUInt32();
            for (int lane = 0; lane < 16; lane++)
            {
                if (expected[lane] != actual[lane])
                {
                    bad++;
                    Interlocked.CompareExchange(ref firstBad, bits[lane], 0);
                }
            }
        }

        return bad;
    }
}
