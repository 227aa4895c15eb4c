using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdeDsl.RandomNumbers;

/// <summary>
/// The branch-free lane-wise functions behind the variates of <see cref="PhiloxStream"/>: logarithms, the sine and
/// cosine of 2π·(an integer / 2^32 or 2^64), and expm1, on <see cref="Vector256{T}"/>.
/// </summary>
/// <remarks>
/// <para>
/// Only IEEE-exact lane-wise operations are used: +, −, ×, ÷, √, fused multiply–add
/// (<see cref="Vector256.FusedMultiplyAdd(Vector256{float}, Vector256{float}, Vector256{float})"/>, one rounding on
/// every machine, emulated where the hardware lacks it), integer–float conversions, bit operations, compares and
/// selects. So a lane's result depends only on that lane's input: the same bits on every machine, whatever the
/// hardware vector width or the position of the lane. There is no separate scalar code that could drift apart.
/// </para>
/// <para>
/// Accuracy, measured by <c>PhiloxStreamTests</c> against <see cref="System.Math"/> in double precision:
/// <see cref="Log(Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/> (Cephes logf polynomial) ≤ 2 ulp on [2^−32, 1];
/// <see cref="Log(Vector256{double}, Vector256{double}, out Vector256{double}, out Vector256{double})"/> (fdlibm/musl log) ≤ 1 ulp; the sine and cosine ≤ 2 ulp (float, Cephes
/// sinf/cosf kernels) and ≤ 1 ulp (double, fdlibm kernels) of the angle as rounded to the working precision;
/// <see cref="ExpM1(Vector256{double})"/> ≤ 2 ulp on [0, 709].
/// </para>
/// </remarks>
internal static partial class VariateMath
{
    // ---------------------------------------------------------------- float log (Cephes logf)

    private const float SqrtHalfF = 0.707106781186547524f;

    /// <summary>
    /// ln x for positive normal x (Cephes logf), for two vectors at once: x = m·2^e with m ∈ [√½, √2), f = m − 1,
    /// ln x = f − f²/2 + f³·P(f) + e·ln 2 (ln 2 split into 0.693359375 − 2.12194440e−4).
    /// </summary>
    /// <remarks>Two vectors, because their polynomials are evaluated interleaved (<see cref="LogOfReduced(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/>).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Log(Vector256<float> x0, Vector256<float> x1, out Vector256<float> log0, out Vector256<float> log1)
    {
        Reduce(x0, out Vector256<float> f0, out Vector256<int> e0);
        Reduce(x1, out Vector256<float> f1, out Vector256<int> e1);
        LogOfReduced(f0, Vector256.ConvertToSingle(e0), f1, Vector256.ConvertToSingle(e1), out log0, out log1);
    }

