using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl;

public static partial class SdeMath
{
    // fdlibm (e_exp.c, e_log.c, s_atan.c; Sun Microsystems 1993, notice in SdeMath.Erf.cs) supplies the
    // coefficients and the reduction formulas; Cephes (tanh.c, S. L. Moshier) the small-argument tanh rational.
    // The evaluation is rewritten branch-free: every piece is computed on every lane and the right one selected.
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Ln2Hi = 6.93147180369123816490e-01; // 0x3FE62E42FEE00000: k·Ln2Hi is exact for |k| < 2^21
    private const double Ln2Lo = 1.90821492927058770002e-10; // 0x3DEA39EF35793C76
    private const double ExpP1 = 1.66666666666666019037e-01;
    private const double ExpP2 = -2.77777777770155933842e-03;
    private const double ExpP3 = 6.61375632143793436117e-05;
    private const double ExpP4 = -1.65339022054652515390e-06;
    private const double ExpP5 = 4.13813679705723846039e-08;

    /// <summary>1.5·2^52: adding and subtracting it rounds a double of magnitude &lt; 2^51 to the nearest integer.</summary>
    private const double RoundShifter = 6755399441055744.0;

    /// <summary>1.5·2^52 + 1023: the low bits of (k + this) are the biased exponent of 2^k.</summary>
    private const double ExponentShifter = 6755399441056767.0;

    /// <summary>Arguments are clamped to [ExpArgumentMin, ExpArgumentMax] (the result is 0 or +∞ beyond either).</summary>
    private const double ExpArgumentMax = 710.0;

    private const double ExpArgumentMin = -746.0;

    private const double LogLg1 = 6.666666666666735130e-01;
    private const double LogLg2 = 3.999999999940941908e-01;
    private const double LogLg3 = 2.857142874366239149e-01;
    private const double LogLg4 = 2.222219843214978396e-01;
    private const double LogLg5 = 1.818357216161805012e-01;
    private const double LogLg6 = 1.531383769920937332e-01;
    private const double LogLg7 = 1.479819860511658591e-01;

    /// <summary>2^-1022, the smallest normal double.</summary>
    private const double MinNormal = 2.2250738585072014e-308;

    /// <summary>2^54, the factor that makes a subnormal normal.</summary>
    private const double Two54 = 18014398509481984.0;

    /// <summary>The bits of √2/2 rounded down to 32 bits: the mantissa is reduced into [this, 2·this).</summary>
    private const ulong LogReductionOffset = 0x3FE6_A09E_0000_0000UL;

    private const double TanhP0 = -9.64399179425052238628e-1;
    private const double TanhP1 = -9.92877231001918586564e1;
    private const double TanhP2 = -1.61468768441708447952e3;
    private const double TanhQ0 = 1.12811678491632931402e2;
    private const double TanhQ1 = 2.23548839060100448583e3;
    private const double TanhQ2 = 4.84406305325125486048e3;

    private const double AtanHi0 = 4.63647609000806093515e-01; // atan(0.5)
    private const double AtanHi1 = 7.85398163397448278999e-01; // atan(1)
    private const double AtanHi2 = 9.82793723247329054082e-01; // atan(1.5)
    private const double AtanHi3 = 1.57079632679489655800e+00; // π/2
    private const double AtanLo0 = 2.26987774529616870924e-17;
    private const double AtanLo1 = 3.06161699786838301793e-17;
    private const double AtanLo2 = 1.39033110312309984516e-17;
    private const double AtanLo3 = 6.12323399573676603587e-17;
    private const double AtanT0 = 3.33333333333329318027e-01;
    private const double AtanT1 = -1.99999999998764832476e-01;
    private const double AtanT2 = 1.42857142725034663711e-01;
    private const double AtanT3 = -1.11111104054623557880e-01;
    private const double AtanT4 = 9.09088713343650656196e-02;
    private const double AtanT5 = -7.69187620504482999495e-02;
    private const double AtanT6 = 6.66107313738753120669e-02;
    private const double AtanT7 = -5.83357013379057348645e-02;
    private const double AtanT8 = 4.97687799461593236017e-02;
    private const double AtanT9 = -3.65315727442169155270e-02;
    private const double AtanT10 = 1.62858201153657823623e-02;

