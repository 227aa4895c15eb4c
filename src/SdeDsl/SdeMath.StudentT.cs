using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl;

public static partial class SdeMath
{
    /// <summary>1/√2, rounded to double.</summary>
    private const double InverseSqrt2 = 0.70710678118654752440;

    /// <summary>½·ln(2π).</summary>
    private const double HalfLog2Pi = 0.91893853320467274178;

    /// <summary>
    /// From this many degrees of freedom on, the t CDF differs from the normal CDF by about
    /// φ(x)(x³ + x)/(4ν) &lt; 2e-17, so the normal CDF is returned.
    /// </summary>
    private const double StudentTNormalLimit = 1e16;

    /// <summary>Lanczos shift g − ½ with Godfrey's g = 607/128.</summary>
    private const double LanczosShift = 543.0 / 128.0;

    /// <summary>Stop the continued fraction when a step changes it by less than this factor.</summary>
    private const double ContinuedFractionTolerance = 4e-16;

    /// <summary>Cap on continued-fraction steps (each a pair of partial numerators).</summary>
    private const int ContinuedFractionMaxSteps = 100_000;

    /// <summary>Up to this ν the continued fraction is used everywhere (absolute error below 1e-15).</summary>
    private const double StudentTSeriesMinNu = 1000.0;

    /// <summary>
    /// Above <see cref="StudentTSeriesMinNu"/>, the central series is used while (ν/2)·x²/(ν + x²) ≤ this (|x| ≲ 8).
    /// </summary>
    private const double StudentTSeriesMaxAw = 32.0;

    /// <summary>Stop the central series when a term adds less than this fraction of the sum.</summary>
    private const double SeriesTolerance = 1e-17;

    /// <summary>Cap on central-series terms.</summary>
    private const int SeriesMaxTerms = 100_000;

    /// <summary>Guard against division by zero in the modified Lentz recurrence.</summary>
    private const double LentzTiny = 1e-300;

    // ---------------------------------------------------------------- StudentTCdf

