using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SdeDsl.Cli.Bench;

/// <summary>
/// The in-place triad x ← x + a·y over n floats (12 bytes per element: x read and written, y read), the reference of
/// every "× triad" ratio: a kernel at memory speed does about this much per element.
/// </summary>
public sealed class InPlaceTriadLoop : ITimedLoop
{
    private const int ShortLength = 16_384;

    /// <summary>a: small, so that x stays where it started over many calls.</summary>
    private const float Scalar = 1e-6f;

    private readonly float[] _x;
    private readonly float[] _y;

    /// <summary>x and y of <paramref name="length"/> floats, uniform in [0, 1) from <paramref name="seed"/>.</summary>
    /// <param name="name">The name printed in the tables.</param>
    /// <param name="length">Elements per call.</param>
    /// <param name="seed">The seed of the values.</param>
    public InPlaceTriadLoop(string name, int length, int seed)
    {
        Name = name;
        _x = new float[length];
        _y = new float[length];
        var random = new Random(seed);
        for (int i = 0; i < length; i++)
        {
            _x[i] = (float)random.NextDouble();
            _y[i] = (float)random.NextDouble();
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public long Elements => _x.Length;

    /// <inheritdoc/>
    public long Bytes => Elements * 12;

    /// <inheritdoc/>
    public void Run() => Triad(_x, _y, Scalar);

    /// <inheritdoc/>
    public void RunShort() => Triad(_x.AsSpan(0, Math.Min(ShortLength, _x.Length)), _y.AsSpan(0, Math.Min(ShortLength, _y.Length)), Scalar);

    /// <summary>x ← x + s·y, in <see cref="Vector{T}"/> steps and a scalar tail (x and y of one length).</summary>
    /// <param name="x">Read and written.</param>
    /// <param name="y">Read.</param>
    /// <param name="s">The scalar.</param>
    public static void Triad(Span<float> x, ReadOnlySpan<float> y, float s)
    {
        int n = x.Length;
        var sv = new Vector<float>(s);
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        int width = Vector<float>.Count;
        int i = 0;
        for (; i <= n - width; i += width)
        {
            nuint offset = (nuint)i;
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref xRef, offset) + (sv * Vector.LoadUnsafe(ref yRef, offset)), ref xRef, offset);
        }

        for (; i < n; i++)
        {
            x[i] += s * y[i];
        }
    }
}
