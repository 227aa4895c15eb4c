using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using SdeDsl.Ensembles;
using SdeDsl.Runs;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--targets</c>: every speed target of the SDE kernels (docs/performance.md) in one table, measured at the
/// process's <see cref="Vector{T}"/> width and, where the CPU has AVX-512 and this process runs narrower, again in a
/// child process started with <c>DOTNET_MaxVectorTBitWidth=512</c> (the width is fixed when the runtime starts, so it
/// takes a process of its own). The figures come from the same measurements as <c>--sde-ratios</c>, <c>--normals</c>,
/// <c>--signsgd-sde</c> and <c>--ensemble --sde-only</c>, each round-robin against its own triad or reference.
/// <c>--torch</c> adds the ratios to PyTorch's one-thread forms (runs <c>torch/signsgd_sde_bench.py</c> once, with
/// <c>--python PATH</c>, default /usr/bin/python3). <c>--assembly PATH</c> and <c>--model NAME</c> choose the models as in
/// <c>--sde-ratios</c> (a user's model gets its row), <c>--rounds N</c> the ensemble rounds (default 5), <c>--no-512</c>
/// skips the second column. Progress goes to standard error, the table to standard output.
/// </summary>
public static class Targets
{
    private const string ChildFlag = "--as-child";

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        bool child = args.Contains(ChildFlag);
        Column here = Measure(args, Console.Error);
        if (child)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(here));
            return 0;
        }

        Column? wide = null;
        if (!args.Contains("--no-512") && Vector512.IsHardwareAccelerated && Vector<byte>.Count < Vector512<byte>.Count)
        {
            wide = MeasureInChild(args);
        }

        Dictionary<string, double>? torch = args.Contains("--torch") ? MeasureTorch(args) : null;
        Print(wide is null ? [here] : [here, wide], torch, Console.Out);
        return 0;
    }

    /// <summary>The figures of one process: its vector width, machine line, loads, and every value by key.</summary>
    public sealed record Column(int VectorBits, string Machine, string LoadBefore, string LoadAfter, Dictionary<string, double> Values, List<string> Models);

    private static Column Measure(string[] args, TextWriter progress)
    {
        int bits = Vector<byte>.Count * 8;
        string loadBefore = RoundRobin.LoadAverage();
        var values = new Dictionary<string, double>();
        ModelInfo[] models = SdeStepRatios.Models(args);

        progress.WriteLine($"[{bits}-bit] 1/4 catalog SDE steps against the triad ({models.Length} models × 3 argument ranges)…");
        SdeStepRatios.Result steps = SdeStepRatios.Measure(models);
        values["triad:ns"] = steps.Triad.Ns;
        foreach (SdeStepRatios.ModelRow row in steps.Models)
        {
            values[$"model:{row.Name}:ratio"] = row.Ratio;
            values[$"model:{row.Name}:perState"] = row.RatioPerState;
            values[$"model:{row.Name}:spread"] = row.Spread;
        }

        if (steps.SignSgdWithNormals is { } normals)
        {
            values["signsgd:normals"] = normals.Ratio;
        }

        progress.WriteLine($"[{bits}-bit] 2/4 Philox fills…");
        IReadOnlyList<SdeStepRatios.Timing> fills = NormalRatios.Measure(out IReadOnlyList<string> fillNames);
        for (int j = 0; j < fills.Count; j++)
        {
            values[$"fill:{fillNames[j]}"] = fills[j].Ns;
        }

        progress.WriteLine($"[{bits}-bit] 3/4 SignSGD step as the torch scripts time it (10M coordinates)…");
        Dictionary<string, double>? signSgd = SignSgdSdeTiming.Measure(progress);
        if (signSgd is null)
        {
            throw new InvalidOperationException("The SignSGD variants that must agree bit for bit do not; see above.");
        }

        foreach ((string key, double ns) in signSgd)
        {
            values[$"signsgd-sde:{key}"] = ns;
        }

        progress.WriteLine($"[{bits}-bit] 4/4 AdamW SDE ensembles, float and double, 1 thread and every core…");
        string[] ensembleArgs = [.. args.Where(static a => a != ChildFlag), "--sde-only", .. args.Contains("--rounds") ? Array.Empty<string>() : ["--rounds", "5"]];
        foreach (EnsembleThroughput.Configuration c in EnsembleThroughput.Measure(ensembleArgs, progress, ownDrawsOnEveryCore: false))
        {
            string threads = c.Threads == 1 ? "1" : "all";
            values[$"ensemble:{c.Precision}:{threads}"] = EnsembleThroughput.Median(c.Wall) / 1e6;
        }

        return new Column(bits, RoundRobin.MachineLine(), loadBefore, RoundRobin.LoadAverage(), values, [.. steps.Models.Select(static m => m.Name)]);
    }

    /// <summary>This program again with <c>DOTNET_MaxVectorTBitWidth=512</c>; its progress shares our standard error.</summary>
    private static Column MeasureInChild(string[] args)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Targets).Assembly.Location);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add(ChildFlag);
        start.Environment["DOTNET_MaxVectorTBitWidth"] = "512";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string? json = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || json is null)
        {
            throw new InvalidOperationException($"The 512-bit run failed (exit code {process.ExitCode}).");
        }

        return JsonSerializer.Deserialize<Column>(json) ?? throw new InvalidOperationException("The 512-bit run printed no figures.");
    }

    /// <summary>PyTorch's one-thread ns/element of the SignSGD step's in-place forms, from the torch script's JSON.</summary>
    private static Dictionary<string, double>? MeasureTorch(string[] args)
    {
        string python = args.SkipWhile(static a => a != "--python").Skip(1).FirstOrDefault() ?? "/usr/bin/python3";
        string? script = FindUp(Path.Combine("tests", "SdeDsl.Benchmarks", "torch", "signsgd_sde_bench.py"));
        if (script is null || !File.Exists(python))
        {
            Console.Error.WriteLine($"torch: skipped ({(script is null ? "the torch script was not found" : python + " does not exist")}).");
            return null;
        }

        Console.Error.WriteLine($"torch: {python} {script} --threads 1 --json …");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { script, "--threads", "1", "--json", "--elements", SignSgdSdeTiming.Elements.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string? json = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || json is null || !json.StartsWith('{'))
        {
            Console.Error.WriteLine($"torch: the script failed (exit code {process.ExitCode}); is torch installed (apt-get install python3-torch)?");
            return null;
        }

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement forms = document.RootElement.GetProperty("results").GetProperty("1");
        var result = new Dictionary<string, double>();
        foreach (JsonProperty form in forms.EnumerateObject())
        {
            result[form.Name] = form.Value.GetProperty("ns_per_element").GetDouble();
        }

        Console.Error.WriteLine($"torch {document.RootElement.GetProperty("torch").GetString()}: " +
            string.Join(", ", result.Select(static p => $"{p.Key} {p.Value:F3} ns")));
        return result;
    }

    private static string? FindUp(string relative)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>One row of the table: a label, the bound, and how to read it from a column.</summary>
    private sealed record Row(string Label, string Bound, Func<Column, double?> Value, Func<double, bool>? Met, string Format = "F2");

    private static void Print(IReadOnlyList<Column> columns, Dictionary<string, double>? torch, TextWriter output)
    {
        Column first = columns[0];
        int cores = Environment.ProcessorCount;
        var rows = new List<Row>
        {
            // The denominator of the ratios below, so that a slow spell of the machine shows in the table itself.
            new("in-place triad x ← x + a·y over 4M floats, ns per element (the ratios' reference)", "(information)",
                c => Get(c, "triad:ns"), null, "F3"),
            new("SignSGD SDE EM step, float, precomputed noise, grad in [−3σ, 3σ]: × in-place triad", "≤ 3",
                c => Get(c, "model:SignSgd:ratio"), static v => v <= 3),
            new("the same with its normals drawn in the step (chunked in cache): × in-place triad", "≤ 6",
                c => Get(c, "signsgd:normals"), static v => v <= 6),
        };

        foreach (string model in first.Models)
        {
            rows.Add(new($"{model} EM step, float: × in-place triad per state component", "≤ 3", c => Get(c, $"model:{model}:perState"), static v => v <= 3));
        }

        rows.Add(new("largest data-dependent spread (small vs large arguments), any model", "≤ 1.3",
            c => c.Models.Select(m => Get(c, $"model:{m}:spread") ?? 0).DefaultIfEmpty().Max(), static v => v <= 1.3));
        rows.Add(new("float normal (FillNormal), ns per value, one core", "≤ 0.6", c => Get(c, "fill:FillNormal(float)"), static v => v <= 0.6, "F3"));
        rows.Add(new("float normal in the double layout (FillNormalNarrow), ns per value", "(information)", c => Get(c, "fill:FillNormalNarrow(float)"), null, "F3"));
        if (torch is not null)
        {
            rows.Add(new("torch in-place form / C# EM step, precomputed noise, 1 thread", "≥ 5",
                c => torch.TryGetValue("in-place", out double t) && Get(c, "signsgd-sde:em_precomputed_noise") is { } cs ? t / cs : null, static v => v >= 5));
            rows.Add(new("torch in-place form with normal_ / C# step drawing its normals (chunked), 1 thread", "≥ 8",
                c => torch.TryGetValue("in-place+normal_", out double t) && Get(c, "signsgd-sde:chunked_fill_normal_and_em") is { } cs ? t / cs : null, static v => v >= 8));
        }

        rows.Add(new("AdamW SDE ensemble (4,096 paths × d = 16), float, 1 thread: M path-steps/s", "≥ 45", c => Get(c, $"ensemble:{EnsemblePrecision.Single}:1"), static v => v >= 45));
        if (cores > 1)
        {
            rows.Add(new($"the same on {cores} threads: × 1 thread", "≥ 1.8",
                c => Get(c, $"ensemble:{EnsemblePrecision.Single}:all") / Get(c, $"ensemble:{EnsemblePrecision.Single}:1"), static v => v >= 1.8));
        }

        rows.Add(new("the same in double, 1 thread: M path-steps/s (15 when the targets were set)", "≥ 15", c => Get(c, $"ensemble:{EnsemblePrecision.Double}:1"), static v => v >= 15));
        rows.Add(new("the same in float with its own draws (SingleOwnDraws: not the double run's paths), 1 thread: M path-steps/s", "(information)",
            c => Get(c, $"ensemble:{EnsemblePrecision.SingleOwnDraws}:1"), null, "F2"));

        output.WriteLine();
        output.WriteLine(first.Machine.Replace($", Vector<float>.Count = {first.VectorBits / 32}", "", StringComparison.Ordinal));
        foreach (Column c in columns)
        {
            output.WriteLine($"{c.VectorBits}-bit Vector<T> run: load average {c.LoadBefore} before, {c.LoadAfter} after.");
        }

        if (torch is null)
        {
            output.WriteLine("(torch rows: add --torch, with PyTorch installed: apt-get install python3-torch.)");
        }

        output.WriteLine();
        output.WriteLine("| target | bound | " + string.Join(" | ", columns.Select(Header)) + " |");
        output.WriteLine("|---|---|" + string.Concat(columns.Select(static _ => "---:|")));
        int met = 0, missed = 0;
        foreach (Row row in rows)
        {
            var cells = new List<string>();
            foreach (Column c in columns)
            {
                double? value = row.Value(c);
                if (value is not { } v || double.IsNaN(v))
                {
                    cells.Add("n/a");
                    continue;
                }

                string verdict = row.Met is null ? "" : row.Met(v) ? " met" : " **missed**";
                if (row.Met is not null)
                {
                    _ = row.Met(v) ? met++ : missed++;
                }

                cells.Add(Shown(v, row.Format, row.Met) + verdict);
            }

            output.WriteLine($"| {row.Label} | {row.Bound} | {string.Join(" | ", cells)} |");
        }

        output.WriteLine();
        output.WriteLine($"{met} met, {missed} missed (over every column).");
    }

    /// <summary>The value in the row's format ("F" and a number of decimals), with more decimals where the rounded
    /// figure would read as the other verdict (1.797 against ≥ 1.8 shows as 1.797, not as a missed 1.80), and all its
    /// digits if nine decimals are not enough.</summary>
    private static string Shown(double value, string format, Func<double, bool>? met)
    {
        string shown = value.ToString(format, CultureInfo.InvariantCulture);
        if (met is null || format.Length < 2 || format[0] != 'F' || !int.TryParse(format.AsSpan(1), CultureInfo.InvariantCulture, out int digits))
        {
            return shown;
        }

        while (met(double.Parse(shown, CultureInfo.InvariantCulture)) != met(value))
        {
            if (++digits > 9)
            {
                return value.ToString("R", CultureInfo.InvariantCulture);
            }

            shown = value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return shown;
    }

    private static string Header(Column column) =>
        column.VectorBits == 512 && Vector<byte>.Count < 64 ? "512-bit (DOTNET_MaxVectorTBitWidth=512)" : $"{column.VectorBits}-bit Vector<T>";

    private static double? Get(Column column, string key) => column.Values.TryGetValue(key, out double value) ? value : null;
}
