using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SdeDsl;

public static partial class SdeMath
{
    // Single-precision kernels: written once over Vector<float> lanes, branch-free (every piece computed on every lane,
    // the right one selected, so the cost does not depend on the data), with fused multiply-adds. The scalar float
    // overloads run the kernel on a broadcast argument and take lane 0, so a coordinate gets the same bits whatever
    // the span's length and its position in it. Vector.FusedMultiplyAdd is exact-rounded on every platform (emulated
    // where the CPU has no FMA), so the bits do not depend on the machine either.
    // Exp, Log, Tanh and Atan reuse Cephes' single-precision coefficients (expf.c, logf.c, tanhf.c, atanf.c; S. L.
    // Moshier); the Erf and Erfc polynomials were fitted for this library (Erfc's minimax, Erf's pieces by least
    // squares at Chebyshev nodes; coefficients rounded to float one at a time and the rest refitted).
    // docs/accuracy.md has the measured errors.
    // Broadcasts are written Vector.Create(c), not new Vector<float>(c): the JIT expands Vector.Create in place, but the
    // constructor is a call it inlines, and every inline takes locals from the loop's budget of 512 (inlines included,
    // beyond which it inlines nothing more). On processors without AVX-512, where the Vector<T> body of a generated
    // kernel is the one that runs, the constructors alone took a heavy kernel's loop past that budget
    // (GeneratedKernelInliningTests).

    /// <summary>1.5·2^23: adding and subtracting it rounds a float of magnitude &lt; 2^22 to the nearest integer.</summary>
    private const float RoundShifterF = 12582912f;

    /// <summary>Arguments of the float exponential are clamped to [ExpArgumentMinF, ExpArgumentMaxF] (0 or +∞ beyond).</summary>
    private const float ExpArgumentMaxF = 89f;

    private const float ExpArgumentMinF = -104f;

    private const float InvLn2F = 1.44269504088896341f;
    private const float Ln2HiF = 0.693359375f; // few significant bits: k·Ln2HiF is exact for |k| < 2^15
    private const float Ln2LoF = -2.12194440e-4f;

    private const float ExpP0F = 1.9875691500e-4f;
    private const float ExpP1F = 1.3981999507e-3f;
    private const float ExpP2F = 8.3334519073e-3f;
    private const float ExpP3F = 4.1665795894e-2f;
    private const float ExpP4F = 1.6666665459e-1f;
    private const float ExpP5F = 5.0000001201e-1f;

    private const float LogP0F = 7.0376836292e-2f;
    private const float LogP1F = -1.1514610310e-1f;
    private const float LogP2F = 1.1676998740e-1f;
    private const float LogP3F = -1.2420140846e-1f;
    private const float LogP4F = 1.4249322787e-1f;
    private const float LogP5F = -1.6668057665e-1f;
    private const float LogP6F = 2.0000714765e-1f;
    private const float LogP7F = -2.4999993993e-1f;
    private const float LogP8F = 3.3333331174e-1f;

    /// <summary>2^-126, the smallest normal float.</summary>
    private const float MinNormalF = 1.17549435e-38f;

    /// <summary>The bits of √2/2: the mantissa is reduced into [√2/2, √2).</summary>
    private const int LogReductionOffsetF = 0x3F35_04F3;

    private const float TanhP0F = -5.70498872745e-3f;
    private const float TanhP1F = 2.06390887954e-2f;
    private const float TanhP2F = -5.37397155531e-2f;
    private const float TanhP3F = 1.33314422036e-1f;
    private const float TanhP4F = -3.33332819422e-1f;

    private const float AtanP0F = 8.05374449538e-2f;
    private const float AtanP1F = -1.38776856032e-1f;
    private const float AtanP2F = 1.99777106478e-1f;
    private const float AtanP3F = -3.33329491539e-1f;
    private const float PiOver2HiF = 1.57079637f; // (float)(π/2)
    private const float PiOver2LoF = -4.37113883e-8f; // π/2 − PiOver2HiF
    private const float PiOver4HiF = 0.785398185f;
    private const float PiOver4LoF = -2.18556941e-8f;