    /// <summary>2^66: beyond it atan(x) rounds to ±π/2.</summary>
    private const double AtanSaturation = 73786976294838206464.0;

    // ---------------------------------------------------------------- Exp

    /// <summary>
    /// eˣ, branch-free: k = round(x/ln 2), r = x − k·ln 2 in two parts (Cody–Waite), e^r by fdlibm's rational form
    /// 1 + 2r/(2 − c(r)) with its degree-10 minimax polynomial, times 2^k applied as 2^⌊k/2⌉·2^(k−⌊k/2⌉) so that a
    /// subnormal result is rounded once. Accuracy: max 0.83 ulp (measured against a 140-bit mpmath reference on 200,000 points over [−745.13, 709.78], [−20, 20], the subnormal range and ±[1e-300, 1e-3]); SdeMathTests asserts ≤ 1 ulp from a 1200-bit table and ≤ 1 ulp from Math.Exp. Exp(+∞) = +∞,
    /// Exp(−∞) = 0, Exp(NaN) = NaN; +∞ above 709.782712893384, subnormal below −708.4, 0 below −745.1332.
    /// </summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e raised to <paramref name="x"/>.</returns>
    public static double Exp(double x) => ScalarOf<ExpKernel>(x);

    /// <summary>
    /// eˣ in single precision, branch-free: k = round(x/ln 2), r = x − k·ln 2 in two parts, e^r by Cephes' degree-7 polynomial, times 2^k in two halves so a subnormal result rounds once. Accuracy: max 1.01 ulp over all 2^32 float inputs. +∞ above ≈ 88.72, subnormal below ≈ −87.34, 0 below ≈ −103.97; Exp(NaN) = NaN. The scalar overload runs the vector kernel on a broadcast argument, so it gives the bits of every lane.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>e raised to <paramref name="x"/>.</returns>
    public static float Exp(float x) => ScalarOf<ExpSingleKernel>(x);

    /// <summary>eˣ per lane: the branch-free kernel of <see cref="Exp(double)"/>, so bit-identical to it.</summary>
    /// <param name="x">The exponents.</param>
    /// <returns>The lane-wise exponentials.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x) => ExpKernel.Invoke(x);

    /// <summary>Exp per float lane: the single-precision kernel of <see cref="Exp(float)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise results.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x) => ExpSingleKernel.Invoke(x);

    // ---------------------------------------------------------------- Log

    /// <summary>
    /// ln x, branch-free: x = 2^k·m with m ∈ [√2/2, √2) (subnormals scaled by 2^54 first), f = m − 1,
    /// s = f/(2 + f), ln(1 + f) = f − s·(f − R(s²)) (or fdlibm's ½f² form for |f| &gt; 0.29) with fdlibm's degree-14
    /// minimax R, plus k·ln 2 in two parts. Accuracy: max 0.86 ulp (measured against a 140-bit mpmath reference on 200,000 points over [5e-324, 1.7e308], [0.5, 2], 1 ± [1e-12, 0.3] and the subnormals); SdeMathTests asserts ≤ 1 ulp from a 1200-bit table and ≤ 1 ulp from Math.Log. Log(±0) = −∞,
    /// Log(x &lt; 0) = NaN, Log(+∞) = +∞, Log(NaN) = NaN, Log(1) = +0.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The natural logarithm of <paramref name="x"/>.</returns>
    public static double Log(double x) => ScalarOf<LogKernel>(x);

    /// <summary>
    /// ln x in single precision, branch-free: x = 2^k·m with m ∈ [√2/2, √2) (subnormals scaled by 2^23), ln m by Cephes' degree-9 polynomial in m − 1, plus k·ln 2 in two parts. Accuracy: max 0.83 ulp over all 2^32 float inputs. Log(±0) = −∞, Log(x &lt; 0) = NaN, Log(+∞) = +∞, Log(NaN) = NaN. The scalar overload runs the vector kernel on a broadcast argument, so it gives the bits of every lane.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The natural logarithm of <paramref name="x"/>.</returns>
    public static float Log(float x) => ScalarOf<LogSingleKernel>(x);

