using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SdeDsl.RandomNumbers;
using Xunit;
using Xunit.Abstractions;

namespace SdeDsl.Tests.RandomNumbers;

/// <summary>
/// <see cref="PhiloxStream.FillNormalNarrow"/>: float normals in the double normals' layout, within the stated bound
/// |z − z_double| ≤ 8·2^−24·|z_double| + 2^−26 of the double normal of the same element. The bound is the error
/// budget of the float evaluation (t = min(u, 1 − u) rounded twice: ≈ 1 unit of 2^−24 in r; Cephes log ≤ 2 ulp of
/// ln u: ≈ 1 in r; √: ½; angle rest rounded in the conversion, the fused add and the product with a rounded 2π/2^32:
/// ≤ 2 in sin/cos; Cephes sin/cos ≤ 2; the product: ½ — about 7 units, taken as 8) plus the double normal's own error
/// where u ≈ 1: its u carries up to 2^−53 absolute, so its r = √(−2 ln u) is off by up to √(2·2^−53) = 2^−26.
/// </summary>
public sealed class NormalNarrowTests(ITestOutputHelper output)
{
    private const double Relative = 8.0 / 16777216.0; // 8·2^−24
    private const double Absolute = 1.0 / 67108864.0; // 2^−26

    private static double Excess(float narrow, double wide) => Math.Abs(narrow - wide) / ((Relative * Math.Abs(wide)) + Absolute);

    /// <summary>2^24 elements (1.7·10^7) over eight paths of two seeds: the largest error, in units of the bound,
    /// stays ≤ 1; the largest relative error where |z| ≥ 2^−10 is printed in units of 2^−24.</summary>
    [Fact]
    public void SeventeenMillionDrawsStayWithinTheBound()
    {
        const int Length = 1 << 21;
        double[] wide = new double[Length];
        float[] narrow = new float[Length];
        double worst = 0, worstRelative = 0;
        foreach (ulong seed in new ulong[] { 0x5DEECE66DUL, 20240601UL })
        {
            var stream = new PhiloxStream(seed, 3);
            for (int path = 0; path < 4; path++)
            {
                stream.FillNormal(wide, path, 11, 0);
                stream.FillNormalNarrow(narrow, path, 11, 0);
                for (int i = 0; i < Length; i++)
                {
                    worst = Math.Max(worst, Excess(narrow[i], wide[i]));
                    if (Math.Abs(wide[i]) >= 1.0 / 1024)
                    {
                        worstRelative = Math.Max(worstRelative, Math.Abs(narrow[i] - wide[i]) / Math.Abs(wide[i]) * 16777216.0);
                    }
                }
            }
        }

        output.WriteLine($"max error / bound = {worst:G4}; max relative error (|z| ≥ 2^−10) = {worstRelative:G4}·2^−24");
        Assert.True(worst <= 1, $"max error / bound = {worst}");
    }

