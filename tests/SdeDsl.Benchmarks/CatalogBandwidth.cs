using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--catalog</c>: bytes moved per second by each catalog model's discrete step (<see cref="CatalogSteps"/>: float,
/// 10M parameters, one core) against the bandwidth of a STREAM triad measured in the same run (and of an in-place triad,
/// the steps' own access pattern: <see cref="InPlaceTriadLoop"/>), interleaved round-robin
/// (<see cref="RoundRobin"/>) and reported as medians. With <c>--json</c> the table goes to standard error and one
/// JSON object to standard output (for <c>torch/adamw_bench.py</c>).
/// </summary>
public static class CatalogBandwidth
{
    private const int Rounds = 15;

    public static int Run(bool json)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        TextWriter report = json ? Console.Error : Console.Out;
        report.WriteLine(RoundRobin.MachineLine());
        string loadBefore = RoundRobin.LoadAverage();

        var loops = new List<ITimedLoop>();
        foreach (string name in CatalogSteps.Names)
        {
            loops.Add(CatalogSteps.Create(name));
        }

        // The triads move about as many bytes as the largest step (AdamW's 280 MB), far beyond any cache. The classic
        // triad is the reference of docs/performance.md's targets; the in-place one has the steps' read-modify-write access pattern.
        var inPlaceTriad = new InPlaceTriadLoop(CatalogStepBenchmarks.InPlaceTriad, AdamWLoops.TriadLength, seed: 4321);
        var triad = new TriadLoop(AdamWLoops.TriadLength, seed: 54321);
        loops.Add(inPlaceTriad);
        loops.Add(triad);

        RoundRobin.WarmUp(loops);
        long allocated = 0;
        foreach (ITimedLoop loop in loops)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            loop.Run();
            allocated = Math.Max(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        double[][] seconds = RoundRobin.Time(loops, Rounds);
        string loadAfter = RoundRobin.LoadAverage();
        double[] median = RoundRobin.Medians(seconds);

        double triadBandwidth = triad.Bytes / median[^1];
        double inPlaceBandwidth = inPlaceTriad.Bytes / median[^2];
        report.WriteLine();
        report.WriteLine($"{CatalogSteps.Parameters / 1e6:F0}M float parameters, k = {CatalogSteps.K}, one core, {Rounds} rounds round-robin " +
            $"after warm-up; medians. Load average (1, 5, 15 min): {loadBefore} before, {loadAfter} after.");
        report.WriteLine();
        report.WriteLine("| model | bytes/param | ms/step (min .. max) | GB/s | ratio to triad | ratio to in-place triad |");
        report.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (int j = 0; j < loops.Count; j++)
        {
            ITimedLoop loop = loops[j];
            (double min, double max) = RoundRobin.Range(seconds[j]);
            double bandwidth = loop.Bytes / median[j];
            long bytesPerElement = loop.Bytes / loop.Elements;
            report.WriteLine($"| {loop.Name} | {bytesPerElement} | {median[j] * 1e3:F2} ({min * 1e3:F2} .. {max * 1e3:F2}) | " +
                $"{bandwidth / 1e9:F2} | {bandwidth / triadBandwidth:F3} | {bandwidth / inPlaceBandwidth:F3} |");
        }

        report.WriteLine();
        report.WriteLine($"StreamTriad: a = b + s*c on {triad.Elements:N0} floats, 12 counted bytes each ({triad.Bytes / 1e6:F0} MB); the " +
            "write-allocate reads of a are not counted, so a step that reads every line it writes (all of these) can exceed ratio 1.");
        report.WriteLine("InPlaceTriad: a = a + s*c, same length and counted bytes: the steps' access pattern (Sgd's step is this loop).");
        report.WriteLine($"Largest allocation of one call after warm-up: {allocated} B");

        if (json)
        {
            WriteJson(loops, seconds, median, triadBandwidth, inPlaceBandwidth, loadBefore, loadAfter, allocated);
        }

        return 0;
    }

    private static void WriteJson(List<ITimedLoop> loops, double[][] seconds, double[] median, double triadBandwidth,
        double inPlaceBandwidth, string loadBefore, string loadAfter, long allocated)
    {
        using Stream stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            writer.WriteString("mode", "catalog");
            writer.WriteNumber("parameters", CatalogSteps.Parameters);
            writer.WriteNumber("rounds", Rounds);
            writer.WriteString("load_before", loadBefore);
            writer.WriteString("load_after", loadAfter);
            writer.WriteNumber("triad_gb_per_s", triadBandwidth / 1e9);
            writer.WriteNumber("in_place_triad_gb_per_s", inPlaceBandwidth / 1e9);
            writer.WriteNumber("allocated_bytes", allocated);
            writer.WriteStartArray("loops");
            for (int j = 0; j < loops.Count; j++)
            {
                (double min, double max) = RoundRobin.Range(seconds[j]);
                writer.WriteStartObject();
                writer.WriteString("name", loops[j].Name);
                writer.WriteNumber("bytes_per_element", loops[j].Bytes / loops[j].Elements);
                writer.WriteNumber("elements", loops[j].Elements);
                writer.WriteNumber("ms_median", median[j] * 1e3);
                writer.WriteNumber("ms_min", min * 1e3);
                writer.WriteNumber("ms_max", max * 1e3);
                writer.WriteNumber("gb_per_s", loops[j].Bytes / median[j] / 1e9);
                writer.WriteNumber("ratio_to_triad", loops[j].Bytes / median[j] / triadBandwidth);
                writer.WriteNumber("ratio_to_in_place_triad", loops[j].Bytes / median[j] / inPlaceBandwidth);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }
}
