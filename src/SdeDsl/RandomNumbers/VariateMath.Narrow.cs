using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.RandomNumbers;

/// <summary>
/// The float functions behind <see cref="PhiloxStream.FillNormalNarrow"/>: the double normals' Box–Muller evaluated in
/// single precision from the same 64-bit words, without losing the precision that a float u would lose near 1 or a
/// float angle near the axes. 256- and 512-bit forms, operation for operation the same, so every lane gets the same bits.
/// </summary>
internal static partial class VariateMath
{
    private const float OneMinusSqrtHalfF = 0.292893218813452476f; // 1 − √½
    private const float TwoPow24F = 1f / 16777216f;                 // 2^−24

    /// <summary>
    /// ln u for u = t (lanes where the complement mask is clear, t ∈ [2^−64, ½]) or u = 1 − t (lanes where it is set,
    /// t ∈ (0, ½]), t a positive normal float, for two vectors at once (their polynomials interleaved, as in
    /// <see cref="Log(Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/>). The Cephes
    /// logf decomposition u = m·2^e, f = m − 1, except that for u = 1 − t the reduced argument is taken from t itself:
    /// f = −t, e = 0 for t ≤ 1 − √½, and f = 1 − 2t (exact by Sterbenz), e = −1 above. So ln u keeps t's relative
    /// precision however close u is to 1 (a log1p of −t), and the polynomial and its cost are those of the plain log.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LogOfOneSided(Vector256<float> t0, Vector256<float> complement0, Vector256<float> t1, Vector256<float> complement1,
        out Vector256<float> log0, out Vector256<float> log1)
    {
        ReduceOneSided(t0, complement0, out Vector256<float> f0, out Vector256<float> ef0);
        ReduceOneSided(t1, complement1, out Vector256<float> f1, out Vector256<float> ef1);
        LogOfReduced(f0, ef0, f1, ef1, out log0, out log1);
    }

    /// <summary>f and e (as a float) of <see cref="LogOfOneSided(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/> for one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReduceOneSided(Vector256<float> t, Vector256<float> complement, out Vector256<float> f, out Vector256<float> ef)
    {
        Reduce(t, out f, out Vector256<int> e);
        Vector256<float> far = Vector256.GreaterThan(t, Vector256.Create(OneMinusSqrtHalfF));
        Vector256<float> fc = Vector256.ConditionalSelect(far, Vector256<float>.One - (t + t), Vector256<float>.Zero - t);
        f = Vector256.ConditionalSelect(complement, fc, f);
        ef = Vector256.ConvertToSingle(Vector256.ConditionalSelect(complement.AsInt32(), far.AsInt32(), e));
    }

    /// <summary>
    /// cos θ and sin θ in float for θ = 2π·(2^32·hi + lo)/2^64 (a 64-bit word in two 32-bit halves): the quadrant
    /// q = ⌊(hi + 2^29)/2^30⌋ comes from the high half alone (adding 2^61 never carries out of the low half); the rest
    /// (hi − 2^30·q) + lo/2^32 keeps the top 24 bits of lo, so φ is accurate relative to itself even next to the axes,
    /// where cos or sin is small; then the Cephes kernels and the rotation of
    /// <see cref="SinCosTurns(Vector256{uint}, out Vector256{float}, out Vector256{float})"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTurns(Vector256<uint> hi, Vector256<uint> lo, out Vector256<float> cos, out Vector256<float> sin)
    {
        Vector256<uint> q = Vector256.ShiftRightLogical(hi + Vector256.Create(0x20000000u), 30);
        Vector256<int> rest = (hi - Vector256.ShiftLeft(q, 30)).AsInt32();
        Vector256<float> turns = Vector256.FusedMultiplyAdd(
            Vector256.ConvertToSingle(Vector256.ShiftRightLogical(lo, 8).AsInt32()), Vector256.Create(TwoPow24F), Vector256.ConvertToSingle(rest));
        SinCosQuadrant(turns * Vector256.Create(TwoPiOver2Pow32F), q, out cos, out sin);
    }

    /// <summary><see cref="LogOfOneSided(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/> on one vector of sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LogOfOneSided(Vector512<float> t, Vector512<float> complement)
    {
        Reduce(t, out Vector512<float> f, out Vector512<int> e);
        Vector512<float> far = Vector512.GreaterThan(t, Vector512.Create(OneMinusSqrtHalfF));
        Vector512<float> fc = Vector512.ConditionalSelect(far, Vector512<float>.One - (t + t), Vector512<float>.Zero - t);
        f = Vector512.ConditionalSelect(complement, fc, f);
        e = Vector512.ConditionalSelect(complement.AsInt32(), far.AsInt32(), e);
        return LogOfReduced(f, Vector512.ConvertToSingle(e));
    }

    /// <summary><see cref="SinCosTurns(Vector256{uint}, Vector256{uint}, out Vector256{float}, out Vector256{float})"/>
    /// in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTurns(Vector512<uint> hi, Vector512<uint> lo, out Vector512<float> cos, out Vector512<float> sin)
    {
        Vector512<uint> q = Vector512.ShiftRightLogical(hi + Vector512.Create(0x20000000u), 30);
        Vector512<int> rest = (hi - Vector512.ShiftLeft(q, 30)).AsInt32();
        Vector512<float> turns = Vector512.FusedMultiplyAdd(
            Vector512.ConvertToSingle(Vector512.ShiftRightLogical(lo, 8).AsInt32()), Vector512.Create(TwoPow24F), Vector512.ConvertToSingle(rest));
        SinCosQuadrant(turns * Vector512.Create(TwoPiOver2Pow32F), q, out cos, out sin);
    }
}