    /// <summary>
    /// F(x; ν) = P(T ≤ x) for Student's t with ν &gt; 0 real degrees of freedom:
    /// F = 1 − ½·I_{ν/(ν+x²)}(ν/2, ½) for x ≥ 0 and ½·I_{ν/(ν+x²)}(ν/2, ½) for x &lt; 0, with the
    /// regularized incomplete beta I from its continued fraction (modified Lentz; the symmetry
    /// I_z(a, b) = 1 − I_{1−z}(b, a) keeps it in its fast region) and ln B from a Lanczos sum
    /// (Godfrey's g = 607/128). For ν &gt; 1000 and (ν/2)·x²/(ν + x²) ≤ 32 (|x| ≲ 8), where that continued fraction
    /// is ill-conditioned, F = ½ ± |x|/(√ν·B(ν/2, ½))·(ν/(ν + x²))^((ν+1)/2)·Σₙ ((ν+1)/2)ₙ/(3/2)ₙ·(x²/(ν + x²))ⁿ, a
    /// series of positive terms. ν = 1 is the Cauchy CDF ½ + atan(x)/π (for x &lt; 0 evaluated as
    /// atan(−1/x)/π, the same value without cancellation); ν = +∞ (and ν ≥ 1e16) is the normal CDF
    /// ½·erfc(−x/√2). Accuracy (against 400–1200-bit mpmath references): absolute error ≤ 8e-16 for ν ∈ [0.01, 30] (max
    /// 7.9e-16 at ν = 0.01; 5.2e-16 for ν ∈ [0.5, 30]); ≤ 1.6e-15 for ν ≤ 1000; ≤ 4e-15 for any ν. For x &lt; 0 and ν ≤
    /// 30 the result also has relative error ≤ 7e-14 (it grows with −ln F: 6.7e-14 at ν = 30, x = −3e6, F ≈ 1e-195).
    /// For ν &gt; 1000 and |x| ≲ 8 the lower tail is ½ minus the series, so there only the absolute bound holds.
    /// SdeMathTests asserts absolute ≤ 1e-15 (ν ≤ 30) and ≤ 5e-15 on a 1200-bit table, relative ≤ 1e-13 on its lower
    /// tail, ≤ 1e-15 against the closed forms for ν = 1, 2, 3 on 100,000 points, and ≤ 1e-13 against MathNet's
    /// StudentT.CDF (whose own error reaches 7e-14) on 100,000 points per ν ∈ {0.5, 1, 2, 3, 10, 30}.
    /// NaN for NaN arguments or ν ≤ 0; F(−∞) = 0, F(+∞) = 1.
    /// </summary>
    /// <param name="x">The quantile.</param>
    /// <param name="nu">The degrees of freedom ν &gt; 0 (may be fractional or +∞).</param>
    /// <returns>The cumulative probability, in [0, 1].</returns>
    public static double StudentTCdf(double x, double nu)
    {
        if (double.IsNaN(x) || !(nu > 0.0))
        {
            return double.NaN;
        }

        if (nu == 1.0)
        {
            return x < 0.0 ? Math.Atan(-1.0 / x) / Math.PI : 0.5 + (Math.Atan(x) / Math.PI);
        }

        if (nu >= StudentTNormalLimit)
        {
            return 0.5 * Erfc(-x * InverseSqrt2);
        }

        if (double.IsInfinity(x))
        {
            return x > 0.0 ? 1.0 : 0.0;
        }

        // z = ν/(ν + x²) and w = x²/(ν + x²) = 1 − z, each to a few ulp and without overflow.
        double ax = Math.Abs(x);
        double z;
        double w;
        if (ax > Math.Sqrt(nu))
        {
            double q = nu / ax / ax;
            z = q / (1.0 + q);
            w = 1.0 / (1.0 + q);
        }
        else
        {
            double s = ax / nu * ax;
            z = 1.0 / (1.0 + s);
            w = s / (1.0 + s);
        }

        double a = 0.5 * nu;
        if (nu > StudentTSeriesMinNu && a * w <= StudentTSeriesMaxAw)
        {
            // Large ν near the centre: the continued fraction sits at the edge of its fast region
            // (z ≈ (a + 1)/(a + 3/2)) where it loses up to 1e-6 at ν = 1e12; the positive series does not.
            double logZ = z > 0.5 ? LogOnePlus(-w) : Math.Log(z);
            double half = StudentTCentralSeries(ax, nu, w, logZ);
            return x < 0.0 ? Math.Max(0.5 - half, 0.0) : Math.Min(0.5 + half, 1.0);
        }

        // P(T > |x|) = ½·I_z(ν/2, ½); P(T ≤ |x|) = ½ + ½·(1 − I_z(ν/2, ½)).
        double upper = RegularizedBeta(a, 0.5, z, w, out double upperComplement);
        return x < 0.0 ? 0.5 * upper : 0.5 + (0.5 * upperComplement);
    }

    /// <summary>
    /// F(x; ν) in single precision, branch-free in x: the lower tail F(−|x|) = exp(E + g) with E the tail's power law in
    /// closed form and g a piecewise polynomial in |x|/(1 + |x|) fitted once per ν (cached); for an integral ν from 1 to 4,
    /// and a non-integral ν from 1e-9 to below 4, two polynomials in |x|/√ν; ν ≥ 1e7 takes ν = 1e7 (within 1.6e-8 of the
    /// normal CDF). Absolute error ≤ 1.5e-7
    /// (docs/accuracy.md gives the measured bound per range of ν). Equals every lane of the vector overload. NaN for NaN arguments or ν ≤ 0.
    /// </summary>
    /// <param name="x">The quantile.</param>
    /// <param name="nu">The degrees of freedom ν &gt; 0.</param>
    /// <returns>The cumulative probability, in [0, 1].</returns>
    public static float StudentTCdf(float x, float nu) => StudentTCdfSingle(Vector.Create<float>(x), nu)[0];

