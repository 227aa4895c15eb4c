using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.RandomNumbers;

/// <summary>The 512-bit forms of the float functions, for hardware with 512-bit vectors: operation for operation the
/// 256-bit ones (same constants, same order, same fused multiply–adds), so every lane gets the same bits.</summary>
internal static partial class VariateMath
{
    /// <summary>ln x for positive normal x: <see cref="Log(Vector256{float})"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        Vector512<int> bits = x.AsInt32();
        Vector512<int> e = Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(126);
        Vector512<float> m = ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F000000)).AsSingle();
        Vector512<float> small = Vector512.LessThan(m, Vector512.Create(SqrtHalfF));
        e += small.AsInt32();
        Vector512<float> f = (m + (m & small)) - Vector512<float>.One;
        Vector512<float> ef = Vector512.ConvertToSingle(e);
        Vector512<float> z = f * f;

        Vector512<float> p = Vector512.Create(7.0376836292E-2f);
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-1.1514610310E-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(1.1676998740E-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-1.2420140846E-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(1.4249322787E-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-1.6668057665E-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(2.0000714765E-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(-2.4999993993E-1f));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(3.3333331174E-1f));

        Vector512<float> y = p * f * z;
        y = Vector512.FusedMultiplyAdd(ef, Vector512.Create(-2.12194440e-4f), y);
        y = Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5f), y);
        Vector512<float> r = f + y;
        return Vector512.FusedMultiplyAdd(ef, Vector512.Create(0.693359375f), r);
    }

    /// <summary>cos θ and sin θ for θ = 2π·w/2^32: <see cref="SinCosTurns(Vector256{uint}, out Vector256{float}, out Vector256{float})"/>
    /// in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTurns(Vector512<uint> w, out Vector512<float> cos, out Vector512<float> sin)
    {
        Vector512<uint> q = Vector512.ShiftRightLogical(w + Vector512.Create(0x20000000u), 30);
        Vector512<int> rest = (w - Vector512.ShiftLeft(q, 30)).AsInt32();
        Vector512<float> phi = Vector512.ConvertToSingle(rest) * Vector512.Create(TwoPiOver2Pow32F);
        Vector512<float> z = phi * phi;

        Vector512<float> ps = Vector512.FusedMultiplyAdd(z, Vector512.Create(-1.9515295891E-4f), Vector512.Create(8.3321608736E-3f));
        ps = Vector512.FusedMultiplyAdd(ps, z, Vector512.Create(-1.6666654611E-1f));
        Vector512<float> s = Vector512.FusedMultiplyAdd(ps, z * phi, phi);

        Vector512<float> pc = Vector512.FusedMultiplyAdd(z, Vector512.Create(2.443315711809948E-5f), Vector512.Create(-1.388731625493765E-3f));
        pc = Vector512.FusedMultiplyAdd(pc, z, Vector512.Create(4.166664568298827E-2f));
        Vector512<float> c = Vector512.FusedMultiplyAdd(pc, z * z, Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5f), Vector512<float>.One));

        Vector512<float> swap = Vector512.Equals(q & Vector512<uint>.One, Vector512<uint>.One).AsSingle();
        Vector512<float> x = Vector512.ConditionalSelect(swap, s, c);
        Vector512<float> y = Vector512.ConditionalSelect(swap, c, s);
        cos = x ^ Vector512.ShiftLeft(q ^ Vector512.ShiftRightLogical(q, 1), 31).AsSingle();
        sin = y ^ Vector512.ShiftLeft(Vector512.ShiftRightLogical(q, 1), 31).AsSingle();
    }
}