    /// <summary>ln x per lane: the branch-free kernel of <see cref="Log(double)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise natural logarithms.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log(Vector<double> x) => LogKernel.Invoke(x);

    /// <summary>Log per float lane: the single-precision kernel of <see cref="Log(float)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise results.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log(Vector<float> x) => LogSingleKernel.Invoke(x);

    // ---------------------------------------------------------------- Tanh

    /// <summary>
    /// tanh x, branch-free: x + x³·P(x²)/Q(x²) (Cephes) for |x| &lt; 0.625, else sign(x)·(1 − 2/(e^(2|x|) + 1)) with
    /// <see cref="Exp(double)"/>. Accuracy: max 1.28 ulp, just above the switch at |x| = 0.625 (measured against a 140-bit mpmath reference on 200,000 points over [−20, 20] and ±[1e-300, 1]; Math.Tanh measured 1.86); SdeMathTests asserts ≤ 1 ulp from a 1200-bit table and ≤ 3 ulp from Math.Tanh (2 seen). Tanh(±∞) = ±1,
    /// Tanh(±0) = ±0, Tanh(NaN) = NaN.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The hyperbolic tangent of <paramref name="x"/>, in [−1, 1].</returns>
    public static double Tanh(double x) => ScalarOf<TanhKernel>(x);

    /// <summary>
    /// tanh x in single precision, branch-free: x + x³·P(x²) (Cephes) below |x| = 0.625, else sign(x)·(1 − 2/(e^(2|x|) + 1)). Accuracy: max 1.33 ulp over all 2^32 float inputs (just above 0.625). Tanh(±0) = ±0, Tanh(±∞) = ±1, Tanh(NaN) = NaN. The scalar overload runs the vector kernel on a broadcast argument, so it gives the bits of every lane.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The hyperbolic tangent of <paramref name="x"/>, in [−1, 1].</returns>
    public static float Tanh(float x) => ScalarOf<TanhSingleKernel>(x);

    /// <summary>tanh x per lane: the branch-free kernel of <see cref="Tanh(double)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise hyperbolic tangents.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Tanh(Vector<double> x) => TanhKernel.Invoke(x);

    /// <summary>Tanh per float lane: the single-precision kernel of <see cref="Tanh(float)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise results.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x) => TanhSingleKernel.Invoke(x);

    // ---------------------------------------------------------------- Atan

    /// <summary>
    /// atan x, branch-free, by fdlibm's reduction: |x| is mapped by t = (a|x| − b)/(c + d|x|) onto |t| ≤ 7/16 around
    /// 0, ½, 1, 3/2 or ∞ (breakpoints 7/16, 11/16, 19/16, 39/16), atan(|x|) = atan(centre) + atan(t) with a degree-22
    /// odd minimax polynomial, and the sign of x restored. Accuracy: max 0.75 ulp (measured against a 140-bit mpmath reference on 200,000 points over ±[1e-300, 1e300] and [−3, 3]); SdeMathTests asserts ≤ 1 ulp from a 1200-bit table and ≤ 1 ulp from Math.Atan.
    /// Atan(±∞) = ±π/2, Atan(±0) = ±0, Atan(NaN) = NaN.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The arctangent of <paramref name="x"/> in radians, in [−π/2, π/2].</returns>
    public static double Atan(double x) => ScalarOf<AtanKernel>(x);

    /// <summary>
    /// atan x in single precision, branch-free: |x| reduced to t = |x|, (|x| − 1)/(|x| + 1) or −1/|x| around 0, π/4, π/2 (with the reduction's rounding errors carried as a low part), atan t by Cephes' odd polynomial. Accuracy: max 1.05 ulp over all 2^32 float inputs. Atan(±0) = ±0, Atan(±∞) = ±π/2, Atan(NaN) = NaN. The scalar overload runs the vector kernel on a broadcast argument, so it gives the bits of every lane.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>The arctangent of <paramref name="x"/> in radians.</returns>
    public static float Atan(float x) => ScalarOf<AtanSingleKernel>(x);