    /// <summary>
    /// F(x; ν) per lane: a lane loop over <see cref="StudentTCdf(double, double)"/>, so bit-identical to it.
    /// </summary>
    /// <param name="x">The quantiles.</param>
    /// <param name="nu">The degrees of freedom, per lane.</param>
    /// <returns>The lane-wise cumulative probabilities.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> StudentTCdf(Vector<double> x, Vector<double> nu) => MapLanes<StudentTCdfLanes>(x, nu);

    /// <summary>
    /// F(x; ν) per lane, each lane equal to <see cref="StudentTCdf(float, float)"/>: one branch-free pass when ν is the
    /// same in every lane (a hyperparameter), else a lane loop over the scalar overload.
    /// </summary>
    /// <param name="x">The quantiles.</param>
    /// <param name="nu">The degrees of freedom, per lane.</param>
    /// <returns>The lane-wise cumulative probabilities.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> StudentTCdf(Vector<float> x, Vector<float> nu) =>
        SameInEveryLane(nu) ? StudentTCdfSingle(x, nu[0]) : MapLanes<StudentTCdfLanes>(x, nu);

    // ---------------------------------------------------------------- StudentTPdf

    /// <summary>
    /// The density p(x; ν) = (ν/(ν + x²))^((ν+1)/2) / (√ν·B(ν/2, ½)) of Student's t with ν &gt; 0 real degrees of
    /// freedom, the derivative of <see cref="StudentTCdf(double, double)"/> in x (the generator writes it when it
    /// differentiates a model through StudentTCdf). ln B from the same Lanczos sum as the CDF; for ν ≥ 1e16 the normal
    /// density. Accuracy: relative error about 1e-14 for |x| and ν of moderate size (tested against MathNet's
    /// StudentT.Density). NaN for NaN arguments or ν ≤ 0; 0 at x = ±∞.
    /// </summary>
    /// <param name="x">The point.</param>
    /// <param name="nu">The degrees of freedom ν &gt; 0 (may be fractional or +∞).</param>
    /// <returns>The density at x.</returns>
    public static double StudentTPdf(double x, double nu)
    {
        if (double.IsNaN(x) || double.IsNaN(nu) || !(nu > 0))
        {
            return double.NaN;
        }

        if (double.IsInfinity(x))
        {
            return 0.0;
        }

        if (nu >= StudentTNormalLimit)
        {
            return Math.Exp((-0.5 * x * x) - HalfLog2Pi);
        }

        // (ν+1)/2 · ln(ν/(ν + x²)) = −(ν+1)/2 · ln(1 + x²/ν), through log1p for small x²/ν.
        double logKernel = -((0.5 * nu) + 0.5) * LogOnePlus(x * x / nu);
        return Math.Exp(logKernel - LogBeta(0.5 * nu, 0.5)) / Math.Sqrt(nu);
    }

    /// <summary>
    /// p(x; ν) in single precision, branch-free in x: exp(−((ν+1)/2)·ln(1 + x²/ν) − ln(√ν·B(ν/2, ½))) with the float
    /// logarithm and exponential and the constant computed once per ν (cached); ν ≥ 1e7 takes ν = 1e7.
    /// Measured error in docs/accuracy.md. Equals every lane of the vector overload. NaN for NaN arguments or ν ≤ 0;
    /// 0 at x = ±∞.
    /// </summary>
    /// <param name="x">The point.</param>
    /// <param name="nu">The degrees of freedom ν &gt; 0.</param>
    /// <returns>The density at x.</returns>
    public static float StudentTPdf(float x, float nu) => StudentTPdfSingle(Vector.Create<float>(x), nu)[0];

    /// <summary>p(x; ν) per lane: a lane loop over <see cref="StudentTPdf(double, double)"/>, so bit-identical to it.</summary>
    /// <param name="x">The points.</param>
    /// <param name="nu">The degrees of freedom, per lane.</param>
    /// <returns>The lane-wise densities.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> StudentTPdf(Vector<double> x, Vector<double> nu) => MapLanes<StudentTPdfLanes>(x, nu);

