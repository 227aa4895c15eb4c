using System;
using BenchmarkDotNet.Attributes;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Benchmarks;

/// <summary>
/// Normal variates per second on one core: <see cref="PhiloxStream.FillNormal(Span{float}, long, long, long)"/> and
/// the double overload, 2^20 values per operation (so ns/op ÷ 1,048,576 = ns per normal; target ≤ 1 ns per float
/// normal), with the raw Philox words and the uniforms for reference. 2^20 floats (4 MB) exceed L2, so the stores
/// go to memory as they would in a simulation.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class RandomBenchmarks
{
    /// <summary>Values per operation.</summary>
    public const int Count = 1 << 20;

    private readonly PhiloxStream _stream = new(20240601, 0);
    private float[] _floats = [];
    private double[] _doubles = [];
    private uint[] _words = [];
    private long _step;

    [GlobalSetup]
    public void Setup()
    {
        _floats = new float[Count];
        _doubles = new double[Count];
        _words = new uint[Count];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public void NormalFloat() => _stream.FillNormal(_floats, 0, ++_step);

    [Benchmark(OperationsPerInvoke = Count)]
    public void NormalDouble() => _stream.FillNormal(_doubles, 0, ++_step);

    [Benchmark(OperationsPerInvoke = Count)]
    public void UniformFloat() => _stream.FillUniform(_floats, 0, ++_step);

    [Benchmark(OperationsPerInvoke = Count)]
    public void RawWords() => _stream.FillUInt32(_words, 0, ++_step);

    [Benchmark(OperationsPerInvoke = Count)]
    public void StudentTDouble() => _stream.FillStudentT(_doubles, 3.0, 0, ++_step);
}
