using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdeDsl.RandomNumbers;

/// <summary>
/// The Philox4x32-10 block function of Salmon, Moraes, Dror and Shaw (SC'11), exactly as in Random123
/// (<c>philox4x32_R(10, ctr, key)</c>): a 128-bit counter (c0, c1, c2, c3) and a 64-bit key (k0, k1) are mapped to four
/// 32-bit words by ten rounds of
/// <c>(c0, c1, c2, c3) ← (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0))</c>,
/// with M0 = 0xD2511F53, M1 = 0xCD9E8D57 and the key bumped by the Weyl constants (0x9E3779B9, 0xBB67AE85) between
/// rounds. Checked against Random123's known-answer vectors (<c>kat_vectors</c>).
/// </summary>
public static class Philox4x32
{
    /// <summary>The multiplier applied to counter word 0, 0xD2511F53.</summary>
    public const uint Multiplier0 = 0xD2511F53;

    /// <summary>The multiplier applied to counter word 2, 0xCD9E8D57.</summary>
    public const uint Multiplier1 = 0xCD9E8D57;

    /// <summary>The Weyl increment of key word 0, 0x9E3779B9 (the golden ratio).</summary>
    public const uint Weyl0 = 0x9E3779B9;

    /// <summary>The Weyl increment of key word 1, 0xBB67AE85 (√3 − 1).</summary>
    public const uint Weyl1 = 0xBB67AE85;

    /// <summary>The number of rounds, 10.</summary>
    public const int Rounds = 10;