    /// <summary>atan x per lane: the branch-free kernel of <see cref="Atan(double)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise arctangents.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Atan(Vector<double> x) => AtanKernel.Invoke(x);

    /// <summary>Atan per float lane: the single-precision kernel of <see cref="Atan(float)"/>, so bit-identical to it.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>The lane-wise results.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Atan(Vector<float> x) => AtanSingleKernel.Invoke(x);

    // ---------------------------------------------------------------- Pow

    /// <summary>
    /// xʸ for a real exponent, with the special cases of <see cref="Math.Pow(double, double)"/>. Bit-identical to
    /// Math.Pow (tested); on linux-x64 its error measured 0.503 ulp max against a 160-bit reference (x ∈ [e^−10, e^10],
    /// y ∈ [−30, 30]).
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <returns><paramref name="x"/> raised to <paramref name="y"/>; NaN for x &lt; 0 and non-integer y.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow(double x, double y) => Math.Pow(x, y);

    /// <summary>
    /// xʸ in single precision with the special cases of <see cref="MathF.Pow(float, float)"/>: 2^(y·log₂|x|) in double
    /// lanes (table-based log₂ and 2^t, no division) rounded once, the sign of a negative base with an odd integral
    /// exponent restored; branch-free. Accuracy: max 0.5000012 ulp against Math.Pow over 10^8 random pairs, from
    /// subnormal results to overflow, the region boundaries, integral exponents and bases near 1, plus every pair of 28
    /// special values (docs/accuracy.md, the benchmarks' --pow-accuracy); the special cases are tested equal to
    /// MathF.Pow. The scalar overload is lane 0 of the vector kernel.
    /// </summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <returns><paramref name="x"/> raised to <paramref name="y"/>; NaN for finite x &lt; 0 and non-integer y; a NaN
    /// argument returned as it is, the base's before the exponent's (but x⁰ = 1 and 1ʸ = 1).</returns>
    public static float Pow(float x, float y) => PowSingle(Vector.Create<float>(x), Vector.Create<float>(y))[0];

    /// <summary>
    /// xʸ per lane: a lane loop over <see cref="Pow(double, double)"/>, so bit-identical to it
    /// (exp(y·ln x) would lose up to |y·ln x| ulp).
    /// </summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>The lane-wise powers.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Pow(Vector<double> x, Vector<double> y) => MapLanes<PowLanes>(x, y);

    /// <summary>xʸ per float lane: the branch-free kernel of <see cref="Pow(float, float)"/>, so bit-identical to it.</summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>The lane-wise powers.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Pow(Vector<float> x, Vector<float> y) => PowSingle(x, y);

    private readonly struct ExpKernel : IDoubleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Invoke(Vector<double> x)
        {
            // Clamping keeps k in [−1077, 1025]; NaN fails both comparisons and flows through to the result.
            Vector<double> xc = Select(Vector.GreaterThan(x, Vector.Create<double>(ExpArgumentMax)), Vector.Create<double>(ExpArgumentMax), x);
            xc = Select(Vector.LessThan(xc, Vector.Create<double>(ExpArgumentMin)), Vector.Create<double>(ExpArgumentMin), xc);

            var shifter = Vector.Create<double>(RoundShifter);
            Vector<double> k = ((xc * Vector.Create<double>(InvLn2)) + shifter) - shifter;
            Vector<double> hi = xc - (k * Vector.Create<double>(Ln2Hi));
            Vector<double> lo = k * Vector.Create<double>(Ln2Lo);
            Vector<double> r = hi - lo;
            Vector<double> t = r * r;
            Vector<double> c = r - (t * (Vector.Create<double>(ExpP1) + (t * (Vector.Create<double>(ExpP2) + (t * (Vector.Create<double>(ExpP3)
                + (t * (Vector.Create<double>(ExpP4) + (t * Vector.Create<double>(ExpP5))))))))));
            Vector<double> y = Vector<double>.One - ((lo - ((r * c) / (Vector.Create(2.0) - c))) - hi);

            // 2^k = 2^k1·2^k2 with both halves normal: y·2^k1 is exact, the second product rounds once.
            Vector<double> k1 = ((k * Vector.Create(0.5)) + shifter) - shifter;
            Vector<double> k2 = k - k1;
            return y * PowerOfTwo(k1) * PowerOfTwo(k2);
        }

