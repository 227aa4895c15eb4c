using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Runtime.InteropServices;
using System.Threading;

namespace SdeDsl;

public static partial class SdeMath
{
    // Single-precision Student-t CDF and density. ν is a hyperparameter: the same in every lane of a call in practice.
    // For one ν the CDF's lower tail Q(a) = F(−a), a = |x|, is written Q = exp(E(a) + g(w)) with w = a/(1 + a) ∈ [0, 1]:
    // E carries the tail's power law, in closed form (E = −(ν/2)·ln(1 + a²/ν) for ν ≥ 2.5, E = −ν·ln(1 + a) below, where
    // a²/ν would overflow while Q is still representable), and g = ln Q − E is smooth on [0, 1]: a piecewise polynomial
    // (8 pieces in w, degree 9, evaluated by Estrin's scheme), interpolated once per ν at Chebyshev nodes from the
    // double-precision log tail and cached (64 slots by a hash of ν). The evaluation is branch-free in x; the
    // coefficients of each lane's piece are picked by a permute.
    // For an integral ν up to 16 (the usual choices, Cauchy's ν = 1 included) the table holds h = e^g instead: with
    // e^E = (1 + t)^(−s) (t = a²/ν, s = ν/2; or t = a, s = ν below 2.5), Q = h/(1 + t)^s, and 2s is an integer, so the
    // power takes a few FMAs and, for odd ν ≥ 3, a square root and a division, in place of a logarithm and an exp; so
    // does the density's (1 + a²/ν)^(−(ν + 1)/2).
    // For an integral ν from 1 to 4 the CDF takes neither the pieces nor the power: with s = a/√ν (1/√ν rounded to float
    // once, and the polynomials fitted for that float), Q = ½ − s·C(s²) where s ≤ 1 and Q = b^ν·P(b²), b = 1/s, beyond;
    // C and P are analytic on [0, 1] (their nearest singularity is at −1), one polynomial of degree 10 each. No permute,
    // no piece index, one division (b) and a few products. The centre's subtraction costs relative accuracy as Q falls
    // towards its value at s = 1 (0.25 for ν = 1 down to 0.058 for ν = 4); from ν = 5 on Q(√ν) is too small for the
    // bound of the power path, which those ν keep.
    // Every ν from 1e-9 to below 4 that is not an integer takes the same two polynomials, and its tail's power b^ν is
    // 2^T with T = −ν·log2(a/√ν) from a's exponent and mantissa (a polynomial of degree 10 in the mantissa, fitted per ν) and
    // T's integral part added to the exponent field of 2^frac (the exp polynomial): no logarithm or exp call, no
    // permute, and T's large part −νhi·e exact, so the tail keeps a relative error of a few 1e-7 where the pieces' exp
    // path rounds an exponent of up to ~70 (1e-5). Those ν took the pieces until 2026-12-08.
    // For |x| from about 1e-18 up (below, x² is subnormal, as in the other float functions), no path computes a
    // subnormal float, whose slow path on x86 would make a vector's cost depend on its x: the power paths' (integral ν)
    // Q or density is 0 below a threshold between 2^−125 and 2^−122 (by ν), by a divisor scaled to overflow there or a
    // cap on a²/ν, and every value they return is 0 or at least 2^−125 (see the tables' SplitTailScale, TailRatioLimit
    // and DensityFlushScale); the non-integral ν below 4 hold a below the point where Q reaches 2^−125 (PowerArgumentMax)
    // and return 0 beyond it; the pieces' polynomial has no u⁸.
    // MinNative (one instruction) differs from Min only for NaN, which the kernels select away at the end.
    // ν ≥ 1e7 (+∞ included) takes the table of ν = 1e7: F_ν and F_1e7 are both within φ(x)(x³ + x)/(4·1e7) < 1.6e-8 of
    // Φ, on the same side. So every ν > 0 has a table, and a kernel's loop has no call on any path (a call makes the
    // register allocator spill the values that live across it, on the path that does not take it too). Lanes with
    // different ν run one lane at a time through the same kernel, so the scalar overload (lane 0 of the broadcast)
    // equals every lane.

    private const int StudentTPieces = TablePieces;
    private const int StudentTDegree = 9;

    /// <summary>From this ν on, the float CDF and density are those of this ν (|F_ν − Φ| ≤ φ(x)(x³ + x)/(4ν) &lt; 1.6e-8
    /// from here on, and F_ν − Φ has the same sign for every ν, so F_ν and F_1e7 are that close too).</summary>
    private const float StudentTNormalNuF = 1e7f;

    /// <summary>Below this ν the tail factor is (1 + a)^(−ν) (a²/ν can overflow while Q is still a normal float).</summary>
    private const float StudentTPowerTailNuF = 2.5f;

    /// <summary>Integral ν up to this take the power path (s ≤ 8: at most three squarings and four products, each
    /// rounding once relative to its excess over 1).</summary>
    private const float StudentTIntegerPowerMaxNuF = 16f;

    /// <summary>a²/ν is capped here (Q and the density are 0 in float beyond, for ν ≥ 2.5).</summary>
    private const float StudentTMaxRatioF = 1e37f;

    /// <summary>Integral ν up to this take the two polynomials in s = a/√ν for the CDF
    /// (<see cref="StudentTSplitLowerTail"/>); from 5 on the power path is more accurate.</summary>
    private const float StudentTSplitMaxNuF = 4f;

    /// <summary>Non-integral ν from <see cref="StudentTFractionalSplitMinNuF"/> up to below this take the two polynomials
    /// too, with a fractional power for the tail (<see cref="FractionalTailPower"/>). The centre's subtraction and C's
    /// fit leave less accuracy as ν grows: below 4, every float from ¼√ν to 1.1√ν (where the error peaks) for 84 ν gave at
    /// most 1.24e-7 absolute and 1.21e-6 relative in the lower tail (the exp path these ν took before: 1.1e-5 relative); from 4 to 5 a review
    /// found 1.45e-7 absolute (ν = 4.77), beyond the 1.41e-7 stated for every ν, and 2.1e-6 relative.</summary>
    private const float StudentTFractionalSplitMaxNuF = 4f;

