namespace SdeDsl.RandomNumbers;

/// <summary>
/// A kernel that turns one tile of sixteen consecutive Philox4x32 blocks (blocks 16t … 16t + 15) into
/// 2^<see cref="LengthLog2"/> values of type <typeparamref name="T"/>. The mapping from element index to block, word
/// and formula is fixed by the kernel alone, never by the hardware; see <see cref="PhiloxStream"/>.
/// </summary>
/// <typeparam name="T">The value type written.</typeparam>
internal interface IPhiloxTile<T>
    where T : unmanaged
{
    /// <summary>log₂ of the number of values per tile.</summary>
    static abstract int LengthLog2 { get; }

    /// <summary>Writes the tile whose first block is <paramref name="firstBlock"/> to
    /// <paramref name="destination"/> … + 2^<see cref="LengthLog2"/> − 1.</summary>
    void Write(in PhiloxCounter counter, uint firstBlock, ref T destination);

    /// <summary>Writes the two tiles whose first blocks are <paramref name="firstBlock"/> and
    /// <paramref name="firstBlock"/> + 16 to <paramref name="destination"/> … + 2·2^<see cref="LengthLog2"/> − 1: the
    /// same values as two calls of <see cref="Write"/>. A tile whose rounds are long chains of dependent multiplies
    /// runs both tiles' rounds before either transform, so the processor overlaps the second tile's rounds with the
    /// first tile's transform instead of waiting on each chain in turn.</summary>
    void WritePair(in PhiloxCounter counter, uint firstBlock, ref T destination);
}
