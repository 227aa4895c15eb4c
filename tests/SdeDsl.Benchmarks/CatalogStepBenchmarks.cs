using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace SdeDsl.Benchmarks;

/// <summary>
/// The catalog's discrete steps (<see cref="CatalogSteps"/>: float, 10M parameters, one core), one case per model,
/// and a STREAM triad of 280 MB as the case <c>StreamTriad</c> (and an in-place triad, <c>InPlaceTriad</c>, with the
/// steps' read-modify-write access pattern: <see cref="InPlaceTriadLoop"/>), all in one run (each case in its own process, as
/// BenchmarkDotNet runs them). The columns <c>B/param</c>,
/// <c>GB/s</c> and <c>vs triad</c> (<see cref="CatalogBandwidthColumnsAttribute"/>) give each case's bytes per
/// element, its bandwidth from the median time, and that bandwidth over the triad's.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
[CatalogBandwidthColumns]
public class CatalogStepBenchmarks
{
    /// <summary>The name of the triad case.</summary>
    public const string Triad = "StreamTriad";

    /// <summary>The name of the in-place triad case (a ← a + s·c, the steps' access pattern).</summary>
    public const string InPlaceTriad = "InPlaceTriad";

    private ITimedLoop? _loop;

    /// <summary>The model (or <see cref="Triad"/>).</summary>
    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = Triad;

    /// <summary>Every catalog model, then the two triads.</summary>
    public static IEnumerable<string> Models => [.. CatalogSteps.Names, InPlaceTriad, Triad];

    /// <summary>The bytes one element of <paramref name="model"/> loads and stores.</summary>
    public static int BytesPerElement(string model) =>
        model is Triad or InPlaceTriad ? AdamWLoops.TriadBytesPerElement : CatalogSteps.BytesPerParameter(model);

    /// <summary>The elements one call of <paramref name="model"/> processes.</summary>
    public static long Elements(string model) => model is Triad or InPlaceTriad ? AdamWLoops.TriadLength : CatalogSteps.Parameters;

    [GlobalSetup]
    public void Setup() => _loop = Model switch
    {
        Triad => new TriadLoop(AdamWLoops.TriadLength, seed: 54321),
        InPlaceTriad => new InPlaceTriadLoop(InPlaceTriad, AdamWLoops.TriadLength, seed: 4321),
        _ => CatalogSteps.Create(Model),
    };

    [Benchmark]
    public void Step() => _loop!.Run();
}