    /// <summary>Below this ν the fractional power's r = T − N can come within 2^−63 of 0 (T ≈ ν·2^−24 next to s = 1),
    /// so that r² is subnormal (found at ν = 1e-12, 2026-12-08); these ν keep the pieces, whose error is small there
    /// (2.6e-8 at ν = 1e-9). The underflow flag stays clear for every float |x| ≥ 1e-18 from here up (checked at eight
    /// ν from 1e-9 to 9.9e-7, both bodies); the pieces, which these ν took before, reached 1.49e-7 absolute near 1e-6.</summary>
    private const float StudentTFractionalSplitMinNuF = 1e-9f;

    /// <summary>The degree of each of those two polynomials.</summary>
    private const int StudentTSplitDegree = 10;

    /// <summary>Where a <see cref="StudentTSingleTable.FractionalSplit"/> table's polynomial of the power's mantissa part
    /// starts in <see cref="StudentTSingleTable.SplitCoefficients"/> (after C's and P's).</summary>
    private const int PowerCoefficient = 2 * (StudentTSplitDegree + 1);

    /// <summary>2^−30: for ν = 1 the tail's b is held at least this large before it is squared for P's argument. Below
    /// about 1.1e-19 its square would be subnormal, which takes the processor's slow path on x86 for the whole vector;
    /// P's argument 2b² − 1 rounds to −1 from b² ≈ 2^−26 down, so it is the same at 2^−60 as below.</summary>
    private const float StudentTSquareFloorF = 9.31322575e-10f;

    /// <summary>2^30: a non-integral ν's tail divisor a/√ν is held at most this large, so that b = 1/divisor is at
    /// least <see cref="StudentTSquareFloorF"/> (b² stays normal, as for ν = 1).</summary>
    private const float StudentTInverseSquareFloorF = 1073741824f;

    /// <summary>ln 2 rounded to float.</summary>
    private const float Ln2F = 0.693147182f;

    /// <summary>2^−125: the power paths return 0 where their lower tail or density falls below a threshold at or above
    /// this (<see cref="StudentTSingleTable.SplitTailScale"/>, <see cref="StudentTSingleTable.TailRatioLimit"/>,
    /// <see cref="StudentTSingleTable.DensityFlushScale"/>), so that no lane computes a subnormal, which would take the
    /// processor's slow path for its whole vector. The threshold lies far below the 1e-30 under which no relative bound
    /// is claimed, and twice the smallest normal float: a margin over the few ulp the values there are computed to.</summary>
    private const double StudentTFlushBelow = 2.350988701644575e-38;

    /// <summary>The coefficients of g for one ν, and the density's constant.</summary>
    internal sealed class StudentTSingleTable
    {
        /// <summary>Coefficient k of piece j at [k·8 + j]: g(w) = Σ_k c_k·u^k, u = 16w − (2j + 1) ∈ [−1, 1]. Empty for
        /// a <see cref="Split"/> table, whose CDF has no pieces.</summary>
        public readonly float[] Coefficients;

        /// <summary>For a <see cref="Split"/> table, C's coefficients at [k] and P's at [11 + k]: C(y) = Σ_k c_k·u^k and
        /// P(y) likewise, u = 2y − 1 (see <see cref="StudentTSplitLowerTail"/>), and for a <see cref="FractionalSplit"/>
        /// one the tail power's mantissa polynomial at [22 + k]; else empty.</summary>
        public readonly float[] SplitCoefficients;

