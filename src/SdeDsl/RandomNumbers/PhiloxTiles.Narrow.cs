using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.RandomNumbers;

/// <summary>
/// The float normals in the double normals' layout (<see cref="PhiloxStream.FillNormalNarrow"/>): element
/// 32t + 16k + j is slot k of block 16t + j, from the same 64-bit words w_0 = x_0 + 2^32·x_1 (radius) and
/// w_1 = x_2 + 2^32·x_3 (angle) as <see cref="NormalTile"/>, with the Box–Muller evaluated in float.
/// </summary>
internal static partial class PhiloxTiles
{
    private const double TwoPow64Inverse = 1.0 / 18446744073709551616.0; // 2^−64

    /// <summary>
    /// The smaller of u = (w | 1)·2^−64 and 1 − u = (~w | 1)·2^−64 (the latter is exact: 2^64 − (w | 1) = ~w | 1),
    /// as a double: the odd 63-bit integer is converted with one rounding and scaled exactly; <paramref name="complement"/>
    /// is all ones where the complement was taken (top bit of w set, u &gt; ½).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> OneSidedUniform(Vector256<ulong> w, out Vector256<ulong> complement)
    {
        complement = Vector256.ShiftRightArithmetic(w.AsInt64(), 63).AsUInt64();
        return Vector256.ConvertToDouble(((w ^ complement) | Vector256<ulong>.One).AsInt64()) * Vector256.Create(TwoPow64Inverse);
    }

