using System;

namespace SdeDsl.Benchmarks;

/// <summary>
/// The STREAM triad of <see cref="AdamWLoops.StreamTriad"/>, a[i] = b[i] + s·c[i], as an <see cref="ITimedLoop"/>:
/// the memory-bandwidth bound the targets of docs/performance.md are stated against, measured in the same run as the kernels it is
/// compared with. It moves <see cref="AdamWLoops.TriadBytesPerElement"/> = 12 counted bytes per element (reads b, c;
/// writes a); the write-allocate read of a's lines is real DRAM traffic but is not counted, as in STREAM itself.
/// </summary>
/// <remarks>
/// The in-place triad a[i] = a[i] + s·c[i] (reads a, c; writes a; 12 bytes), the access pattern of an optimizer step,
/// which reads every line it writes and so pays no write-allocate read, is <see cref="InPlaceTriadLoop"/>, the loop
/// <c>sdedsl bench</c> times too. SGD's step, x ← x − η g, is exactly that loop; it is a tighter bound for the in-place
/// steps than the classic triad (on the development machine it runs about 1.5× the classic triad's counted bandwidth).
/// </remarks>
public sealed class TriadLoop : ITimedLoop
{
    private const int ShortLength = 16_384;

    private readonly float[] _a;
    private readonly float[] _b;
    private readonly float[] _c;

    /// <summary>Allocates and fills the triad's arrays of <paramref name="length"/> floats.</summary>
    /// <param name="length">The number of elements.</param>
    /// <param name="seed">The seed of the values.</param>
    public TriadLoop(int length, int seed)
    {
        _a = new float[length];
        _b = new float[length];
        _c = new float[length];
        AdamWLoops.FillTriad(_a, _b, _c, seed);
    }

    /// <inheritdoc/>
    public string Name => "StreamTriad";

    /// <inheritdoc/>
    public long Elements => _a.Length;

    /// <inheritdoc/>
    public long Bytes => Elements * AdamWLoops.TriadBytesPerElement;

    /// <inheritdoc/>
    public void Run() => AdamWLoops.StreamTriad(_a, _b, _c, AdamWLoops.TriadScalar);

    /// <inheritdoc/>
    public void RunShort() =>
        AdamWLoops.StreamTriad(_a.AsSpan(0, ShortLength), _b.AsSpan(0, ShortLength), _c.AsSpan(0, ShortLength), AdamWLoops.TriadScalar);
}