        public StudentTSingleTable(float nu)
        {
            Nu = nu;
            double n = nu;
            PowerTail = nu < StudentTPowerTailNuF;
            TailScale = PowerTail ? nu : (float)(0.5 * n);
            IntegerPower = nu <= StudentTIntegerPowerMaxNuF && nu == MathF.Round(nu);
            FractionalSplit = nu >= StudentTFractionalSplitMinNuF && nu < StudentTFractionalSplitMaxNuF && nu != MathF.Round(nu);
            Split = (IntegerPower && nu <= StudentTSplitMaxNuF) || FractionalSplit;
            SplitPower = Split && !FractionalSplit ? (int)nu : 0;
            // The tail factor is (1 + t)^(−TailScale) with 2·TailScale an integer: PowerExponent whole powers, and a
            // square root if OddPower.
            int twiceScale = IntegerPower ? (int)(2 * TailScale) : 0;
            PowerExponent = twiceScale >> 1;
            OddPower = (twiceScale & 1) != 0;
            // The density's kernel is (1 + a²/ν)^(−(ν + 1)/2): a power too for the same ν.
            DensityPowerExponent = IntegerPower ? ((int)nu + 1) >> 1 : 0;
            DensityOddPower = IntegerPower && ((int)nu & 1) == 0;
            InverseNu = (float)(1.0 / n);
            InverseSqrtNu = (float)(1.0 / Math.Sqrt(n));
            HalfNuPlusHalf = (float)((0.5 * n) + 0.5);
            double logDensityScale = -LogBeta(0.5 * n, 0.5) - (0.5 * Math.Log(n));
            LogDensityScale = (float)logDensityScale;
            DensityScale = (float)Math.Exp(logDensityScale);
            // The density is DensityScale/(1 + D) ≥ DensityScale·K/float.MaxValue ≥ StudentTFlushBelow wherever
            // (1 + D)·K is finite (see DensityFlushScale).
            DensityFlushScale = PowerOfTwoAtLeast(Math.Log2(StudentTFlushBelow * float.MaxValue / DensityScale));
            ScaledDensityScale = DensityScale * DensityFlushScale;
            Span<double> monomial = stackalloc double[StudentTSplitDegree + 1];
            if (Split)
            {
                // s = a·InverseSqrtNu exactly (the float scale the kernels multiply by), so a = s/InverseSqrtNu in
                // double.
                double scale = InverseSqrtNu;
                Coefficients = [];
                SplitCoefficients = new float[(FractionalSplit ? 3 : 2) * (StudentTSplitDegree + 1)];
                // C(y) = (F(a) − ½)/s with s = √y: the centre, y = s² ∈ [0, 1].
                InterpolateMonomial(monomial, u =>
                {
                    double s = Math.Sqrt(0.5 * (u + 1));
                    return (StudentTCdf(s / scale, n) - 0.5) / s;
                });
                for (int k = 0; k <= StudentTSplitDegree; k++)
                {
                    SplitCoefficients[k] = (float)monomial[k];
                }

                // P(y) = Q(a)/b^ν with b = √y = 1/s: the tail, y = b² ∈ [0, 1].
                InterpolateMonomial(monomial, u =>
                {
                    double b = Math.Sqrt(0.5 * (u + 1));
                    return StudentTCdf(-1.0 / (b * scale), n) / Math.Pow(b, n);
                });
                for (int k = 0; k <= StudentTSplitDegree; k++)
                {
                    SplitCoefficients[StudentTSplitDegree + 1 + k] = (float)monomial[k];
                }

                // Q ≈ b^ν·P(0) deep in the tail, P(0) = P at u = −1 (0.19 to 0.32 for the integral ν, 0.19 to 0.5 for the
                // others: below 1, so b^ν is normal wherever Q is). Q ≥ StudentTFlushBelow for s < float.MaxValue/K once
                // K ≥ float.MaxValue·(StudentTFlushBelow/P(0))^(1/ν).
                double tailAtZero = 0.0;
                for (int k = StudentTSplitDegree; k >= 0; k--)
                {
                    tailAtZero = SplitCoefficients[StudentTSplitDegree + 1 + k] - tailAtZero;
                }

                TailRatioLimit = StudentTMaxRatioF;
                if (!FractionalSplit)
                {
                    SplitTailScale = PowerOfTwoAtLeast(Math.Log2(float.MaxValue) + (Math.Log2(StudentTFlushBelow / tailAtZero) / n));
                    SplitScaledInverseSqrtNu = InverseSqrtNu * SplitTailScale;
                    return;
                }

                // b^ν = 2^T, T = −ν·log2(a·c) = −ν·e − ν·log2 m − ν·log2 c for a = m·2^e (c = InverseSqrtNu): the part
                // −νhi·e + Chi is exact (νhi has 12 significant bits, Chi is on its grid), the rest is L(u) − νlo·e with
                // L(u) = −ν·log2 m + (C − Chi), u = 2m − 3 ∈ [−1, 1) (see FractionalTailPower).
                SplitTailScale = 1f;
                SplitScaledInverseSqrtNu = InverseSqrtNu;
                float nuHigh = (float)RoundToSignificantBits(n, 12);
                NegNuHigh = -nuHigh;
                NegNuLow = -(nu - nuHigh);
                double constant = -n * Math.Log2(scale);
                // Chi on νhi's grid (a multiple of its last bit), so that e·νhi + Chi is exact (at most 20 bits).
                double grid = Math.ScaleB(1.0, Math.ILogB(nuHigh) - 11);
                PowerConstantHigh = (float)(Math.Round(constant / grid) * grid);
                InterpolateMonomial(monomial, u => (-n * Math.Log2(1.5 + (0.5 * u))) + (constant - PowerConstantHigh));
                for (int k = 0; k <= StudentTSplitDegree; k++)
                {
                    SplitCoefficients[PowerCoefficient + k] = (float)monomial[k];
                }

                // a is held in [½√ν, PowerArgumentMax] for T: at ½√ν, T ≤ ν (a centre lane, selected away); at the
                // upper end Q ≈ 2^T·P(0) reaches StudentTFlushBelow (or a is float.MaxValue), so 2^T·P is a normal
                // float, and a beyond it gives 0.
                PowerArgumentMin = (float)(0.5 * Math.Sqrt(n));
                double flush = Math.Pow(tailAtZero / StudentTFlushBelow, 1.0 / n) / scale;
                float argumentMax = (float)Math.Min(flush, float.MaxValue);
                PowerArgumentMax = argumentMax > flush ? MathF.BitDecrement(argumentMax) : argumentMax;
                return;
            }

            SplitCoefficients = [];
            Coefficients = new float[(StudentTDegree + 1) * StudentTPieces];
            for (int piece = 0; piece < StudentTPieces; piece++)
            {
                InterpolateMonomial(monomial[..(StudentTDegree + 1)], u =>
                {
                    double w = (u + (2 * piece) + 1) / (2.0 * StudentTPieces);
                    double a = w / (1.0 - w);
                    double logRelative = LogLowerTail(a, n) - TailExponent(a, n);
                    return IntegerPower ? Math.Exp(logRelative) : logRelative;
                });
                for (int k = 0; k <= StudentTDegree; k++)
                {
                    Coefficients[(k * StudentTPieces) + piece] = (float)monomial[k];
                }
            }

            double tailAtOne = 0.0;
            for (int k = 0; k <= StudentTDegree; k++)
            {
                tailAtOne += Coefficients[(k * StudentTPieces) + StudentTPieces - 1];
            }

            // For the power path Q = h/(1 + t)^s, h at w = 1 (the last piece at u = 1) deep in the tail:
            // Q = StudentTFlushBelow at t = (h/StudentTFlushBelow)^(1/s) − 1. The exp path needs no limit: its Exp
            // builds subnormal results from integer bits.
            TailRatioLimit = IntegerPower ? (float)(Math.Pow(tailAtOne / StudentTFlushBelow, 1.0 / TailScale) - 1.0) : StudentTMaxRatioF;
        }

        /// <summary><paramref name="x"/> rounded to <paramref name="bits"/> significant bits.</summary>
        private static double RoundToSignificantBits(double x, int bits)
        {
            if (x == 0.0)
            {
                return 0.0;
            }

            int scale = Math.ILogB(x) - (bits - 1);
            return Math.ScaleB(Math.Round(Math.ScaleB(x, -scale)), scale);
        }

        /// <summary>The smallest power of two at or above 2^<paramref name="log2"/> (below 128), as a float.</summary>
        private static float PowerOfTwoAtLeast(double log2) => (float)Math.ScaleB(1.0, (int)Math.Ceiling(log2));

        /// <summary>
        /// The monomial coefficients in u of the polynomial that interpolates <paramref name="f"/> at the Chebyshev
        /// nodes of [−1, 1], as many as <paramref name="monomial"/> holds (the degree plus one): its Chebyshev
        /// coefficients first, then T_k = 2u·T_{k−1} − T_{k−2} expanded, in double.
        /// </summary>
        private static void InterpolateMonomial(Span<double> monomial, Func<double, double> f)
        {
            int count = monomial.Length;
            Span<double> values = stackalloc double[count];
            Span<double> chebyshev = stackalloc double[count];
            Span<double> tPrevious = stackalloc double[count];
            Span<double> tCurrent = stackalloc double[count];
            Span<double> tNext = stackalloc double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = f(Math.Cos(Math.PI * (i + 0.5) / count));
            }

            for (int k = 0; k < count; k++)
            {
                double sum = 0.0;
                for (int i = 0; i < count; i++)
                {
                    sum += values[i] * Math.Cos(Math.PI * k * (i + 0.5) / count);
                }

                chebyshev[k] = (k == 0 ? 1.0 : 2.0) * sum / count;
            }

