using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// The float <see cref="SdeMath.Pow(Vector{float}, Vector{float})"/> computes |x|ʸ in double lanes by one of two forms of the
/// same operations: eight floats in a 512-bit vector of doubles where AVX-512 is there, else <see cref="Vector{T}"/>'s
/// own double lanes (an AVX2 or Arm machine, or 128-bit vectors), with table lookups by permute, by gather or by lane. A run must
/// give the same bits on every such machine, so the forms are compared here directly, lane by lane. (Its accuracy is
/// checked in <see cref="SdeMathTests"/> and measured on 10^8 pairs by the benchmarks' <c>--pow-accuracy</c>.)
/// </summary>
public sealed class PowSingleTests
{
    [Fact]
    public void The512BitAndGenericFormsGiveTheSameBits()
    {
        if (!Avx512F.IsSupported || Vector<float>.Count is not (8 or 16))
        {
            return; // only the generic form runs on this machine: there is nothing to compare it with
        }

        // 2^17 pairs: random bit patterns for both (every exponent, subnormals, NaN payloads, both signs), results of
        // every size (y = t/log₂|x| for t in [−160, 135]), bases within 2^-24 … 2^-1 of 1, and exponents next to the
        // overflow and underflow boundaries; the float form of |x| is what the functions take.
        var rng = new Random(20261206);
        var xs = new List<float>();
        var ys = new List<float>();
        for (int i = 0; i < 1 << 17; i++)
        {
            float x = BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32));
            float y = BitConverter.UInt32BitsToSingle((uint)rng.NextInt64(0, 1L << 32));
            switch (i % 4)
            {
                case 1:
                    y = (float)((-160.0 + (rng.NextDouble() * 295.0)) / Math.Log2(Math.Max(Math.Abs(x), float.Epsilon)));
                    break;
                case 2:
                    x = (float)(1.0 + ((rng.NextDouble() - 0.5) * Math.ScaleB(2.0, -rng.Next(1, 25))));
                    break;
                case 3:
                    y = (float)(new[] { 128.0, -126.0, -149.0, -150.0 }[rng.Next(4)] / Math.Log2(Math.Max(Math.Abs(x), float.Epsilon)));
                    break;
            }

