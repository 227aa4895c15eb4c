using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// Scalings built without an instruction whose result is subnormal (such instructions take a slow path on x64
/// processors), which must give the bits of the products they replace. The last scaling of the float Erfc's tail, y·2^−32: <see cref="SdeMath.TimesTwoToMinus32(Vector{float})"/> and its
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

    /// <summary>
    /// The float Exp's scaling by 2^k, <see cref="SdeMath.TimesPowerOfTwo(Vector{float}, Vector{int})"/> and its 512-bit
    /// form: y with k added to its exponent field where y·2^k is a normal float, +∞ from 2^128 on, and below 2^−126 the
    /// subnormal built from integer bits. Against y·2^k rounded once (exact in double, then rounded to float), for every
    /// k the exponential can hand it (−150 … 128) and y in [√2/2, √2] (the range of e^r): every float y where the result
    /// is subnormal or at the edge of either end (k ≤ −124 or k ≥ 127: all 8.4 million y), every 97th float y
    /// elsewhere.
    /// </summary>
    [Fact]
    public void TimesPowerOfTwo_IsTheProductRoundedOnce_ForEveryExponent()
    {
        const uint low = 0x3F3504F3, high = 0x3FB504F4; // √2/2 and just above √2
        bool wide = Vector512.IsHardwareAccelerated;
        long mismatches = 0, checkedPairs = 0;
        string first = "";
        Parallel.For(-150, 129, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            uint stride = k <= -124 || k >= 127 ? 1u : 97u;
            int kBits = BitConverter.SingleToInt32Bits(12582912f + k); // 1.5·2^23 + k, as the exponential's rounding leaves it
            double scale = Math.ScaleB(1.0, k);
            Span<float> ys = stackalloc float[16];
            long bad = 0, count = 0;
            for (uint bits = low; bits < high; bits += 16 * stride)
            {
                for (int j = 0; j < 16; j++)
                {
                    ys[j] = BitConverter.UInt32BitsToSingle(Math.Min(bits + ((uint)j * stride), high));
                }

                for (int j = 0; j < 16; j += Vector<float>.Count)
                {
                    Vector<float> actual = SdeMath.TimesPowerOfTwo(new Vector<float>(ys.Slice(j, Vector<float>.Count)), new Vector<int>(kBits));
                    for (int lane = 0; lane < Vector<float>.Count; lane++)
                    {
                        bad += Check(ys[j + lane], actual[lane], k, scale, ref first);
                    }
                }

                if (wide)
                {
                    Vector512<float> actual = SdeMath.TimesPowerOfTwo512(Vector512.Create((ReadOnlySpan<float>)ys), Vector512.Create(kBits));
                    for (int lane = 0; lane < 16; lane++)
                    {
                        bad += Check(ys[lane], actual[lane], k, scale, ref first);
                    }
                }

                count += 16;
            }

            Interlocked.Add(ref mismatches, bad);
            Interlocked.Add(ref checkedPairs, count);
        });

        Assert.True(checkedPairs > 24_000_000L * 8, $"only {checkedPairs} pairs checked");
        Assert.True(mismatches == 0, $"{mismatches} of {checkedPairs} pairs differ from y·2^k rounded once; {first}");
    }

    private static long Check(float y, float actual, int k, double scale, ref string first)
    {
        float expected = (float)(y * scale);
        if (BitConverter.SingleToUInt32Bits(expected) == BitConverter.SingleToUInt32Bits(actual))
        {
            return 0;
        }

        if (first.Length == 0)
        {
            Interlocked.CompareExchange(ref first, $"first: y = {y:R}, k = {k}: {actual:R} instead of {expected:R}", "");
        }

        return 1;
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