    /// <summary>
    /// Box–Muller in float from the double normals' words, for two sets A and B of eight lanes (radius words of lanes 0–3
    /// in radius0, 4–7 in radius1): t = min(u, 1 − u) rounded to float (twice: to double, then to float), ln u by
    /// <see cref="VariateMath.LogOfOneSided(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/> (both sets' polynomials interleaved), r = √(−2 ln u),
    /// θ = 2π·(2^32·hi + lo)/2^64 to 24 bits of the rest after the quadrant.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NarrowBoxMuller(
        Vector256<ulong> radius0A, Vector256<ulong> radius1A, Vector256<uint> angleHiA, Vector256<uint> angleLoA,
        Vector256<ulong> radius0B, Vector256<ulong> radius1B, Vector256<uint> angleHiB, Vector256<uint> angleLoB,
        out Vector256<float> n0A, out Vector256<float> n1A, out Vector256<float> n0B, out Vector256<float> n1B)
    {
        Vector256<float> tA = NarrowUniform(radius0A, radius1A, out Vector256<float> complementA);
        Vector256<float> tB = NarrowUniform(radius0B, radius1B, out Vector256<float> complementB);
        VariateMath.LogOfOneSided(tA, complementA, tB, complementB, out Vector256<float> logA, out Vector256<float> logB);
        Vector256<float> rA = RadiusOfLog(logA), rB = RadiusOfLog(logB);
        VariateMath.SinCosTurns(angleHiA, angleLoA, out Vector256<float> cosA, out Vector256<float> sinA);
        VariateMath.SinCosTurns(angleHiB, angleLoB, out Vector256<float> cosB, out Vector256<float> sinB);
        n0A = rA * cosA;
        n1A = rA * sinA;
        n0B = rB * cosB;
        n1B = rB * sinB;
    }

    /// <summary>t = min(u, 1 − u) in float for eight lanes of radius words, and the complement mask (all ones where
    /// 1 − u was taken).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> NarrowUniform(Vector256<ulong> radius0, Vector256<ulong> radius1, out Vector256<float> complement)
    {
        Vector256<double> t0 = OneSidedUniform(radius0, out Vector256<ulong> c0);
        Vector256<double> t1 = OneSidedUniform(radius1, out Vector256<ulong> c1);
        complement = Vector256.Narrow(c0, c1).AsSingle();
        return Vector256.Narrow(t0, t1);
    }

    /// <summary><see cref="OneSidedUniform(Vector256{ulong}, out Vector256{ulong})"/> in eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> OneSidedUniform(Vector512<ulong> w, out Vector512<ulong> complement)
    {
        complement = Vector512.ShiftRightArithmetic(w.AsInt64(), 63).AsUInt64();
        return Vector512.ConvertToDouble(((w ^ complement) | Vector512<ulong>.One).AsInt64()) * Vector512.Create(TwoPow64Inverse);
    }

    /// <summary><see cref="NarrowBoxMuller(Vector256{ulong}, Vector256{ulong}, Vector256{uint}, Vector256{uint}, Vector256{ulong}, Vector256{ulong}, Vector256{uint}, Vector256{uint}, out Vector256{float}, out Vector256{float}, out Vector256{float}, out Vector256{float})"/>
    /// in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NarrowBoxMuller(Vector512<ulong> radius0, Vector512<ulong> radius1, Vector512<uint> angleHi, Vector512<uint> angleLo,
        out Vector512<float> n0, out Vector512<float> n1)
    {
        Vector512<double> t0 = OneSidedUniform(radius0, out Vector512<ulong> c0);
        Vector512<double> t1 = OneSidedUniform(radius1, out Vector512<ulong> c1);
        Vector512<float> t = Vector512.Narrow(t0, t1);
        Vector512<float> complement = Vector512.Narrow(c0, c1).AsSingle();
        Vector512<float> r = Vector512.Sqrt(Vector512.FusedMultiplyAdd(
            VariateMath.LogOfOneSided(t, complement), Vector512.Create(-2f), Vector512<float>.Zero));
        VariateMath.SinCosTurns(angleHi, angleLo, out Vector512<float> cos, out Vector512<float> sin);
        n0 = r * cos;
        n1 = r * sin;
    }

    /// <summary>The float normals of the tile in 16 lanes: slot 0 (r·cos θ) then slot 1 (r·sin θ) of blocks 0–15.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void NormalNarrowWide(in PhiloxCounter counter, uint firstBlock, ref float destination) =>
        StoreNormalsNarrow(Rounds16Wide(counter, firstBlock, interleaved: false), ref destination);

    /// <summary>Two tiles of <see cref="NormalNarrowWide"/>, both tiles' rounds first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void NormalNarrowWidePair(in PhiloxCounter counter, uint firstBlock, ref float destination)
    {
        Philox16Wide s = Rounds16Wide(counter, firstBlock, interleaved: false);
        Philox16Wide t = Rounds16Wide(counter, firstBlock + 16, interleaved: false);
        StoreNormalsNarrow(s, ref destination);
        StoreNormalsNarrow(t, ref Unsafe.Add(ref destination, 32));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreNormalsNarrow(in Philox16Wide s, ref float destination)
    {
        NarrowBoxMuller(
            Philox16Wide.Combine64(s.A0, s.A1), Philox16Wide.Combine64(s.B0, s.B1),
            Vector512.Narrow(s.A3, s.B3), Vector512.Narrow(s.A2, s.B2),
            out Vector512<float> n0, out Vector512<float> n1);
        n0.StoreUnsafe(ref destination, 0);
        n1.StoreUnsafe(ref destination, 16);
    }

    /// <summary>Float normals in the layout of <see cref="NormalTile"/>: slot 0 is r·cos θ, slot 1 r·sin θ of each
    /// block's two 64-bit words, computed in float (<see cref="PhiloxStream.FillNormalNarrow"/>).</summary>
    public struct NormalNarrowTile : IPhiloxTile<float>
    {
        public static int LengthLog2 => 5;

        public readonly void Write(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                NormalNarrowWide(counter, firstBlock, ref destination);
                return;
            }

            Write256(counter, firstBlock, ref destination);
        }

        public readonly void WritePair(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                NormalNarrowWidePair(counter, firstBlock, ref destination);
                return;
            }

            WriteTwice(this, counter, firstBlock, ref destination);
        }

        /// <summary>The 256-bit form (also reached by the tests on hardware with 512-bit vectors).</summary>
        internal static void Write256(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            // The 64-bit words go through memory, as in the float normals' tile: with the rounds inlined here, the
            // sixteen blocks' state and the transform's values did not fit in the sixteen vector registers of AVX2, and
            // the JIT spilled them.
            Span<ulong> buffer = stackalloc ulong[32];
            ref ulong words = ref MemoryMarshal.GetReference(buffer);
            Words64(counter, firstBlock, ref words);
            // Blocks 0–7 and 8–15 at once; the radius word of block j is element j, its angle word element 16 + j.
            NarrowNormals(ref words, ref Unsafe.Add(ref words, 16), 0, 8,
                out Vector256<float> n0A, out Vector256<float> n1A, out Vector256<float> n0B, out Vector256<float> n1B);
            n0A.StoreUnsafe(ref destination, 0);
            n0B.StoreUnsafe(ref destination, 8);
            n1A.StoreUnsafe(ref destination, 16);
            n1B.StoreUnsafe(ref destination, 24);
        }
    }

    /// <summary>
    /// The float normals (slot 0 in n0, slot 1 in n1) of the eight word pairs at <paramref name="i"/> … i + 7 (A) and
    /// at <paramref name="j"/> … j + 7 (B) of <paramref name="radius"/> and <paramref name="angle"/>: the angle word's
    /// high half is word 3 of its block, its low half word 2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NarrowNormals(ref ulong radius, ref ulong angle, nuint i, nuint j,
        out Vector256<float> n0A, out Vector256<float> n1A, out Vector256<float> n0B, out Vector256<float> n1B)
    {
        Vector256<ulong> angle0A = Vector256.LoadUnsafe(ref angle, i), angle1A = Vector256.LoadUnsafe(ref angle, i + 4);
        Vector256<ulong> angle0B = Vector256.LoadUnsafe(ref angle, j), angle1B = Vector256.LoadUnsafe(ref angle, j + 4);
        NarrowBoxMuller(
            Vector256.LoadUnsafe(ref radius, i), Vector256.LoadUnsafe(ref radius, i + 4), HighHalves(angle0A, angle1A), Vector256.Narrow(angle0A, angle1A),
            Vector256.LoadUnsafe(ref radius, j), Vector256.LoadUnsafe(ref radius, j + 4), HighHalves(angle0B, angle1B), Vector256.Narrow(angle0B, angle1B),
            out n0A, out n1A, out n0B, out n1B);
    }

    /// <summary>The high 32 bits of eight 64-bit words, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> HighHalves(Vector256<ulong> words0, Vector256<ulong> words1) =>
        Vector256.Narrow(Vector256.ShiftRightLogical(words0, 32), Vector256.ShiftRightLogical(words1, 32));

    // ---------------------------------------------------------------- the lane formulas on chosen words (tests)

    /// <summary>The float normals of chosen (radius, angle) word pairs, 256-bit form (lengths a multiple of 8).</summary>
    internal static void NormalNarrowOfWords(ReadOnlySpan<ulong> radius, ReadOnlySpan<ulong> angle, Span<float> n0, Span<float> n1)
    {
        ref ulong r = ref MemoryMarshal.GetReference(radius);
        ref ulong a = ref MemoryMarshal.GetReference(angle);
        ref float c = ref MemoryMarshal.GetReference(n0);
        ref float s = ref MemoryMarshal.GetReference(n1);
        for (nuint i = 0; i < (nuint)radius.Length; i += 16)
        {
            // Two sets of eight at a time; a last set of eight alone is computed twice (the same words in both).
            nuint j = i + 8 < (nuint)radius.Length ? i + 8 : i;
            NarrowNormals(ref r, ref a, i, j, out Vector256<float> cA, out Vector256<float> sA, out Vector256<float> cB, out Vector256<float> sB);
            cA.StoreUnsafe(ref c, i);
            sA.StoreUnsafe(ref s, i);
            cB.StoreUnsafe(ref c, j);
            sB.StoreUnsafe(ref s, j);
        }
    }

    /// <summary>As <see cref="NormalNarrowOfWords"/> in the 512-bit form (lengths a multiple of 16).</summary>
    internal static void NormalNarrowOfWordsWide(ReadOnlySpan<ulong> radius, ReadOnlySpan<ulong> angle, Span<float> n0, Span<float> n1)
    {
        ref ulong r = ref MemoryMarshal.GetReference(radius);
        ref ulong a = ref MemoryMarshal.GetReference(angle);
        for (nuint i = 0; i < (nuint)radius.Length; i += 16)
        {
            Vector512<ulong> a0 = Vector512.LoadUnsafe(ref a, i), a1 = Vector512.LoadUnsafe(ref a, i + 8);
            NarrowBoxMuller(Vector512.LoadUnsafe(ref r, i), Vector512.LoadUnsafe(ref r, i + 8),
                Vector512.Narrow(Vector512.ShiftRightLogical(a0, 32), Vector512.ShiftRightLogical(a1, 32)), Vector512.Narrow(a0, a1),
                out Vector512<float> c, out Vector512<float> s);
            c.StoreUnsafe(ref MemoryMarshal.GetReference(n0), i);
            s.StoreUnsafe(ref MemoryMarshal.GetReference(n1), i);
        }
    }

    /// <summary>The double normals (<see cref="NormalTile"/>'s lane formula) of chosen word pairs (lengths a multiple
    /// of 4).</summary>
    internal static void NormalOfWords(ReadOnlySpan<ulong> radius, ReadOnlySpan<ulong> angle, Span<double> n0, Span<double> n1)
    {
        ref ulong r = ref MemoryMarshal.GetReference(radius);
        ref ulong a = ref MemoryMarshal.GetReference(angle);
        ref double c = ref MemoryMarshal.GetReference(n0);
        ref double s = ref MemoryMarshal.GetReference(n1);
        for (nuint i = 0; i < (nuint)radius.Length; i += 8)
        {
            // Two sets of four at a time; a last set of four alone is computed twice (the same words in both).
            nuint j = i + 4 < (nuint)radius.Length ? i + 4 : i;
            BoxMuller(Vector256.LoadUnsafe(ref r, i), Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref r, j), Vector256.LoadUnsafe(ref a, j),
                out Vector256<double> cA, out Vector256<double> sA, out Vector256<double> cB, out Vector256<double> sB);
            cA.StoreUnsafe(ref c, i);
            sA.StoreUnsafe(ref s, i);
            cB.StoreUnsafe(ref c, j);
            sB.StoreUnsafe(ref s, j);
        }
    }
}
