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
            Description = "Coordinates per step, a multiple of " + KernelBench.ChunkLength + " (default 4M: far larger than the caches, as a model's state is).",
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
            if (n < KernelBench.ChunkLength || n % KernelBench.ChunkLength != 0)
            {
                throw new ArgumentException($"{n} is not a positive multiple of {KernelBench.ChunkLength}.", "--elements");
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
            foreach (string name in names.Distinct(StringComparer.Ordinal))
            {
                ModelInfo info = catalog.Find(name, "--model");
                chosen.Add((info, Hyperparameters(info, overrides)));
            }

            foreach (string key in overrides.Keys)
            {
                if (!chosen.Any(c => c.Item1.FindHyperparameter(key) is not null))
                {
                    throw new ArgumentException($"no timed model has a hyperparameter '{key}'.", "--set");
                }
            }

            BenchResult result = io.Interactive
                ? io.Console.Status().Start("timing", context => KernelBench.Measure(chosen, n, r, phase => context.Status(Markup.Escape(phase)), cancellationToken))
                : KernelBench.Measure(chosen, n, r, static _ => { }, cancellationToken);
            Print(io, result);
            if (parse.GetValue(json) is { } path)
            {
                WriteJson(path, result);
                io.Console.WriteLine($"wrote {path}");
            }

            return ExitCodes.Success;
        })));
        return command;
    }

    /// <summary>The results as JSON at <paramref name="path"/>, its folder created if need be; a path that cannot be
    /// written is a bad --json.</summary>
    private static void WriteJson(string path, BenchResult result)
    {
        try
        {
            string full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"'{path}' cannot be written: {e.Message}", "--json", e);
        }
    }

    /// <summary>Typical values for the model's hyperparameters, then the --set values of those it has.</summary>
    private static Dictionary<string, double> Hyperparameters(ModelInfo model, IReadOnlyDictionary<string, double> overrides)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (HyperparameterInfo hyper in model.Hyperparameters)
        {
            double value = Typical.TryGetValue(hyper.Name, out double typical) && hyper.Allows(typical)
                ? typical
                : new[] { 0.5, 1.0, 0.01, hyper.Min + 1, hyper.Max - 0.5 }.First(v => hyper.Allows(v));
            values[hyper.Name] = value;
        }

        foreach ((string key, double value) in overrides)
        {
            if (model.FindHyperparameter(key) is { } hyper)
            {
                values[hyper.Name] = value;
            }
        }

        return values;
    }

    private static void Print(AppIO io, BenchResult result)
    {
        var table = new Table().Title($"sdedsl bench: {result.Elements:N0} coordinates, one core, {result.Rounds} rounds round-robin, medians");
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
        io.Console.WriteLine(result.Machine);
        io.Console.WriteLine($"Load average (1, 5, 15 min): {result.LoadBefore} before, {result.LoadAfter} after.");
        io.Console.WriteLine("SDE steps: precomputed noise, gradients uniform in [−3σ, 3σ]. Targets and how to read these ratios: docs/performance.md; "
            + "every target in one table: dotnet run -c Release --project tests/SdeDsl.Benchmarks -- --targets.");
    }
}
