using System.Runtime.Intrinsics;

namespace SdeDsl.RandomNumbers;

/// <summary>
/// The state of sixteen Philox4x32 blocks in flight: four groups (A, B, C, D) of four 64-bit lanes, one block per
/// lane, words 0–3 in fields 0–3, each 32-bit word in the low half of its lane (see
/// <see cref="Philox4x32.Block16"/>).
/// </summary>
internal struct Philox16
{
    public Vector256<ulong> A0, A1, A2, A3;
    public Vector256<ulong> B0, B1, B2, B3;
    public Vector256<ulong> C0, C1, C2, C3;
    public Vector256<ulong> D0, D1, D2, D3;

    /// <summary>
    /// Counter word 0 for blocks <paramref name="firstBlock"/> … + 15 (words 1–3, shared by all lanes, are passed
    /// to <see cref="Philox4x32.Block16"/>). Natural order puts blocks 0–3, 4–7, 8–11, 12–15 (relative) in groups
    /// A–D. Interleaved order puts the even blocks of 0–7 in A and the odd ones in B (likewise 8–15 in C and D), so
    /// that packing A's and B's 32-bit words into one 8-lane vector (<see cref="PackLow32"/>) gives blocks 0–7 in
    /// order.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static Philox16 Create(uint firstBlock, bool interleaved)
    {
        Vector256<ulong> first = Vector256.Create((ulong)firstBlock);
        Philox16 s = default;
        if (interleaved)
        {
            s.A0 = first + Vector256.Create(0UL, 2UL, 4UL, 6UL);
            s.B0 = first + Vector256.Create(1UL, 3UL, 5UL, 7UL);
            s.C0 = first + Vector256.Create(8UL, 10UL, 12UL, 14UL);
            s.D0 = first + Vector256.Create(9UL, 11UL, 13UL, 15UL);
        }
        else
        {
            s.A0 = first + Vector256.Create(0UL, 1UL, 2UL, 3UL);
            s.B0 = first + Vector256.Create(4UL, 5UL, 6UL, 7UL);
            s.C0 = first + Vector256.Create(8UL, 9UL, 10UL, 11UL);
            s.D0 = first + Vector256.Create(12UL, 13UL, 14UL, 15UL);
        }

        return s;
    }

    /// <summary>The low 32-bit halves of <paramref name="even"/> and <paramref name="odd"/>, interleaved into eight
    /// lanes: (even₀, odd₀, even₁, odd₁, …).</summary>
    public static Vector256<uint> PackLow32(Vector256<ulong> even, Vector256<ulong> odd)
    {
        Vector256<uint> shifted = Vector256.ShiftLeft(odd, 32).AsUInt32();
        return System.Runtime.Intrinsics.X86.Avx2.IsSupported
            ? System.Runtime.Intrinsics.X86.Avx2.Blend(even.AsUInt32(), shifted, 0b10101010)
            : (even & Vector256.Create(0xFFFFFFFFUL)).AsUInt32() | shifted;
    }

    /// <summary>The 64-bit word whose low half is <paramref name="low"/>'s low half and whose high half is
    /// <paramref name="high"/>'s low half.</summary>
    public static Vector256<ulong> Combine64(Vector256<ulong> low, Vector256<ulong> high) =>
        (low & Vector256.Create(0xFFFFFFFFUL)) | Vector256.ShiftLeft(high, 32);
}
