using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SdeDsl.Benchmarks;

/// <summary>
/// The STREAM triad of <see cref="AdamWLoops.StreamTriad"/>, a[i] = b[i] + s·c[i], as an <see cref="ITimedLoop"/>:
/// the memory-bandwidth bound the targets of docs/performance.md are stated against, measured in the same run as the kernels it is
/// compared with. It moves <see cref="AdamWLoops.TriadBytesPerElement"/> = 12 counted bytes per element (reads b, c;
/// writes a); the write-allocate read of a's lines is real DRAM traffic but is not counted, as in STREAM itself.
/// </summary>
/// <remarks>
/// With <c>inPlace</c>, the loop is a[i] = a[i] + s·c[i] instead (reads a, c; writes a; 12 bytes): the access pattern of
/// an optimizer step, which reads every line it writes and so pays no write-allocate read. SGD's step, x ← x − η g, is
/// exactly this loop; it is a tighter bound for the in-place steps than the classic triad (on the development machine
/// it runs about 1.5× the classic triad's counted bandwidth).
/// </remarks>
public sealed class TriadLoop : ITimedLoop
{
    private const int ShortLength = 16_384;

    /// <summary>The in-place loop's s: small, so that a stays of order 1 over thousands of calls.</summary>
    private const float InPlaceScalar = 1e-6f;

    private readonly float[] _a;
    private readonly float[] _b;
    private readonly float[] _c;
    private readonly bool _inPlace;

    /// <summary>Allocates and fills the triad's arrays of <paramref name="length"/> floats.</summary>
    /// <param name="length">The number of elements.</param>
    /// <param name="seed">The seed of the values.</param>
    /// <param name="inPlace">a ← a + s·c (no b) instead of a ← b + s·c.</param>
    public TriadLoop(int length, int seed, bool inPlace = false)
    {
        _inPlace = inPlace;
        _a = new float[length];
        _b = new float[inPlace ? 0 : length];
        _c = new float[length];
        if (inPlace)
        {
            var random = new System.Random(seed);
            for (int i = 0; i < length; i++)
            {
                _a[i] = (float)random.NextDouble();
                _c[i] = (float)random.NextDouble();
            }
        }
        else
        {
            AdamWLoops.FillTriad(_a, _b, _c, seed);
        }
    }

    /// <inheritdoc/>
    public string Name => _inPlace ? "InPlaceTriad" : "StreamTriad";

    /// <inheritdoc/>
    public long Elements => _a.Length;

    /// <inheritdoc/>
    public long Bytes => Elements * AdamWLoops.TriadBytesPerElement;

    /// <inheritdoc/>
    public void Run()
    {
        if (_inPlace)
        {
            InPlaceTriad(_a, _c, InPlaceScalar);
        }
        else
        {
            AdamWLoops.StreamTriad(_a, _b, _c, AdamWLoops.TriadScalar);
        }
    }

    /// <inheritdoc/>
    public void RunShort()
    {
        if (_inPlace)
        {
            InPlaceTriad(_a.AsSpan(0, ShortLength), _c.AsSpan(0, ShortLength), InPlaceScalar);
        }
        else
        {
            AdamWLoops.StreamTriad(_a.AsSpan(0, ShortLength), _b.AsSpan(0, ShortLength), _c.AsSpan(0, ShortLength), AdamWLoops.TriadScalar);
        }
    }

    /// <summary>a[i] = a[i] + s·c[i]: the shared in-place triad kernel (<see cref="InPlaceTriadLoop.Triad"/>), the one <c>sdedsl bench</c> times.</summary>
    private static void InPlaceTriad(Span<float> a, ReadOnlySpan<float> c, float s) => InPlaceTriadLoop.Triad(a, c, s);
}
