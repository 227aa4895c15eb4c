using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.Intrinsics;
using Xunit;

namespace SdeDsl.Cli.Tests;

/// <summary>
/// The same run gives the same bits whatever width the runtime gives <see cref="System.Numerics.Vector{T}"/>: the
/// tool runs in child processes with <c>DOTNET_MaxVectorTBitWidth</c> = 128 (which any x64 or Arm64 machine honours),
/// the default, and where the CPU has AVX-512 also at 512 and with AVX-512 switched off (<c>DOTNET_EnableAVX512=0</c>,
/// an AVX2 machine), and the CSV files must be equal byte for byte. A cluster mixes such
/// machines (an AVX-512 server started with 512-bit vectors, an AVX2 one, an Arm one), and the objectives' sums
/// (f of a quadratic, the logistic loss over its examples, an MLP's layers) once summed lane by lane in
/// <c>Vector&lt;T&gt;</c> lanes, so their f differed in the last bits from one width to another.
/// </summary>
public sealed class VectorWidthTests
{
    public static readonly TheoryData<string, string[]> Runs = new()
    {
        // f of a quadratic in d = 16 (a reduction over coordinates), both runs, float state.
        // (At 300 paths × 60 steps the float run's f happened to agree at 128 and 256 bits before the fix; at this size it did not.)
        { "SignSgd", ["--set", "Eta=0.01", "--objective", "quadratic:1,2,3,0.5*13", "--noise", "gaussian:1", "--precision", "single", "--paths", "512", "--steps", "200"] },
        // The logistic loss over 50 examples (its padding and its sum over examples), an Adam-type SDE.
        { "AdamW", ["--set", "Eta=0.01,Beta1=0.9,Beta2=0.999,Eps=1e-8", "--objective", "logistic:50:7", "--noise", "minibatch:5", "--t0", "0.01", "--paths", "300", "--steps", "60"] },
        // An MLP's layers, both runs.
        { "Sgd", ["--set", "Eta=0.01", "--objective", "mlp:40:5:6", "--noise", "minibatch:4", "--paths", "300", "--steps", "60"] },
        // The logistic loss's diagonal Hessian, read by a higher-order integrator.
        { "Sgd", ["--set", "Eta=0.01", "--objective", "logistic:50:7", "--noise", "gaussian:0.5", "--sde", "--integrator", "weak2", "--paths", "300", "--steps", "60"] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void ARunGivesTheSameBitsAtEveryVectorWidth(string model, string[] options)
    {
        // (what the run is called, its environment): 128-bit Vector<T> first, the reference.
        var runs = new List<(string Name, Dictionary<string, string> Environment)>
        {
            ("128 bits", new() { ["DOTNET_MaxVectorTBitWidth"] = "128" }),
            ("the default width", new()),
        };
        if (Vector512.IsHardwareAccelerated)
        {
            runs.Add(("512 bits", new() { ["DOTNET_MaxVectorTBitWidth"] = "512" }));

            // The same machine without AVX-512, as an AVX2 one: the float kernels' table lookups take their
            // AVX2-only path there.
            runs.Add(("AVX2 without AVX-512", new() { ["DOTNET_EnableAVX512"] = "0" }));
        }

        string? reference = null;
        foreach ((string name, Dictionary<string, string> environment) in runs)
        {
            string csv = Simulate(model, options, environment);
            if (reference is null)
            {
                reference = csv;
            }
            else
            {
                Assert.True(reference == csv, $"{model}: the CSV at {name} differs from the one at 128 bits.");
            }
        }
    }

    /// <summary>The CSV of <c>sdedsl simulate</c> run by the tool built beside this test, in a process with
    /// <paramref name="environment"/> added to this one's (without its own vector-width setting).</summary>
    private static string Simulate(string model, string[] options, Dictionary<string, string> environment)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "SdeDsl.Cli.dll");
        string output = Path.Combine(Path.GetTempPath(), "sdedsl-width-" + Guid.NewGuid().ToString("N"));
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { tool, "simulate", model, "--seed", "7", "--observables", "f,|x|^2", "--out", output })
            {
                start.ArgumentList.Add(arg);
            }

            foreach (string option in options)
            {
                start.ArgumentList.Add(option);
            }

            start.Environment.Remove("DOTNET_MaxVectorTBitWidth");
            foreach ((string name, string value) in environment)
            {
                start.Environment[name] = value;
            }

            using Process process = Process.Start(start)!;
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "sdedsl simulate did not end within 2 minutes");
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {stdout}{stderr.Result}");
            return File.ReadAllText(Path.Combine(output, model + ".csv"));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