        /// <summary>2^k for an integral k in [−1022, 1023].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> PowerOfTwo(Vector<double> k) =>
            Vector.AsVectorDouble(Vector.ShiftLeft(Vector.AsVectorUInt64(k + Vector.Create<double>(ExponentShifter)), 52));
    }

    private readonly struct LogKernel : IDoubleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Invoke(Vector<double> x)
        {
            Vector<long> subnormal = Vector.LessThan(x, Vector.Create<double>(MinNormal));
            Vector<double> xs = Select(subnormal, x * Vector.Create<double>(Two54), x);
            Vector<double> kAdjust = Select(subnormal, -54.0, 0.0);

            // tmp = bits − bits(√2/2): its top 12 bits are k (two's complement); 2^62 makes the shift unsigned.
            Vector<ulong> bits = Vector.AsVectorUInt64(xs);
            Vector<ulong> tmp = bits - Vector.Create<ulong>(LogReductionOffset);
            Vector<ulong> kBiased = Vector.ShiftRightLogical(tmp + Vector.Create(0x4000_0000_0000_0000UL), 52); // k + 1024
            Vector<double> k = (Vector.AsVectorDouble(kBiased | Vector.Create(0x4330_0000_0000_0000UL))
                - Vector.Create<double>(4503599627370496.0 + 1024.0)) + kAdjust;
            Vector<double> m = Vector.AsVectorDouble(bits - (tmp & Vector.Create(0xFFF0_0000_0000_0000UL)));
            Vector<double> f = m - Vector<double>.One;

            Vector<double> hfsq = Vector.Create(0.5) * f * f;
            Vector<double> s = f / (Vector.Create(2.0) + f);
            Vector<double> z = s * s;
            Vector<double> w = z * z;
            Vector<double> t1 = w * (Vector.Create<double>(LogLg2) + (w * (Vector.Create<double>(LogLg4) + (w * Vector.Create<double>(LogLg6)))));
            Vector<double> t2 = z * (Vector.Create<double>(LogLg1) + (w * (Vector.Create<double>(LogLg3) + (w * (Vector.Create<double>(LogLg5)
                + (w * Vector.Create<double>(LogLg7)))))));
            Vector<double> rr = t2 + t1;
            Vector<double> kHi = k * Vector.Create<double>(Ln2Hi);
            Vector<double> kLo = k * Vector.Create<double>(Ln2Lo);
            Vector<double> large = kHi - ((hfsq - ((s * (hfsq + rr)) + kLo)) - f);
            Vector<double> small = kHi - (((s * (f - rr)) - kLo) - f);

            // fdlibm's choice: the ½f² form where the mantissa of x is in [1.38, 1.42].
            Vector<long> useLarge = Vector.GreaterThanOrEqual(f, Vector.Create(0.38)) | Vector.LessThanOrEqual(f, Vector.Create(-0.29));
            Vector<double> result = Select(useLarge, large, small);

            Vector<long> finitePositive = Vector.GreaterThan(x, Vector<double>.Zero) & Vector.LessThan(x, Vector.Create(double.PositiveInfinity));
            Vector<double> special = Select(
                Vector.Equals(x, Vector<double>.Zero),
                Vector.Create(double.NegativeInfinity),
                Select(Vector.LessThan(x, Vector<double>.Zero), Vector.Create(double.NaN), x));
            return Select(finitePositive, result, special);
        }
    }

    private readonly struct TanhKernel : IDoubleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Invoke(Vector<double> x)
        {
            Vector<double> ax = Vector.Abs(x);

            Vector<double> s = x * x;
            Vector<double> p = (((Vector.Create<double>(TanhP0) * s) + Vector.Create<double>(TanhP1)) * s) + Vector.Create<double>(TanhP2);
            Vector<double> q = (((((s + Vector.Create<double>(TanhQ0)) * s) + Vector.Create<double>(TanhQ1)) * s) + Vector.Create<double>(TanhQ2));
            Vector<double> small = x + (x * s * (p / q));
            small = Select(Vector.Equals(x, Vector<double>.Zero), x, small); // keeps −0

            // e^(2|x|) overflows to +∞ beyond |x| ≈ 354.9, where 1 − 2/∞ = 1 exactly.
            Vector<double> e = ExpKernel.Invoke(ax + ax);
            Vector<double> large = WithSign(Vector<double>.One - (Vector.Create(2.0) / (e + Vector<double>.One)), SignBits(x));
            return Select(Vector.LessThan(ax, Vector.Create(0.625)), small, large);
        }
    }

    private readonly struct AtanKernel : IDoubleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Invoke(Vector<double> x)
        {
            Vector<double> ax = Vector.Abs(x);
            ax = Select(Vector.GreaterThan(ax, Vector.Create<double>(AtanSaturation)), Vector.Create<double>(AtanSaturation), ax);

            // t = (a·|x| − b)/(c + d·|x|): (x − 0)/1, (2x − 1)/(2 + x), (x − 1)/(1 + x), (x − 1.5)/(1 + 1.5x), (0·x − 1)/(0 + x).
            Vector<long> below1 = Vector.LessThan(ax, Vector.Create(0.4375));
            Vector<long> below2 = Vector.LessThan(ax, Vector.Create(0.6875));
            Vector<long> below3 = Vector.LessThan(ax, Vector.Create(1.1875));
            Vector<long> below4 = Vector.LessThan(ax, Vector.Create(2.4375));
            Vector<double> a = Select(below1, 1.0, 0.0);
            a = Select(below2 & ~below1, Vector.Create(2.0), a);
            a = Select(below4 & ~below2, Vector<double>.One, a);
            Vector<double> b = Select(below1, 0.0, 1.0);
            b = Select(below4 & ~below3, Vector.Create(1.5), b);
            Vector<double> c = Select(below1, 1.0, 0.0);
            c = Select(below2 & ~below1, Vector.Create(2.0), c);
            c = Select(below4 & ~below2, Vector<double>.One, c);
            Vector<double> d = Select(below1, 0.0, 1.0);
            d = Select(below4 & ~below3, Vector.Create(1.5), d);
            Vector<double> hi = Select(below3, Vector.Create<double>(AtanHi1), Select(below4, AtanHi2, AtanHi3));
            hi = Select(below2, Vector.Create<double>(AtanHi0), hi);
            hi = Select(below1, Vector<double>.Zero, hi);
            Vector<double> lo = Select(below3, Vector.Create<double>(AtanLo1), Select(below4, AtanLo2, AtanLo3));
            lo = Select(below2, Vector.Create<double>(AtanLo0), lo);
            lo = Select(below1, Vector<double>.Zero, lo);

            Vector<double> t = ((a * ax) - b) / (c + (d * ax));
            Vector<double> z = t * t;
            Vector<double> w = z * z;
            Vector<double> s1 = z * (Vector.Create<double>(AtanT0) + (w * (Vector.Create<double>(AtanT2) + (w * (Vector.Create<double>(AtanT4)
                + (w * (Vector.Create<double>(AtanT6) + (w * (Vector.Create<double>(AtanT8) + (w * Vector.Create<double>(AtanT10)))))))))));
            Vector<double> s2 = w * (Vector.Create<double>(AtanT1) + (w * (Vector.Create<double>(AtanT3) + (w * (Vector.Create<double>(AtanT5)
                + (w * (Vector.Create<double>(AtanT7) + (w * Vector.Create<double>(AtanT9)))))))));

            // For |x| < 7/16 (hi = lo = 0) this is t − t·(s1 + s2) to the bit.
            Vector<double> result = hi - (((t * (s1 + s2)) - lo) - t);
            return WithSign(result, SignBits(x));
        }
    }

    private readonly struct PowLanes : IBinaryLaneFunction
    {
        public static double Invoke(double x, double y) => Math.Pow(x, y);

        public static float Invoke(float x, float y) => Pow(x, y);
    }
}
