using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Runtime.InteropServices;

namespace SdeDsl;

public static partial class SdeMath
{
    // The float kernels that the 512-bit body of generated kernels (Kernels.VectorMath512, where Vector<float> is 256
    // bits wide on an AVX-512 processor) runs at sixteen lanes: Erf, Erfc, Exp, Log, Tanh, Atan and the Student-t CDF
    // and density from ν's table. Each is its Vector<float> kernel written again over Vector512<float>, the same
    // operations in the same order, so every lane gets the bits of the Vector<float> kernel (SdeMathTests compares them
    // lane by lane). The BCL's TensorPrimitives keeps one body per width in the same way. Needs AVX-512F.

    /// <summary><see cref="ExpSingleKernel"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Exp512(Vector512<float> x) => Exp512(x, Vector512<float>.Zero);

    /// <summary><see cref="ExpSingle"/> (e^(hi + lo)) in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp512(Vector512<float> hi, Vector512<float> lo)
    {
        Vector512<float> y = Exp512Clamped(hi, lo, out Vector512<int> kBits);
        return Vector512.ConditionalSelect(Vector512.Equals(hi, hi), TimesPowerOfTwo512(y, kBits), hi);
    }

    /// <summary><see cref="TimesPowerOfTwo(System.Numerics.Vector{float}, System.Numerics.Vector{int})"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> TimesPowerOfTwo512(Vector512<float> y, Vector512<int> kBits)
    {
        Vector512<int> normal = Vector512.Min(y.AsInt32() + Vector512.ShiftLeft(kBits, 23), Vector512.Create(0x7F800000));
        Vector512<float> scale = Vector512.ShiftLeft(Vector512.Min(kBits, Vector512.Create(0x4B400000 - 126)) + Vector512.Create(149 + 127), 23).AsSingle();
        return Vector512.ConditionalSelect(Vector512.LessThan(normal, Vector512.Create(0x00800000)), SubnormalBits512(y, scale), normal).AsSingle();
    }

    /// <summary><see cref="ExpSingleTimesTwoTo32"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp512TimesTwoTo32(Vector512<float> hi, Vector512<float> lo)
    {
        Vector512<float> y = Exp512Clamped(hi, lo, out Vector512<int> kBits);
        Vector512<int> bits = y.AsInt32() + Vector512.ShiftLeft(kBits, 23) + Vector512.Create(32 << 23);
        return Vector512.ConditionalSelect(Vector512.Equals(hi, hi), bits.AsSingle(), hi);
    }

    /// <summary><see cref="ExpClamped"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp512Clamped(Vector512<float> hi, Vector512<float> lo, out Vector512<int> kBits) =>
        Exp512Reduced(Vector512.MinNative(Vector512.MaxNative(hi, Vector512.Create(ExpArgumentMinF)), Vector512.Create(ExpArgumentMaxF)), lo, out kBits);

