using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.RandomNumbers;

/// <summary>The 512-bit forms of the float and double functions, for hardware with 512-bit vectors: operation for operation the
/// 256-bit ones (same constants, same order, same fused multiply–adds), so every lane gets the same bits.</summary>
internal static partial class VariateMath
{
    /// <summary>ln x for positive normal x: <see cref="Log(Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/> on one vector of sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        Reduce(x, out Vector512<float> f, out Vector512<int> e);
        return LogOfReduced(f, Vector512.ConvertToSingle(e));
    }

    /// <summary><see cref="Reduce(Vector256{float}, out Vector256{float}, out Vector256{int})"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce(Vector512<float> x, out Vector512<float> f, out Vector512<int> e)
    {
        Vector512<int> bits = x.AsInt32();
        e = Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(126);
        Vector512<float> m = ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F000000)).AsSingle();
        Vector512<float> small = Vector512.LessThan(m, Vector512.Create(SqrtHalfF));
        e += small.AsInt32();
        f = (m + (m & small)) - Vector512<float>.One;
    }

    /// <summary><see cref="LogOfReduced(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/> on one vector of sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogOfReduced(Vector512<float> f, Vector512<float> ef)
    {
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
        SinCosQuadrant(Vector512.ConvertToSingle(rest) * Vector512.Create(TwoPiOver2Pow32F), q, out cos, out sin);
    }

    /// <summary><see cref="SinCosQuadrant(Vector256{float}, Vector256{uint}, out Vector256{float}, out Vector256{float})"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCosQuadrant(Vector512<float> phi, Vector512<uint> q, out Vector512<float> cos, out Vector512<float> sin)
    {
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

    /// <summary>ln x for positive normal x: <see cref="Log(Vector256{double}, Vector256{double}, out Vector256{double}, out Vector256{double})"/> on one vector of eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        Vector512<ulong> ix = x.AsUInt64() + Vector512.Create(0x3FF0000000000000UL - 0x3FE6A09E667F3BCDUL);
        Vector512<long> k = Vector512.ShiftRightArithmetic(ix.AsInt64(), 52) - Vector512.Create(1023L);
        Vector512<double> m = ((ix & Vector512.Create(0x000FFFFFFFFFFFFFUL)) + Vector512.Create(0x3FE6A09E667F3BCDUL)).AsDouble();
        Vector512<double> f = m - Vector512<double>.One;
        Vector512<double> hfsq = Vector512.Create(0.5) * f * f;
        Vector512<double> s = f / (Vector512.Create(2.0) + f);
        Vector512<double> z = s * s;
        Vector512<double> w = z * z;
        Vector512<double> t1 = Vector512.FusedMultiplyAdd(w, Vector512.Create(1.531383769920937332e-01), Vector512.Create(2.222219843214978396e-01));
        t1 = Vector512.FusedMultiplyAdd(w, t1, Vector512.Create(3.999999999940941908e-01));
        t1 *= w;
        Vector512<double> t2 = Vector512.FusedMultiplyAdd(w, Vector512.Create(1.479819860511658591e-01), Vector512.Create(1.818357216161805012e-01));
        t2 = Vector512.FusedMultiplyAdd(w, t2, Vector512.Create(2.857142874366239149e-01));
        t2 = Vector512.FusedMultiplyAdd(w, t2, Vector512.Create(6.666666666666735130e-01));
        t2 *= z;
        Vector512<double> r = t2 + t1;
        Vector512<double> dk = Vector512.ConvertToDouble(k);
        Vector512<double> result = Vector512.FusedMultiplyAdd(s, hfsq + r, dk * Vector512.Create(Ln2Lo));
        result = (result - hfsq) + f;
        return Vector512.FusedMultiplyAdd(dk, Vector512.Create(Ln2Hi), result);
    }

    /// <summary>cos θ and sin θ for θ = 2π·u/2^64: <see cref="SinCosTurns(Vector256{ulong}, out Vector256{double}, out Vector256{double})"/>
    /// in eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTurns(Vector512<ulong> u, out Vector512<double> cos, out Vector512<double> sin)
    {
        Vector512<ulong> q = Vector512.ShiftRightLogical(u + Vector512.Create(0x2000000000000000UL), 62);
        Vector512<long> rest = (u - Vector512.ShiftLeft(q, 62)).AsInt64();
        Vector512<double> x = Vector512.ConvertToDouble(rest) * Vector512.Create(TwoPiOver2Pow64);
        Vector512<double> z = x * x;
        Vector512<double> w = z * z;

        Vector512<double> r = Vector512.FusedMultiplyAdd(z, Vector512.Create(2.75573137070700676789e-06), Vector512.Create(-1.98412698298579493134e-04));
        r = Vector512.FusedMultiplyAdd(z, r, Vector512.Create(8.33333333332248946124e-03));
        Vector512<double> r2 = Vector512.FusedMultiplyAdd(z, Vector512.Create(1.58969099521155010221e-10), Vector512.Create(-2.50507602534068634195e-08));
        r = Vector512.FusedMultiplyAdd(z * w, r2, r);
        Vector512<double> s = Vector512.FusedMultiplyAdd(z * x, Vector512.FusedMultiplyAdd(z, r, Vector512.Create(-1.66666666666666324348e-01)), x);

        Vector512<double> c1 = Vector512.FusedMultiplyAdd(z, Vector512.Create(2.48015872894767294178e-05), Vector512.Create(-1.38888888888741095749e-03));
        c1 = Vector512.FusedMultiplyAdd(z, c1, Vector512.Create(4.16666666666666019037e-02));
        Vector512<double> c2 = Vector512.FusedMultiplyAdd(z, Vector512.Create(-1.13596475577881948265e-11), Vector512.Create(2.08757232129817482790e-09));
        c2 = Vector512.FusedMultiplyAdd(z, c2, Vector512.Create(-2.75573143513906633035e-07));
        Vector512<double> rc = Vector512.FusedMultiplyAdd(w * w, c2, z * c1);
        Vector512<double> hz = Vector512.Create(0.5) * z;
        Vector512<double> w1 = Vector512<double>.One - hz;
        Vector512<double> c = w1 + (((Vector512<double>.One - w1) - hz) + z * rc);

        Vector512<double> swap = Vector512.Equals(q & Vector512<ulong>.One, Vector512<ulong>.One).AsDouble();
        Vector512<double> cx = Vector512.ConditionalSelect(swap, s, c);
        Vector512<double> sy = Vector512.ConditionalSelect(swap, c, s);
        cos = cx ^ Vector512.ShiftLeft(q ^ Vector512.ShiftRightLogical(q, 1), 63).AsDouble();
        sin = sy ^ Vector512.ShiftLeft(Vector512.ShiftRightLogical(q, 1), 63).AsDouble();
    }
}
