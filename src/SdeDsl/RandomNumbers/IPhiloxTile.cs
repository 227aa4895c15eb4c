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
}