    /// <summary>Chosen words where float Box–Muller goes wrong if done naively: u near 0 (radius words 0, 1, 2^k ± 1),
    /// u near 1 (words near 2^64, where a float u rounds to 1 and the radius would be 0), u near ½ and near the
    /// 1 − √½ switch, and angles at and next to 0, π/4, π/2, π, 3π/2 (where cos or sin is tiny); against the double lane
    /// formula, within the bound, and the 512-bit form equal to the 256-bit one bit for bit.</summary>
    [Fact]
    public void ExtremeWordsStayWithinTheBound()
    {
        List<ulong> radii = [0, 1, 2, 3, ulong.MaxValue, ulong.MaxValue - 1, ulong.MaxValue - 2, 1UL << 63, (1UL << 63) - 1, (1UL << 63) + 1];
        for (int k = 1; k < 64; k++)
        {
            ulong p = 1UL << k;
            radii.AddRange([p - 1, p + 1, ~p, ~(p - 1), ~(p + 1)]);
        }

        // 2^64·(1 − √½) and 2^64·√½, where the reduction switches, and their neighbours.
        ulong switchLow = (ulong)(0.29289321881345248 * 18446744073709551616.0), switchHigh = (ulong)(0.70710678118654757 * 18446744073709551616.0);
        for (ulong d = 0; d < 4096; d += 97)
        {
            radii.AddRange([switchLow + d, switchLow - d, switchHigh + d, switchHigh - d, ~(switchLow + d)]);
        }

        var random = new Random(12345);
        while (radii.Count % 16 != 0 || radii.Count < 512)
        {
            radii.Add((ulong)random.NextInt64() * 2 + (ulong)random.Next(2));
        }

        List<ulong> angles = [];
        for (int quarter = 0; quarter < 8; quarter++)
        {
            ulong a = (ulong)quarter << 61; // multiples of π/4
            foreach (ulong d in new ulong[] { 0, 1, 2, 255, 256, 257, 1UL << 20, 1UL << 32, (1UL << 32) + 1, 1UL << 40 })
            {
                angles.AddRange([a + d, a - d]);
            }
        }

        while (angles.Count % 16 != 0)
        {
            angles.Add((ulong)random.NextInt64());
        }

        int n = radii.Count * angles.Count;
        ulong[] r = new ulong[n], a2 = new ulong[n];
        for (int i = 0; i < radii.Count; i++)
        {
            for (int j = 0; j < angles.Count; j++)
            {
                r[(i * angles.Count) + j] = radii[i];
                a2[(i * angles.Count) + j] = angles[j];
            }
        }

        double[] c = new double[n], s = new double[n];
        float[] cf = new float[n], sf = new float[n];
        PhiloxTiles.NormalOfWords(r, a2, c, s);
        PhiloxTiles.NormalNarrowOfWords(r, a2, cf, sf);
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.True(float.IsFinite(cf[i]) && float.IsFinite(sf[i]));
            double e = Math.Max(Excess(cf[i], c[i]), Excess(sf[i], s[i]));
            Assert.True(e <= 1, $"radius word {r[i]:X16}, angle word {a2[i]:X16}: ({cf[i]:R}, {sf[i]:R}) vs ({c[i]:R}, {s[i]:R})");
            worst = Math.Max(worst, e);
        }

