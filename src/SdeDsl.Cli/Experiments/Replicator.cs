using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using SdeDsl.Ensembles;
using SdeDsl.Runs;
using Spectre.Console;

namespace SdeDsl.Cli.Experiments;

/// <summary>
/// Runs experiments one after another: plans each, runs its ensembles with one aggregate progress bar, analyzes,
/// prints its table of checks, and rewrites results.json and report.md after each experiment — so that a cancelled
/// run leaves what finished.
/// </summary>
internal sealed class Replicator(AppIO io, ModelCatalog catalog, ExperimentSettings settings, string outputDirectory, Commands.RunBackend backend)
{
    public const string ToleranceRule = "|measured − predicted| ≤ max(relative tolerance × |predicted|, 5 standard errors); each check says which was larger";

    /// <summary>Runs the experiments; returns the result written (Canceled when <paramref name="cancellationToken"/> fired).</summary>
    public ReplicationResult Run(IReadOnlyList<IExperiment> experiments, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var records = new List<ExperimentRecord>();
        var seconds = new List<double>();
        bool canceled = false;
        foreach (IExperiment experiment in experiments)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                records.Add(RunOne(experiment, cancellationToken));
                seconds.Add(clock.Elapsed.TotalSeconds);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                canceled = true;
                break;
            }

