namespace SdeDsl.RandomNumbers;

/// <summary>
/// The fixed part of a Philox4x32 counter and key for one (seed, stream, path, step): key (k0, k1) = (low, high) 32
/// bits of the seed; counter words 1–3 = (step, stream id, path). Counter word 0 is the block index.
/// </summary>
internal readonly struct PhiloxCounter
{
    public PhiloxCounter(ulong seed, uint stream, uint path, uint step)
    {
        Key0 = (uint)seed;
        Key1 = (uint)(seed >> 32);
        Step = step;
        Stream = stream;
        Path = path;
    }

    public uint Key0 { get; }

    public uint Key1 { get; }

    public uint Step { get; }

    public uint Stream { get; }

    public uint Path { get; }
}
