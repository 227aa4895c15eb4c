using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace SdeDsl.Cli.Tests;

/// <summary>
/// <c>sdedsl bench</c> on a few cache-sized steps: which rows it prints and writes, that its ratios are the ones its
/// timings give, and its errors. (Its speeds are a benchmark's to report, never a test's to assert.)
/// </summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_TimesEachKernelOfEachModel_AndWritesItsRatios()
    {
        string json = Path.Combine(CliRunner.TempFolder(), "bench.json");
        (int code, string output, string error) = CliRunner.Run("bench", "--model", "MalladiAdam", "--model", "SignSgd", "--elements", "16384", "--rounds", "3", "--json", json);
        Assert.True(code == 0, output + error);
        Assert.Contains("sdedsl bench: 16,384 coordinates", output, StringComparison.Ordinal);

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement root = document.RootElement;
        Assert.Equal(16384, root.GetProperty("elements").GetInt32());
        Assert.Equal(3, root.GetProperty("rounds").GetInt32());
        var rows = root.GetProperty("rows").EnumerateArray().Select(r => (
            Name: r.GetProperty("name").GetString()!,
            Kind: r.GetProperty("kind").GetString()!,
            States: r.GetProperty("states").GetInt32(),
            Ns: r.GetProperty("ns").GetDouble(),
            Min: r.GetProperty("minNs").GetDouble(),
            Max: r.GetProperty("maxNs").GetDouble(),
            Ratio: r.GetProperty("timesTriad").GetDouble(),
            PerState: r.GetProperty("timesTriadPerState").GetDouble())).ToArray();

        // MalladiAdam has an SDE but no update; SignSgd has both; then the two normal fills. The triad is first, at ratio 1.
        Assert.Equal(
            ["in-place triad x ← x + a·y", "MalladiAdam SDE, Euler–Maruyama", "SignSgd update", "SignSgd SDE, Euler–Maruyama",
                "normal variates, float (Philox, Box–Muller)", "normal variates, double"],
            rows.Select(r => r.Name).ToArray());
        Assert.Equal(["reference", "sde", "update", "sde", "normals", "normals"], rows.Select(r => r.Kind).ToArray());
        Assert.Equal(1.0, rows[0].Ratio);
        Assert.Equal(3, rows[1].States);
        foreach (var row in rows)
        {
            Assert.True(double.IsFinite(row.Ns) && row.Min > 0 && row.Min <= row.Ns && row.Ns <= row.Max, $"{row.Name}: {row.Min} ≤ {row.Ns} ≤ {row.Max}");

            // The ratio is the loop's median time over the triad's, from the same rounds: the ns columns give it again.
            Assert.Equal(row.Ns / rows[0].Ns, row.Ratio, 1e-9 * row.Ratio);
            Assert.Equal(row.Ratio / row.States, row.PerState, 12);
            Assert.Contains(row.Name, output, StringComparison.Ordinal);
        }

        // The hyperparameters each model ran with: typical values where --set gave none.
        JsonElement models = root.GetProperty("models");
        Assert.Equal(["SdeDsl.Optimizers.MalladiAdam", "SdeDsl.Optimizers.SignSgd"], models.EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(0.01, models[1].GetProperty("hyperparameters").GetProperty("Eta").GetDouble());
        Assert.Contains("SdeDsl.Optimizers.SignSgd: Eta = 0.01", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_AJsonPathThatCannotBeWritten_IsABadArgument()
    {
        string file = Path.Combine(CliRunner.TempFolder(), "a-file");
        File.WriteAllText(file, "");
        (int code, string output, string error) = CliRunner.Run("bench", "--model", "Sgd", "--elements", "8192", "--rounds", "3", "--json", Path.Combine(file, "bench.json"));
        Assert.Equal(2, code);
        Assert.StartsWith($"error: --json: '{Path.Combine(file, "bench.json")}' cannot be written:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sdedsl bench:", output, StringComparison.Ordinal); // checked before the run, not after it
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Bench_AJsonPathThatIsAFolder_IsABadArgumentBeforeTheRun()
    {
        // With the result moved onto PATH after the run, a folder there failed only then, with a stack trace.
        string folder = Path.Combine(CliRunner.TempFolder(), "dir.json");
        Directory.CreateDirectory(folder);
        (int code, string output, string error) = CliRunner.Run("bench", "--model", "Sgd", "--elements", "8192", "--rounds", "3", "--json", folder);
        Assert.Equal(2, code);
        Assert.Equal($"error: --json: '{folder}' cannot be written: it is a folder.", error.Trim());
        Assert.DoesNotContain("timing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Bench_ACancelledRun_LeavesAnEarlierJsonAsItWas()
    {
        // SIGTERM exited 130 and left a 0-byte file: the JSON was opened (truncated) before the run.
        string json = Path.Combine(CliRunner.TempFolder(), "bench.json");
        File.WriteAllText(json, "{ \"earlier\": true }");
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await SdeDsl.Cli.Commands.CommandLineApp.RunAsync(["bench", "--model", "Sgd", "--elements", "8192", "--rounds", "3", "--json", json],
            SdeDsl.Cli.AppIO.Plain(output, error), new System.Threading.CancellationToken(canceled: true));

        Assert.Equal(130, code);
        Assert.Equal("{ \"earlier\": true }", File.ReadAllText(json));
        Assert.False(File.Exists(json + ".partial"));
    }

    [Fact]
    public void Bench_TimesAModelOnce_HoweverItIsNamed()
    {
        (int code, string output, string error) = CliRunner.Run("bench", "--model", "sgd", "--model", "SdeDsl.Optimizers.Sgd", "--model", "Sgd",
            "--elements", "8192", "--rounds", "3");
        Assert.True(code == 0, output + error);
        Assert.Single(output.Split('\n'), l => l.Contains("Sgd update", StringComparison.Ordinal));
    }

    [Fact]
    public void Bench_TakesItsHyperparametersFromSet_AndChecksTheirRanges()
    {
        (int code, _, string error) = CliRunner.Run("bench", "--model", "SignSgdStudentT", "--set", "Nu=-1", "--elements", "8192", "--rounds", "3");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --set: SignSgdStudentT.Nu = -1 is outside its range (0, ∞).", error, StringComparison.Ordinal);
    }
}
