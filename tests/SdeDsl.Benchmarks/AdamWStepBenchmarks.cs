using BenchmarkDotNet.Attributes;
using SdeDsl.Tests.Models;

namespace SdeDsl.Benchmarks;

/// <summary>
/// One AdamW step over 10M float parameters, on one core: the generated kernel against a hand-written
/// <see cref="System.Numerics.Vector{T}"/> loop of the same formula (the baseline), a plain scalar loop, and a
/// STREAM triad that moves the same 280 MB (the memory-bandwidth bound).
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class AdamWStepBenchmarks
{
    private AdamW _model;
    private float[] _x = [];
    private float[] _m = [];
    private float[] _v = [];
    private float[] _g = [];
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    [GlobalSetup]
    public void Setup()
    {
        _model = AdamWLoops.Model;
        _x = new float[AdamWLoops.Parameters];
        _m = new float[AdamWLoops.Parameters];
        _v = new float[AdamWLoops.Parameters];
        _g = new float[AdamWLoops.Parameters];
        AdamWLoops.Fill(_x, _m, _v, _g, seed: 12345);
        _a = new float[AdamWLoops.TriadLength];
        _b = new float[AdamWLoops.TriadLength];
        _c = new float[AdamWLoops.TriadLength];
        AdamWLoops.FillTriad(_a, _b, _c, seed: 54321);
    }

    [Benchmark]
    public void Generated() => _model.Step(_x, _m, _v, _g, AdamWLoops.K);

    [Benchmark(Baseline = true)]
    public void HandWrittenVector() => AdamWLoops.HandWrittenVector(_x, _m, _v, _g, _model, AdamWLoops.K);

    [Benchmark]
    public void PlainScalar() => AdamWLoops.PlainScalar(_x, _m, _v, _g, _model, AdamWLoops.K);

    [Benchmark]
    public void StreamTriad() => AdamWLoops.StreamTriad(_a, _b, _c, AdamWLoops.TriadScalar);
}