    /// <summary>Beyond it erf(x) rounds to ±1 in float (erfc(3.95) ≈ 2.3e-8 &lt; 2^-25).</summary>
    private const float ErfSaturationF = 3.95f;

    /// <summary>The rows of the piecewise tables (<see cref="PieceCoefficient"/>) have eight pieces: one permute of
    /// a 256-bit register picks a lane's coefficient.</summary>
    private const int TablePieces = 8;

    /// <summary>
    /// erf on [0, 4) in eight pieces of width ½: with t = |x| − j/2 ∈ [0, ½) in piece j, erf|x| = c + t·P(t), P of
    /// degree 6, except in piece 0, where erf x = x + x·P(x) keeps its relative precision near 0. Row k at
    /// [k·8 + j]: row 0 is c (erf(j/2) rounded; 0 in piece 0), rows 1 to 7 are P's coefficients from the constant
    /// term up. Fitted for this library: least squares at 4,000 Chebyshev nodes per piece (relative to erf in piece 0,
    /// absolute elsewhere), coefficients rounded to float one at a time from the lowest and the rest refitted; the last
    /// piece never exceeds 1 up to the clamp at 3.95 (tests/SdeDsl.Tests/Fits/fit_erf_single.py prints these rows).
    /// Eight pieces rather than sixteen narrower ones of lower degree: a lane's coefficient is then one permute of one
    /// 256-bit register, where sixteen took two permutes and a blend (docs/performance-log.md).
    /// </summary>
    private static readonly float[] ErfPieceCoefficients =
    [
        0f, 0.5204999f, 0.8427008f, 0.96610516f, 0.9953223f, 0.999593f, 0.9999779f, 0.9999993f,
        0.12837918f, 0.8787821f, 0.41510838f, 0.11892906f, 0.02066536f, 0.0021804105f, 1.4095554e-4f, 3.089374e-6f,
        -1.8878357e-6f, -0.4393828f, -0.41512305f, -0.1783691f, -0.041299548f, -0.005491602f, -4.5447794e-4f, 3.6548092e-5f,
        -0.3760725f, -0.14651465f, 0.13846928f, 0.13850388f, 0.047904376f, 0.008786733f, 0.0011380499f, -5.4451043e-4f,
        -5.984614e-4f, 0.18307745f, 0.06904917f, -0.04339635f, -0.03295789f, -0.010754882f, -0.0027446474f, 0.0031205192f,
        0.11599085f, 0.008604403f, -0.07038157f, -0.018025273f, 0.0095185f, 0.011696731f, 0.0054419213f, -0.009196183f,
        -0.008187188f, -0.055844888f, 0.010329265f, 0.023808686f, 0.0043018423f, -0.010252707f, -0.0065639643f, 0.013679379f,
        -0.017864697f, 0.016798452f, 0.0057260455f, -0.008267032f, -0.0038249404f, 0.0046209656f, 0.003366349f, -0.008118999f,
    ];

    /// <summary>Below it erfc is 1 − erf(x) (no cancellation: erf(0.47) &lt; ½); above, the scaled tail.</summary>
    private const float ErfcSplitF = 0.47f;

    /// <summary>Beyond it erfc(x) rounds to 0 in float.</summary>
    private const float ErfcUnderflowF = 10.1f;

    /// <summary>2^−32, which undoes <see cref="ExpSingleTimesTwoTo32"/>'s scaling.</summary>
    private const float TwoToMinus32F = 2.3283064365386963e-10f;

    /// <summary>2^−94: below it y·2^−32 is subnormal.</summary>
    private const float TwoToMinus94F = 5.0487097934144756e-29f;

    /// <summary>2^117 = 2^−32/2^−149: y·2^117 is y·2^−32 in units of the smallest subnormal.</summary>
    private const float TwoTo117F = 1.6615349947311448e+35f;