            xs.Add(MathF.Abs(x));
            ys.Add(y);
        }

        int width = Vector<float>.Count;
        float[] bases = xs.ToArray(), exponents = ys.ToArray();
        for (int i = 0; i + width <= bases.Length; i += width)
        {
            var ax = new Vector<float>(bases, i);
            var y = new Vector<float>(exponents, i);
            Vector<float> wide = SdeMath.PowMagnitude512(ax, y);
            Vector<float> generic = SdeMath.PowMagnitudeGeneric(ax, y);
            for (int lane = 0; lane < width; lane++)
            {
                // A NaN is a NaN: the payload a NaN input leaves is the hardware's, not the kernel's.
                Assert.True(
                    BitConverter.SingleToUInt32Bits(wide[lane]) == BitConverter.SingleToUInt32Bits(generic[lane]) || (float.IsNaN(wide[lane]) && float.IsNaN(generic[lane])),
                    $"|{ax[lane]:R}|^{y[lane]:R}: 512-bit form {wide[lane]:R}, generic form {generic[lane]:R}");
            }
        }
    }

    [Fact]
    public void ANaNArgumentIsTheResultBitForBitInTheScalarAndEveryLane()
    {
        // Quiet and signalling NaNs with payloads, of both signs. Before the kernel selected them, which NaN came out of
        // Pow(NaN, NaN) followed the operand order the JIT chose for a multiply, and the scalar overload and a vector
        // lane differed on such pairs (2 of 1.6 million in --pow-accuracy on an AVX2 machine).
        float[] nans = [.. new uint[] { 0x7FC00000, 0xFFF1C654, 0x7FADE81E, 0x7F9BF396, 0xFFC8AD30, 0x7FFFFFFF }.Select(BitConverter.UInt32BitsToSingle)];
        float[] others = [2f, -3f, 0.5f, 1e-40f, float.PositiveInfinity, -1f, 7.5f];
        var cases = new List<(float X, float Y, float Expected)>();
        foreach (float nan in nans)
        {
            foreach (float other in nans)
            {
                cases.Add((nan, other, nan)); // two NaNs: the base's
            }

            foreach (float other in others)
            {
                cases.Add((nan, other, nan));
                cases.Add((other, nan, nan));
            }

            cases.Add((nan, 0f, 1f)); // x⁰ = 1 and 1ʸ = 1, even for NaN
            cases.Add((nan, -0f, 1f));
            cases.Add((1f, nan, 1f));
        }

        int width = Vector<float>.Count;
        var xs = new float[width];
        var ys = new float[width];
        for (int i = 0; i < cases.Count; i++)
        {
            (float x, float y, float expected) = cases[i];
            Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(SdeMath.Pow(x, y)));

            // Lane k holds case i + k, so over the loop every case is met in every lane, next to other cases.
            for (int lane = 0; lane < width; lane++)
            {
                (xs[lane], ys[lane], _) = cases[(i + lane) % cases.Count];
            }

            Vector<float> lanes = SdeMath.Pow(new Vector<float>(xs), new Vector<float>(ys));
            for (int lane = 0; lane < width; lane++)
            {
                (float lx, float ly, float le) = cases[(i + lane) % cases.Count];
                Assert.True(
                    BitConverter.SingleToUInt32Bits(le) == BitConverter.SingleToUInt32Bits(lanes[lane]),
                    $"Pow({BitConverter.SingleToUInt32Bits(lx):X8}, {BitConverter.SingleToUInt32Bits(ly):X8}) in lane {lane}: {BitConverter.SingleToUInt32Bits(lanes[lane]):X8}");
            }
        }
    }

    [Fact]
    public void EveryTableLookupGivesTheTable()
    {
        // The permutes (eight lanes, and four lanes through the 512-bit permute's lower half), the gather of AVX2 and the
        // lane loop of other hardware must all read table[index]; every index in every lane.
        foreach (double[] table in new[] { SdeMath.PowInverseCentres, SdeMath.PowLog2Centres, SdeMath.PowExp2Sixteenths })
        {
            Assert.Equal(16, table.Length);
            for (int start = 0; start < 16; start++)
            {
                var index = new long[Vector<long>.Count];
                for (int lane = 0; lane < index.Length; lane++)
                {
                    index[lane] = (start + (lane * 5)) % 16;
                }

                var vector = new Vector<long>(index);
                Vector<double> permuted = SdeMath.PowTableLookup(table, vector);
                Vector<double> byLane = SdeMath.PowTableLookupByLane(ref table[0], vector);
                for (int lane = 0; lane < index.Length; lane++)
                {
                    Assert.Equal(table[index[lane]], permuted[lane]);
                    Assert.Equal(table[index[lane]], byLane[lane]);
                }

                if (Avx2.IsSupported)
                {
                    // The gather of AVX2 machines without AVX-512, reached here directly on every x64 machine.
                    Vector256<long> index256 = Vector256.Create((long)start, start + 7, start + 14, start + 21) & Vector256.Create(15L);
                    Vector256<double> gathered = SdeMath.PowTableGather(table, index256);
                    for (int lane = 0; lane < 4; lane++)
                    {
                        Assert.Equal(table[index256[lane]], gathered[lane]);
                    }
                }

                if (Avx512F.IsSupported)
                {
                    Vector512<long> index512 = Vector512.Create((long)start, start + 3, start + 6, start + 9, start + 12, start + 15, start + 18, start + 21) & Vector512.Create(15L);
                    Vector512<double> permuted512 = SdeMath.PowTableLookup(table, index512);
                    for (int lane = 0; lane < 8; lane++)
                    {
                        Assert.Equal(table[index512[lane]], permuted512[lane]);
                    }
                }
            }
        }
    }
}