    /// <summary><see cref="ExpOfModerate"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp512OfModerate(Vector512<float> x)
    {
        Vector512<float> y = Exp512Reduced(x, Vector512<float>.Zero, out Vector512<int> kBits);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), (y.AsInt32() + Vector512.ShiftLeft(kBits, 23)).AsSingle(), x);
    }

    /// <summary><see cref="ExpReduced"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp512Reduced(Vector512<float> xc, Vector512<float> lo, out Vector512<int> kBits)
    {
        Vector512<float> shifter = Vector512.Create(RoundShifterF);
        Vector512<float> rounded = Vector512.FusedMultiplyAdd(xc, Vector512.Create(InvLn2F), shifter);
        kBits = rounded.AsInt32();
        Vector512<float> k = rounded - shifter;
        Vector512<float> r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2HiF), xc);
        return ExpPolynomial512(Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2LoF), r) + lo);
    }

    /// <summary><see cref="ExpPolynomial"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpPolynomial512(Vector512<float> r)
    {
        Vector512<float> p = Fma512(Fma512(Fma512(Fma512(Fma512(r, ExpP0F, ExpP1F), r, ExpP2F), r, ExpP3F), r, ExpP4F), r, ExpP5F);
        return Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
    }

    /// <summary><see cref="ErfSingleKernel"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Erf512(Vector512<float> x)
    {
        Vector512<float> ax = Vector512.MinNative(Vector512.Abs(x), Vector512.Create(ErfSaturationF));
        Vector512<int> piece = Vector512.ConvertToInt32Native(ax * Vector512.Create(TablePieces / 4f));
        Vector512<float> t = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(piece), Vector512.Create(-4f / TablePieces), ax);

        float[] c = ErfPieceCoefficients;
        Vector512<float> t2 = t * t;
        Vector512<float> p01 = Vector512.FusedMultiplyAdd(PieceCoefficient512(c, 2, piece), t, PieceCoefficient512(c, 1, piece));
        Vector512<float> p23 = Vector512.FusedMultiplyAdd(PieceCoefficient512(c, 4, piece), t, PieceCoefficient512(c, 3, piece));
        Vector512<float> p45 = Vector512.FusedMultiplyAdd(PieceCoefficient512(c, 6, piece), t, PieceCoefficient512(c, 5, piece));
        Vector512<float> p = Vector512.FusedMultiplyAdd(
            Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(PieceCoefficient512(c, 7, piece), t2, p45), t2, p23), t2, p01);
        Vector512<float> constant = Vector512.ConditionalSelect(Vector512.Equals(piece, Vector512<int>.Zero).AsSingle(), t, PieceCoefficient512(c, 0, piece));
        Vector512<float> result = WithSign512(Vector512.FusedMultiplyAdd(p, t, constant), x);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <summary><see cref="ErfcSingleKernel"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Erfc512(Vector512<float> x)
    {
        Vector512<float> ax = Vector512.Abs(x);
        Vector512<float> s = x * x;
        Vector512<float> ps = Fma512(Fma512(Fma512(Fma512(Fma512(s, -0.0006222397f, 0.0050358674f), s, -0.026793951f), s, 0.11282524f), s, -0.37612557f), s, 0.12837917f);
        Vector512<float> small = Vector512<float>.One - Vector512.FusedMultiplyAdd(ps, x, x);

        Vector512<float> t = Vector512.MinNative(Vector512.MaxNative(ax, Vector512.Create(ErfcSplitF)), Vector512.Create(ErfcUnderflowF));
        Vector512<float> q = (t - Vector512.Create(2f)) / (t + Vector512.Create(2f));
        Vector512<float> p = Fma512(Fma512(Fma512(Fma512(Fma512(Fma512(Fma512(Fma512(Fma512(Fma512(q, 0.00022041357f, -0.0003140048f), q, -0.0014738211f), q, 0.0012180952f), q, 0.008728651f), q, -0.008024855f), q, -0.05422081f), q, 0.16405062f), q, -0.16603036f), q, -0.09276381f), q, 1.2769784f);
        Vector512<float> square = t * t;
        Vector512<float> squareLo = Vector512.FusedMultiplyAdd(t, t, -square);
        Vector512<float> tail = Exp512TimesTwoTo32(-square, -squareLo) * (p / Vector512.FusedMultiplyAdd(t, Vector512.Create(2f), Vector512<float>.One));
        tail = TimesTwoToMinus32(Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(ax, Vector512.Create(ErfcUnderflowF)), Vector512<float>.Zero, tail));
        tail = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512.Create(2f) - tail, tail);

        Vector512<float> result = Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(ErfcSplitF)), small, tail);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <summary><see cref="TimesTwoToMinus32(System.Numerics.Vector{float})"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> TimesTwoToMinus32(Vector512<float> y)
    {
        Vector512<float> normal = Vector512.MaxNative(y, Vector512.Create(TwoToMinus94F)) * Vector512.Create(TwoToMinus32F);
        Vector512<float> subnormal = SubnormalBits512(y, Vector512.Create(TwoTo117F)).AsSingle();
        return Vector512.ConditionalSelect(Vector512.LessThan(y, Vector512.Create(TwoToMinus94F)), subnormal, normal);
    }

    /// <summary><see cref="SubnormalBits"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> SubnormalBits512(Vector512<float> y, Vector512<float> scale) =>
        Vector512.FusedMultiplyAdd(y, scale, Vector512.Create(TwoTo23F)).AsInt32() - Vector512.Create(0x4B000000);

    /// <summary><see cref="LogSingleKernel"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Log512(Vector512<float> x)
    {
        Vector512<float> subnormal = Vector512.LessThan(x, Vector512.Create(MinNormalF));
        Vector512<float> xs = Vector512.ConditionalSelect(subnormal, x * Vector512.Create(8388608f), x);
        Vector512<int> kAdjust = Vector512.ConditionalSelect(subnormal.AsInt32(), Vector512.Create(-23), Vector512<int>.Zero);
        Vector512<float> result = LogOfNormal512(xs, kAdjust);

        Vector512<float> finitePositive = Vector512.GreaterThan(x, Vector512<float>.Zero) & Vector512.LessThan(x, Vector512.Create(float.PositiveInfinity));
        Vector512<float> special = Vector512.ConditionalSelect(
            Vector512.Equals(x, Vector512<float>.Zero),
            Vector512.Create(float.NegativeInfinity),
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512.Create(float.NaN), x));
        return Vector512.ConditionalSelect(finitePositive, result, special);
    }

    /// <summary><see cref="LogOfNormalSingle"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogOfNormal512(Vector512<float> x, Vector512<int> kAdjust)
    {
        Vector512<int> bits = x.AsInt32();
        Vector512<int> tmp = bits - Vector512.Create(LogReductionOffsetF);
        Vector512<float> k = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(tmp, 23) + kAdjust);
        Vector512<float> m = (bits - (tmp & Vector512.Create(unchecked((int)0xFF80_0000)))).AsSingle();
        Vector512<float> f = m - Vector512<float>.One;

        Vector512<float> z = f * f;
        Vector512<float> f4 = z * z;
        Vector512<float> e01 = Fma512(f, LogP7F, LogP8F);
        Vector512<float> e23 = Fma512(f, LogP5F, LogP6F);
        Vector512<float> e45 = Fma512(f, LogP3F, LogP4F);
        Vector512<float> e67 = Fma512(f, LogP1F, LogP2F);
        Vector512<float> high = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(z, Vector512.Create(LogP0F), e67), z, e45);
        Vector512<float> p = Vector512.FusedMultiplyAdd(high, f4, Vector512.FusedMultiplyAdd(e23, z, e01));
        Vector512<float> y = p * f * z;
        y = Vector512.FusedMultiplyAdd(k, Vector512.Create(Ln2LoF), y);
        y = Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5f), y);
        return Vector512.FusedMultiplyAdd(k, Vector512.Create(Ln2HiF), f + y);
    }

    /// <summary><see cref="TanhSingleKernel"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Tanh512(Vector512<float> x)
    {
        Vector512<float> ax = Vector512.Abs(x);
        Vector512<float> s = x * x;
        Vector512<float> p = Fma512(Fma512(Fma512(Fma512(s, TanhP0F, TanhP1F), s, TanhP2F), s, TanhP3F), s, TanhP4F);
        Vector512<float> small = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), x, Vector512.FusedMultiplyAdd(p * s, x, x));
        Vector512<float> held = Vector512.MinNative(Vector512.Create(TanhClampF), ax);
        Vector512<float> e = Exp512OfModerate(held + held);
        Vector512<float> large = WithSign512(Vector512<float>.One - (Vector512.Create(2f) / (e + Vector512<float>.One)), x);
        return Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(0.625f)), small, large);
    }

    /// <summary><see cref="AtanSingleKernel"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Atan512(Vector512<float> x)
    {
        Vector512<float> ax = Vector512.MinNative(Vector512.Create(AtanClampF), Vector512.Abs(x));
        Vector512<float> big = Vector512.GreaterThan(ax, Vector512.Create(2.414213562373095f));
        Vector512<float> mid = Vector512.GreaterThan(ax, Vector512.Create(0.4142135623730950f)) & ~big;
        Vector512<float> num = Vector512.ConditionalSelect(big, Vector512.Create(-1f), Vector512.ConditionalSelect(mid, ax - Vector512<float>.One, ax));
        Vector512<float> den = Vector512.ConditionalSelect(big, ax, Vector512.ConditionalSelect(mid, ax + Vector512<float>.One, Vector512<float>.One));
        Vector512<float> hi = Vector512.ConditionalSelect(big, Vector512.Create(PiOver2HiF), Vector512.ConditionalSelect(mid, Vector512.Create(PiOver4HiF), Vector512<float>.Zero));
        Vector512<float> lo = Vector512.ConditionalSelect(big, Vector512.Create(PiOver2LoF), Vector512.ConditionalSelect(mid, Vector512.Create(PiOver4LoF), Vector512<float>.Zero));

        Vector512<float> numErr = Vector512.ConditionalSelect(mid, (Vector512.Create(-1f) - num) + ax, Vector512<float>.Zero);
        Vector512<float> denErr = Vector512.ConditionalSelect(mid, (Vector512<float>.One - den) + ax, Vector512<float>.Zero);
        Vector512<float> t = num / den;
        Vector512<float> tLo = (Vector512.FusedMultiplyAdd(-t, Vector512.Min(den, Vector512.Create(1e30f)), num) + numErr - (t * denErr)) / den;
        Vector512<float> z = t * t;
        Vector512<float> p = Fma512(Fma512(Fma512(z, AtanP0F, AtanP1F), z, AtanP2F), z, AtanP3F) * z;
        Vector512<float> result = hi + (Vector512.FusedMultiplyAdd(p, t, lo + tLo) + t);
        return WithSign512(result, x);
    }

    /// <summary><see cref="StudentTCdfOfTable"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> StudentTCdf512(Vector512<float> x, StudentTSingleTable table)
    {
        Vector512<float> a = Vector512.Abs(x);
        Vector512<float> q = table.Split ? StudentTSplitLowerTail512(a, table) : Vector512.MinNative(StudentTLowerTail512(a, table), Vector512.Create(0.5f));
        Vector512<float> result = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), q, Vector512<float>.One - q);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <summary><see cref="StudentTLowerTail"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> StudentTLowerTail512(Vector512<float> a, StudentTSingleTable table)
    {
        Vector512<float> capped = Vector512.MinNative(a, Vector512.Create(float.MaxValue));
        Vector512<float> w = capped / (capped + Vector512<float>.One);
        Vector512<float> logArgument = table.PowerTail
            ? capped
            : Vector512.MinNative(capped * capped * Vector512.Create(table.InverseNu), Vector512.Create(table.TailRatioLimit));

        Vector512<float> excess, exponent;
        if (table.IntegerPower)
        {
            excess = IntegerPowerExcess512(logArgument, table.PowerExponent, table.OddPower);
            exponent = default;
        }
        else
        {
            exponent = -Vector512.Create(table.TailScale) * LogOnePlus512(logArgument);
            excess = default;
        }

        Vector512<float> scaled = w * Vector512.Create((float)StudentTPieces);
        Vector512<int> piece = Vector512.Min(Vector512.ConvertToInt32Native(scaled), Vector512.Create(StudentTPieces - 1));
        Vector512<float> u = ((scaled - Vector512.ConvertToSingle(piece)) * Vector512.Create(2f)) - Vector512<float>.One;

        float[] c = table.Coefficients;
        Vector512<float> u2 = u * u;
        Vector512<float> u4 = u2 * u2;
        Vector512<float> p01 = Vector512.FusedMultiplyAdd(PieceCoefficient512(c, 1, piece), u, PieceCoefficient512(c, 0, piece));
        Vector512<float> p23 = Vector512.FusedMultiplyAdd(PieceCoefficient512(c, 3, piece), u, PieceCoefficient512(c, 2, piece));
        Vector512<float> p45 = Vector512.FusedMultiplyAdd(PieceCoefficient512(c, 5, piece), u, PieceCoefficient512(c, 4, piece));
        Vector512<float> p67 = Vector512.FusedMultiplyAdd(PieceCoefficient512(c, 7, piece), u, PieceCoefficient512(c, 6, piece));
        Vector512<float> p89 = Vector512.FusedMultiplyAdd(PieceCoefficient512(c, 9, piece), u, PieceCoefficient512(c, 8, piece));
        Vector512<float> g = Vector512.FusedMultiplyAdd(
            Vector512.FusedMultiplyAdd(p89, u4, Vector512.FusedMultiplyAdd(p67, u2, p45)), u4, Vector512.FusedMultiplyAdd(p23, u2, p01));

        Vector512<float> tail;
        if (table.IntegerPower)
        {
            Vector512<float> quotient = g / (excess + Vector512<float>.One);
            tail = Vector512.ConditionalSelect(Vector512.LessThan(excess, Vector512<float>.One), Vector512.FusedMultiplyAdd(-excess, quotient, g), quotient);
        }
        else
        {
            tail = Exp512(exponent + g);
        }

        Vector512<float> kept = table.IntegerPower
            ? Vector512.LessThan(logArgument, Vector512.Create(table.TailRatioLimit))
            : Vector512.LessThan(a, Vector512.Create(float.PositiveInfinity));
        return Vector512.ConditionalSelect(kept, tail, Vector512<float>.Zero);
    }

    /// <summary><see cref="StudentTSplitLowerTail"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> StudentTSplitLowerTail512(Vector512<float> a, StudentTSingleTable table)
    {
        ref float c = ref MemoryMarshal.GetArrayDataReference(table.SplitCoefficients);
        Vector512<float> s = a * Vector512.Create(table.InverseSqrtNu);
        Vector512<float> s2 = s * s;
        Vector512<float> centre = Vector512.FusedMultiplyAdd(-s, SplitPolynomial512(ref c, Fma512(s2, 2f, -1f)), Vector512.Create(0.5f));
        Vector512<float> divisor;
        if (table.FractionalSplit)
        {
            divisor = Vector512.MinNative(s, Vector512.Create(StudentTInverseSquareFloorF));
        }
        else
        {
            divisor = a * Vector512.Create(table.SplitScaledInverseSqrtNu);
        }

        Vector512<float> b = Vector512.Create(table.SplitTailScale) / divisor;
        Vector512<float> power, y;
        switch (table.SplitPower)
        {
            case 0:
                y = b * b;
                power = FractionalTailPower512(a, table, ref c);
                break;
            case 1:
                power = b;
                y = Vector512.MaxNative(b, Vector512.Create(StudentTSquareFloorF));
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

        Vector512<float> tail = power * SplitPolynomial512(ref Unsafe.Add(ref c, StudentTSplitDegree + 1), Fma512(y, 2f, -1f));
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(s2, Vector512<float>.One), centre, tail);
    }

    /// <summary><see cref="FractionalTailPower"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> FractionalTailPower512(Vector512<float> a, StudentTSingleTable table, ref float c)
    {
        Vector512<int> bits = Vector512.MinNative(
            Vector512.MaxNative(a, Vector512.Create(table.PowerArgumentMin)), Vector512.Create(table.PowerArgumentMax)).AsInt32();
        Vector512<float> e = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(bits, 23) - Vector512.Create(127));
        Vector512<float> u = Vector512.FusedMultiplyAdd(
            ((bits & Vector512.Create(0x007FFFFF)) | Vector512.Create(0x3F800000)).AsSingle(), Vector512.Create(2f), Vector512.Create(-3f));
        Vector512<float> u2 = u * u;
        Vector512<float> second = Vector512.FusedMultiplyAdd(
            e, Vector512.Create(table.NegNuLow),
            Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(
                Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 10)), u2,
                Vector512.FusedMultiplyAdd(
                    Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 9)), u, Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 8)))),
                u2, Vector512.FusedMultiplyAdd(
                    Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 7)), u, Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 6)))),
                u2, Vector512.FusedMultiplyAdd(
                    Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 5)), u, Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 4)))),
                u2, Vector512.FusedMultiplyAdd(
                    Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 3)), u, Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 2)))),
                u2, Vector512.FusedMultiplyAdd(
                    Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 1)), u, Vector512.Create(Unsafe.Add(ref c, PowerCoefficient + 0)))));
        Vector512<float> first = Vector512.FusedMultiplyAdd(e, Vector512.Create(table.NegNuHigh), Vector512.Create(table.PowerConstantHigh));
        Vector512<float> rounded = (first + second) + Vector512.Create(RoundShifterF);
        Vector512<float> r = ((first - (rounded - Vector512.Create(RoundShifterF))) + second) * Vector512.Create(Ln2F);
        return Vector512.ConditionalSelect(
            Vector512.LessThanOrEqual(a, Vector512.Create(table.PowerArgumentMax)),
            (ExpPolynomial512(r).AsInt32() + Vector512.ShiftLeft(rounded.AsInt32(), 23)).AsSingle(),
            Vector512<float>.Zero);
    }

    /// <summary><see cref="SplitPolynomial"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SplitPolynomial512(ref float c, Vector512<float> u)
    {
        Vector512<float> u2 = u * u;
        Vector512<float> u4 = u2 * u2;
        return Vector512.FusedMultiplyAdd(
            Vector512.FusedMultiplyAdd(
                Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref c, 10)), u2, Linear512(ref c, 8, u)),
                u4,
                Vector512.FusedMultiplyAdd(Linear512(ref c, 6, u), u2, Linear512(ref c, 4, u))),
            u4,
            Vector512.FusedMultiplyAdd(Linear512(ref c, 2, u), u2, Linear512(ref c, 0, u)));
    }

    /// <summary><see cref="Linear"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Linear512(ref float c, int k, Vector512<float> u) =>
        Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref c, k + 1)), u, Vector512.Create(Unsafe.Add(ref c, k)));

    /// <summary><see cref="StudentTPdfOfTable"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> StudentTPdf512(Vector512<float> x, StudentTSingleTable table)
    {
        Vector512<float> a = Vector512.MinNative(Vector512.Abs(x), Vector512.Create(float.MaxValue));
        Vector512<float> density;
        if (table.IntegerPower)
        {
            Vector512<float> t = Vector512.MinNative(a * a * Vector512.Create(table.InverseNu), Vector512.Create(float.MaxValue));
            Vector512<float> excess = IntegerPowerExcess512(t, table.DensityPowerExponent, table.DensityOddPower);
            density = Vector512.Create(table.ScaledDensityScale) / ((excess + Vector512<float>.One) * Vector512.Create(table.DensityFlushScale));
        }
        else
        {
            Vector512<float> logKernel = table.PowerTail
                ? StudentTPowerTailLogKernel512(a, table)
                : LogOnePlus512(Vector512.MinNative(a * a * Vector512.Create(table.InverseNu), Vector512.Create(StudentTMaxRatioF)));
            density = Exp512(Vector512.FusedMultiplyAdd(-Vector512.Create(table.HalfNuPlusHalf), logKernel, Vector512.Create(table.LogDensityScale)));
        }

        density = Vector512.ConditionalSelect(Vector512.Equals(Vector512.Abs(x), Vector512.Create(float.PositiveInfinity)), Vector512<float>.Zero, density);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), density, x);
    }

    /// <summary><see cref="StudentTPowerTailLogKernel"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> StudentTPowerTailLogKernel512(Vector512<float> a, StudentTSingleTable table)
    {
        Vector512<float> b = Vector512.MinNative(a * Vector512.Create(table.InverseSqrtNu), Vector512.Create(float.MaxValue));
        Vector512<float> cross = Vector512.Create(2f) / (b + (Vector512<float>.One / b));
        cross = Vector512.ConditionalSelect(Vector512.Equals(b, Vector512<float>.Zero), Vector512<float>.Zero, cross);
        return (LogOnePlus512(b) * Vector512.Create(2f)) - LogOnePlus512(cross);
    }

    /// <summary><see cref="LogOnePlusSingle"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogOnePlus512(Vector512<float> t)
    {
        Vector512<float> u = t + Vector512<float>.One;
        Vector512<float> correction = ((u - Vector512<float>.One) - t) / u;
        return LogOfNormal512(u, Vector512<int>.Zero) - correction;
    }

    /// <summary><see cref="IntegerPowerExcess"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> IntegerPowerExcess512(Vector512<float> t, int e, bool odd)
    {
        Vector512<float> excess = odd ? t / (Vector512<float>.One + Vector512.Sqrt(t + Vector512<float>.One)) : Vector512<float>.Zero;
        Vector512<float> square = t;
        if ((e & 1) != 0)
        {
            excess = TimesOnePlus512(excess, square, odd);
        }

        if (e >= 2)
        {
            square = Vector512.FusedMultiplyAdd(square, square, square + square);
            excess = (e & 2) != 0 ? TimesOnePlus512(excess, square, odd || (e & 1) != 0) : excess;
        }

        if (e >= 4)
        {
            square = Vector512.FusedMultiplyAdd(square, square, square + square);
            excess = (e & 4) != 0 ? TimesOnePlus512(excess, square, odd || (e & 3) != 0) : excess;
        }

        if (e >= 8)
        {
            square = Vector512.FusedMultiplyAdd(square, square, square + square);
            excess = TimesOnePlus512(excess, square, odd || (e & 7) != 0);
        }

        return excess;
    }

    /// <summary><see cref="TimesOnePlus"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TimesOnePlus512(Vector512<float> excess, Vector512<float> factor, bool hasEarlier) =>
        hasEarlier ? Vector512.FusedMultiplyAdd(excess, factor, excess + factor) : factor;

    /// <summary><see cref="PieceCoefficient"/> in sixteen lanes: a permute of the eight-value row, whose upper half
    /// stays undefined (every index, a NaN lane's included, is below 8 in its low four bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PieceCoefficient512(float[] coefficients, int k, Vector512<int> piece) =>
        Avx512F.PermuteVar16x32(Vector256.LoadUnsafe(ref coefficients[k * TablePieces]).ToVector512Unsafe(), piece);

    /// <summary><paramref name="a"/> with the sign bit of <paramref name="x"/> or-ed in (<see cref="WithSign(System.Numerics.Vector{float}, System.Numerics.Vector{uint})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> WithSign512(Vector512<float> a, Vector512<float> x) =>
        (a.AsUInt32() | (x.AsUInt32() & Vector512.Create(0x8000_0000u))).AsSingle();

    /// <summary>a·b + c with one rounding, c broadcast.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma512(Vector512<float> a, Vector512<float> b, float c) => Vector512.FusedMultiplyAdd(a, b, Vector512.Create(c));

    /// <summary>a·b + c with one rounding, b and c broadcast.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma512(Vector512<float> a, float b, float c) => Vector512.FusedMultiplyAdd(a, Vector512.Create(b), Vector512.Create(c));
}