    /// <summary>x = m·2^e with m ∈ [√½, √2): f = m − 1 (exact) and e, for positive normal x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce(Vector256<float> x, out Vector256<float> f, out Vector256<int> e)
    {
        Vector256<int> bits = x.AsInt32();
        e = Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(126);
        Vector256<float> m = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F000000)).AsSingle(); // [½, 1)
        Vector256<float> small = Vector256.LessThan(m, Vector256.Create(SqrtHalfF));
        e += small.AsInt32(); // −1 where m < √½
        f = (m + (m & small)) - Vector256<float>.One; // 2m − 1 or m − 1, both exact
    }

    /// <summary>
    /// ln(1 + f) + e·ln 2 = f − f²/2 + f³·P(f) + e·ln 2, the Cephes polynomial (shared by
    /// <see cref="Log(Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/> and
    /// <see cref="LogOfOneSided(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/>), for two vectors with their operations interleaved one by one. The Horner
    /// polynomial is a chain of nine dependent FMAs; written one vector after the other, the first's chain filled the
    /// processor's scheduler before the second's began (the JIT keeps the order of the code). Interleaved, the float
    /// normals' fill took 11–13 % less time on a processor without AVX-512 (docs/performance-log.md). Each vector gets the
    /// same operations in the same order as alone, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LogOfReduced(Vector256<float> f0, Vector256<float> ef0, Vector256<float> f1, Vector256<float> ef1,
        out Vector256<float> log0, out Vector256<float> log1)
    {
        Vector256<float> z0 = f0 * f0, z1 = f1 * f1;
        Vector256<float> p0 = Vector256.Create(7.0376836292E-2f), p1 = p0;
        HornerStep(ref p0, f0, ref p1, f1, -1.1514610310E-1f);
        HornerStep(ref p0, f0, ref p1, f1, 1.1676998740E-1f);
        HornerStep(ref p0, f0, ref p1, f1, -1.2420140846E-1f);
        HornerStep(ref p0, f0, ref p1, f1, 1.4249322787E-1f);
        HornerStep(ref p0, f0, ref p1, f1, -1.6668057665E-1f);
        HornerStep(ref p0, f0, ref p1, f1, 2.0000714765E-1f);
        HornerStep(ref p0, f0, ref p1, f1, -2.4999993993E-1f);
        HornerStep(ref p0, f0, ref p1, f1, 3.3333331174E-1f);

        Vector256<float> y0 = p0 * f0 * z0, y1 = p1 * f1 * z1;
        y0 = Vector256.FusedMultiplyAdd(ef0, Vector256.Create(-2.12194440e-4f), y0);
        y1 = Vector256.FusedMultiplyAdd(ef1, Vector256.Create(-2.12194440e-4f), y1);
        y0 = Vector256.FusedMultiplyAdd(z0, Vector256.Create(-0.5f), y0);
        y1 = Vector256.FusedMultiplyAdd(z1, Vector256.Create(-0.5f), y1);
        log0 = Vector256.FusedMultiplyAdd(ef0, Vector256.Create(0.693359375f), f0 + y0);
        log1 = Vector256.FusedMultiplyAdd(ef1, Vector256.Create(0.693359375f), f1 + y1);
    }

    /// <summary>One Horner step p ← p·f + c on each of two vectors, one after the other.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void HornerStep(ref Vector256<float> p0, Vector256<float> f0, ref Vector256<float> p1, Vector256<float> f1, float c)
    {
        p0 = Vector256.FusedMultiplyAdd(p0, f0, Vector256.Create(c));
        p1 = Vector256.FusedMultiplyAdd(p1, f1, Vector256.Create(c));
    }

    // ---------------------------------------------------------------- double log (fdlibm / musl)

    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    /// <summary>
    /// ln x for positive normal x (fdlibm), for two vectors at once: x = m·2^k with m ∈ [√½, √2), f = m − 1,
    /// s = f/(2 + f), ln m = f − f²/2 + s(f²/2 + R(s²)), R a degree-7 polynomial in s² (Lg1…Lg7). The two vectors'
    /// operations are interleaved one by one after the reduction, for the reason given at the float
    /// <see cref="LogOfReduced(Vector256{float}, Vector256{float}, Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/>;
    /// each gets the same operations in the same order as alone, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Log(Vector256<double> x0, Vector256<double> x1, out Vector256<double> log0, out Vector256<double> log1)
    {
        Vector256<double> f0 = Reduce(x0, out Vector256<double> dk0), f1 = Reduce(x1, out Vector256<double> dk1);
        Vector256<double> hfsq0 = Vector256.Create(0.5) * f0 * f0, hfsq1 = Vector256.Create(0.5) * f1 * f1;
        Vector256<double> s0 = f0 / (Vector256.Create(2.0) + f0), s1 = f1 / (Vector256.Create(2.0) + f1);
        Vector256<double> z0 = s0 * s0, z1 = s1 * s1;
        Vector256<double> w0 = z0 * z0, w1 = z1 * z1;
        Vector256<double> t10 = Vector256.FusedMultiplyAdd(w0, Vector256.Create(1.531383769920937332e-01), Vector256.Create(2.222219843214978396e-01));
        Vector256<double> t11 = Vector256.FusedMultiplyAdd(w1, Vector256.Create(1.531383769920937332e-01), Vector256.Create(2.222219843214978396e-01));
        t10 = Vector256.FusedMultiplyAdd(w0, t10, Vector256.Create(3.999999999940941908e-01));
        t11 = Vector256.FusedMultiplyAdd(w1, t11, Vector256.Create(3.999999999940941908e-01));
        t10 *= w0;
        t11 *= w1;
        Vector256<double> t20 = Vector256.FusedMultiplyAdd(w0, Vector256.Create(1.479819860511658591e-01), Vector256.Create(1.818357216161805012e-01));
        Vector256<double> t21 = Vector256.FusedMultiplyAdd(w1, Vector256.Create(1.479819860511658591e-01), Vector256.Create(1.818357216161805012e-01));
        t20 = Vector256.FusedMultiplyAdd(w0, t20, Vector256.Create(2.857142874366239149e-01));
        t21 = Vector256.FusedMultiplyAdd(w1, t21, Vector256.Create(2.857142874366239149e-01));
        t20 = Vector256.FusedMultiplyAdd(w0, t20, Vector256.Create(6.666666666666735130e-01));
        t21 = Vector256.FusedMultiplyAdd(w1, t21, Vector256.Create(6.666666666666735130e-01));
        t20 *= z0;
        t21 *= z1;
        Vector256<double> result0 = Vector256.FusedMultiplyAdd(s0, hfsq0 + (t20 + t10), dk0 * Vector256.Create(Ln2Lo));
        Vector256<double> result1 = Vector256.FusedMultiplyAdd(s1, hfsq1 + (t21 + t11), dk1 * Vector256.Create(Ln2Lo));
        log0 = Vector256.FusedMultiplyAdd(dk0, Vector256.Create(Ln2Hi), (result0 - hfsq0) + f0);
        log1 = Vector256.FusedMultiplyAdd(dk1, Vector256.Create(Ln2Hi), (result1 - hfsq1) + f1);
    }

    /// <summary>x = m·2^k with m ∈ [√½, √2): f = m − 1 (exact), and k as a double in <paramref name="dk"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Reduce(Vector256<double> x, out Vector256<double> dk)
    {
        // Shift the exponent so that the mantissa lands in [√½, √2): 0x3FE6A09E667F3BCD is √½.
        Vector256<ulong> ix = x.AsUInt64() + Vector256.Create(0x3FF0000000000000UL - 0x3FE6A09E667F3BCDUL);
        dk = Vector256.ConvertToDouble(Vector256.ShiftRightArithmetic(ix.AsInt64(), 52) - Vector256.Create(1023L));
        Vector256<double> m = ((ix & Vector256.Create(0x000FFFFFFFFFFFFFUL)) + Vector256.Create(0x3FE6A09E667F3BCDUL)).AsDouble();
        return m - Vector256<double>.One;
    }

    // ---------------------------------------------------------------- sin/cos of 2π·w/2^32, float

    private const float TwoPiOver2Pow32F = (float)(2.0 * System.Math.PI / 4294967296.0);

    /// <summary>
    /// cos θ and sin θ for θ = 2π·w/2^32 (w a 32-bit word per lane): the nearest quadrant q = ⌊(w + 2^29)/2^30⌋ is
    /// split off exactly in integers, the rest φ ∈ [−π/4, π/4) goes through the Cephes sinf/cosf kernels, and the
    /// result is rotated by q·π/2 with a select and two sign flips.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTurns(Vector256<uint> w, out Vector256<float> cos, out Vector256<float> sin)
    {
        Vector256<uint> q = Vector256.ShiftRightLogical(w + Vector256.Create(0x20000000u), 30);
        Vector256<int> rest = (w - Vector256.ShiftLeft(q, 30)).AsInt32();
        SinCosQuadrant(Vector256.ConvertToSingle(rest) * Vector256.Create(TwoPiOver2Pow32F), q, out cos, out sin);
    }

    /// <summary>cos and sin of q·π/2 + φ for φ ∈ [−π/4, π/4]: the Cephes sinf/cosf kernels, then <see cref="Rotate(Vector256{uint}, Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCosQuadrant(Vector256<float> phi, Vector256<uint> q, out Vector256<float> cos, out Vector256<float> sin)
    {
        Vector256<float> z = phi * phi;
        Vector256<float> ps = Vector256.FusedMultiplyAdd(z, Vector256.Create(-1.9515295891E-4f), Vector256.Create(8.3321608736E-3f));
        ps = Vector256.FusedMultiplyAdd(ps, z, Vector256.Create(-1.6666654611E-1f));
        Vector256<float> s = Vector256.FusedMultiplyAdd(ps, z * phi, phi);

        Vector256<float> pc = Vector256.FusedMultiplyAdd(z, Vector256.Create(2.443315711809948E-5f), Vector256.Create(-1.388731625493765E-3f));
        pc = Vector256.FusedMultiplyAdd(pc, z, Vector256.Create(4.166664568298827E-2f));
        Vector256<float> c = Vector256.FusedMultiplyAdd(pc, z * z, Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5f), Vector256<float>.One));

        Rotate(q, c, s, out cos, out sin);
    }

    /// <summary>(cos, sin) of q·π/2 + φ from cos φ, sin φ: q odd swaps them; cos is negated for q ∈ {1, 2}, sin for
    /// q ∈ {2, 3}.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rotate(Vector256<uint> q, Vector256<float> c, Vector256<float> s, out Vector256<float> cos, out Vector256<float> sin)
    {
        Vector256<float> odd = Vector256.ShiftLeft(q, 31).AsSingle(); // bit 0 of q in the sign bit
        Vector256<float> x = WhereSignBit(odd, s, c);
        Vector256<float> y = WhereSignBit(odd, c, s);
        cos = x ^ Vector256.ShiftLeft(q ^ Vector256.ShiftRightLogical(q, 1), 31).AsSingle();
        sin = y ^ Vector256.ShiftLeft(Vector256.ShiftRightLogical(q, 1), 31).AsSingle();
    }

    /// <summary>a where the sign bit of <paramref name="mask"/> is set, else b. With AVX one <c>vblendvps</c>, which
    /// reads only the sign bit; a select on a compare's mask took the JIT a compare and three logic operations per select
    /// here. The same bits either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> WhereSignBit(Vector256<float> mask, Vector256<float> a, Vector256<float> b) =>
        Avx.IsSupported
            ? Avx.BlendVariable(b, a, mask)
            : Vector256.ConditionalSelect(Vector256.ShiftRightArithmetic(mask.AsInt32(), 31).AsSingle(), a, b);

    /// <summary><see cref="WhereSignBit(Vector256{float}, Vector256{float}, Vector256{float})"/> in double lanes
    /// (<c>vblendvpd</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> WhereSignBit(Vector256<double> mask, Vector256<double> a, Vector256<double> b) =>
        Avx.IsSupported
            ? Avx.BlendVariable(b, a, mask)
            : Vector256.ConditionalSelect(Vector256.ShiftRightArithmetic(mask.AsInt64(), 63).AsDouble(), a, b);

    // ---------------------------------------------------------------- sin/cos of 2π·u/2^64, double

    private const double TwoPiOver2Pow64 = 2.0 * System.Math.PI / 18446744073709551616.0;

    /// <summary>
    /// cos θ and sin θ for θ = 2π·u/2^64 (u a 64-bit word per lane): the nearest quadrant q = ⌊(u + 2^61)/2^62⌋ is
    /// split off exactly in integers, the rest φ ∈ [−π/4, π/4) goes through the fdlibm __sin/__cos kernels, and the
    /// result is rotated by q·π/2 with a select and two sign flips.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosTurns(Vector256<ulong> u, out Vector256<double> cos, out Vector256<double> sin)
    {
        Vector256<ulong> q = Vector256.ShiftRightLogical(u + Vector256.Create(0x2000000000000000UL), 62);
        Vector256<long> rest = (u - Vector256.ShiftLeft(q, 62)).AsInt64();
        Vector256<double> x = Vector256.ConvertToDouble(rest) * Vector256.Create(TwoPiOver2Pow64);
        Vector256<double> z = x * x;
        Vector256<double> w = z * z;

        // __sin(x, 0, 0): x + x·z·(S1 + z·r), r = S2 + z(S3 + z·S4) + z·w(S5 + z·S6).
        Vector256<double> r = Vector256.FusedMultiplyAdd(z, Vector256.Create(2.75573137070700676789e-06), Vector256.Create(-1.98412698298579493134e-04));
        r = Vector256.FusedMultiplyAdd(z, r, Vector256.Create(8.33333333332248946124e-03));
        Vector256<double> r2 = Vector256.FusedMultiplyAdd(z, Vector256.Create(1.58969099521155010221e-10), Vector256.Create(-2.50507602534068634195e-08));
        r = Vector256.FusedMultiplyAdd(z * w, r2, r);
        Vector256<double> s = Vector256.FusedMultiplyAdd(z * x, Vector256.FusedMultiplyAdd(z, r, Vector256.Create(-1.66666666666666324348e-01)), x);

        // __cos(x, 0): w1 + (((1 − w1) − z/2) + z·rc), w1 = 1 − z/2, rc = z(C1 + z(C2 + z·C3)) + w²(C4 + z(C5 + z·C6)).
        Vector256<double> c1 = Vector256.FusedMultiplyAdd(z, Vector256.Create(2.48015872894767294178e-05), Vector256.Create(-1.38888888888741095749e-03));
        c1 = Vector256.FusedMultiplyAdd(z, c1, Vector256.Create(4.16666666666666019037e-02));
        Vector256<double> c2 = Vector256.FusedMultiplyAdd(z, Vector256.Create(-1.13596475577881948265e-11), Vector256.Create(2.08757232129817482790e-09));
        c2 = Vector256.FusedMultiplyAdd(z, c2, Vector256.Create(-2.75573143513906633035e-07));
        Vector256<double> rc = Vector256.FusedMultiplyAdd(w * w, c2, z * c1);
        Vector256<double> hz = Vector256.Create(0.5) * z;
        Vector256<double> w1 = Vector256<double>.One - hz;
        Vector256<double> c = w1 + (((Vector256<double>.One - w1) - hz) + z * rc);

        Vector256<double> odd = Vector256.ShiftLeft(q, 63).AsDouble(); // bit 0 of q in the sign bit
        Vector256<double> cx = WhereSignBit(odd, s, c);
        Vector256<double> sy = WhereSignBit(odd, c, s);
        cos = cx ^ Vector256.ShiftLeft(q ^ Vector256.ShiftRightLogical(q, 1), 63).AsDouble();
        sin = sy ^ Vector256.ShiftLeft(Vector256.ShiftRightLogical(q, 1), 63).AsDouble();
    }

    // ---------------------------------------------------------------- expm1, double, y ∈ [0, 709]

    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double RoundingShift = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer in the low bits

    /// <summary>
    /// e^y − 1 for y ∈ [0, 709] (callers clamp): y = k·ln 2 + r with k = round(y/ln 2), |r| ≤ ln2/2;
    /// expm1(r) by its Taylor polynomial to r^14 (truncation below 10^−18 relative); e^y − 1 = 2^k·expm1(r) + (2^k − 1),
    /// exact for small k, so the result keeps full relative accuracy near y = 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpM1(Vector256<double> y)
    {
        Vector256<double> shifted = Vector256.FusedMultiplyAdd(y, Vector256.Create(InvLn2), Vector256.Create(RoundingShift));
        Vector256<double> kd = shifted - Vector256.Create(RoundingShift);
        Vector256<double> r = Vector256.FusedMultiplyAdd(kd, Vector256.Create(-Ln2Hi), y);
        r = Vector256.FusedMultiplyAdd(kd, Vector256.Create(-Ln2Lo), r);

        // q(r) = Σ_{n=2..14} r^(n−2)/n!, expm1(r) = r + r²·q(r).
        Vector256<double> q = Vector256.Create(1.0 / 87178291200.0);                      // 1/14!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 6227020800.0));      // 1/13!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 479001600.0));       // 1/12!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 39916800.0));        // 1/11!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 3628800.0));         // 1/10!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 362880.0));          // 1/9!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 40320.0));           // 1/8!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 5040.0));            // 1/7!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 720.0));             // 1/6!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 120.0));             // 1/5!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 24.0));              // 1/4!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(1.0 / 6.0));               // 1/3!
        q = Vector256.FusedMultiplyAdd(q, r, Vector256.Create(0.5));                     // 1/2!
        Vector256<double> p = Vector256.FusedMultiplyAdd(r * r, q, r);

        // 2^k from the integer in the low bits of 'shifted' (k ∈ [0, 1023]).
        Vector256<ulong> kBits = shifted.AsUInt64() - Vector256.Create(0x4338000000000000UL);
        Vector256<double> scale = Vector256.ShiftLeft(kBits + Vector256.Create(1023UL), 52).AsDouble();
        return Vector256.FusedMultiplyAdd(scale, p, scale - Vector256<double>.One);
    }
}