    /// <summary>Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1).</summary>
    /// <param name="c0">Counter word 0.</param>
    /// <param name="c1">Counter word 1.</param>
    /// <param name="c2">Counter word 2.</param>
    /// <param name="c3">Counter word 3.</param>
    /// <param name="k0">Key word 0.</param>
    /// <param name="k1">Key word 1.</param>
    /// <returns>The four output words, in Random123's order.</returns>
    public static (uint X0, uint X1, uint X2, uint X3) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < Rounds; round++)
        {
            ulong p0 = (ulong)Multiplier0 * c0;
            ulong p1 = (ulong)Multiplier1 * c2;
            c0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            c1 = (uint)p1;
            c2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            c3 = (uint)p0;
            k0 += Weyl0;
            k1 += Weyl1;
        }

        return (c0, c1, c2, c3);
    }

    /// <summary>
    /// Sixteen blocks at once, in four groups of four lanes, taken two groups at a time (<see cref="Block8"/>). Each
    /// lane carries its 32-bit word in its low half; the high halves hold junk that never reaches a low half (the
    /// 32×32→64 multiply reads only the low halves), so the outputs are the low halves of the state. Bit-identical to
    /// <see cref="Block"/> per lane.
    /// </summary>
    /// <remarks>
    /// This is the form of processors without 512-bit vectors, which have sixteen vector registers: two groups' state
    /// (eight registers) with the multipliers, the round keys and the products fit in them, where four groups spilled
    /// about a third of the round's operands to the stack. The two groups are independent chains, so the processor
    /// still overlaps their rounds, and the second pair's first rounds with the first pair's last.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Block16(ref Philox16 s, in PhiloxCounter counter)
    {
        Block8(s.A0, s.B0, counter, out s.A0, out s.A1, out s.A2, out s.A3, out s.B0, out s.B1, out s.B2, out s.B3);
        Block8(s.C0, s.D0, counter, out s.C0, out s.C1, out s.C2, out s.C3, out s.D0, out s.D1, out s.D2, out s.D3);
    }

    /// <summary>
    /// Eight blocks, in two independent groups (A, B) of four lanes, from their counter words 0 (words 1–3 and the key
    /// are the counter's): the same rounds as <see cref="Block"/>, with the scalar shortcuts of rounds 1 and 2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block8(Vector256<ulong> aCounter, Vector256<ulong> bCounter, in PhiloxCounter counter,
        out Vector256<ulong> aWord0, out Vector256<ulong> aWord1, out Vector256<ulong> aWord2, out Vector256<ulong> aWord3,
        out Vector256<ulong> bWord0, out Vector256<ulong> bWord1, out Vector256<ulong> bWord2, out Vector256<ulong> bWord3)
    {
        Vector256<ulong> m0 = Vector256.Create((ulong)Multiplier0);
        Vector256<ulong> m1 = Vector256.Create((ulong)Multiplier1);
        uint k0 = counter.Key0, k1 = counter.Key1;

        // Round 1. Counter words 1–3 (step, stream, path) are the same in every lane, so M1·c2 is a scalar product
        // and words 0 and 1 after the round are scalars too.
        ulong p1 = (ulong)Multiplier1 * counter.Stream;
        uint r0 = (uint)(p1 >> 32) ^ counter.Step ^ k0;
        uint r1 = (uint)p1;
        Vector256<ulong> pathKey = Vector256.Create((ulong)(counter.Path ^ k1));
        Vector256<ulong> a3 = MultiplyLow32(aCounter, m0), b3 = MultiplyLow32(bCounter, m0);
        Vector256<ulong> a2 = Vector256.ShiftRightLogical(a3, 32) ^ pathKey;
        Vector256<ulong> b2 = Vector256.ShiftRightLogical(b3, 32) ^ pathKey;
        k0 += Weyl0;
        k1 += Weyl1;

        // Round 2. Word 0 is the scalar r0, so M0·r0 is a scalar product: word 3 after the round is a scalar.
        ulong q0 = (ulong)Multiplier0 * r0;
        Vector256<ulong> hiKey = Vector256.Create((ulong)((uint)(q0 >> 32) ^ k1));
        Vector256<ulong> r1Key = Vector256.Create((ulong)(r1 ^ k0));
        Vector256<ulong> a1 = MultiplyLow32(a2, m1), b1 = MultiplyLow32(b2, m1);
        Vector256<ulong> a0 = Vector256.ShiftRightLogical(a1, 32) ^ r1Key;
        Vector256<ulong> b0 = Vector256.ShiftRightLogical(b1, 32) ^ r1Key;
        a2 = a3 ^ hiKey;
        b2 = b3 ^ hiKey;
        a3 = b3 = Vector256.Create((ulong)(uint)q0);
        k0 += Weyl0;
        k1 += Weyl1;

        // Two rounds per iteration with the words renamed in between, so no register moves are needed. Each new word
        // is hi(p) ⊕ (w ⊕ key), not (hi(p) ⊕ w) ⊕ key: the same bits, but the round's chain of dependent operations
        // is multiply, shift, one xor (5 cycles on Zen 3, not 6), since w ⊕ key does not wait for the multiply. With two
        // groups in flight the rounds are bound by that chain: the 32-bit word fill went from 0.70 to 0.64 ns.
        for (int round = 2; round < Rounds; round += 2)
        {
            Vector256<ulong> key0 = Vector256.Create((ulong)k0);
            Vector256<ulong> key1 = Vector256.Create((ulong)k1);
            Vector256<ulong> pa0 = MultiplyLow32(a0, m0), pa1 = MultiplyLow32(a2, m1);
            Vector256<ulong> pb0 = MultiplyLow32(b0, m0), pb1 = MultiplyLow32(b2, m1);
            Vector256<ulong> ya0 = Vector256.ShiftRightLogical(pa1, 32) ^ (a1 ^ key0), ya2 = Vector256.ShiftRightLogical(pa0, 32) ^ (a3 ^ key1);
            Vector256<ulong> yb0 = Vector256.ShiftRightLogical(pb1, 32) ^ (b1 ^ key0), yb2 = Vector256.ShiftRightLogical(pb0, 32) ^ (b3 ^ key1);
            k0 += Weyl0;
            k1 += Weyl1;

            // (y0, y1, y2, y3) = (y0, p1, y2, p0).
            key0 = Vector256.Create((ulong)k0);
            key1 = Vector256.Create((ulong)k1);
            Vector256<ulong> qa0 = MultiplyLow32(ya0, m0), qa1 = MultiplyLow32(ya2, m1);
            Vector256<ulong> qb0 = MultiplyLow32(yb0, m0), qb1 = MultiplyLow32(yb2, m1);
            a0 = Vector256.ShiftRightLogical(qa1, 32) ^ (pa1 ^ key0); a2 = Vector256.ShiftRightLogical(qa0, 32) ^ (pa0 ^ key1);
            b0 = Vector256.ShiftRightLogical(qb1, 32) ^ (pb1 ^ key0); b2 = Vector256.ShiftRightLogical(qb0, 32) ^ (pb0 ^ key1);
            a1 = qa1; a3 = qa0;
            b1 = qb1; b3 = qb0;
            k0 += Weyl0;
            k1 += Weyl1;
        }

        aWord0 = a0; aWord1 = a1; aWord2 = a2; aWord3 = a3;
        bWord0 = b0; bWord1 = b1; bWord2 = b2; bWord3 = b3;
    }

    /// <summary>
    /// <see cref="Block16"/> in two groups of eight 512-bit lanes (even blocks in A, odd ones in B), for hardware
    /// with 512-bit vectors: the same rounds, the same scalar shortcuts of rounds 1 and 2, so the same words.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Block16Wide(ref Philox16Wide s, in PhiloxCounter counter)
    {
        Vector512<ulong> m0 = Vector512.Create((ulong)Multiplier0);
        Vector512<ulong> m1 = Vector512.Create((ulong)Multiplier1);
        uint k0 = counter.Key0, k1 = counter.Key1;
        Vector512<ulong> a0 = s.A0, b0 = s.B0;

        // Round 1: words 1–3 are shared by all lanes (see Block16).
        ulong p1 = (ulong)Multiplier1 * counter.Stream;
        uint r0 = (uint)(p1 >> 32) ^ counter.Step ^ k0;
        uint r1 = (uint)p1;
        Vector512<ulong> pathKey = Vector512.Create((ulong)(counter.Path ^ k1));
        Vector512<ulong> a3 = MultiplyLow32(a0, m0), b3 = MultiplyLow32(b0, m0);
        Vector512<ulong> a2 = Vector512.ShiftRightLogical(a3, 32) ^ pathKey;
        Vector512<ulong> b2 = Vector512.ShiftRightLogical(b3, 32) ^ pathKey;
        k0 += Weyl0;
        k1 += Weyl1;

        // Round 2: word 0 is the scalar r0.
        ulong q0 = (ulong)Multiplier0 * r0;
        Vector512<ulong> hiKey = Vector512.Create((ulong)((uint)(q0 >> 32) ^ k1));
        Vector512<ulong> r1Key = Vector512.Create((ulong)(r1 ^ k0));
        Vector512<ulong> a1 = MultiplyLow32(a2, m1), b1 = MultiplyLow32(b2, m1);
        a0 = Vector512.ShiftRightLogical(a1, 32) ^ r1Key;
        b0 = Vector512.ShiftRightLogical(b1, 32) ^ r1Key;
        a2 = a3 ^ hiKey;
        b2 = b3 ^ hiKey;
        a3 = b3 = Vector512.Create((ulong)(uint)q0);
        k0 += Weyl0;
        k1 += Weyl1;

        for (int round = 2; round < Rounds; round += 2)
        {
            Vector512<ulong> key0 = Vector512.Create((ulong)k0);
            Vector512<ulong> key1 = Vector512.Create((ulong)k1);
            Vector512<ulong> pa0 = MultiplyLow32(a0, m0), pa1 = MultiplyLow32(a2, m1);
            Vector512<ulong> pb0 = MultiplyLow32(b0, m0), pb1 = MultiplyLow32(b2, m1);
            Vector512<ulong> ya0 = Vector512.ShiftRightLogical(pa1, 32) ^ (a1 ^ key0), ya2 = Vector512.ShiftRightLogical(pa0, 32) ^ (a3 ^ key1);
            Vector512<ulong> yb0 = Vector512.ShiftRightLogical(pb1, 32) ^ (b1 ^ key0), yb2 = Vector512.ShiftRightLogical(pb0, 32) ^ (b3 ^ key1);
            k0 += Weyl0;
            k1 += Weyl1;

            key0 = Vector512.Create((ulong)k0);
            key1 = Vector512.Create((ulong)k1);
            Vector512<ulong> qa0 = MultiplyLow32(ya0, m0), qa1 = MultiplyLow32(ya2, m1);
            Vector512<ulong> qb0 = MultiplyLow32(yb0, m0), qb1 = MultiplyLow32(yb2, m1);
            a0 = Vector512.ShiftRightLogical(qa1, 32) ^ (pa1 ^ key0); a2 = Vector512.ShiftRightLogical(qa0, 32) ^ (pa0 ^ key1);
            b0 = Vector512.ShiftRightLogical(qb1, 32) ^ (pb1 ^ key0); b2 = Vector512.ShiftRightLogical(qb0, 32) ^ (pb0 ^ key1);
            a1 = qa1; a3 = qa0;
            b1 = qb1; b3 = qb0;
            k0 += Weyl0;
            k1 += Weyl1;
        }

        s.A0 = a0; s.A1 = a1; s.A2 = a2; s.A3 = a3;
        s.B0 = b0; s.B1 = b1; s.B2 = b2; s.B3 = b3;
    }

    /// <summary>The full 64-bit products of the low 32-bit halves of each lane (vpmuludq).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> MultiplyLow32(Vector512<ulong> x, Vector512<ulong> multiplier) =>
        Avx512F.IsSupported
            ? Avx512F.Multiply(x.AsUInt32(), multiplier.AsUInt32())
            : (x & Vector512.Create(0xFFFFFFFFUL)) * multiplier;

    /// <summary>The full 64-bit products of the low 32-bit halves of each lane (vpmuludq where available).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> MultiplyLow32(Vector256<ulong> x, Vector256<ulong> multiplier) =>
        Avx2.IsSupported
            ? Avx2.Multiply(x.AsUInt32(), multiplier.AsUInt32())
            : (x & Vector256.Create(0xFFFFFFFFUL)) * multiplier;
}
