using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.RandomNumbers;

/// <summary>
/// The 512-bit forms of the 32-bit tiles, taken where <see cref="Vector512.IsHardwareAccelerated"/>: sixteen blocks in
/// two groups of eight lanes (<see cref="Philox16Wide"/>), so one 16-lane vector holds a whole slot, and the float
/// transforms run in sixteen lanes. Every lane performs the same IEEE operations as in the 256-bit form, so the values
/// are the same bits; the tests compare the two forms directly. Each kind has its one-tile method and its pair (both
/// tiles' rounds, then both transforms), written out: one generic pair over a static-abstract "values" interface read
/// better but put the tile past the JIT's inlining budget (the lane helpers became calls, the narrow normal went from
/// 0.91 to 1.22 ns).
/// </summary>
internal static partial class PhiloxTiles
{
    /// <summary>The rounds of blocks <paramref name="firstBlock"/> … + 15 (see <see cref="Philox16Wide.Create"/> for
    /// <paramref name="interleaved"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Philox16Wide Rounds16Wide(in PhiloxCounter counter, uint firstBlock, bool interleaved)
    {
        Philox16Wide s = Philox16Wide.Create(firstBlock, interleaved);
        Philox4x32.Block16Wide(ref s, counter);
        return s;
    }

    /// <summary>Word k of the sixteen blocks of <paramref name="s"/> (interleaved) in 16 lanes, k = 0 … 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Slots32Wide(in Philox16Wide s,
        out Vector512<uint> w0, out Vector512<uint> w1, out Vector512<uint> w2, out Vector512<uint> w3)
    {
        w0 = Philox16Wide.PackLow32(s.A0, s.B0);
        w1 = Philox16Wide.PackLow32(s.A1, s.B1);
        w2 = Philox16Wide.PackLow32(s.A2, s.B2);
        w3 = Philox16Wide.PackLow32(s.A3, s.B3);
    }

    /// <summary>The 64 words of the tile, as <see cref="Words32"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Words32Wide(in PhiloxCounter counter, uint firstBlock, ref uint destination) =>
        StoreWords32(Rounds16Wide(counter, firstBlock, interleaved: true), ref destination);

    /// <summary>Two tiles of <see cref="Words32Wide"/>, both tiles' rounds first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void Words32WidePair(in PhiloxCounter counter, uint firstBlock, ref uint destination)
    {
        Philox16Wide s = Rounds16Wide(counter, firstBlock, interleaved: true);
        Philox16Wide t = Rounds16Wide(counter, firstBlock + 16, interleaved: true);
        StoreWords32(s, ref destination);
        StoreWords32(t, ref Unsafe.Add(ref destination, 64));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWords32(in Philox16Wide s, ref uint destination)
    {
        Slots32Wide(s, out Vector512<uint> w0, out Vector512<uint> w1, out Vector512<uint> w2, out Vector512<uint> w3);
        w0.StoreUnsafe(ref destination, 0);
        w1.StoreUnsafe(ref destination, 16);
        w2.StoreUnsafe(ref destination, 32);
        w3.StoreUnsafe(ref destination, 48);
    }

    /// <summary>The float uniforms of the tile, as <see cref="UniformSingleTile"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void UniformSingleWide(in PhiloxCounter counter, uint firstBlock, ref float destination) =>
        StoreUniformsSingle(Rounds16Wide(counter, firstBlock, interleaved: true), ref destination);

    /// <summary>Two tiles of <see cref="UniformSingleWide"/>, both tiles' rounds first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void UniformSingleWidePair(in PhiloxCounter counter, uint firstBlock, ref float destination)
    {
        Philox16Wide s = Rounds16Wide(counter, firstBlock, interleaved: true);
        Philox16Wide t = Rounds16Wide(counter, firstBlock + 16, interleaved: true);
        StoreUniformsSingle(s, ref destination);
        StoreUniformsSingle(t, ref Unsafe.Add(ref destination, 64));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreUniformsSingle(in Philox16Wide s, ref float destination)
    {
        Slots32Wide(s, out Vector512<uint> w0, out Vector512<uint> w1, out Vector512<uint> w2, out Vector512<uint> w3);
        OpenUniform(w0).StoreUnsafe(ref destination, 0);
        OpenUniform(w1).StoreUnsafe(ref destination, 16);
        OpenUniform(w2).StoreUnsafe(ref destination, 32);
        OpenUniform(w3).StoreUnsafe(ref destination, 48);
    }

    /// <summary>The float normals of the tile, as <see cref="NormalSingleTile"/>: slots 0 and 1 from words 0 and 1,
    /// slots 2 and 3 from words 2 and 3.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void NormalSingleWide(in PhiloxCounter counter, uint firstBlock, ref float destination) =>
        StoreNormalsSingle(Rounds16Wide(counter, firstBlock, interleaved: true), ref destination);

    /// <summary>Two tiles of <see cref="NormalSingleWide"/>, both tiles' rounds first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void NormalSingleWidePair(in PhiloxCounter counter, uint firstBlock, ref float destination)
    {
        Philox16Wide s = Rounds16Wide(counter, firstBlock, interleaved: true);
        Philox16Wide t = Rounds16Wide(counter, firstBlock + 16, interleaved: true);
        StoreNormalsSingle(s, ref destination);
        StoreNormalsSingle(t, ref Unsafe.Add(ref destination, 64));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreNormalsSingle(in Philox16Wide s, ref float destination)
    {
        Slots32Wide(s, out Vector512<uint> w0, out Vector512<uint> w1, out Vector512<uint> w2, out Vector512<uint> w3);
        BoxMuller(w0, w1, out Vector512<float> n0, out Vector512<float> n1);
        BoxMuller(w2, w3, out Vector512<float> n2, out Vector512<float> n3);
        n0.StoreUnsafe(ref destination, 0);
        n1.StoreUnsafe(ref destination, 16);
        n2.StoreUnsafe(ref destination, 32);
        n3.StoreUnsafe(ref destination, 48);
    }

    /// <summary>The double normals of the tile, as <see cref="NormalTile"/>: slot 0 = r·cos θ, slot 1 = r·sin θ, radius
    /// from 64-bit word 0 and angle from word 1 of each block.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void NormalWide(in PhiloxCounter counter, uint firstBlock, ref double destination) =>
        StoreNormals(Rounds16Wide(counter, firstBlock, interleaved: false), ref destination);

    /// <summary>Two tiles of <see cref="NormalWide"/>, both tiles' rounds first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void NormalWidePair(in PhiloxCounter counter, uint firstBlock, ref double destination)
    {
        Philox16Wide s = Rounds16Wide(counter, firstBlock, interleaved: false);
        Philox16Wide t = Rounds16Wide(counter, firstBlock + 16, interleaved: false);
        StoreNormals(s, ref destination);
        StoreNormals(t, ref Unsafe.Add(ref destination, 32));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreNormals(in Philox16Wide s, ref double destination)
    {
        BoxMuller(Philox16Wide.Combine64(s.A0, s.A1), Philox16Wide.Combine64(s.A2, s.A3), out Vector512<double> a0, out Vector512<double> a1);
        BoxMuller(Philox16Wide.Combine64(s.B0, s.B1), Philox16Wide.Combine64(s.B2, s.B3), out Vector512<double> b0, out Vector512<double> b1);
        a0.StoreUnsafe(ref destination, 0);
        b0.StoreUnsafe(ref destination, 8);
        a1.StoreUnsafe(ref destination, 16);
        b1.StoreUnsafe(ref destination, 24);
    }

    /// <summary>The double Box–Muller of <see cref="BoxMuller(Vector256{ulong}, Vector256{ulong}, Vector256{ulong}, Vector256{ulong}, out Vector256{double}, out Vector256{double}, out Vector256{double}, out Vector256{double})"/>
    /// in eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BoxMuller(Vector512<ulong> radiusWord, Vector512<ulong> angleWord, out Vector512<double> n0, out Vector512<double> n1)
    {
        Vector512<double> u = Vector512.FusedMultiplyAdd(
            Vector512.ConvertToDouble(Vector512.ShiftRightLogical(radiusWord, 1).AsInt64()),
            Vector512.Create(TwoPow63),
            Vector512.Create(TwoPow64));
        Vector512<double> r = Vector512.Sqrt(Vector512.FusedMultiplyAdd(VariateMath.Log(u), Vector512.Create(-2.0), Vector512<double>.Zero));
        VariateMath.SinCosTurns(angleWord, out Vector512<double> cos, out Vector512<double> sin);
        n0 = r * cos;
        n1 = r * sin;
    }

    /// <summary><see cref="OpenUniform(Vector256{uint})"/> in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> OpenUniform(Vector512<uint> w) =>
        Vector512.FusedMultiplyAdd(
            Vector512.ConvertToSingle(Vector512.ShiftRightLogical(w, 9).AsInt32()),
            Vector512.Create(TwoPow23),
            Vector512.Create(TwoPow24));

    /// <summary>The float Box–Muller of <see cref="BoxMuller(Vector256{uint}, Vector256{uint}, Vector256{uint}, Vector256{uint}, out Vector256{float}, out Vector256{float}, out Vector256{float}, out Vector256{float})"/>
    /// in sixteen lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BoxMuller(Vector512<uint> radiusWord, Vector512<uint> angleWord, out Vector512<float> n0, out Vector512<float> n1)
    {
        Vector512<float> u = Vector512.FusedMultiplyAdd(
            Vector512.ConvertToSingle(Vector512.ShiftRightLogical(radiusWord, 1).AsInt32()),
            Vector512.Create(TwoPow31),
            Vector512.Create(TwoPow32F));
        Vector512<float> r = Vector512.Sqrt(Vector512.FusedMultiplyAdd(VariateMath.Log(u), Vector512.Create(-2f), Vector512<float>.Zero));
        VariateMath.SinCosTurns(angleWord, out Vector512<float> cos, out Vector512<float> sin);
        n0 = r * cos;
        n1 = r * sin;
    }
}