        output.WriteLine($"{n} extreme word pairs: max error / bound = {worst:G4}");
        if (Vector512.IsHardwareAccelerated)
        {
            float[] cw = new float[n], sw = new float[n];
            PhiloxTiles.NormalNarrowOfWordsWide(r, a2, cw, sw);
            AssertSameBits(cf, cw);
            AssertSameBits(sf, sw);
        }
    }

    /// <summary>The 256-bit word helpers compute two sets at a time (of eight word pairs for the float normals, four for
    /// the double ones); a length that leaves one set over must give, for each pair, the bits that a longer length gives,
    /// and write nothing beyond its end.</summary>
    [Fact]
    public void ALastSetAloneGetsTheSameBitsAsInAPair()
    {
        var random = new Random(2024);
        ulong[] r = new ulong[32], a = new ulong[32];
        for (int k = 0; k < 32; k++)
        {
            r[k] = (ulong)random.NextInt64() * 2 + (ulong)random.Next(2);
            a[k] = (ulong)random.NextInt64() * 2 + (ulong)random.Next(2);
        }

        float[] c32 = new float[32], s32 = new float[32];
        PhiloxTiles.NormalNarrowOfWords(r, a, c32, s32);
        float[] c24 = new float[32], s24 = new float[32];
        PhiloxTiles.NormalNarrowOfWords(r.AsSpan(0, 24), a.AsSpan(0, 24), c24.AsSpan(0, 24), s24.AsSpan(0, 24));
        AssertSameBits(c32[..24], c24[..24]);
        AssertSameBits(s32[..24], s24[..24]);
        Assert.All(c24[24..], static v => Assert.Equal(0f, v));
        Assert.All(s24[24..], static v => Assert.Equal(0f, v));

        // The double normals' helper, two sets of four at a time: 12 word pairs leave one set of four over.
        double[] d16 = new double[16], e16 = new double[16], d12 = new double[16], e12 = new double[16];
        PhiloxTiles.NormalOfWords(r.AsSpan(0, 16), a.AsSpan(0, 16), d16, e16);
        PhiloxTiles.NormalOfWords(r.AsSpan(0, 12), a.AsSpan(0, 12), d12.AsSpan(0, 12), e12.AsSpan(0, 12));
        for (int k = 0; k < 12; k++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(d16[k]), BitConverter.DoubleToInt64Bits(d12[k]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(e16[k]), BitConverter.DoubleToInt64Bits(e12[k]));
        }

        Assert.All(d12[12..], static v => Assert.Equal(0.0, v));
        Assert.All(e12[12..], static v => Assert.Equal(0.0, v));
    }

    /// <summary>Near u = 1 the float normal keeps its relative accuracy where the double one cannot: for radius word
    /// ~w = 2^k (1 − u = (2^k | 1)·2^−64), r = √(−2 ln u) ≈ √(2^(k−63)) to within 2 units of 2^−24, down to k = 0.</summary>
    [Fact]
    public void RadiusNearOneIsAccurateRelativeToItself()
    {
        ulong[] r = new ulong[64], a = new ulong[64];
        for (int k = 0; k < 64; k++)
        {
            r[k] = ~(1UL << k);
            a[k] = 0; // θ = 0: the normal is r
        }

        float[] c = new float[64], s = new float[64];
        PhiloxTiles.NormalNarrowOfWords(r, a, c, s);
        for (int k = 0; k < 60; k++)
        {
            double v = ((1UL << k) | 1UL) / 18446744073709551616.0; // 1 − u, exact
            double expected = Math.Sqrt(-2 * Math.Log(1 - v)); // 1 − v is exact in double for k ≥ 11; the series below for k < 30
            if (k < 30)
            {
                expected = Math.Sqrt(2 * v * (1 + (v / 2)));
            }

            Assert.True(Math.Abs(c[k] - expected) <= 2.0 / 16777216.0 * expected, $"k = {k}: {c[k]:R} vs {expected:R}");
            Assert.Equal(0f, s[k]);
        }
    }

    /// <summary>The same bits for every offset and length of the span, for the scalar accessor, and for a partition of
    /// a path's elements; the scalar accessor at elements of distant tiles.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(95)]
    public void SameBitsForAnyOffsetAndLength(int length)
    {
        var stream = new PhiloxStream(987654321UL, 5);
        float[] whole = new float[160];
        stream.FillNormalNarrow(whole, 7, 3, 0);
        for (int offset = 0; offset + length <= whole.Length; offset += 13)
        {
            float[] part = new float[length];
            stream.FillNormalNarrow(part, 7, 3, offset);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(Unsafe.BitCast<float, uint>(whole[offset + i]), Unsafe.BitCast<float, uint>(part[i]));
            }
        }

        for (int e = 0; e < whole.Length; e += 7)
        {
            Assert.Equal(Unsafe.BitCast<float, uint>(whole[e]), Unsafe.BitCast<float, uint>(stream.NormalNarrow(7, 3, e)));
        }

        long last = (PhiloxTiles.TileCount << 5) - 1;
        Assert.True(Excess(stream.NormalNarrow(uint.MaxValue, uint.MaxValue, last), stream.Normal(uint.MaxValue, uint.MaxValue, last)) <= 1);
    }

    /// <summary>Known answers: a hash of the bits of 4,096 elements (and the first two values) of one stream, recorded
    /// on the 512-bit tiles; a machine with only 256-bit vectors (or <c>DOTNET_EnableAVX512F=0</c>) must give the same.</summary>
    [Fact]
    public void KnownAnswers()
    {
        float[] values = new float[4096];
        new PhiloxStream(0x0123456789ABCDEFUL, 9).FillNormalNarrow(values, 12345, 678, 1000);
        ulong hash = 14695981039346656037UL; // FNV-1a over the 32-bit patterns
        foreach (float v in values)
        {
            hash = (hash ^ Unsafe.BitCast<float, uint>(v)) * 1099511628211UL;
        }

        output.WriteLine($"512-bit: {Vector512.IsHardwareAccelerated}, 256-bit: {Vector256.IsHardwareAccelerated}; 0x{hash:X16}UL, 0x{Unsafe.BitCast<float, uint>(values[0]):X8}u, 0x{Unsafe.BitCast<float, uint>(values[1]):X8}u");
        Assert.Equal(KnownHash, hash);
        Assert.Equal(KnownFirst, Unsafe.BitCast<float, uint>(values[0]));
        Assert.Equal(KnownSecond, Unsafe.BitCast<float, uint>(values[1]));
    }

    private const ulong KnownHash = 0x7905E0E0FB9BFB6AUL;
    private const uint KnownFirst = 0x3F8398FFu;
    private const uint KnownSecond = 0xBF975F35u;

    private static void AssertSameBits(float[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(Unsafe.BitCast<float, uint>(expected[i]), Unsafe.BitCast<float, uint>(actual[i]));
        }
    }
}
