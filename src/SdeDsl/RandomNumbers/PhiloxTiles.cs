using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.RandomNumbers;

/// <summary>
/// The tile kernels of <see cref="PhiloxStream"/> and the driver that fills a span of any length from any first
/// element with them. Within a tile, value j of output slot k comes from block j (j ∈ [0, 16)); slot k occupies
/// values 16k … 16k + 15, so one 8-lane vector of a slot is eight consecutive elements and no transposition is needed.
/// Whole tiles are written in place, two at a time while two remain (<see cref="IPhiloxTile{T}.WritePair"/>); a
/// partial tile (the head or the tail of a span) is computed whole into a stack buffer and the wanted part copied. A
/// value goes through the same lane operations on every route, so it has the same bits whatever the span's offset and
/// length.
/// </summary>
[SkipLocalsInit]
internal static partial class PhiloxTiles
{
    /// <summary>The largest tile, in values (64 floats or 32-bit words).</summary>
    public const int MaxTileLength = 64;

    /// <summary>Tiles per (seed, stream, path, step): block indices 16t … 16t + 15 must fit in 32 bits.</summary>
    public const long TileCount = 1L << 28;

    /// <summary>Fills <paramref name="destination"/> with elements <paramref name="firstElement"/>, … of the
    /// stream defined by <paramref name="tile"/> (range already validated).</summary>
    public static void Fill<T, TTile>(TTile tile, in PhiloxCounter counter, Span<T> destination, long firstElement)
        where T : unmanaged
        where TTile : struct, IPhiloxTile<T>
    {
        int shift = TTile.LengthLog2;
        int length = 1 << shift;
        int n = destination.Length;
        ref T target = ref MemoryMarshal.GetReference(destination);
        Span<T> buffer = stackalloc T[MaxTileLength];
        long element = firstElement;
        int i = 0;
        while (i < n)
        {
            uint firstBlock = (uint)(element >> shift) << 4;
            int offset = (int)(element & (length - 1));
            if (offset == 0 && n - i >= 2 * length)
            {
                tile.WritePair(counter, firstBlock, ref Unsafe.Add(ref target, i));
                i += 2 * length;
                element += 2 * length;
            }
            else if (offset == 0 && n - i >= length)
            {
                tile.Write(counter, firstBlock, ref Unsafe.Add(ref target, i));
                i += length;
                element += length;
            }
            else
            {
                tile.Write(counter, firstBlock, ref MemoryMarshal.GetReference(buffer));
                int count = Math.Min(length - offset, n - i);
                buffer.Slice(offset, count).CopyTo(destination.Slice(i, count));
                i += count;
                element += count;
            }
        }
    }

    /// <summary>Two tiles one after the other: <see cref="IPhiloxTile{T}.WritePair"/> for the tiles whose two tiles
    /// gain nothing from being computed together.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteTwice<T, TTile>(in TTile tile, in PhiloxCounter counter, uint firstBlock, ref T destination)
        where T : unmanaged
        where TTile : struct, IPhiloxTile<T>
    {
        tile.Write(counter, firstBlock, ref destination);
        tile.Write(counter, firstBlock + 16, ref Unsafe.Add(ref destination, 1 << TTile.LengthLog2));
    }

    // ---------------------------------------------------------------- shared lane formulas

    private const float TwoPow23 = 1f / 8388608f;             // 2^−23
    private const float TwoPow24 = 1f / 16777216f;            // 2^−24
    private const float TwoPow31 = 1f / 2147483648f;          // 2^−31
    private const float TwoPow32F = 1f / 4294967296f;         // 2^−32
    private const double TwoPow32 = 1.0 / 4294967296.0;       // 2^−32
    private const double TwoPow33 = 1.0 / 8589934592.0;       // 2^−33
    private const double TwoPow52 = 1.0 / 4503599627370496.0; // 2^−52
    private const double TwoPow53 = 1.0 / 9007199254740992.0; // 2^−53
    private const double TwoPow63 = 1.0 / 9223372036854775808.0;   // 2^−63
    private const double TwoPow64 = 1.0 / 18446744073709551616.0;  // 2^−64

