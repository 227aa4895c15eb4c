using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace SdeDsl.Benchmarks;

/// <summary>
/// Nanoseconds per element of the float vector <see cref="SdeMath.StudentTCdf(Vector{float}, Vector{float})"/> and
/// <see cref="SdeMath.StudentTPdf(Vector{float}, Vector{float})"/> over a 2^20-element array, arguments uniform on
/// [−6, 6], for integral ν (1, 3 and 10: a power of 1 + x²/ν, no logarithm or exp) and non-integral ν (3.5: the
/// logarithm and the exp), so that the two paths of docs/accuracy.md are timed side by side. ν is resolved once, as a
/// generated kernel does (<see cref="Kernels.StudentTDegrees"/>, its table built in the setup, outside the timing); the
/// "PerVector" rows pass ν as a vector instead, which checks that every lane holds the same ν and looks its table up
/// at each call, the cost a hand-written loop over the public overloads pays.
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class StudentTBenchmarks
{
    /// <summary>Elements per operation.</summary>
    public const int Count = 1 << 20;

    private float[] _x = [];
    private float[] _y = [];
    private Kernels.StudentTDegrees _degrees;

    /// <summary>The degrees of freedom.</summary>
    [Params(1f, 3f, 3.5f, 10f)]
    public float Nu { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(20261206);
        _x = new float[Count];
        _y = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            _x[i] = (float)(-6.0 + (12.0 * rng.NextDouble()));
        }

        _degrees = Kernels.StudentTDegrees.Of<float>(Nu);
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void CdfVectorFloat()
    {
        for (int i = 0; i + Vector<float>.Count <= _x.Length; i += Vector<float>.Count)
        {
            Kernels.VectorMath.StudentTCdf(new Vector<float>(_x, i), in _degrees).CopyTo(_y, i);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void PdfVectorFloat()
    {
        for (int i = 0; i + Vector<float>.Count <= _x.Length; i += Vector<float>.Count)
        {
            Kernels.VectorMath.StudentTPdf(new Vector<float>(_x, i), in _degrees).CopyTo(_y, i);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void CdfPerVectorFloat()
    {
        var nu = new Vector<float>(Nu);
        for (int i = 0; i + Vector<float>.Count <= _x.Length; i += Vector<float>.Count)
        {
            SdeMath.StudentTCdf(new Vector<float>(_x, i), nu).CopyTo(_y, i);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void PdfPerVectorFloat()
    {
        var nu = new Vector<float>(Nu);
        for (int i = 0; i + Vector<float>.Count <= _x.Length; i += Vector<float>.Count)
        {
            SdeMath.StudentTPdf(new Vector<float>(_x, i), nu).CopyTo(_y, i);
        }
    }
}