            PrintChecks(records[^1], seconds[^1]);
            Write(records, seconds, canceled: false);
        }

        return Write(records, seconds, canceled);
    }

    private ExperimentRecord RunOne(IExperiment experiment, CancellationToken cancellationToken)
    {
        IReadOnlyList<RunDescription> runs = experiment.Plan(settings);
        long total = runs.Sum(r => r.Paths * r.Steps);
        var results = new List<EnsembleResult>();
        var record = new ExperimentRecord
        {
            Id = experiment.Id,
            Title = experiment.Title,
            Parameters = experiment.Parameters.ToDictionary(
                p => p.Name,
                p => settings.Overrides.TryGetValue(p.Name, out double[]? values) ? string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) : p.DefaultFor(settings.Quick)),
            Figures = [],
            Tables = [],
            Runs = runs,
            Checks = [],
            Notes = "",
        };
        try
        {
            WorkProgress.Run(io, progress =>
            {
                WorkProgress.Job job = progress.Start($"{experiment.Id} {experiment.Name} ({runs.Count} runs)", total);
                foreach (RunDescription run in runs)
                {
                    results.Add(backend.Run(run, catalog, settings.Threads, job.ForRun(run.Paths * run.Steps), cancellationToken));
                }

                job.Complete();
                return 0;
            });
        }
        catch (EnsembleDivergedException e)
        {
            // A diverged run fails its experiment, in results.json and report.md too, and the others still run: the
            // run used to end the command with results.json silent about it (and "passed": true if the earlier ones had).
            RunDescription run = runs[results.Count];
            io.Error.WriteLine($"{experiment.Id}: the run diverged: {e.Message}");
            var failure = new CheckResult(run.Model, run.Kind == RunKind.Optimizer ? "optimizer" : "sde", "divergence",
                new Dictionary<string, object>(), double.NaN, null, null, null, null, false, "the run diverged: " + e.Message);
            return record with { Checks = [failure], Notes = $"Run {results.Count + 1} of {runs.Count} diverged; nothing was analyzed." };
        }

        var artifacts = new ArtifactWriter(outputDirectory, experiment.Id);
        ExperimentOutput output = experiment.Analyze(settings, runs, results, artifacts);
        return record with { Figures = output.Figures, Tables = output.Tables, Checks = output.Checks, Notes = output.Notes };
    }

    private void PrintChecks(ExperimentRecord record, double seconds)
    {
        var table = new Table().Title($"{record.Id}: {record.Title} ({seconds:F1} s)");
        foreach (string column in new[] { "model", "source", "quantity", "parameters", "measured ± SE", "predicted", "tolerance", "result" })
        {
            table.AddColumn(column);
        }

        foreach (CheckResult check in record.Checks)
        {
            table.AddRow(
                Markup.Escape(check.Model),
                check.Source,
                check.Quantity,
                Markup.Escape(FormatParameters(check.Parameters)),
                check.StandardError is { } se ? $"{check.Measured:G4} ± {se:G2}" : check.Measured.ToString("G4", CultureInfo.InvariantCulture),
                check.Predicted?.ToString("G4", CultureInfo.InvariantCulture) ?? "—",
                check.Tolerance is { } t ? $"{t:G2} ({Markup.Escape(check.ToleranceRule ?? "")})" : "—",
                check.Passed switch { true => "[green]pass[/]", false => "[red]FAIL[/]", null => "finding" });
        }

        io.Console.Write(table);
        if (record.Notes.Length > 0)
        {
            io.Console.WriteLine(record.Notes);
        }
    }

    internal static string FormatParameters(IReadOnlyDictionary<string, object> parameters) =>
        string.Join(", ", parameters.Select(p => p.Key + "=" + p.Value switch
        {
            double[] list => string.Join(',', list.Select(v => v.ToString("G4", CultureInfo.InvariantCulture))),
            double v => v.ToString("G4", CultureInfo.InvariantCulture),
            _ => Convert.ToString(p.Value, CultureInfo.InvariantCulture),
        }));

    private ReplicationResult Write(IReadOnlyList<ExperimentRecord> records, IReadOnlyList<double> seconds, bool canceled)
    {
        var result = new ReplicationResult
        {
            Version = Version,
            Seed = settings.Seed,
            Quick = settings.Quick,
            Machine = Machine,
            ToleranceRule = ToleranceRule,
            Passed = !canceled && records.All(r => r.Checks.All(c => c.Passed != false)),
            Canceled = canceled,
            Experiments = records,
        };
        File.WriteAllText(Path.Combine(outputDirectory, "results.json"), JsonSerializer.Serialize(result, ResultsJsonOptions));
        File.WriteAllText(Path.Combine(outputDirectory, "report.md"), Report(result, seconds));
        return result;
    }

    private string Report(ReplicationResult result, IReadOnlyList<double> seconds)
    {
        var text = new StringBuilder();
        text.AppendLine("# SdeDsl: the reference experiments").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"sdedsl {result.Version}, seed {result.Seed}, {(result.Quick ? "quick" : "full")} run on {result.Machine}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Tolerance: {ToleranceRule}. Overall: **{(result.Passed ? "every check passed" : result.Canceled ? "cancelled" : "some check failed")}**.").AppendLine();
        for (int e = 0; e < result.Experiments.Count; e++)
        {
            ExperimentRecord record = result.Experiments[e];
            text.AppendLine(CultureInfo.InvariantCulture, $"## {record.Id}: {record.Title}").AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Parameters: {string.Join(", ", record.Parameters.Select(p => $"`--{p.Key} {p.Value}`"))}; {record.Runs.Count} runs, {seconds[e]:F1} s.").AppendLine();
            text.AppendLine("| model | source | quantity | parameters | measured ± SE | predicted | tolerance | result |");
            text.AppendLine("|---|---|---|---|---:|---:|---|---|");
            foreach (CheckResult c in record.Checks)
            {
                string measured = c.StandardError is { } se ? $"{c.Measured:G4} ± {se:G2}" : c.Measured.ToString("G4", CultureInfo.InvariantCulture);
                string[] cells =
                [
                    c.Model, c.Source, c.Quantity, FormatParameters(c.Parameters), measured, c.Predicted?.ToString("G4", CultureInfo.InvariantCulture) ?? "—",
                    c.Tolerance is { } t ? $"{t:G2} ({c.ToleranceRule})" : "—",
                    (c.Passed switch { true => "pass", false => "**FAIL**", null => "finding" }) + (c.Note is null ? "" : " — " + c.Note),
                ];
                text.AppendLine("| " + string.Join(" | ", cells.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
            }

            text.AppendLine();
            if (record.Notes.Length > 0)
            {
                text.AppendLine(record.Notes).AppendLine();
            }

            foreach (string figure in record.Figures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"![{figure}]({figure})").AppendLine();
            }

            text.AppendLine("Curves: " + string.Join(", ", record.Tables.Select(t => $"[{t}]({t})"))).AppendLine();
        }

        return text.ToString();
    }

    /// <summary>As the run descriptions', but a null (a finding's prediction, tolerance and verdict) is written as null,
    /// and so is a NaN or ±∞, which JSON has no number for (they were the strings "NaN" and "Infinity").</summary>
    internal static readonly JsonSerializerOptions ResultsJsonOptions = new(RunDescription.JsonOptions)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        Converters = { new NonFiniteAsNull() },
    };

    private sealed class NonFiniteAsNull : System.Text.Json.Serialization.JsonConverter<double>
    {
        public override bool HandleNull => true;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    public static string Version =>
        typeof(Replicator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Machine =>
        $"{RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, "
        + $"Vector<T> {System.Numerics.Vector<byte>.Count * 8} bits";
}