            monomial.Clear();
            tPrevious.Clear();
            tCurrent.Clear();
            tPrevious[0] = 1.0; // T0
            tCurrent[1] = 1.0;  // T1
            monomial[0] += chebyshev[0];
            monomial[1] += chebyshev[1];
            for (int k = 2; k < count; k++)
            {
                tNext.Clear();
                for (int p = 0; p < count - 1; p++)
                {
                    tNext[p + 1] += 2.0 * tCurrent[p];
                }

                for (int p = 0; p < count; p++)
                {
                    tNext[p] -= tPrevious[p];
                    monomial[p] += chebyshev[k] * tNext[p];
                }

                tCurrent.CopyTo(tPrevious);
                tNext.CopyTo(tCurrent);
            }
        }

        public float Nu { get; }

        public bool PowerTail { get; }

        /// <summary>ν is an integer from 1 to 4, or not an integer, from 1e-9 to below 4 (<see cref="FractionalSplit"/>):
        /// the CDF is the two polynomials of <see cref="StudentTSplitLowerTail"/> (<see cref="SplitCoefficients"/>) rather
        /// than the pieces; the density is the power path's for the integers, the exp path's for the others.</summary>
        public bool Split { get; }

        /// <summary>ν is not an integer, at least 1e-9 and below 4: a <see cref="Split"/> table whose tail power b^ν is 2^T
        /// (<see cref="FractionalTailPower"/>), with the polynomial of T's part in the mantissa of a at [22 + k] of
        /// <see cref="SplitCoefficients"/>.</summary>
        public bool FractionalSplit { get; }

        /// <summary>−ν's high part (12 significant bits), for <see cref="FractionalSplit"/>.</summary>
        public float NegNuHigh { get; }

        /// <summary>−ν's low part (−ν − <see cref="NegNuHigh"/>, exact), for <see cref="FractionalSplit"/>.</summary>
        public float NegNuLow { get; }

        /// <summary>−ν·log2(InverseSqrtNu) rounded to a multiple of <see cref="NegNuHigh"/>'s last bit, for
        /// <see cref="FractionalSplit"/>.</summary>
        public float PowerConstantHigh { get; }

        /// <summary>½√ν: a is held at least this for the power, for <see cref="FractionalSplit"/>.</summary>
        public float PowerArgumentMin { get; }

        /// <summary>The largest a whose tail is kept (at least StudentTFlushBelow), or float.MaxValue, for
        /// <see cref="FractionalSplit"/>.</summary>
        public float PowerArgumentMax { get; }

        /// <summary>ν as an integer, for a <see cref="Split"/> table (the tail's power b^ν); else 0.</summary>
        public int SplitPower { get; }

        /// <summary>For a <see cref="Split"/> table, a power of two K: the tail takes b = K/(s·K), the same bits as 1/s
        /// while s·K is finite and 0 from s = float.MaxValue/K on, where Q is below a threshold of 2^−125 or more (the
        /// power of two rounds it up: 2^−124.7 for ν = 1 to 2^−122.2 for ν = 3).
        /// So b^ν and every product before it stay normal floats, and the tail there is 0.</summary>
        public float SplitTailScale { get; }

        /// <summary>InverseSqrtNu·<see cref="SplitTailScale"/> (exact): a times it is s·K, rounded as s is where s is
        /// normal, without waiting for s.</summary>
        public float SplitScaledInverseSqrtNu { get; }

        /// <summary>The cap on t = a²/ν in the tail exponent: for an <see cref="IntegerPower"/> table the t beyond which
        /// Q falls below 2^−125 and is returned as 0 (t is held there, so the power and its quotient stay normal
        /// floats), else 1e37 (Q is 0 in float beyond, for ν ≥ 2.5).</summary>
        public float TailRatioLimit { get; }

        /// <summary>A power of two K for the density's power path: DensityScale/(1 + D) is computed as
        /// <see cref="ScaledDensityScale"/>/((1 + D)·K), the same bits while (1 + D)·K is finite and 0 once it overflows,
        /// where the density is below DensityScale·K/float.MaxValue ≥ 2^−125 (about 2^−124.4; so no quotient is
        /// subnormal).</summary>
        public float DensityFlushScale { get; }

        /// <summary>DensityScale·<see cref="DensityFlushScale"/> (exact).</summary>
        public float ScaledDensityScale { get; }

        /// <summary>ν is an integer from 1 to 16: the coefficients are those of h = e^g, and the tail factor and the
        /// density's kernel are powers (<see cref="PowerExponent"/>, <see cref="OddPower"/>,
        /// <see cref="DensityPowerExponent"/>, <see cref="DensityOddPower"/>) instead of exps of logarithms.</summary>
        public bool IntegerPower { get; }

        /// <summary>The integral part of TailScale, for <see cref="IntegerPower"/> (1 to 8).</summary>
        public int PowerExponent { get; }

        /// <summary>TailScale has a half: the power takes a √u too (odd ν ≥ 3).</summary>
        public bool OddPower { get; }

        /// <summary>The integral part of (ν + 1)/2, for <see cref="IntegerPower"/> (1 to 8): the density is then
        /// DensityScale/(1 + a²/ν)^((ν + 1)/2), a power instead of an exp of a logarithm.</summary>
        public int DensityPowerExponent { get; }

        /// <summary>(ν + 1)/2 has a half (even ν), for <see cref="IntegerPower"/>.</summary>
        public bool DensityOddPower { get; }

        /// <summary>1/(√ν·B(ν/2, ½)), the density at 0, rounded once from double.</summary>
        public float DensityScale { get; }

        /// <summary>The factor of the tail exponent's logarithm: ν for the power tail, ν/2 for the other.</summary>
        public float TailScale { get; }

        public float InverseNu { get; }

        public float InverseSqrtNu { get; }

        public float HalfNuPlusHalf { get; }

        /// <summary>−ln(√ν·B(ν/2, ½)), the log of the density at 0.</summary>
        public float LogDensityScale { get; }

