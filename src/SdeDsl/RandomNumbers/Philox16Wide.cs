using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.RandomNumbers;

/// <summary>
/// The state of sixteen Philox4x32 blocks in 512-bit vectors: two groups (A, B) of eight 64-bit lanes, one block per
/// lane, words 0–3 in fields 0–3, each 32-bit word in the low half of its lane (see
/// <see cref="Philox4x32.Block16Wide"/>). Used where
/// <see cref="Vector512.IsHardwareAccelerated"/>; the words are the same as those of <see cref="Philox16"/>.
/// </summary>
internal struct Philox16Wide
{
    public Vector512<ulong> A0, A1, A2, A3;
    public Vector512<ulong> B0, B1, B2, B3;

    /// <summary>Counter word 0 for blocks <paramref name="firstBlock"/> … + 15: interleaved, the even ones in A and the
    /// odd ones in B (for 32-bit outputs, <see cref="PackLow32"/>); else blocks 0–7 in A and 8–15 in B (for 64-bit
    /// outputs, <see cref="Combine64"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Philox16Wide Create(uint firstBlock, bool interleaved)
    {
        Vector512<ulong> first = Vector512.Create((ulong)firstBlock);
        Philox16Wide s = default;
        if (interleaved)
        {
            s.A0 = first + Vector512.Create(0UL, 2UL, 4UL, 6UL, 8UL, 10UL, 12UL, 14UL);
            s.B0 = first + Vector512.Create(1UL, 3UL, 5UL, 7UL, 9UL, 11UL, 13UL, 15UL);
        }
        else
        {
            s.A0 = first + Vector512.Create(0UL, 1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL);
            s.B0 = first + Vector512.Create(8UL, 9UL, 10UL, 11UL, 12UL, 13UL, 14UL, 15UL);
        }

        return s;
    }

    /// <summary>The 64-bit word whose low half is <paramref name="low"/>'s low half and whose high half is
    /// <paramref name="high"/>'s low half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Combine64(Vector512<ulong> low, Vector512<ulong> high) =>
        Vector512.ConditionalSelect(Vector512.Create(0xFFFFFFFFUL), low, Vector512.ShiftLeft(high, 32));

    /// <summary>The low 32-bit halves of <paramref name="even"/> and <paramref name="odd"/>, interleaved into sixteen
    /// lanes: (even₀, odd₀, even₁, odd₁, …).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> PackLow32(Vector512<ulong> even, Vector512<ulong> odd) =>
        Vector512.ConditionalSelect(Vector512.Create(0xFFFFFFFFUL), even, Vector512.ShiftLeft(odd, 32)).AsUInt32();
}