    /// <summary>2^23, whose ulp is 1: adding it rounds a number in [0, 2^23] to an integer, to nearest, ties to even.</summary>
    private const float TwoTo23F = 8388608f;

    /// <summary>
    /// y·2^−32 for finite y ≥ 0, the bits of the product, without an instruction whose result is subnormal: on x64
    /// processors each such instruction takes a slow path (Erfc at arguments where its result is subnormal, |x| from
    /// about 9.2 to 10.1, cost 2.2 times as much as elsewhere). Where the product is subnormal (y below 2^−94) it is
    /// built from integer bits by <see cref="SubnormalBits"/>, y·2^117 being the product in units of 2^−149 (exact
    /// there); elsewhere it is the product itself, of y held at 2^−94 or more, so that no lane makes a subnormal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> TimesTwoToMinus32(Vector<float> y)
    {
        Vector<float> normal = Vector.MaxNative(y, Vector.Create(TwoToMinus94F)) * Vector.Create(TwoToMinus32F);
        Vector<float> subnormal = Vector.AsVectorSingle(SubnormalBits(y, Vector.Create(TwoTo117F)));
        return Select(Vector.LessThan(y, Vector.Create(TwoToMinus94F)), subnormal, normal);
    }

    /// <summary>
    /// The bits of the subnormal float (or 0, or 2^−126) nearest y·scale·2^−149, for y·scale exact and in [0, 2^23]:
    /// adding 2^23, whose ulp is 1, rounds y·scale to an integer k as a product rounds (to nearest, ties to even), and
    /// the sum's low 23 bits are k, the bits of k·2^−149. No instruction on the way has a subnormal result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<int> SubnormalBits(Vector<float> y, Vector<float> scale) =>
        Vector.AsVectorInt32(Fma(y, scale, Vector.Create(TwoTo23F))) - Vector.Create<int>(0x4B000000);

    // ---------------------------------------------------------------- float kernel plumbing

    /// <summary>A branch-free single-precision kernel over <see cref="Vector{T}"/> lanes; its scalar overload is lane 0 of the broadcast.</summary>
    private interface ISingleKernel
    {
        static abstract Vector<float> Invoke(Vector<float> x);
    }

    /// <summary>f(x) in float: lane 0 of the kernel on the broadcast argument, so the same bits as every vector lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ScalarOf<TKernel>(float x)
        where TKernel : struct, ISingleKernel => TKernel.Invoke(Vector.Create<float>(x))[0];

    /// <summary>a·b + c with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Fma(Vector<float> a, Vector<float> b, Vector<float> c) => Vector.FusedMultiplyAdd(a, b, c);

    /// <summary>a·b + c with one rounding, c a constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Fma(Vector<float> a, Vector<float> b, float c) => Vector.FusedMultiplyAdd(a, b, Vector.Create<float>(c));

    /// <summary>a·b + c with one rounding, b and c constants (a Horner step).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Fma(Vector<float> a, float b, float c) => Vector.FusedMultiplyAdd(a, Vector.Create<float>(b), Vector.Create<float>(c));

    /// <summary>a where the mask is set, else b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Select(Vector<int> mask, Vector<float> a, Vector<float> b) => Vector.ConditionalSelect(mask, a, b);

    /// <summary>The sign bit of each lane (0 or 0x8000_0000).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> SignBits(Vector<float> x) => Vector.AsVectorUInt32(x) & Vector.Create(0x8000_0000u);

    /// <summary>|a| with <paramref name="sign"/> ORed into the sign bit (a must be non-negative or NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> WithSign(Vector<float> a, Vector<uint> sign) => Vector.AsVectorSingle(Vector.AsVectorUInt32(a) | sign);