    /// <summary>p(x; ν) per lane, each lane equal to <see cref="StudentTPdf(float, float)"/>: one branch-free pass when
    /// ν is the same in every lane, else a lane loop over the scalar overload.</summary>
    /// <param name="x">The points.</param>
    /// <param name="nu">The degrees of freedom, per lane.</param>
    /// <returns>The lane-wise densities.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> StudentTPdf(Vector<float> x, Vector<float> nu) =>
        SameInEveryLane(nu) ? StudentTPdfSingle(x, nu[0]) : MapLanes<StudentTPdfLanes>(x, nu);

    /// <summary>
    /// F(|x|) − ½ = |x|/(√ν·B(ν/2, ½)) · z^((ν+1)/2) · Σₙ ((ν+1)/2)ₙ/(3/2)ₙ · wⁿ with z = ν/(ν + x²),
    /// w = x²/(ν + x²): the hypergeometric form ₂F₁(½, (ν+1)/2; 3/2; −x²/ν) of the t CDF after Pfaff's
    /// transformation, a series of positive terms (so no cancellation) whose term ratio tends to w.
    /// </summary>
    private static double StudentTCentralSeries(double ax, double nu, double w, double logZ)
    {
        double aHalf = (0.5 * nu) + 0.5;
        double term = 1.0;
        double sum = 1.0;
        for (int n = 0; n < SeriesMaxTerms; n++)
        {
            term *= (aHalf + n) / (n + 1.5) * w;
            sum += term;
            if (term <= sum * SeriesTolerance)
            {
                break;
            }
        }

        return ax / Math.Sqrt(nu) * Math.Exp((aHalf * logZ) - LogBeta(0.5 * nu, 0.5)) * sum;
    }

    /// <summary>
    /// I_x(a, b) = B(x; a, b)/B(a, b) for a, b &gt; 0 and x + y = 1 (both given, so that neither is
    /// formed by cancellation), with its complement 1 − I_x(a, b) = I_y(b, a).
    /// I_x(a, b) = x^a·y^b/(a·B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …))) with
    /// d₂ₘ₊₁ = −(a + m)(a + b + m)x/((a + 2m)(a + 2m + 1)) and d₂ₘ = m(b − m)x/((a + 2m − 1)(a + 2m)),
    /// which converges fast for x &lt; (a + 1)/(a + b + 2); otherwise the complement is computed the same way.
    /// </summary>
    private static double RegularizedBeta(double a, double b, double x, double y, out double complement)
    {
        if (x <= 0.0)
        {
            complement = 1.0;
            return 0.0;
        }

        if (y <= 0.0)
        {
            complement = 0.0;
            return 1.0;
        }

        double logBeta = LogBeta(a, b);
        double logX = x > 0.5 ? LogOnePlus(-y) : Math.Log(x);
        double logY = y > 0.5 ? LogOnePlus(-x) : Math.Log(y);
        if (x < (a + 1.0) / (a + b + 2.0))
        {
            double value = Math.Exp((a * logX) + (b * logY) - logBeta) / a * BetaContinuedFraction(a, b, x);
            complement = 1.0 - value;
            return value;
        }

        complement = Math.Exp((a * logX) + (b * logY) - logBeta) / b * BetaContinuedFraction(b, a, y);
        return 1.0 - complement;
    }

    /// <summary>1/(1 + d₁/(1 + d₂/(1 + …))) for I_x(a, b), by the modified Lentz method.</summary>
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        double c = 1.0;
        double d = LentzReciprocal(1.0 - ((a + b) * x / (a + 1.0)));
        double fraction = d;
        for (int m = 1; m <= ContinuedFractionMaxSteps; m++)
        {
            double twoM = 2.0 * m;

            double even = m * (b - m) * x / ((a + twoM - 1.0) * (a + twoM));
            d = LentzReciprocal(1.0 + (even * d));
            c = LentzGuard(1.0 + (even / c));
            fraction *= d * c;

            double odd = -(a + m) * (a + b + m) * x / ((a + twoM) * (a + twoM + 1.0));
            d = LentzReciprocal(1.0 + (odd * d));
            c = LentzGuard(1.0 + (odd / c));
            double step = d * c;
            fraction *= step;
            if (Math.Abs(step - 1.0) <= ContinuedFractionTolerance)
            {
                break;
            }
        }