        /// <summary>The exponent E(a) the polynomial is relative to, in double (for the fit).</summary>
        private double TailExponent(double a, double nu) =>
            PowerTail ? -nu * LogOnePlus(a) : -0.5 * nu * LogOnePlus(Math.Min(a * a / nu, StudentTMaxRatioF));
    }

    /// <summary>ln F(−a; ν) for a ≥ 0 in double, without underflow: ln of the double CDF while it is above 1e-250, else
    /// ln(½·I_z(ν/2, ½)) from the continued fraction's prefactor in logs (z = ν/(ν + a²) is then small, the fraction's fast
    /// region).</summary>
    private static double LogLowerTail(double a, double nu)
    {
        double q = StudentTCdf(-a, nu);
        if (q > 1e-250)
        {
            return Math.Log(q);
        }

        double r = nu / a / a; // a > √ν here
        double z = r / (1.0 + r);
        double w = 1.0 / (1.0 + r);
        double alpha = 0.5 * nu;
        return Math.Log(0.5) + (alpha * Math.Log(z)) + (0.5 * Math.Log(w)) - Math.Log(alpha) - LogBeta(alpha, 0.5)
            + Math.Log(BetaContinuedFraction(alpha, 0.5, z));
    }

    /// <summary>The process's tables (see <see cref="StudentTTableCache"/>).</summary>
    private static readonly StudentTTableCache s_studentTTables = new(64);

    /// <summary>The table of <paramref name="nu"/> for ν &gt; 0, that of 1e7 for ν ≥ 1e7 (+∞ included), else null (NaN
    /// and ν ≤ 0, whose CDF and density are NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static StudentTSingleTable? StudentTTableOrNull(float nu) => nu > 0f ? StudentTTableOf(MathF.Min(nu, StudentTNormalNuF)) : null;

    /// <summary>The table of <paramref name="nu"/> (finite, in (0, 1e7]), from the cache or built (deterministic).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static StudentTSingleTable StudentTTableOf(float nu) => s_studentTTables.Get(nu);

    /// <summary>
    /// Tables built so far, one slot per hash of ν's bits (immutable tables, replaced whole, so any thread sees a
    /// complete one; a table is a pure function of ν, so which thread built it does not matter). Several models with
    /// different ν in one process keep their tables: a ν whose slot another holds goes to a free slot, where a miss
    /// finds it, so as long as no more ν than slots are in use none is rebuilt (a rebuild fits a polynomial and
    /// allocates, inside a kernel). Past that, a new ν takes its own slot. An instance, not static state, so that its
    /// policy is tested on a cache of its own rather than on the one every test in the process shares.
    /// </summary>
    internal sealed class StudentTTableCache
    {
        private readonly StudentTSingleTable?[] slots;

        /// <param name="size">The number of slots, a power of two from 2 to 2^16.</param>
        public StudentTTableCache(int size)
        {
            if (size < 2 || size > 1 << 16 || (size & (size - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(size), size, "The number of slots must be a power of two from 2 to 65536.");
            }

            slots = new StudentTSingleTable?[size];
        }

        /// <summary>The slot ν hashes to (Fibonacci hashing of its bits).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int SlotOf(float nu) =>
            (int)((BitConverter.SingleToUInt32Bits(nu) * 0x9E3779B9u) >> (32 - BitOperations.Log2((uint)slots.Length)));

        /// <summary>The table of <paramref name="nu"/>, from the cache or built.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public StudentTSingleTable Get(float nu)
        {
            int slot = SlotOf(nu);
            StudentTSingleTable? table = Volatile.Read(ref slots[slot]);
            return table is not null && table.Nu.Equals(nu) ? table : Miss(nu, slot);
        }

        /// <summary>ν is not in its own slot: look in the others, else build its table and put it in its slot if free,
        /// else in the first free one, else in its own slot (more ν in use than slots).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private StudentTSingleTable Miss(float nu, int slot)
        {
            StudentTSingleTable? table = null;
            for (int i = 0; i < slots.Length; i++)
            {
                int probe = (slot + i) & (slots.Length - 1);
                StudentTSingleTable? other = Volatile.Read(ref slots[probe]);
                if (other is null)
                {
                    // Claim the free slot atomically, so that two threads inserting at once cannot overwrite each other.
                    table ??= new StudentTSingleTable(nu);
                    other = Interlocked.CompareExchange(ref slots[probe], table, null);
                    if (other is null)
                    {
                        return table;
                    }
                }

                if (other.Nu.Equals(nu))
                {
                    return other;
                }
            }

            table ??= new StudentTSingleTable(nu);
            Volatile.Write(ref slots[slot], table);
            return table;
        }
    }

    /// <summary>Whether every lane of <paramref name="nu"/> has lane 0's bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameInEveryLane(Vector<float> nu) =>
        Vector.EqualsAll(Vector.AsVectorUInt32(nu), Vector.Create<uint>(Vector.AsVectorUInt32(nu)[0]));

    /// <summary>F(x; ν) in float lanes for one ν (every lane's result depends on its x alone).</summary>
    /// <remarks>
    /// Inlined into the generated kernels' loops, like every function on the way there (see KernelInliningTests for
    /// why that chain must be unbroken). Every ν &gt; 0 has a table, and the two tail exponents share one logarithm, so
    /// that the loop holds one copy of the code it runs and no call. Generated kernels whose ν is a hyperparameter look
    /// ν's table up once per call rather than once per vector (<see cref="StudentTCdf(Vector{float}, in Kernels.StudentTDegrees)"/>).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> StudentTCdfSingle(Vector<float> x, float nu) =>
        StudentTTableOrNull(nu) is { } table ? StudentTCdfOfTable(x, table) : Vector.Create(float.NaN);

    /// <summary>F(x; ν) for a ν resolved once (<see cref="Kernels.StudentTDegrees"/>): the same bits as
    /// <see cref="StudentTCdf(Vector{float}, Vector{float})"/> with ν in every lane. Without a table (ν NaN or ≤ 0) NaN:
    /// no call in the loop (see the remarks of <see cref="StudentTCdfSingle"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> StudentTCdf(Vector<float> x, in Kernels.StudentTDegrees nu) =>
        nu.Table is { } table ? StudentTCdfOfTable(x, table) : Vector.Create(float.NaN);

    /// <summary>F(x; ν) from ν's table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> StudentTCdfOfTable(Vector<float> x, StudentTSingleTable table)
    {
        Vector<float> a = Vector.Abs(x);
        // The two polynomials' Q is at most ½ by construction (½ − s·C, and b^ν·P at most Q(√ν)); the pieces' is held there.
        Vector<float> q = table.Split ? StudentTSplitLowerTail(a, table) : Vector.MinNative(StudentTLowerTail(a, table), Vector.Create(0.5f));
        Vector<float> result = Select(Vector.LessThan(x, Vector<float>.Zero), q, Vector<float>.One - q);
        return Select(Vector.Equals(x, x), result, x);
    }

    /// <summary>Q(a) = F(−a; ν) for a ≥ 0 (a = +∞ gives 0): exp(E(a) + g(w)), for a table that is not
    /// <see cref="StudentTSingleTable.Split"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> StudentTLowerTail(Vector<float> a, StudentTSingleTable table)
    {
        Vector<float> capped = Vector.MinNative(a, Vector.Create(float.MaxValue));
        Vector<float> w = capped / (capped + Vector<float>.One);
        // E = −ν·ln(1 + a) below ν = 2.5, −(ν/2)·ln(1 + a²/ν) from there: one logarithm, of the argument the table's ν
        // takes (a uniform branch; the same bits as two written-out logarithms). a²/ν is held at the table's limit.
        Vector<float> logArgument = table.PowerTail
            ? capped
            : Vector.MinNative(capped * capped * Vector.Create<float>(table.InverseNu), Vector.Create<float>(table.TailRatioLimit));

        // The tail factor's part first, in program order, so that its chain (the longest) starts before the
        // polynomial's: the loop is bound by its dependency chains, and the processor looks only so far ahead.
        Vector<float> excess, exponent;
        if (table.IntegerPower)
        {
            excess = IntegerPowerExcess(logArgument, table.PowerExponent, table.OddPower);
            exponent = default;
        }
        else
        {
            exponent = -Vector.Create<float>(table.TailScale) * LogOnePlusSingle(logArgument);
            excess = default;
        }

        // Piece j = ⌊8w⌋ (7 at w = 1), u = 16w − (2j + 1).
        Vector<float> scaled = w * Vector.Create<float>(StudentTPieces);
        // scaled ∈ [0, 8] (NaN lanes are selected away), so the native conversion, which truncates, is the floor, the
        // same on every platform.
        Vector<int> piece = Vector.Min(Vector.ConvertToInt32Native(scaled), Vector.Create<int>(StudentTPieces - 1));
        Vector<float> u = ((scaled - Vector.ConvertToSingle(piece)) * Vector.Create(2f)) - Vector<float>.One;

        // Degree 9 by Estrin's scheme (four dependent steps instead of nine), as (p01 + p23·u²) + u⁴·(p45 + p67·u² +
        // p89·u⁴): no u⁸, which is subnormal for |u| below 1.8e-5 (about 1,800 floats x near the pieces' centres).
        float[] c = table.Coefficients;
        Vector<float> u2 = u * u;
        Vector<float> u4 = u2 * u2;
        Vector<float> p01 = Fma(PieceCoefficient(c, 1, piece), u, PieceCoefficient(c, 0, piece));
        Vector<float> p23 = Fma(PieceCoefficient(c, 3, piece), u, PieceCoefficient(c, 2, piece));
        Vector<float> p45 = Fma(PieceCoefficient(c, 5, piece), u, PieceCoefficient(c, 4, piece));
        Vector<float> p67 = Fma(PieceCoefficient(c, 7, piece), u, PieceCoefficient(c, 6, piece));
        Vector<float> p89 = Fma(PieceCoefficient(c, 9, piece), u, PieceCoefficient(c, 8, piece));
        Vector<float> g = Fma(Fma(p89, u4, Fma(p67, u2, p45)), u4, Fma(p23, u2, p01));

        Vector<float> tail;
        if (table.IntegerPower)
        {
            // Q = h/(1 + D), D = (1 + t)^s − 1: near the centre, where D < 1 and Q is near ½, as h − D·(h/(1 + D)),
            // whose error is relative to D·Q rather than to Q; in the tail h/(1 + D) itself (1 + D overflows to +∞ only
            // where Q is below the float range anyway, and h/∞ = 0).
            Vector<float> quotient = g / (excess + Vector<float>.One);
            tail = Select(Vector.LessThan(excess, Vector<float>.One), Fma(-excess, quotient, g), quotient);
        }
        else
        {
            tail = ExpSingle(exponent + g, Vector<float>.Zero);
        }

        // 0 at a = +∞, and for the power path beyond its limit (its quotient would be subnormal there).
        Vector<int> kept = table.IntegerPower
            ? Vector.LessThan(logArgument, Vector.Create<float>(table.TailRatioLimit))
            : Vector.LessThan(a, Vector.Create(float.PositiveInfinity));
        return Select(kept, tail, Vector<float>.Zero);
    }

    /// <summary>
    /// Q(a) for an integral ν from 1 to 4 or a non-integral ν from 1e-9 to below 4 (a <see cref="StudentTSingleTable.Split"/> table),
    /// a ≥ 0: with s = a·InverseSqrtNu,
    /// ½ − s·C(s²) for s² ≤ 1, else b^ν·P(b²) with b = 1/s. Both sides are computed and one is selected (the other may
    /// be ±∞ or NaN); a = 0 gives ½. The tail computes no subnormal: b is 0 where Q would be below a threshold of
    /// 2^−125 or more (<see cref="StudentTSingleTable.SplitTailScale"/>), and so from a = +∞; for ν = 1, P's argument is
    /// taken from b held at 2^−30 (in y itself: the heavy test model's loop is at the JIT's limit of 512 locals, and a
    /// named held b was one too many). A non-integral ν holds the divisor s at 2^30 instead (b ≥ 2^−30, K = 1) and takes
    /// b^ν from <see cref="FractionalTailPower"/>, 0 beyond its flush point.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> StudentTSplitLowerTail(Vector<float> a, StudentTSingleTable table)
    {
        ref float c = ref MemoryMarshal.GetArrayDataReference(table.SplitCoefficients);
        Vector<float> s = a * Vector.Create<float>(table.InverseSqrtNu);
        Vector<float> s2 = s * s;
        Vector<float> centre = Fma(-s, SplitPolynomial(ref c, Fma(s2, 2f, -1f)), Vector.Create(0.5f));
        Vector<float> divisor;
        if (table.FractionalSplit)
        {
            // K = 1 here, so the divisor is s itself, held at 2^30 (b at 2^−30, for the same reason as ν = 1's below).
            divisor = Vector.MinNative(s, Vector.Create(StudentTInverseSquareFloorF));
        }
        else
        {
            divisor = a * Vector.Create<float>(table.SplitScaledInverseSqrtNu);
        }

        Vector<float> b = Vector.Create<float>(table.SplitTailScale) / divisor;
        // b^ν and P's argument y = b²: ν is 1 to 4 or not integral here (a uniform branch). For ν = 1 alone b² can be
        // subnormal where Q is not; P's argument is −1 however small y is below 2^−26, so y is taken from b held at
        // 2^−30.
        Vector<float> power, y;
        switch (table.SplitPower)
        {
            case 0:
                y = b * b;
                power = FractionalTailPower(a, table, ref c);
                break;
            case 1:
                power = b;
                y = Vector.MaxNative(b, Vector.Create(StudentTSquareFloorF));
                y *= y;
                break;
            case 2:
                y = b * b;
                power = y;
                break;
            case 3:
                y = b * b;
                power = y * b;
                break;
            default:
                y = b * b;
                power = y * y;
                break;
        }

        Vector<float> tail = power * SplitPolynomial(ref Unsafe.Add(ref c, StudentTSplitDegree + 1), Fma(y, 2f, -1f));
        return Select(Vector.LessThanOrEqual(s2, Vector<float>.One), centre, tail);
    }

    /// <summary>
    /// b^ν = (a·InverseSqrtNu)^(−ν) for a non-integral ν (a <see cref="StudentTSingleTable.FractionalSplit"/> table), a
    /// in the tail: 2^T with T = −ν·log2(a·c) split as (−νhi·e + Chi) + (L(u) − νlo·e), a = m·2^e, u = 2m − 3, the first
    /// part exact; T = N + r, N = round(T), r = (first − N) + second (first − N exact), 2^r by the exp polynomial and
    /// 2^N added to its exponent field. a is held in [½√ν, PowerArgumentMax] first, so that every lane's 2^T is a normal
    /// float (the centre's lanes are selected away), and a beyond the maximum gives 0 (+∞ included).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> FractionalTailPower(Vector<float> a, StudentTSingleTable table, ref float c)
    {
        // Few named locals, and the intrinsics rather than the Fma helpers: this path sits in the loop of every generated
        // kernel that takes the CDF, and a loop with its inlines has 512 locals in all (see GeneratedKernelInliningTests).
        Vector<int> bits = Vector.AsVectorInt32(Vector.MinNative(
            Vector.MaxNative(a, Vector.Create<float>(table.PowerArgumentMin)), Vector.Create<float>(table.PowerArgumentMax)));
        Vector<float> e = Vector.ConvertToSingle(Vector.ShiftRightArithmetic(bits, 23) - Vector.Create(127));
        Vector<float> u = Vector.FusedMultiplyAdd(
            Vector.AsVectorSingle((bits & Vector.Create(0x007FFFFF)) | Vector.Create(0x3F800000)), Vector.Create(2f), Vector.Create(-3f));
        Vector<float> u2 = u * u;
        // L(u) by Horner's rule in u² on the pairs c_2k + c_2k+1·u (five dependent steps), then −νlo·e. A third
        // SplitPolynomial here takes more locals: the heavy probe of GeneratedKernelInliningTests failed in 4 of 6 runs.
        Vector<float> second = Vector.FusedMultiplyAdd(
            e, Vector.Create<float>(table.NegNuLow),
            Vector.FusedMultiplyAdd(Vector.FusedMultiplyAdd(Vector.FusedMultiplyAdd(Vector.FusedMultiplyAdd(Vector.FusedMultiplyAdd(
                Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 10)), u2,
                Vector.FusedMultiplyAdd(
                    Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 9)), u, Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 8)))),
                u2, Vector.FusedMultiplyAdd(
                    Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 7)), u, Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 6)))),
                u2, Vector.FusedMultiplyAdd(
                    Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 5)), u, Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 4)))),
                u2, Vector.FusedMultiplyAdd(
                    Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 3)), u, Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 2)))),
                u2, Vector.FusedMultiplyAdd(
                    Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 1)), u, Vector.Create<float>(Unsafe.Add(ref c, PowerCoefficient + 0)))));
        Vector<float> first = Vector.FusedMultiplyAdd(e, Vector.Create<float>(table.NegNuHigh), Vector.Create<float>(table.PowerConstantHigh));
        Vector<float> rounded = (first + second) + Vector.Create(RoundShifterF);
        Vector<float> r = ((first - (rounded - Vector.Create(RoundShifterF))) + second) * Vector.Create(Ln2F);
        // 2^r = e^(r·ln 2), and 2^N added to its exponent field.
        return Vector.ConditionalSelect(
            Vector.LessThanOrEqual(a, Vector.Create<float>(table.PowerArgumentMax)),
            Vector.AsVectorSingle(Vector.AsVectorInt32(ExpPolynomial(r)) + Vector.ShiftLeft(Vector.AsVectorInt32(rounded), 23)),
            Vector<float>.Zero);
    }

    /// <summary>Σ_k c_k·u^k, k = 0 … 10, by Estrin's scheme without u⁸ (which would underflow to a subnormal for |u| below
    /// 1.8e-5, and u = 2y − 1 comes that close to 0 when y does to ½): four dependent steps after u⁴.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> SplitPolynomial(ref float c, Vector<float> u)
    {
        // (p01 + p23·u²) + u⁴·((p45 + p67·u²) + u⁴·(p89 + c10·u²)), p_jk = c_j + c_k·u, as one expression: u² and u⁴
        // are its only locals (this sits in the loop of every kernel that takes the CDF, twice, and a loop with its
        // inlines has 512 locals in all: see GeneratedKernelInliningTests).
        Vector<float> u2 = u * u;
        Vector<float> u4 = u2 * u2;
        return Vector.FusedMultiplyAdd(
            Vector.FusedMultiplyAdd(
                Vector.FusedMultiplyAdd(Vector.Create<float>(Unsafe.Add(ref c, 10)), u2, Linear(ref c, 8, u)),
                u4,
                Vector.FusedMultiplyAdd(Linear(ref c, 6, u), u2, Linear(ref c, 4, u))),
            u4,
            Vector.FusedMultiplyAdd(Linear(ref c, 2, u), u2, Linear(ref c, 0, u)));
    }

    /// <summary>c_k + c_k+1·u, the coefficients at <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Linear(ref float c, int k, Vector<float> u) =>
        Vector.FusedMultiplyAdd(Vector.Create<float>(Unsafe.Add(ref c, k + 1)), u, Vector.Create<float>(Unsafe.Add(ref c, k)));

    /// <summary>
    /// D = (1 + t)^s − 1 for finite t ≥ 0 and s = e + ½·odd (e from 1 to 8, a table's), on
    /// excesses over 1: (1 + a)(1 + b) = 1 + (a + b + a·b), one FMA each, from t, and √(1 + t) − 1 = t/(1 + √(1 + t)).
    /// So D keeps the relative precision of t where t is small, instead of inheriting the rounding of 1 + t, and the
    /// products run in the same order in every lane and for every length (the exponent's bits are the table's: uniform
    /// branches, no loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> IntegerPowerExcess(Vector<float> t, int e, bool odd)
    {
        // The first factor is taken as it is (0·∞ would be NaN where t overflows), the next ones combined with it: a
        // factor has one before it if ν is odd (the square root) or a lower bit of e is set. square is
        // (1 + t)^(2^i) − 1 for bit i of e, squared only up to e's highest bit (ν = 3 needs no square).
        Vector<float> excess = odd ? t / (Vector<float>.One + Vector.SquareRoot(t + Vector<float>.One)) : Vector<float>.Zero;
        Vector<float> square = t;
        if ((e & 1) != 0)
        {
            excess = TimesOnePlus(excess, square, odd);
        }

        if (e >= 2)
        {
            square = Fma(square, square, square + square);
            excess = (e & 2) != 0 ? TimesOnePlus(excess, square, odd || (e & 1) != 0) : excess;
        }

        if (e >= 4)
        {
            square = Fma(square, square, square + square);
            excess = (e & 4) != 0 ? TimesOnePlus(excess, square, odd || (e & 3) != 0) : excess;
        }

        if (e >= 8)
        {
            square = Fma(square, square, square + square);
            excess = TimesOnePlus(excess, square, odd || (e & 7) != 0);
        }

        return excess;
    }

    /// <summary>The excess over 1 of (1 + excess)(1 + factor), or factor itself when no factor came before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> TimesOnePlus(Vector<float> excess, Vector<float> factor, bool hasEarlier) =>
        hasEarlier ? Fma(excess, factor, excess + factor) : factor;

    /// <summary>ln(1 + t) for t ≥ 0 finite: ln u − ((u − 1) − t)/u with u = 1 + t rounded (the first-order correction
    /// of the rounding of u), a few ulp. u is a normal float ≥ 1, so the log skips the subnormal and special-value
    /// paths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> LogOnePlusSingle(Vector<float> t)
    {
        Vector<float> u = t + Vector<float>.One;
        Vector<float> correction = ((u - Vector<float>.One) - t) / u;
        return LogOfNormalSingle(u, Vector<int>.Zero) - correction;
    }

    /// <summary>p(x; ν) in float lanes for one ν: exp(−((ν+1)/2)·ln(1 + x²/ν) − ln(√ν·B(ν/2, ½))), or for an integral ν
    /// from 1 to 16 the density at 0 over (1 + x²/ν)^((ν+1)/2), a power (see the CDF). As in
    /// <see cref="StudentTCdfSingle"/>, ν ≥ 1e7 takes the table of 1e7 (the density then within x⁴/(4·1e7) relative
    /// of the normal's), and ν without a table (NaN, ≤ 0) gives NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> StudentTPdfSingle(Vector<float> x, float nu) =>
        StudentTTableOrNull(nu) is { } table ? StudentTPdfOfTable(x, table) : Vector.Create(float.NaN);

    /// <summary>p(x; ν) for a ν resolved once (<see cref="Kernels.StudentTDegrees"/>): the same bits as
    /// <see cref="StudentTPdf(Vector{float}, Vector{float})"/> with ν in every lane; NaN without a table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<float> StudentTPdf(Vector<float> x, in Kernels.StudentTDegrees nu) =>
        nu.Table is { } table ? StudentTPdfOfTable(x, table) : Vector.Create(float.NaN);

    /// <summary>p(x; ν) from ν's table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> StudentTPdfOfTable(Vector<float> x, StudentTSingleTable table)
    {
        Vector<float> a = Vector.MinNative(Vector.Abs(x), Vector.Create(float.MaxValue));
        Vector<float> density;
        if (table.IntegerPower)
        {
            // t is capped at float.MaxValue, which keeps the square root's quotient finite. The quotient's divisor is
            // scaled by K (DensityFlushScale): it overflows to +∞, and the density is 0, where the density is below a
            // threshold of 2^−125 or more, at the cap (1 + D ≥ t) and beyond, so that no quotient is subnormal.
            Vector<float> t = Vector.MinNative(a * a * Vector.Create<float>(table.InverseNu), Vector.Create(float.MaxValue));
            Vector<float> excess = IntegerPowerExcess(t, table.DensityPowerExponent, table.DensityOddPower);
            density = Vector.Create<float>(table.ScaledDensityScale) / ((excess + Vector<float>.One) * Vector.Create<float>(table.DensityFlushScale));
        }
        else
        {
            Vector<float> logKernel = table.PowerTail
                ? StudentTPowerTailLogKernel(a, table)
                : LogOnePlusSingle(Vector.MinNative(a * a * Vector.Create<float>(table.InverseNu), Vector.Create(StudentTMaxRatioF)));
            density = ExpSingle(Fma(-Vector.Create<float>(table.HalfNuPlusHalf), logKernel, Vector.Create<float>(table.LogDensityScale)), Vector<float>.Zero);
        }

        return StudentTPdfEnds(x, density);
    }

    /// <summary>ln(1 + a²/ν) for ν &lt; 2.5 as ln(1 + b²) = 2·ln(1 + b) − ln(1 + 2b/(1 + b²)), b = a/√ν: no b² to
    /// overflow where the heavy tail is still a normal float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> StudentTPowerTailLogKernel(Vector<float> a, StudentTSingleTable table)
    {
        Vector<float> b = Vector.MinNative(a * Vector.Create<float>(table.InverseSqrtNu), Vector.Create(float.MaxValue));
        Vector<float> cross = Vector.Create(2f) / (b + (Vector<float>.One / b));
        cross = Select(Vector.Equals(b, Vector<float>.Zero), Vector<float>.Zero, cross);
        return (LogOnePlusSingle(b) * Vector.Create(2f)) - LogOnePlusSingle(cross);
    }

    /// <summary>The density at x = ±∞ is 0 and at NaN is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> StudentTPdfEnds(Vector<float> x, Vector<float> density)
    {
        density = Select(Vector.Equals(Vector.Abs(x), Vector.Create(float.PositiveInfinity)), Vector<float>.Zero, density);
        return Select(Vector.Equals(x, x), density, x);
    }
}