    /// <summary>
    /// e^(hi + lo) for |lo| ≪ |hi|: k = round(hi/ln 2), r = hi − k·ln 2 (Cody–Waite, two parts) + lo, e^r by Cephes'
    /// degree-7 polynomial 1 + r + r²·P(r), times 2^k by <see cref="TimesPowerOfTwo(Vector{float}, Vector{int})"/>,
    /// which rounds a subnormal result once without a subnormal instruction. hi is clamped to [−104, 89] (0 and +∞
    /// beyond); NaN gives NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpSingle(Vector<float> hi, Vector<float> lo)
    {
        Vector<float> y = ExpClamped(hi, lo, out Vector<int> kBits);
        return Select(Vector.Equals(hi, hi), TimesPowerOfTwo(y, kBits), hi);
    }

    /// <summary>e^(hi + lo) = y·2^k before the scaling: hi clamped to [−104, 89], y = e^r by <see cref="ExpReduced"/>,
    /// so y ∈ [√2/2, √2] and k an integer in [−150, 128], in the low bits of <paramref name="kBits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpClamped(Vector<float> hi, Vector<float> lo, out Vector<int> kBits)
    {
        // MinNative/MaxNative: one instruction each; they differ from Min/Max only for NaN (selected away by the
        // callers) and ±0.
        Vector<float> xc = Vector.MinNative(Vector.MaxNative(hi, Vector.Create(ExpArgumentMinF)), Vector.Create(ExpArgumentMaxF));
        return ExpReduced(xc, lo, out kBits);
    }