    /// <summary>(⌊w/2^9⌋ + ½)·2^−23: the 2^23 grid points of (0, 1), exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> OpenUniform(Vector256<uint> w) =>
        Vector256.FusedMultiplyAdd(
            Vector256.ConvertToSingle(Vector256.ShiftRightLogical(w, 9).AsInt32()),
            Vector256.Create(TwoPow23),
            Vector256.Create(TwoPow24));

    /// <summary>(⌊u/2^12⌋ + ½)·2^−52: the 2^52 grid points of (0, 1), exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> OpenUniform(Vector256<ulong> u) =>
        Vector256.FusedMultiplyAdd(
            Vector256.ConvertToDouble(Vector256.ShiftRightLogical(u, 12).AsInt64()),
            Vector256.Create(TwoPow52),
            Vector256.Create(TwoPow53));

    /// <summary>
    /// Box–Muller in float, for two vectors of (radius, angle) words at once (their logarithms interleaved, see
    /// <see cref="VariateMath.Log(Vector256{float}, Vector256{float}, out Vector256{float}, out Vector256{float})"/>):
    /// u = ⌊w_r/2⌋·2^−31 + 2^−32 ∈ [2^−32, 1] (fine near 0, so the tails reach 6.66σ), r = √(−2 ln u),
    /// (n0, n1) = r·(cos θ, sin θ), θ = 2π·w_a/2^32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BoxMuller(
        Vector256<uint> radiusWordA, Vector256<uint> angleWordA, Vector256<uint> radiusWordB, Vector256<uint> angleWordB,
        out Vector256<float> n0A, out Vector256<float> n1A, out Vector256<float> n0B, out Vector256<float> n1B)
    {
        VariateMath.Log(RadiusUniform(radiusWordA), RadiusUniform(radiusWordB), out Vector256<float> logA, out Vector256<float> logB);
        Polar(logA, angleWordA, out n0A, out n1A);
        Polar(logB, angleWordB, out n0B, out n1B);
    }

    /// <summary>(n0, n1) = r·(cos θ, sin θ) with r from ln u (<see cref="RadiusOfLog(Vector256{float})"/>) and
    /// θ = 2π·w_a/2^32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Polar(Vector256<float> logU, Vector256<uint> angleWord, out Vector256<float> n0, out Vector256<float> n1)
    {
        Vector256<float> r = RadiusOfLog(logU);
        VariateMath.SinCosTurns(angleWord, out Vector256<float> cos, out Vector256<float> sin);
        n0 = r * cos;
        n1 = r * sin;
    }

    /// <summary>r = √(−2 ln u): fma(ln u, −2, +0) is +0, not −0, at u = 1, and ln u ≤ 0 on (0, 1], so the root is
    /// real.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> RadiusOfLog(Vector256<float> logU) =>
        Vector256.Sqrt(Vector256.FusedMultiplyAdd(logU, Vector256.Create(-2f), Vector256<float>.Zero));

    /// <summary><see cref="RadiusOfLog(Vector256{float})"/> in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RadiusOfLog(Vector256<double> logU) =>
        Vector256.Sqrt(Vector256.FusedMultiplyAdd(logU, Vector256.Create(-2.0), Vector256<double>.Zero));

    /// <summary>u = ⌊w/2⌋·2^−31 + 2^−32 ∈ [2^−32, 1] from a 32-bit word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> RadiusUniform(Vector256<uint> w) =>
        Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(Vector256.ShiftRightLogical(w, 1).AsInt32()), Vector256.Create(TwoPow31), Vector256.Create(TwoPow32F));

    /// <summary>u = ⌊x/2⌋·2^−63 + 2^−64 ∈ [2^−64, 1] from a 64-bit word: fine near 0 (radius tails reach 9.4σ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RadiusUniform(Vector256<ulong> x) =>
        Vector256.FusedMultiplyAdd(
            Vector256.ConvertToDouble(Vector256.ShiftRightLogical(x, 1).AsInt64()),
            Vector256.Create(TwoPow63),
            Vector256.Create(TwoPow64));

    /// <summary>Box–Muller in double, for two vectors of (radius, angle) words at once (their logarithms interleaved):
    /// u from <see cref="RadiusUniform(Vector256{ulong})"/>, r = √(−2 ln u), θ = 2π·a/2^64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BoxMuller(
        Vector256<ulong> radiusWordA, Vector256<ulong> angleWordA, Vector256<ulong> radiusWordB, Vector256<ulong> angleWordB,
        out Vector256<double> n0A, out Vector256<double> n1A, out Vector256<double> n0B, out Vector256<double> n1B)
    {
        VariateMath.Log(RadiusUniform(radiusWordA), RadiusUniform(radiusWordB), out Vector256<double> logA, out Vector256<double> logB);
        Polar(logA, angleWordA, out n0A, out n1A);
        Polar(logB, angleWordB, out n0B, out n1B);
    }

    /// <summary>(n0, n1) = r·(cos θ, sin θ) with r from ln u and θ = 2π·a/2^64, in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Polar(Vector256<double> logU, Vector256<ulong> angleWord, out Vector256<double> n0, out Vector256<double> n1)
    {
        Vector256<double> r = RadiusOfLog(logU);
        VariateMath.SinCosTurns(angleWord, out Vector256<double> cos, out Vector256<double> sin);
        n0 = r * cos;
        n1 = r * sin;
    }

    /// <summary>
    /// Bailey's polar Student-t in the form with two independent uniforms: T = cos θ·√(ν(W^(−2/ν) − 1)), computed as
    /// cos θ·√(ν·expm1(min(−2 ln W / ν, 709))) (2·(−ln W) for ν = ∞: then T is the Box–Muller normal of the same words).
    /// </summary>
    /// <remarks>For two vectors at once, their logarithms interleaved.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StudentT(
        Vector256<double> wA, Vector256<ulong> angleWordA, Vector256<double> wB, Vector256<ulong> angleWordB, in StudentTParameters p,
        out Vector256<double> tA, out Vector256<double> tB)
    {
        VariateMath.Log(wA, wB, out Vector256<double> logA, out Vector256<double> logB);
        tA = StudentTOfLog(logA, angleWordA, p);
        tB = StudentTOfLog(logB, angleWordB, p);
    }

    /// <summary><see cref="StudentT"/> for one vector, from ln W.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> StudentTOfLog(Vector256<double> logW, Vector256<ulong> angleWord, in StudentTParameters p)
    {
        Vector256<double> a = Vector256<double>.Zero - logW; // −ln W ≥ 0 (and +0 at W = 1)
        Vector256<double> s = p.IsNormal
            ? a + a
            : Vector256.Create(p.Nu) * VariateMath.ExpM1(Vector256.Min(a * Vector256.Create(p.TwoOverNu), Vector256.Create(709.0)));
        VariateMath.SinCosTurns(angleWord, out Vector256<double> cos, out _);
        return cos * Vector256.Sqrt(s);
    }

    // ---------------------------------------------------------------- raw words of one tile

    /// <summary>The 64 words of the tile at <paramref name="firstBlock"/>: element 16k + j is word k of block
    /// <paramref name="firstBlock"/> + j.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Words32(in PhiloxCounter counter, uint firstBlock, ref uint destination)
    {
        Philox16 s = Philox16.Create(firstBlock, interleaved: true);
        Philox4x32.Block16(ref s, counter);
        Philox16.PackLow32(s.A0, s.B0).StoreUnsafe(ref destination, 0);
        Philox16.PackLow32(s.C0, s.D0).StoreUnsafe(ref destination, 8);
        Philox16.PackLow32(s.A1, s.B1).StoreUnsafe(ref destination, 16);
        Philox16.PackLow32(s.C1, s.D1).StoreUnsafe(ref destination, 24);
        Philox16.PackLow32(s.A2, s.B2).StoreUnsafe(ref destination, 32);
        Philox16.PackLow32(s.C2, s.D2).StoreUnsafe(ref destination, 40);
        Philox16.PackLow32(s.A3, s.B3).StoreUnsafe(ref destination, 48);
        Philox16.PackLow32(s.C3, s.D3).StoreUnsafe(ref destination, 56);
    }

    /// <summary>The 32 64-bit words of the tile at <paramref name="firstBlock"/>: element 16k + j is
    /// word 2k + 2^32·word (2k + 1) of block <paramref name="firstBlock"/> + j.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Words64(in PhiloxCounter counter, uint firstBlock, ref ulong destination)
    {
        Philox16 s = Philox16.Create(firstBlock, interleaved: false);
        Philox4x32.Block16(ref s, counter);
        Philox16.Combine64(s.A0, s.A1).StoreUnsafe(ref destination, 0);
        Philox16.Combine64(s.B0, s.B1).StoreUnsafe(ref destination, 4);
        Philox16.Combine64(s.C0, s.C1).StoreUnsafe(ref destination, 8);
        Philox16.Combine64(s.D0, s.D1).StoreUnsafe(ref destination, 12);
        Philox16.Combine64(s.A2, s.A3).StoreUnsafe(ref destination, 16);
        Philox16.Combine64(s.B2, s.B3).StoreUnsafe(ref destination, 20);
        Philox16.Combine64(s.C2, s.C3).StoreUnsafe(ref destination, 24);
        Philox16.Combine64(s.D2, s.D3).StoreUnsafe(ref destination, 28);
    }

    // ---------------------------------------------------------------- tiles of 32-bit outputs (64 per tile)

    /// <summary>Raw words: element 64t + 16k + j is word k of block 16t + j.</summary>
    public struct UInt32Tile : IPhiloxTile<uint>
    {
        public static int LengthLog2 => 6;

        public readonly void Write(in PhiloxCounter counter, uint firstBlock, ref uint destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Words32Wide(counter, firstBlock, ref destination);
            }
            else
            {
                Words32(counter, firstBlock, ref destination);
            }
        }

        public readonly void WritePair(in PhiloxCounter counter, uint firstBlock, ref uint destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Words32WidePair(counter, firstBlock, ref destination);
                return;
            }

            WriteTwice(this, counter, firstBlock, ref destination);
        }
    }

    /// <summary>Float uniforms on the 2^23-point grid of (0, 1), from the words of <see cref="UInt32Tile"/>,
    /// converted in place.</summary>
    public struct UniformSingleTile : IPhiloxTile<float>
    {
        public static int LengthLog2 => 6;

        public readonly void Write(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                UniformSingleWide(counter, firstBlock, ref destination);
                return;
            }

            Write256(counter, firstBlock, ref destination);
        }

        public readonly void WritePair(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                UniformSingleWidePair(counter, firstBlock, ref destination);
                return;
            }

            WriteTwice(this, counter, firstBlock, ref destination);
        }

        /// <summary>The 256-bit form (also reached by the tests on hardware with 512-bit vectors).</summary>
        internal static void Write256(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            ref uint words = ref Unsafe.As<float, uint>(ref destination);
            Words32(counter, firstBlock, ref words);
            for (nuint i = 0; i < 64; i += 8)
            {
                OpenUniform(Vector256.LoadUnsafe(ref words, i)).StoreUnsafe(ref destination, i);
            }
        }
    }

    /// <summary>Float normals: slots (0, 1) are r·(cos, sin) of words (0, 1), slots (2, 3) of words (2, 3), each
    /// written over the words it came from.</summary>
    public struct NormalSingleTile : IPhiloxTile<float>
    {
        public static int LengthLog2 => 6;

        public readonly void Write(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                NormalSingleWide(counter, firstBlock, ref destination);
                return;
            }

            Write256(counter, firstBlock, ref destination);
        }

        public readonly void WritePair(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                NormalSingleWidePair(counter, firstBlock, ref destination);
                return;
            }

            WriteTwice(this, counter, firstBlock, ref destination);
        }

        /// <summary>The 256-bit form (also reached by the tests on hardware with 512-bit vectors).</summary>
        internal static void Write256(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            ref uint words = ref Unsafe.As<float, uint>(ref destination);
            Words32(counter, firstBlock, ref words);
            // Straight-line, two transforms at a time: in a loop the JIT kept the transform's constants in registers,
            // and with sixteen of them (AVX2) spilled them to the stack on every iteration.
            BoxMullerInPlace(ref destination, 0, 8);
            BoxMullerInPlace(ref destination, 32, 40);
        }

        /// <summary>The normals from the words at i and i + 16 (words k and k + 1 of eight blocks, k = 0 for i &lt; 32,
        /// else 2), written over them, for i = <paramref name="i"/> and <paramref name="j"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void BoxMullerInPlace(ref float destination, nuint i, nuint j)
        {
            ref uint words = ref Unsafe.As<float, uint>(ref destination);
            BoxMuller(
                Vector256.LoadUnsafe(ref words, i), Vector256.LoadUnsafe(ref words, i + 16),
                Vector256.LoadUnsafe(ref words, j), Vector256.LoadUnsafe(ref words, j + 16),
                out Vector256<float> n0i, out Vector256<float> n1i, out Vector256<float> n0j, out Vector256<float> n1j);
            n0i.StoreUnsafe(ref destination, i);
            n1i.StoreUnsafe(ref destination, i + 16);
            n0j.StoreUnsafe(ref destination, j);
            n1j.StoreUnsafe(ref destination, j + 16);
        }
    }

    /// <summary>Float Student-t, computed in double from 32-bit uniforms: slot k ∈ {0, 1} uses W = (word 2k + ½)·2^−32
    /// and θ = 2π·(word 2k + 1)/2^32; results beyond ±float.MaxValue are clamped to it.</summary>
    public readonly struct StudentTSingleTile(StudentTParameters parameters) : IPhiloxTile<float>
    {
        private readonly StudentTParameters _parameters = parameters;

        public static int LengthLog2 => 5;

        public void WritePair(in PhiloxCounter counter, uint firstBlock, ref float destination) =>
            WriteTwice(this, counter, firstBlock, ref destination);

        public void Write(in PhiloxCounter counter, uint firstBlock, ref float destination)
        {
            WordBuffer32 buffer = default;
            ref uint words = ref buffer[0];
            Words32(counter, firstBlock, ref words);
            Vector256<double> max = Vector256.Create((double)float.MaxValue);
            for (nuint k = 0; k < 2; k++)
            {
                for (nuint j = 0; j < 16; j += 8)
                {
                    Vector256<uint> wWords = Vector256.LoadUnsafe(ref words, 32 * k + j);
                    Vector256<uint> angleWords = Vector256.LoadUnsafe(ref words, 32 * k + 16 + j);
                    StudentT(
                        SlotUniform(Vector256.WidenLower(wWords)), Vector256.ShiftLeft(Vector256.WidenLower(angleWords), 32),
                        SlotUniform(Vector256.WidenUpper(wWords)), Vector256.ShiftLeft(Vector256.WidenUpper(angleWords), 32),
                        _parameters, out Vector256<double> lower, out Vector256<double> upper);
                    Vector256.Narrow(Vector256.Min(Vector256.Max(lower, -max), max), Vector256.Min(Vector256.Max(upper, -max), max))
                        .StoreUnsafe(ref destination, 16 * k + j);
                }
            }
        }

        /// <summary>W = (word + ½)·2^−32 from a 32-bit word widened to 64 bits.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> SlotUniform(Vector256<ulong> wWord) =>
            Vector256.FusedMultiplyAdd(Vector256.ConvertToDouble(wWord.AsInt64()), Vector256.Create(TwoPow32), Vector256.Create(TwoPow33));
    }

    // ---------------------------------------------------------------- tiles of 64-bit outputs (32 or 16 per tile)

    /// <summary>Raw 64-bit words: element 32t + 16k + j is word 2k + 2^32·word (2k + 1) of block 16t + j.</summary>
    public struct UInt64Tile : IPhiloxTile<ulong>
    {
        public static int LengthLog2 => 5;

        public readonly void WritePair(in PhiloxCounter counter, uint firstBlock, ref ulong destination) =>
            WriteTwice(this, counter, firstBlock, ref destination);

        public readonly void Write(in PhiloxCounter counter, uint firstBlock, ref ulong destination) =>
            Words64(counter, firstBlock, ref destination);
    }

    /// <summary>Double uniforms on the 2^52-point grid of (0, 1), from the words of <see cref="UInt64Tile"/>,
    /// converted in place.</summary>
    public struct UniformTile : IPhiloxTile<double>
    {
        public static int LengthLog2 => 5;

        public readonly void WritePair(in PhiloxCounter counter, uint firstBlock, ref double destination) =>
            WriteTwice(this, counter, firstBlock, ref destination);

        public readonly void Write(in PhiloxCounter counter, uint firstBlock, ref double destination)
        {
            ref ulong words = ref Unsafe.As<double, ulong>(ref destination);
            Words64(counter, firstBlock, ref words);
            for (nuint i = 0; i < 32; i += 4)
            {
                OpenUniform(Vector256.LoadUnsafe(ref words, i)).StoreUnsafe(ref destination, i);
            }
        }
    }

    /// <summary>Double normals: slot 0 is r·cos θ, slot 1 r·sin θ, radius from 64-bit word 0, angle from word 1 (in
    /// the numbering of <see cref="UInt64Tile"/>), each written over the word it came from.</summary>
    public struct NormalTile : IPhiloxTile<double>
    {
        public static int LengthLog2 => 5;

        public readonly void Write(in PhiloxCounter counter, uint firstBlock, ref double destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                NormalWide(counter, firstBlock, ref destination);
                return;
            }

            Write256(counter, firstBlock, ref destination);
        }

        public readonly void WritePair(in PhiloxCounter counter, uint firstBlock, ref double destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                NormalWidePair(counter, firstBlock, ref destination);
                return;
            }

            WriteTwice(this, counter, firstBlock, ref destination);
        }

        /// <summary>The 256-bit form (also reached by the tests on hardware with 512-bit vectors).</summary>
        internal static void Write256(in PhiloxCounter counter, uint firstBlock, ref double destination)
        {
            ref ulong words = ref Unsafe.As<double, ulong>(ref destination);
            Words64(counter, firstBlock, ref words);
            for (nuint i = 0; i < 16; i += 8)
            {
                BoxMuller(
                    Vector256.LoadUnsafe(ref words, i), Vector256.LoadUnsafe(ref words, i + 16),
                    Vector256.LoadUnsafe(ref words, i + 4), Vector256.LoadUnsafe(ref words, i + 20),
                    out Vector256<double> n0, out Vector256<double> n1, out Vector256<double> n2, out Vector256<double> n3);
                n0.StoreUnsafe(ref destination, i);
                n1.StoreUnsafe(ref destination, i + 16);
                n2.StoreUnsafe(ref destination, i + 4);
                n3.StoreUnsafe(ref destination, i + 20);
            }
        }
    }

    /// <summary>Double Student-t: one value per block, W from <see cref="RadiusUniform(Vector256{ulong})"/> of 64-bit word 0, θ from
    /// word 1 (the words of the double normal's pair).</summary>
    public readonly struct StudentTTile(StudentTParameters parameters) : IPhiloxTile<double>
    {
        private readonly StudentTParameters _parameters = parameters;

        public static int LengthLog2 => 4;

        public void WritePair(in PhiloxCounter counter, uint firstBlock, ref double destination) =>
            WriteTwice(this, counter, firstBlock, ref destination);

        public void Write(in PhiloxCounter counter, uint firstBlock, ref double destination)
        {
            WordBuffer32 buffer = default;
            ref ulong words = ref Unsafe.As<uint, ulong>(ref buffer[0]);
            Words64(counter, firstBlock, ref words);
            for (nuint j = 0; j < 16; j += 8)
            {
                StudentT(
                    RadiusUniform(Vector256.LoadUnsafe(ref words, j)), Vector256.LoadUnsafe(ref words, j + 16),
                    RadiusUniform(Vector256.LoadUnsafe(ref words, j + 4)), Vector256.LoadUnsafe(ref words, j + 20),
                    _parameters, out Vector256<double> tA, out Vector256<double> tB);
                tA.StoreUnsafe(ref destination, j);
                tB.StoreUnsafe(ref destination, j + 4);
            }
        }
    }
}
