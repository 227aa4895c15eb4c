using System;
using System.Diagnostics;
using System.Globalization;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Optimizers;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--streaming keep|stream|default PATHS</c>: memory and throughput of a large ensemble — SignSGD's SDE (η = 0.01, σ = 1) on
/// f = x²/2 (d = 1), 100 Euler–Maruyama steps, f and x recorded at every step (101 records, 2 observables), all cores.
/// Prints the peak working set of the process and path-steps per second. Run each mode in its own process, so that the
/// peak is the mode's own:
/// <code>
/// dotnet run -c Release --project tests/SdeDsl.Benchmarks -- --streaming stream 100000000
/// dotnet run -c Release --project tests/SdeDsl.Benchmarks -- --streaming keep 1000000
/// </code>
/// </summary>
public static class StreamingMemory
{
    private const long Steps = 100;

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        int at = Array.IndexOf(args, "--streaming");
        string mode = args.Length > at + 1 ? args[at + 1] : "stream";
        int paths = args.Length > at + 2 ? int.Parse(args[at + 2], CultureInfo.InvariantCulture) : 100_000_000;
        if (mode is not ("keep" or "stream" or "default"))
        {
            Console.Error.WriteLine("usage: --streaming keep|stream|default PATHS");
            return 2;
        }

        var options = new EnsembleOptions
        {
            Paths = paths,
            Steps = Steps,
            InitialX = [1.0],
            Seed = 1,
            TimeStep = 0.01,
            RecordSteps = EnsembleOptions.Every(1, Steps),
            Observables = [Observable.Loss, Observable.Coordinate(0)],
            KeepValues = mode switch { "keep" => true, "stream" => false, _ => null }, // default: keep up to 10⁶ paths
        };
        var clock = Stopwatch.StartNew();
        EnsembleResult result = Ensemble.RunSde(new SignSgd { Eta = 0.01 }, new DiagonalQuadratic([1.0]), new GaussianNoise(1.0, 3), options);
        double seconds = clock.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var f = result.Moments(0, (int)Steps);
        Console.WriteLine($"{mode}: {paths:N0} paths × {Steps} steps, {options.RecordSteps.Count} records × 2 observables, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  E f(T) = {f.Mean:E6} ± {f.StandardError:E2}");
        Console.WriteLine($"  {seconds:F1} s, {paths * Steps / seconds / 1e6:F1} M path-steps/s, peak working set {process.PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB");
        return 0;
    }
}