        return fraction;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LentzGuard(double value) => Math.Abs(value) < LentzTiny ? LentzTiny : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LentzReciprocal(double value) => 1.0 / LentzGuard(value);

    /// <summary>
    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). With s = min(a, b) and l = max(a, b) ≥ 1, the
    /// Lanczos forms of ln Γ(l) − ln Γ(l + s) are combined so that nothing of size l·ln l cancels:
    /// (l − ½)·ln(1 − s/t) − s·ln t + s + ln(S(l)/S(l + s)) with t = l + s + g − ½.
    /// </summary>
    private static double LogBeta(double a, double b)
    {
        double small = Math.Min(a, b);
        double large = Math.Max(a, b);
        double sum = large + small;
        if (large < 1.0)
        {
            return LogGamma(small) + LogGamma(large) - LogGamma(sum);
        }

        double t = sum + LanczosShift;
        double largeMinusSum = ((large - 0.5) * LogOnePlus(-small / t)) - (small * Math.Log(t)) + small
            + Math.Log(LanczosSum(large) / LanczosSum(sum));
        return LogGamma(small) + largeMinusSum;
    }

    /// <summary>
    /// ln Γ(z) for z &gt; 0: Lanczos, ln Γ(z) = ½ln(2π) + (z − ½)·ln(z + g − ½) − (z + g − ½) + ln S(z)
    /// for z ≥ 1, and ln Γ(z + 1) − ln z below.
    /// </summary>
    private static double LogGamma(double z)
    {
        if (z < 1.0)
        {
            return LogGammaLanczos(z + 1.0) - Math.Log(z);
        }

        return LogGammaLanczos(z);
    }

    private static double LogGammaLanczos(double z)
    {
        double t = z + LanczosShift;
        return HalfLog2Pi + ((z - 0.5) * Math.Log(t)) - t + Math.Log(LanczosSum(z));
    }

    /// <summary>
    /// S(z) = c₀ + Σₖ₌₁¹⁴ cₖ/(z + k − 1), Γ(z) = √(2π)·(z + g − ½)^(z − ½)·e^−(z + g − ½)·S(z), with
    /// Godfrey's coefficients for g = 607/128 (relative error about 1e-15 for z ≥ 1).
    /// </summary>
    private static double LanczosSum(double z)
    {
        return 0.99999999999999709182
            + (57.156235665862923517 / z)
            + (-59.597960355475491248 / (z + 1.0))
            + (14.136097974741747174 / (z + 2.0))
            + (-0.49191381609762019978 / (z + 3.0))
            + (0.33994649984811888699e-4 / (z + 4.0))
            + (0.46523628927048575665e-4 / (z + 5.0))
            + (-0.98374475304879564677e-4 / (z + 6.0))
            + (0.15808870322491248884e-3 / (z + 7.0))
            + (-0.21026444172410488319e-3 / (z + 8.0))
            + (0.21743961811521264320e-3 / (z + 9.0))
            + (-0.16431810653676389022e-3 / (z + 10.0))
            + (0.84418223983852743293e-4 / (z + 11.0))
            + (-0.26190838401581408670e-4 / (z + 12.0))
            + (0.36899182659531622704e-5 / (z + 13.0));
    }

    /// <summary>ln(1 + v) for v &gt; −1 to a few ulp, also where 1 + v rounds (Goldberg's correction).</summary>
    private static double LogOnePlus(double v)
    {
        double u = 1.0 + v;
        if (u == 1.0)
        {
            return v;
        }

        return Math.Log(u) * (v / (u - 1.0));
    }

    private readonly struct StudentTCdfLanes : IBinaryLaneFunction
    {
        public static double Invoke(double x, double y) => StudentTCdf(x, y);

        public static float Invoke(float x, float y) => StudentTCdf(x, y);
    }

    private readonly struct StudentTPdfLanes : IBinaryLaneFunction
    {
        public static double Invoke(double x, double y) => StudentTPdf(x, y);

        public static float Invoke(float x, float y) => StudentTPdf(x, y);
    }
}
