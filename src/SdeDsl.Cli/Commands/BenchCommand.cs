using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SdeDsl.Cli.Bench;
using SdeDsl.Runs;
using Spectre.Console;

namespace SdeDsl.Cli.Commands;

/// <summary>
/// <c>sdedsl bench</c>: the quick speed ratios of this machine (<see cref="KernelBench"/>): each chosen model's generated
/// float update and SDE step, and the normal variates, against an in-place triad timed in the same rounds.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The models timed when no --model is given.</summary>
    public static readonly string[] DefaultModels = ["AdamW", "SignSgd"];

    /// <summary>Hyperparameter values for timing, by name (case-insensitive); --set overrides them.</summary>
    private static readonly Dictionary<string, double> Typical = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Eta"] = 0.01, ["Beta"] = 0.99, ["Beta1"] = 0.9, ["Beta2"] = 0.999, ["Eps"] = 1e-8, ["WeightDecay"] = 0.01,
        ["Nu"] = 3.0, ["Sigma0"] = 1.0,
    };

    public static Command Build(AppIO io)
    {
        var models = new Option<string[]>("--model")
        {
            Description = "A model to time (repeatable): a catalog name (see 'sdedsl list') or a type of --assembly. Default: " + string.Join(" and ", DefaultModels) + ".",
        };
        var assembly = ModelOptions.Assembly();
        var set = new Option<string[]>("--set")
        {
            Description = "Hyperparameters, NAME=VALUE[,…], for every timed model that has them. Others take typical values (Eta 0.01, Beta1 0.9, Beta2 0.999, Eps 1e-8, Nu 3, …).",
        };
        var elements = new Option<int>("--elements")
        {
            Description = "Coordinates per step, a multiple of " + KernelBench.ChunkLength + " up to 2^26 (default 4M: far larger than the caches, as a model's state is).",
            DefaultValueFactory = _ => 4 << 20,
        };
        var rounds = new Option<int>("--rounds") { Description = "Timed rounds after the warm-up; medians are reported.", DefaultValueFactory = _ => 11 };
        var json = new Option<string?>("--json") { Description = "Also write the results to this JSON file." };
        var command = new Command("bench", "Time the generated float kernels of chosen models and the normal variates against an in-place triad, on one core, and print the ratios.");
        foreach (Option option in new Option[] { models, assembly, set, elements, rounds, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => System.Threading.Tasks.Task.FromResult(CommandLineApp.Guard(io, parse, () =>
        {
            int n = parse.GetValue(elements);
            if (n < KernelBench.ChunkLength || n % KernelBench.ChunkLength != 0 || n > MaxElements)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{n} is not a multiple of {KernelBench.ChunkLength} from {KernelBench.ChunkLength} to {MaxElements}."), "--elements");
            }

            int r = parse.GetValue(rounds);
            if (r < 3)
            {
                throw new ArgumentException($"{r} is below the minimum 3.", "--rounds");
            }

            ModelCatalog catalog = ArgumentParsing.Catalog(parse.GetValue(assembly) ?? []);
            string[] names = parse.GetValue(models) is { Length: > 0 } given ? given : DefaultModels;
            SortedDictionary<string, double> overrides = ArgumentParsing.Hyperparameters(parse.GetValue(set) ?? []);
            var chosen = new List<(ModelInfo, IReadOnlyDictionary<string, double>)>();
            foreach (ModelInfo info in names.Select(name => catalog.Find(name, "--model")).DistinctBy(static info => info.Type))
            {
                Dictionary<string, double> values = Hyperparameters(info, overrides);
                info.Create(values, "--set"); // checks the ranges now, before any file is written or loop timed
                chosen.Add((info, values));
            }

            foreach (string key in overrides.Keys)
            {
                if (!chosen.Any(c => c.Item1.FindHyperparameter(key) is not null))
                {
                    throw new ArgumentException($"no timed model has a hyperparameter '{key}'.", "--set");
                }
            }

            int states = chosen.Max(static c => c.Item1.States.Count);
            if ((long)states * n > Array.MaxLength)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{n} coordinates of {states} states do not fit in one array."), "--elements");
            }

            // The JSON is written to PATH.partial, opened before the run so that a path that cannot be written fails at
            // once, and moved onto PATH when the run has finished: a cancelled run (Ctrl+C, SIGTERM) used to leave PATH
            // empty, an earlier result wiped.
            string? jsonPath = parse.GetValue(json);
            FileStream? jsonFile = jsonPath is null ? null : OpenJson(jsonPath);
            try
            {
                io.Console.WriteLine($"timing {chosen.Count} model(s) and the normals against an in-place triad, {r} rounds…");
                BenchResult result;
                try
                {
                    result = KernelBench.Measure(chosen, n, r, cancellationToken);
                }
                catch (Exception e) when (e is OutOfMemoryException || e.InnerException is OutOfMemoryException)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the buffers of {n} coordinates do not fit in memory: give fewer."), "--elements", e);
                }

                Print(io, result);
                if (jsonFile is not null)
                {
                    JsonSerializer.Serialize(jsonFile, result, JsonOptions);
                    jsonFile.Dispose();
                    string full = Path.GetFullPath(jsonPath!);
                    try
                    {
                        File.Move(jsonFile.Name, full, overwrite: true);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        throw new ArgumentException($"'{jsonPath}' cannot be written: {e.Message}", "--json", e);
                    }

                    io.Console.WriteLine($"wrote {full}");
                }

                return ExitCodes.Success;
            }
            finally
            {
                jsonFile?.Dispose();
                if (jsonFile is not null && File.Exists(jsonFile.Name))
                {
                    File.Delete(jsonFile.Name);
                }
            }
        })));
        return command;
    }

    /// <summary>The largest --elements: 2^26 coordinates, 256 MB per float array (the default models then take about
    /// 4 GB: inputs, normals, the triad's arrays and each loop's states).</summary>
    public const int MaxElements = 1 << 26;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // ←, ·, – as themselves
    };

    /// <summary>Creates (or truncates) PATH.partial, the JSON file until the run has finished, its folder created if need
    /// be; a path that cannot be written is a bad --json.</summary>
    private static FileStream OpenJson(string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                // The result is moved onto PATH after the run: a folder there would fail only then.
                throw new IOException("it is a folder.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            return new FileStream(full + ".partial", FileMode.Create, FileAccess.Write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"'{path}' cannot be written: {(e is ArgumentException a ? CommandLineApp.Message(a) : e.Message)}", "--json", e);
        }
    }

    /// <summary>The --set values of the hyperparameters the model has; for the others a typical value (<see cref="Typical"/>),
    /// else one inside the range: ½, 1, 0.01, the middle of a bounded range, or one past a bound.</summary>
    private static Dictionary<string, double> Hyperparameters(ModelInfo model, IReadOnlyDictionary<string, double> overrides)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (HyperparameterInfo hyper in model.Hyperparameters)
        {
            string? given = overrides.Keys.FirstOrDefault(k => k.Equals(hyper.Name, StringComparison.OrdinalIgnoreCase));
            if (given is not null)
            {
                values[hyper.Name] = overrides[given];
                continue;
            }

            double[] candidates = [Typical.GetValueOrDefault(hyper.Name, double.NaN), 0.5, 1.0, 0.01, (hyper.Min + hyper.Max) / 2, hyper.Min + 1, hyper.Max - 1];
            double[] allowed = [.. candidates.Where(v => !double.IsNaN(v) && hyper.Allows(v))]; // NaN: no typical value
            if (allowed.Length == 0)
            {
                throw new ArgumentException($"{model.Name}.{hyper.Name} ∈ {hyper.Range} has no typical value: give it one.", "--set");
            }

            values[hyper.Name] = allowed[0];
        }

        return values;
    }

    private static void Print(AppIO io, BenchResult result)
    {
        var table = new Table().Title(string.Create(CultureInfo.InvariantCulture,
            $"sdedsl bench: {result.Elements:N0} coordinates, one core, {result.Rounds} rounds round-robin, medians"));
        table.AddColumn("kernel (float)");
        table.AddColumn(new TableColumn("ns per element (min … max)").RightAligned());
        table.AddColumn(new TableColumn("× triad").RightAligned());
        table.AddColumn(new TableColumn("× triad per state").RightAligned());
        foreach (BenchRow row in result.Rows)
        {
            string unit = row.Kind == "normals" ? " per value" : "";
            table.AddRow(
                Markup.Escape(row.Name),
                Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{row.Ns:F3} ({row.MinNs:F3} … {row.MaxNs:F3}){unit}")),
                row.Kind == "reference" ? "1" : row.TimesTriad.ToString("F2", CultureInfo.InvariantCulture),
                row.Kind is "update" or "sde" ? row.TimesTriadPerState.ToString("F2", CultureInfo.InvariantCulture) : "");
        }

        io.Console.Write(table);
        foreach (BenchModel model in result.Models)
        {
            io.Console.WriteLine(model.Name + ": " + string.Join(", ", model.Hyperparameters.Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Key} = {h.Value:R}"))));
        }

        io.Console.WriteLine(result.Machine);
        io.Console.WriteLine($"Load average (1, 5, 15 min): {result.LoadBefore} before, {result.LoadAfter} after.");
        io.Console.WriteLine("SDE steps: precomputed noise, gradients uniform in [−3σ, 3σ]. Targets and how to read these ratios: docs/performance.md; "
            + "every target in one table: dotnet run -c Release --project tests/SdeDsl.Benchmarks -- --targets.");
    }
}