    /// <summary>
    /// y·2^k rounded once, for y ∈ [√2/2, √2] and an integer k in [−150, 128] held in the low bits of
    /// <paramref name="kBits"/> (<see cref="ExpClamped"/>), with no instruction whose result is subnormal (each would
    /// take the processor's slow path: e^x below x = −87.3 cost 3 to 4 times as much as elsewhere). Where y·2^k is a
    /// normal float it is y with k added to its exponent field, exactly; at 2^128 and above that field reaches 255, and
    /// the integer minimum makes it +∞; below 2^−126 it is the subnormal nearest y·2^k, from <see cref="SubnormalBits"/>
    /// with y·2^(k+149) (exact, 2^(k+149) a normal float since k ≥ −150). The bits of y·2^⌊k/2⌉·2^(k−⌊k/2⌉), the two
    /// products this replaced.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> TimesPowerOfTwo(Vector<float> y, Vector<int> kBits)
    {
        // kBits = 0x4B400000 + k, and 0x4B400000·2^23 vanishes modulo 2^32: a shift of kBits is k·2^23.
        Vector<int> normal = Vector.Min(Vector.AsVectorInt32(y) + Vector.ShiftLeft(kBits, 23), Vector.Create<int>(0x7F800000));
        Vector<float> scale = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.Min(kBits, Vector.Create<int>(0x4B400000 - 126)) + Vector.Create<int>(149 + 127), 23));
        return Vector.AsVectorSingle(Vector.ConditionalSelect(Vector.LessThan(normal, Vector.Create<int>(0x00800000)), SubnormalBits(y, scale), normal));
    }

    /// <summary>e^x for x ∈ [0, 20] (Tanh's): y·2^k with k ∈ [0, 29] is a normal float, so the scaling is k added to y's
    /// exponent field; the bits of <see cref="ExpSingle"/> there. A NaN gives itself, as in ExpSingle (its shifted
    /// payload would otherwise land in the exponent field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpOfModerate(Vector<float> x)
    {
        Vector<float> y = ExpReduced(x, Vector<float>.Zero, out Vector<int> kBits);
        return Select(Vector.Equals(x, x), Vector.AsVectorSingle(Vector.AsVectorInt32(y) + Vector.ShiftLeft(kBits, 23)), x);
    }

    /// <summary>
    /// e^(hi + lo)·2^32 for hi + lo ≤ 0: <see cref="ExpSingle"/> with its power of two raised by 32 (exactly), so that
    /// a result down to e^−104 stays a normal float. Erfc's tail goes through it: where erfc underflows (|x| beyond
    /// about 9.2) unscaled products were subnormal, and each took the processor's slow path (a step with four Erfcs at
    /// such arguments cost 2.5 to 3 times as much as at small ones). k + 32 ∈ [−118, 32], so the result is a normal
    /// float and the scaling is k + 32 added to y's exponent field, exactly (it was two products, with the same bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpSingleTimesTwoTo32(Vector<float> hi, Vector<float> lo)
    {
        Vector<float> y = ExpClamped(hi, lo, out Vector<int> kBits);
        Vector<int> bits = Vector.AsVectorInt32(y) + Vector.ShiftLeft(kBits, 23) + Vector.Create<int>(32 << 23);
        return Select(Vector.Equals(hi, hi), Vector.AsVectorSingle(bits), hi);
    }

    /// <summary>
    /// e^r·2^(−k) for x + lo = k·ln 2 + r, k = round(x/ln 2) (x clamped by the caller), e^r ∈ [√2/2, √2] by Cephes'
    /// polynomial: the part of <see cref="ExpSingle"/> before the scaling by 2^k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpReduced(Vector<float> x, Vector<float> lo, out Vector<int> kBits) =>
        ExpPolynomial(ExpReduction(x, out kBits) + lo);

    /// <summary>r = x − k·ln 2 (two-part Cody–Waite), k = round(x/ln 2); <paramref name="kBits"/> are the bits of
    /// k + 1.5·2^23, which hold k in their low bits (two's complement), so that k·2^23 is one shift of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpReduction(Vector<float> x, out Vector<int> kBits)
    {
        var shifter = Vector.Create(RoundShifterF);
        Vector<float> rounded = Fma(x, Vector.Create(InvLn2F), shifter);
        kBits = Vector.AsVectorInt32(rounded);
        Vector<float> k = rounded - shifter;
        Vector<float> r = Fma(k, Vector.Create(-Ln2HiF), x);
        return Fma(k, Vector.Create(-Ln2LoF), r);
    }

    /// <summary>e^r for |r| ≤ ln 2/2: Cephes' 1 + r + r²·P(r).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpPolynomial(Vector<float> r)
    {
        Vector<float> p = Fma(Fma(Fma(Fma(Fma(r, ExpP0F, ExpP1F), r, ExpP2F), r, ExpP3F), r, ExpP4F), r, ExpP5F);
        return Fma(p, r * r, r) + Vector<float>.One;
    }

    /// <summary>
    /// Coefficient <paramref name="k"/> of each lane's piece (0 … 7) in a table whose row k holds it for the eight
    /// pieces at [k·8, k·8 + 8): a permute of the row where the hardware has one, else a lane loop (the same values).
    /// Only the piece's low three bits count, so a NaN lane's index (0x80000000 on x64) reads piece 0; the kernels
    /// select such lanes away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> PieceCoefficient(float[] coefficients, int k, Vector<int> piece)
    {
        ref float row = ref coefficients[k * TablePieces];
        if (Vector<float>.Count == 8 && Avx2.IsSupported)
        {
            Vector256<float> table = Vector256.LoadUnsafe(ref row);
            return Avx2.PermuteVar8x32(table, piece.AsVector256()).AsVector();
        }

        if (Vector<float>.Count == 16 && Avx512F.IsSupported)
        {
            // The permute reads an index's low four bits, below 8 for every piece (and a NaN lane's), so only the
            // lower half counts and the upper half can stay undefined. Vector512.Create(row, row) instead kept a
            // 512-bit temporary per coefficient on the stack across loop iterations.
            Vector512<float> table = Vector256.LoadUnsafe(ref row).ToVector512Unsafe();
            return Avx512F.PermuteVar16x32(table, piece.AsVector512()).AsVector();
        }

        return PieceCoefficientByLane(ref row, piece, TablePieces);
    }

    /// <summary>The lane loop behind <see cref="PieceCoefficient"/> where the hardware has no permute:
    /// row[piece mod pieces] in each lane (pieces a power of two, as the permutes read the index's low bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> PieceCoefficientByLane(ref float row, Vector<int> piece, int pieces)
    {
        Span<float> lanes = stackalloc float[Vector<float>.Count];
        for (int lane = 0; lane < Vector<float>.Count; lane++)
        {
            lanes[lane] = Unsafe.Add(ref row, piece[lane] & (pieces - 1));
        }

        return new Vector<float>(lanes);
    }

    /// <summary>x + x·P(x²) ≈ erf x for |x| &lt; 0.875 (minimax, relative error of P below 1.6e-8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ErfSmallSingle(Vector<float> x)
    {
        Vector<float> s = x * x;
        Vector<float> p = Fma(Fma(Fma(Fma(Fma(s, -0.0006222397f, 0.0050358674f), s, -0.026793951f), s, 0.11282524f), s, -0.37612557f), s, 0.12837917f);
        return Fma(p, x, x);
    }

    private readonly struct ExpSingleKernel : ISingleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Invoke(Vector<float> x) => ExpSingle(x, Vector<float>.Zero);
    }

    private readonly struct LogSingleKernel : ISingleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Invoke(Vector<float> x)
        {
            Vector<int> subnormal = Vector.LessThan(x, Vector.Create(MinNormalF));
            Vector<float> xs = Select(subnormal, x * Vector.Create(8388608f), x); // 2^23
            Vector<int> kAdjust = Vector.ConditionalSelect(subnormal, Vector.Create<int>(-23), Vector<int>.Zero);
            Vector<float> result = LogOfNormalSingle(xs, kAdjust);

            Vector<int> finitePositive = Vector.GreaterThan(x, Vector<float>.Zero) & Vector.LessThan(x, Vector.Create(float.PositiveInfinity));
            Vector<float> special = Select(
                Vector.Equals(x, Vector<float>.Zero),
                Vector.Create(float.NegativeInfinity),
                Select(Vector.LessThan(x, Vector<float>.Zero), Vector.Create(float.NaN), x));
            return Select(finitePositive, result, special);
        }
    }

    /// <summary>
    /// ln x + k_adjust·ln 2 for a positive normal finite x: the Cephes logf decomposition x = m·2^k, m ∈ [√2/2, √2),
    /// f = m − 1, ln x = k·ln 2 + f − f²/2 + f³·P(f). <see cref="LogSingleKernel"/> wraps it with subnormals (scaled
    /// by 2^23, k_adjust = −23) and the special values; callers whose argument is a normal float ≥ 1 (the Student-t
    /// tails' log1p) call it directly, for the same bits in fewer operations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> LogOfNormalSingle(Vector<float> x, Vector<int> kAdjust)
    {
        // tmp = bits − bits(√2/2): its top 9 bits are k (two's complement); the mantissa is reduced into [√2/2, √2).
        Vector<int> bits = Vector.AsVectorInt32(x);
        Vector<int> tmp = bits - Vector.Create<int>(LogReductionOffsetF);
        Vector<float> k = Vector.ConvertToSingle(Vector.ShiftRightArithmetic(tmp, 23) + kAdjust);
        Vector<float> m = Vector.AsVectorSingle(bits - (tmp & Vector.Create<int>(unchecked((int)0xFF80_0000))));
        Vector<float> f = m - Vector<float>.One;

        // P(f) = P8 + P7·f + … + P0·f^8 in pairs (Estrin's scheme): four dependent steps instead of Horner's eight,
        // which is what the Student-t kernels' loops wait on. The highest pair takes P0 through z, not a separate f^8:
        // f^8 would be subnormal, and slow, for u within about 1e-5 of 1 (f ≥ 2^−24 keeps f^4 normal).
        Vector<float> z = f * f;
        Vector<float> f4 = z * z;
        Vector<float> e01 = Fma(f, LogP7F, LogP8F);
        Vector<float> e23 = Fma(f, LogP5F, LogP6F);
        Vector<float> e45 = Fma(f, LogP3F, LogP4F);
        Vector<float> e67 = Fma(f, LogP1F, LogP2F);
        Vector<float> high = Fma(Fma(z, Vector.Create(LogP0F), e67), z, e45);
        Vector<float> p = Fma(high, f4, Fma(e23, z, e01));
        Vector<float> y = p * f * z;
        y = Fma(k, Vector.Create(Ln2LoF), y);
        y = Fma(z, Vector.Create(-0.5f), y);
        return Fma(k, Vector.Create(Ln2HiF), f + y);
    }

    private readonly struct TanhSingleKernel : ISingleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Invoke(Vector<float> x)
        {
            Vector<float> ax = Vector.Abs(x);
            Vector<float> s = x * x;
            Vector<float> p = Fma(Fma(Fma(Fma(s, TanhP0F, TanhP1F), s, TanhP2F), s, TanhP3F), s, TanhP4F);
            Vector<float> small = Select(Vector.Equals(x, Vector<float>.Zero), x, Fma(p * s, x, x)); // keeps −0

            // |x| is held at 10 for the exponential: tanh rounds to 1 from about 9.01 on, and beyond 43.7 the quotient
            // 2/(e^(2|x|) + 1) was subnormal (each such lane took the processor's slow path). MinNative with the constant
            // first keeps a NaN.
            Vector<float> held = Vector.MinNative(Vector.Create(TanhClampF), ax);
            Vector<float> e = ExpOfModerate(held + held);
            Vector<float> large = WithSign(Vector<float>.One - (Vector.Create(2f) / (e + Vector<float>.One)), SignBits(x));
            return Select(Vector.LessThan(ax, Vector.Create(0.625f)), small, large);
        }
    }

    /// <summary>From here on tanh rounds to 1 in float (it does from about 9.01).</summary>
    private const float TanhClampF = 10f;

    /// <summary>2^26: from here on atan rounds to π/2 in float.</summary>
    private const float AtanClampF = 67108864f;

    private readonly struct AtanSingleKernel : ISingleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Invoke(Vector<float> x)
        {
            // t = |x| (below tan(π/8)), (|x| − 1)/(|x| + 1) (up to tan(3π/8)), −1/|x| (beyond); atan|x| = centre + atan t.
            // |x| is held at 2^26, where atan rounds to π/2 already (the same bits for every |x| beyond, ∞ included),
            // so that t² and the division's remainder are never subnormal (from |x| ≈ 2^63 on they were, and each such
            // lane took the processor's slow path: 3.6 times the cost). MinNative with the constant first keeps a NaN on
            // x64 and Arm.
            Vector<float> ax = Vector.MinNative(Vector.Create(AtanClampF), Vector.Abs(x));
            Vector<int> big = Vector.GreaterThan(ax, Vector.Create(2.414213562373095f));
            Vector<int> mid = Vector.GreaterThan(ax, Vector.Create(0.4142135623730950f)) & ~big;
            Vector<float> num = Select(big, Vector.Create(-1f), Select(mid, ax - Vector<float>.One, ax));
            Vector<float> den = Select(big, ax, Select(mid, ax + Vector<float>.One, Vector<float>.One));
            Vector<float> hi = Select(big, Vector.Create(PiOver2HiF), Select(mid, Vector.Create(PiOver4HiF), Vector<float>.Zero));
            Vector<float> lo = Select(big, Vector.Create(PiOver2LoF), Select(mid, Vector.Create(PiOver4LoF), Vector<float>.Zero));

            // In the middle region |x| ∓ 1 round: their errors (Fast2Sum, exact) and the division's remainder (exact by
            // FMA) give the low part of t, which keeps the result within 2 ulp where π/4 + atan t cancels.
            Vector<float> numErr = Select(mid, (Vector.Create(-1f) - num) + ax, Vector<float>.Zero);
            Vector<float> denErr = Select(mid, (Vector<float>.One - den) + ax, Vector<float>.Zero);
            Vector<float> t = num / den;
            Vector<float> tLo = (Fma(-t, Vector.Min(den, Vector.Create(1e30f)), num) + numErr - (t * denErr)) / den; // no ∞·0 at |x| = ∞
            Vector<float> z = t * t;
            Vector<float> p = Fma(Fma(Fma(z, AtanP0F, AtanP1F), z, AtanP2F), z, AtanP3F) * z;
            Vector<float> result = hi + (Fma(p, t, lo + tLo) + t);
            return WithSign(result, SignBits(x));
        }
    }

    private readonly struct ErfSingleKernel : ISingleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Invoke(Vector<float> x)
        {
            // One polynomial per piece (ErfPieceCoefficients), its coefficients picked by permutes: every lane does the
            // same work, and the dependency chain is a third of that of a small-argument series and a tail
            // 1 − exp(Q(|x|)) computed side by side. |x| is clamped at 3.95, where the last piece rounds to 1.
            Vector<float> ax = Vector.MinNative(Vector.Abs(x), Vector.Create(ErfSaturationF));
            Vector<int> piece = Vector.ConvertToInt32Native(ax * Vector.Create<float>(TablePieces / 4f)); // truncates: 0 … 7
            Vector<float> t = Fma(Vector.ConvertToSingle(piece), Vector.Create<float>(-4f / TablePieces), ax); // exact

            // P by Estrin's scheme: four dependent steps instead of six.
            float[] c = ErfPieceCoefficients;
            Vector<float> t2 = t * t;
            Vector<float> p01 = Fma(PieceCoefficient(c, 2, piece), t, PieceCoefficient(c, 1, piece));
            Vector<float> p23 = Fma(PieceCoefficient(c, 4, piece), t, PieceCoefficient(c, 3, piece));
            Vector<float> p45 = Fma(PieceCoefficient(c, 6, piece), t, PieceCoefficient(c, 5, piece));
            Vector<float> p = Fma(Fma(Fma(PieceCoefficient(c, 7, piece), t2, p45), t2, p23), t2, p01);
            Vector<float> constant = Select(Vector.Equals(piece, Vector<int>.Zero), t, PieceCoefficient(c, 0, piece));
            Vector<float> result = WithSign(Fma(p, t, constant), SignBits(x));
            return Select(Vector.Equals(x, x), result, x);
        }
    }

    private readonly struct ErfcSingleKernel : ISingleKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Invoke(Vector<float> x)
        {
            Vector<float> ax = Vector.Abs(x);
            Vector<float> small = Vector<float>.One - ErfSmallSingle(x);

            // |x| ≥ 0.47: erfc|x| = e^(−x²)·P(q)/(1 + 2|x|), q = (|x| − 2)/(|x| + 2), e^(−x²) from x² = hi + lo exactly.
            Vector<float> t = Vector.MinNative(Vector.MaxNative(ax, Vector.Create(ErfcSplitF)), Vector.Create(ErfcUnderflowF));
            Vector<float> q = (t - Vector.Create(2f)) / (t + Vector.Create(2f));
            Vector<float> p = Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(Fma(q, 0.00022041357f, -0.0003140048f), q, -0.0014738211f), q, 0.0012180952f), q, 0.008728651f), q, -0.008024855f), q, -0.05422081f), q, 0.16405062f), q, -0.16603036f), q, -0.09276381f), q, 1.2769784f);
            Vector<float> square = t * t;
            Vector<float> squareLo = Fma(t, t, -square);
            // Scaled by 2^32 until the end, so that no product is subnormal (see ExpSingleTimesTwoTo32); the scaling is
            // exact wherever the result is a normal float, and a subnormal result is rounded once more, by the last
            // scaling, which builds it from integer bits rather than by a subnormal product (TimesTwoToMinus32).
            Vector<float> tail = ExpSingleTimesTwoTo32(-square, -squareLo) * (p / Fma(t, Vector.Create(2f), Vector<float>.One));
            tail = TimesTwoToMinus32(Select(Vector.GreaterThanOrEqual(ax, Vector.Create(ErfcUnderflowF)), Vector<float>.Zero, tail));
            tail = Select(Vector.LessThan(x, Vector<float>.Zero), Vector.Create(2f) - tail, tail);

            Vector<float> result = Select(Vector.LessThan(ax, Vector.Create(ErfcSplitF)), small, tail);
            return Select(Vector.Equals(x, x), result, x);
        }
    }
}
