using System;

namespace SdeDsl.RandomNumbers;

/// <summary>
/// A counter-based random stream (Philox4x32-10, <see cref="Philox4x32"/>): every value is a pure function of
/// (seed, stream id, path, step, element index), so results are bit-identical for any thread count, vector width,
/// span length or partition of paths or elements. There is no state to advance; the struct only holds the seed.
/// </summary>
/// <remarks>
/// <para><b>Counter layout.</b> Key (k0, k1) = (low, high) 32 bits of <see cref="Seed"/>. Counter
/// (c0, c1, c2, c3) = (block index, step, <see cref="StreamId"/>, path). So path and step must lie in [0, 2^32), and
/// (seed, stream id, path, step, block) ↦ counter and key is one-to-one: distinct arguments never share a block.
/// </para>
/// <para><b>Element layout.</b> Blocks are used in tiles of sixteen, blocks 16t … 16t + 15. A tile holds one or more
/// slots of sixteen values; value j of slot k comes from block 16t + j:</para>
/// <list type="bullet">
/// <item><description><see cref="FillUInt32"/>, <see cref="FillUniform(Span{float}, long, long, long)"/>,
/// <see cref="FillNormal(Span{float}, long, long, long)"/>: 64 per tile, element e = 64t + 16k + j, k ∈ [0, 4).
/// Word e is x_k of block 16t + j. Uniform(float) e = (⌊x_k/2^9⌋ + ½)·2^−23. Normal(float): slots 0 and 1 are
/// r·cos θ and r·sin θ with r = √(−2 ln u), u = ⌊x_0/2⌋·2^−31 + 2^−32, θ = 2π·x_1/2^32; slots 2 and 3 the same from
/// (x_2, x_3).</description></item>
/// <item><description><see cref="FillUInt64"/>, <see cref="FillUniform(Span{double}, long, long, long)"/>,
/// <see cref="FillNormal(Span{double}, long, long, long)"/>, <see cref="FillNormalNarrow"/>,
/// <see cref="FillStudentT(Span{float}, double, long, long, long)"/>:
/// 32 per tile, e = 32t + 16k + j, k ∈ {0, 1}. Word64 e = x_2k + 2^32·x_2k+1. Uniform(double) e =
/// (⌊w/2^12⌋ + ½)·2^−52. Normal(double): slot 0 = r·cos θ, slot 1 = r·sin θ, u = ⌊w_0/2⌋·2^−63 + 2^−64,
/// θ = 2π·w_1/2^64 (w_0, w_1 the block's two 64-bit words); the narrow normal is the same formula in float. Student-t(float), computed in double: slot k uses
/// W = (x_2k + ½)·2^−32 and θ = 2π·x_2k+1/2^32.</description></item>
/// <item><description><see cref="FillStudentT(Span{double}, double, long, long, long)"/>: 16 per tile, e = 16t + j,
/// W = ⌊w_0/2⌋·2^−63 + 2^−64, θ = 2π·w_1/2^64; for ν = ∞ it equals slot 0 of the double normal.</description></item>
/// </list>
/// <para>So an element index must be below 2^34 (32-bit outputs), 2^33 (64-bit outputs and float Student-t) or 2^32
/// (double Student-t). Different variate kinds at the same (path, step, element) share blocks and are therefore
/// dependent: give independent uses different stream ids or steps.</para>
/// <para><b>Transforms.</b> Normals by Box–Muller, Student-t by Bailey's polar method in the two-uniform form
/// T = cos θ·√(ν(W^(−2/ν) − 1)) (exact in law for every real ν &gt; 0; ν = 1 is the Cauchy law), all branch-free in
/// 256-bit vectors from IEEE-exact operations only (see <c>VariateMath</c>). The scalar accessors
/// (<see cref="Normal"/>, …) run the same vector code on the tile holding the element, so they return the same bits.
/// </para>
/// </remarks>
public readonly struct PhiloxStream
{
    /// <summary>The largest path or step index, 2^32 − 1.</summary>
    public const long MaxIndex = uint.MaxValue;

    /// <summary>A stream of the generator keyed by <paramref name="seed"/>.</summary>
    /// <param name="seed">The 64-bit seed (the Philox key).</param>
    /// <param name="streamId">Separates independent uses within one run (counter word 2), e.g. an optimizer's
    /// gradient noise and its minibatch sampling.</param>
    public PhiloxStream(ulong seed, uint streamId = 0)
    {
        Seed = seed;
        StreamId = streamId;
    }

    /// <summary>The seed (the Philox key).</summary>
    public ulong Seed { get; }

    /// <summary>The stream id (counter word 2).</summary>
    public uint StreamId { get; }

    // ---------------------------------------------------------------- raw words

    /// <summary>Raw 32-bit words: element e is word k of block 16t + j, e = 64t + 16k + j.</summary>
    /// <param name="destination">Receives elements <paramref name="firstElement"/> … + length − 1.</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="firstElement">The element index of <paramref name="destination"/>[0], ≥ 0.</param>
    public void FillUInt32(Span<uint> destination, long path, long step, long firstElement = 0) =>
        PhiloxTiles.Fill(default(PhiloxTiles.UInt32Tile), Counter(path, step, firstElement, destination.Length, 6), destination, firstElement);

    /// <summary>Raw 64-bit words: element 32t + 16k + j is word 2k + 2^32·word (2k + 1) of block 16t + j.</summary>
    /// <param name="destination">Receives elements <paramref name="firstElement"/> … + length − 1.</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="firstElement">The element index of <paramref name="destination"/>[0], ≥ 0.</param>
    public void FillUInt64(Span<ulong> destination, long path, long step, long firstElement = 0) =>
        PhiloxTiles.Fill(default(PhiloxTiles.UInt64Tile), Counter(path, step, firstElement, destination.Length, 5), destination, firstElement);

    // ---------------------------------------------------------------- uniforms

    /// <summary>Uniforms on (0, 1): (⌊w/2^12⌋ + ½)·2^−52 from the 64-bit words w of <see cref="FillUInt64"/>.</summary>
    /// <param name="destination">Receives elements <paramref name="firstElement"/> … + length − 1.</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="firstElement">The element index of <paramref name="destination"/>[0], ≥ 0.</param>
    public void FillUniform(Span<double> destination, long path, long step, long firstElement = 0) =>
        PhiloxTiles.Fill(default(PhiloxTiles.UniformTile), Counter(path, step, firstElement, destination.Length, 5), destination, firstElement);

    /// <summary>Uniforms on (0, 1): (⌊x/2^9⌋ + ½)·2^−23 from the 32-bit words x of <see cref="FillUInt32"/>.</summary>
    /// <param name="destination">Receives elements <paramref name="firstElement"/> … + length − 1.</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="firstElement">The element index of <paramref name="destination"/>[0], ≥ 0.</param>
    public void FillUniform(Span<float> destination, long path, long step, long firstElement = 0) =>
        PhiloxTiles.Fill(default(PhiloxTiles.UniformSingleTile), Counter(path, step, firstElement, destination.Length, 6), destination, firstElement);

    // ---------------------------------------------------------------- normals

    /// <summary>Standard normals by Box–Muller from 64-bit uniforms (tails to 9.4σ).</summary>
    /// <param name="destination">Receives elements <paramref name="firstElement"/> … + length − 1.</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="firstElement">The element index of <paramref name="destination"/>[0], ≥ 0.</param>
    public void FillNormal(Span<double> destination, long path, long step, long firstElement = 0) =>
        PhiloxTiles.Fill(default(PhiloxTiles.NormalTile), Counter(path, step, firstElement, destination.Length, 5), destination, firstElement);

    /// <summary>Standard normals by Box–Muller from 32-bit uniforms (tails to 6.66σ), computed in float.</summary>
    /// <param name="destination">Receives elements <paramref name="firstElement"/> … + length − 1.</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="firstElement">The element index of <paramref name="destination"/>[0], ≥ 0.</param>
    public void FillNormal(Span<float> destination, long path, long step, long firstElement = 0) =>
        PhiloxTiles.Fill(default(PhiloxTiles.NormalSingleTile), Counter(path, step, firstElement, destination.Length, 6), destination, firstElement);

    /// <summary>
    /// Float standard normals in the layout of <see cref="FillNormal(Span{double}, long, long, long)"/>: element e is the
    /// double normal e, from the same 64-bit words, with the Box–Muller evaluated in float: |z_e − (double normal e)| ≤
    /// 8·2^−24·|double normal e| + 2^−26. So a float computation can follow a double one drawn from the same stream
    /// without making the doubles (twice the cost). Near u = 1 the radius uses 1 − u = (~w_0 | 1)·2^−64, exact, and a
    /// log1p-style reduction; the angle keeps 24 bits of 2^64·θ/2π after its quadrant, so values next to 0 stay
    /// accurate relative to themselves; the 2^−26 covers the double normal's own error at u ≈ 1 (its u is rounded to
    /// 2^−53).
    /// </summary>
    /// <param name="destination">Receives elements <paramref name="firstElement"/> … + length − 1.</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="firstElement">The element index of <paramref name="destination"/>[0], ≥ 0.</param>
    public void FillNormalNarrow(Span<float> destination, long path, long step, long firstElement = 0) =>
        PhiloxTiles.Fill(default(PhiloxTiles.NormalNarrowTile), Counter(path, step, firstElement, destination.Length, 5), destination, firstElement);

    // ---------------------------------------------------------------- Student-t

    /// <summary>
    /// Student-t variates with <paramref name="nu"/> degrees of freedom: T = cos θ·√(ν·expm1(−2 ln W / ν)) with W, θ/2π
    /// independent uniforms from 64 bits each (Bailey's polar method; exact in law, no rejection). ν = 1 is Cauchy,
    /// ν = +∞ the normal. The exponent is capped at 709, so |T| stays finite (≤ √(ν·e^709)), which only ν &lt; 1/8 can
    /// reach.
    /// </summary>
    /// <param name="destination">Receives elements <paramref name="firstElement"/> … + length − 1.</param>
    /// <param name="nu">The degrees of freedom ν &gt; 0 (any real, or +∞).</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="firstElement">The element index of <paramref name="destination"/>[0], ≥ 0.</param>
    public void FillStudentT(Span<double> destination, double nu, long path, long step, long firstElement = 0)
    {
        StudentTParameters parameters = new(nu);
        PhiloxTiles.Fill(new PhiloxTiles.StudentTTile(parameters), Counter(path, step, firstElement, destination.Length, 4), destination, firstElement);
    }

    /// <summary>
    /// Student-t variates with <paramref name="nu"/> degrees of freedom, as the double overload but from 32-bit
    /// uniforms (two variates per block), computed in double and rounded to float (clamped to ±float.MaxValue).
    /// </summary>
    /// <param name="destination">Receives elements <paramref name="firstElement"/> … + length − 1.</param>
    /// <param name="nu">The degrees of freedom ν &gt; 0 (any real, or +∞).</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="firstElement">The element index of <paramref name="destination"/>[0], ≥ 0.</param>
    public void FillStudentT(Span<float> destination, double nu, long path, long step, long firstElement = 0)
    {
        StudentTParameters parameters = new(nu);
        PhiloxTiles.Fill(new PhiloxTiles.StudentTSingleTile(parameters), Counter(path, step, firstElement, destination.Length, 5), destination, firstElement);
    }

    // ---------------------------------------------------------------- single values (same bits as the fills)

    /// <summary>Element <paramref name="element"/> of <see cref="FillUInt32"/>.</summary>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="element">The element index, ≥ 0.</param>
    /// <returns>The word.</returns>
    public uint UInt32(long path, long step, long element)
    {
        Span<uint> value = stackalloc uint[1];
        FillUInt32(value, path, step, element);
        return value[0];
    }

    /// <summary>Element <paramref name="element"/> of <see cref="FillUInt64"/>.</summary>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="element">The element index, ≥ 0.</param>
    /// <returns>The word.</returns>
    public ulong UInt64(long path, long step, long element)
    {
        Span<ulong> value = stackalloc ulong[1];
        FillUInt64(value, path, step, element);
        return value[0];
    }

    /// <summary>Element <paramref name="element"/> of <see cref="FillUniform(Span{double}, long, long, long)"/>.</summary>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="element">The element index, ≥ 0.</param>
    /// <returns>A uniform on (0, 1).</returns>
    public double Uniform(long path, long step, long element)
    {
        Span<double> value = stackalloc double[1];
        FillUniform(value, path, step, element);
        return value[0];
    }

    /// <summary>Element <paramref name="element"/> of <see cref="FillUniform(Span{float}, long, long, long)"/>.</summary>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="element">The element index, ≥ 0.</param>
    /// <returns>A uniform on (0, 1).</returns>
    public float UniformSingle(long path, long step, long element)
    {
        Span<float> value = stackalloc float[1];
        FillUniform(value, path, step, element);
        return value[0];
    }

    /// <summary>Element <paramref name="element"/> of <see cref="FillNormal(Span{double}, long, long, long)"/>.</summary>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="element">The element index, ≥ 0.</param>
    /// <returns>A standard normal.</returns>
    public double Normal(long path, long step, long element)
    {
        Span<double> value = stackalloc double[1];
        FillNormal(value, path, step, element);
        return value[0];
    }

    /// <summary>Element <paramref name="element"/> of <see cref="FillNormal(Span{float}, long, long, long)"/>.</summary>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="element">The element index, ≥ 0.</param>
    /// <returns>A standard normal.</returns>
    public float NormalSingle(long path, long step, long element)
    {
        Span<float> value = stackalloc float[1];
        FillNormal(value, path, step, element);
        return value[0];
    }

    /// <summary>Element <paramref name="element"/> of <see cref="FillNormalNarrow"/>.</summary>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="element">The element index, ≥ 0.</param>
    /// <returns>A standard normal within 8·2^−24 relative and 2^−26 absolute of <see cref="Normal"/>.</returns>
    public float NormalNarrow(long path, long step, long element)
    {
        Span<float> value = stackalloc float[1];
        FillNormalNarrow(value, path, step, element);
        return value[0];
    }

    /// <summary>Element <paramref name="element"/> of <see cref="FillStudentT(Span{double}, double, long, long, long)"/>.</summary>
    /// <param name="nu">The degrees of freedom ν &gt; 0 (any real, or +∞).</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="element">The element index, ≥ 0.</param>
    /// <returns>A Student-t variate.</returns>
    public double StudentT(double nu, long path, long step, long element)
    {
        Span<double> value = stackalloc double[1];
        FillStudentT(value, nu, path, step, element);
        return value[0];
    }

    /// <summary>Element <paramref name="element"/> of <see cref="FillStudentT(Span{float}, double, long, long, long)"/>.</summary>
    /// <param name="nu">The degrees of freedom ν &gt; 0 (any real, or +∞).</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="element">The element index, ≥ 0.</param>
    /// <returns>A Student-t variate.</returns>
    public float StudentTSingle(double nu, long path, long step, long element)
    {
        Span<float> value = stackalloc float[1];
        FillStudentT(value, nu, path, step, element);
        return value[0];
    }

    // ---------------------------------------------------------------- validation

    private PhiloxCounter Counter(long path, long step, long firstElement, int length, int tileLog2)
    {
        if ((ulong)path > MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(path), path, "The path index must be in [0, 2^32).");
        }

        if ((ulong)step > MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step index must be in [0, 2^32).");
        }

        long limit = PhiloxTiles.TileCount << tileLog2;
        if (firstElement < 0 || firstElement > limit - length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(firstElement), firstElement, $"The elements [firstElement, firstElement + length) must lie in [0, {limit}).");
        }

        return new PhiloxCounter(Seed, StreamId, (uint)path, (uint)step);
    }
}
