using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SdeDsl.Cli.Output;
using SdeDsl.Ensembles;
using SdeDsl.Runs;
using SdeDsl.Statistics;
using Spectre.Console;

namespace SdeDsl.Cli.Commands;

/// <summary>
/// <c>sdedsl simulate MODEL</c>: runs a model's optimizer, its SDE or both on one objective under one noise model, prints
/// E[observable] ± SE over time, and writes CSV, JSON (with the run descriptions) and a PNG.
/// </summary>
internal static class SimulateCommand
{
    public static Command Build(AppIO io)
    {
        var model = new Argument<string>("model") { Description = "The model: a catalog name (see 'sdedsl list') or a type of --assembly." };
        var assembly = ModelOptions.Assembly();
        var set = ModelOptions.Set();
        var objective = ModelOptions.Objective();
        var noise = ModelOptions.Noise();
        var paths = new Option<int>("--paths") { Description = "Independent paths.", DefaultValueFactory = _ => 1000 };
        var steps = new Option<long>("--steps") { Description = "Steps of each path.", DefaultValueFactory = _ => 1000 };
        var dt = new Option<double?>("--dt") { Description = "The SDE's time step (default: the model's Eta; time t = k·dt for both runs)." };
        var t0 = new Option<double>("--t0") { Description = "The SDE's time at step 0, ≥ 0 (Adam-type drifts are singular at t = 0: use --t0 equal to dt).", DefaultValueFactory = _ => 0 };
        var sde = new Option<bool>("--sde") { Description = "Run the SDE only." };
        var optimizer = new Option<bool>("--optimizer") { Description = "Run the optimizer only." };
        var both = new Option<bool>("--both") { Description = "Run both (the default when the model has both)." };
        var integrator = new Option<string>("--integrator") { Description = "The SDE's integrator: em, milstein or weak2.", DefaultValueFactory = _ => "em" };
        var precision = new Option<string>("--precision") { Description = "The state's floating-point type: double, single (float kernels on the double run's draws; statistics stay in double) or single-own-draws (float kernels and float normals of their own: faster SDE runs that no longer follow the double run path by path).", DefaultValueFactory = _ => "double" };
        var every = new Option<long?>("--record-every") { Description = "Record every K steps (default: steps/100)." };
        var observables = new Option<string>("--observables") { Description = "What to record: f, |x|^2, x[i], |s|^2 (comma-separated).", DefaultValueFactory = _ => "f" };
        var x0 = ModelOptions.X0();
        var init = ModelOptions.Init();
        var seed = ModelOptions.Seed();
        var threads = ModelOptions.Threads();
        var output = ModelOptions.Out();
        var cluster = ModelOptions.Cluster();
        var workItemPaths = ModelOptions.WorkItemPaths();
        var maxWorkers = ModelOptions.MaxWorkers();
        var command = new Command("simulate", "Run a model's optimizer and/or SDE ensemble; print E[f] ± SE over time; write CSV, JSON and a PNG.");
        command.Arguments.Add(model);
        foreach (Option option in new Option[] { assembly, set, objective, noise, paths, steps, dt, t0, sde, optimizer, both, integrator, precision, every, observables, x0, init, seed, threads, output, cluster, workItemPaths, maxWorkers })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => System.Threading.Tasks.Task.FromResult(CommandLineApp.Guard(io, parse, () =>
        {
            ModelCatalog catalog = ArgumentParsing.Catalog(parse.GetValue(assembly) ?? []);
            ModelInfo info = catalog.Find(parse.GetValue(model)!, "model");
            SortedDictionary<string, double> hypers = ArgumentParsing.Hyperparameters(parse.GetValue(set) ?? []);
            info.Create(hypers, "--set");
            int flags = (parse.GetValue(sde) ? 1 : 0) + (parse.GetValue(optimizer) ? 1 : 0) + (parse.GetValue(both) ? 1 : 0);
            if (flags > 1)
            {
                throw new ArgumentException("give at most one of --sde, --optimizer, --both.", "--sde");
            }

            var kinds = new List<RunKind>();
            if (parse.GetValue(optimizer) || parse.GetValue(both) || (flags == 0 && info.HasUpdate))
            {
                kinds.Add(RunKind.Optimizer);
            }

            if (parse.GetValue(sde) || parse.GetValue(both) || (flags == 0 && info.HasSde))
            {
                kinds.Add(RunKind.Sde);
            }

            long stepCount = parse.GetValue(steps);
            ArgumentParsing.AtLeast(parse.GetValue(paths), 1, "--paths");
            ArgumentParsing.AtLeast(stepCount, 1, "--steps");
            if (stepCount > EnsembleOptions.MaxSteps)
            {
                throw new ArgumentException($"{stepCount} is above the maximum {EnsembleOptions.MaxSteps} (a draw's step index is 32 bits).", "--steps");
            }

            long recordEvery = parse.GetValue(every) ?? Math.Max(1, stepCount / 100);
            ArgumentParsing.AtLeast(recordEvery, 1, "--record-every");
            double timeStep = parse.GetValue(dt) ?? DefaultTimeStep(info, hypers);
            if (!(timeStep > 0) || !double.IsFinite(timeStep))
            {
                throw new ArgumentException($"{timeStep} must be finite and > 0.", "--dt");
            }

            string[] recorded = parse.GetValue(observables)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (recorded.Length == 0)
            {
                throw new ArgumentException("give at least one of f, |x|^2, x[i], s[i], |s|^2.", "--observables");
            }

            ArgumentParsing.AtLeast(parse.GetValue(threads), 0, "--threads"); // 0: every core, as in replicate
            double startTime = parse.GetValue(t0);
            if (!(startTime >= 0) || !double.IsFinite(startTime))
            {
                throw new ArgumentException($"{startTime} must be finite and ≥ 0: the SDE's time stands for the optimizer's k·η.", "--t0");
            }

            var runs = kinds.Select(kind => new RunDescription
            {
                Model = info.Type.FullName!,
                Hyperparameters = hypers,
                Objective = parse.GetValue(objective)!,
                Noise = parse.GetValue(noise)!,
                Kind = kind,
                Integrator = ArgumentParsing.Integrator(parse.GetValue(integrator)!),
                Precision = ArgumentParsing.Precision(parse.GetValue(precision)!),
                Paths = parse.GetValue(paths),
                Steps = stepCount,
                TimeStep = timeStep,
                StartTime = kind == RunKind.Sde ? startTime : 0,
                Seed = parse.GetValue(seed),
                RecordSteps = EnsembleOptions.Every(recordEvery, stepCount),
                Observables = recorded,
                InitialX = ArgumentParsing.List(parse.GetValue(x0)!, "--x0"),
                InitialStates = ArgumentParsing.InitialStates(parse.GetValue(init) ?? []) is { Count: > 0 } states ? states : null,
            }).ToList();

            foreach (RunDescription run in runs)
            {
                // An integrator the objective or the noise cannot serve fails here, not after the optimizer run.
                RunExecutor.Validate(run, catalog);
            }

            ArgumentParsing.WritableFolder(parse.GetValue(output)!);
            string[] assemblies = (parse.GetValue(assembly) ?? []).Select(System.IO.Path.GetFullPath).ToArray();
            using var backend = RunBackend.Create(parse.GetValue(cluster), assemblies, parse.GetValue(workItemPaths), parse.GetValue(maxWorkers), cancellationToken);
            var results = WorkProgress.Run(io, progress => runs.Select(run =>
            {
                WorkProgress.Job job = progress.Start($"{info.Name} {run.Kind.ToString().ToLowerInvariant()}", run.Paths * run.Steps);
                EnsembleResult result = backend.Run(run, catalog, parse.GetValue(threads), job.ForRun(run.Paths * run.Steps), cancellationToken);
                job.Complete();
                return result;
            }).ToList());

            backend.WriteSummary(io);
            Report(io, info, runs, results, parse.GetValue(output)!);
            return ExitCodes.Success;
        })));
        return command;
    }

    private static double DefaultTimeStep(ModelInfo info, IReadOnlyDictionary<string, double> hypers)
    {
        foreach ((string name, double value) in hypers)
        {
            if (string.Equals(name, "Eta", StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new ArgumentException($"{info.Name} has no Eta set: give the SDE's time step.", "--dt");
    }

    private static void Report(AppIO io, ModelInfo info, IReadOnlyList<RunDescription> runs, IReadOnlyList<EnsembleResult> results, string directory)
    {
        Directory.CreateDirectory(directory);
        var csv = new CsvTable("source", "observable", "step", "time", "mean", "standard_error");
        var series = new List<Series>();
        var jsonSeries = new List<object>();
        var table = new Table().Title($"{info.Name}: mean ± standard error over {runs[0].Paths} paths");
        table.AddColumn("step");
        table.AddColumn("time");
        for (int r = 0; r < runs.Count; r++)
        {
            for (int o = 0; o < results[r].Observables.Count; o++)
            {
                table.AddColumn(Markup.Escape($"{runs[r].Kind.ToString().ToLowerInvariant()} {results[r].Observables[o]}"));
            }
        }

        int records = results[0].RecordSteps.Count;
        int shown = Math.Min(records, 11);
        var rows = Enumerable.Range(0, shown).Select(i => shown == 1 ? 0 : (int)Math.Round((double)i * (records - 1) / (shown - 1))).Distinct().ToArray();
        var cells = rows.Select(rec => new List<string>
        {
            results[0].RecordSteps[rec].ToString(CultureInfo.InvariantCulture),
            (runs[0].TimeStep * results[0].RecordSteps[rec]).ToString("G4", CultureInfo.InvariantCulture),
        }).ToList();
        for (int r = 0; r < runs.Count; r++)
        {
            string source = runs[r].Kind.ToString().ToLowerInvariant();
            for (int o = 0; o < results[r].Observables.Count; o++)
            {
                var time = new double[records];
                var mean = new double[records];
                var error = new double[records];
                for (int rec = 0; rec < records; rec++)
                {
                    RunningMoments m = results[r].Moments(o, rec);
                    time[rec] = runs[r].StartTime + (runs[r].TimeStep * results[r].RecordSteps[rec]);
                    mean[rec] = m.Mean;
                    error[rec] = runs[r].Paths > 1 ? m.StandardError : 0;
                    csv.Add(source, results[r].Observables[o].ToString(), results[r].RecordSteps[rec], time[rec], mean[rec], error[rec]);
                }

                for (int row = 0; row < rows.Length; row++)
                {
                    cells[row].Add($"{mean[rows[row]]:G5} ± {error[rows[row]]:G2}");
                }

                series.Add(new Series($"{source} E[{results[r].Observables[o]}]", time, mean, error, Markers: false));
                jsonSeries.Add(new { source, observable = results[r].Observables[o].ToString(), steps = results[r].RecordSteps, time, mean, standardError = error });
            }
        }

        foreach (List<string> row in cells)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        io.Console.Write(table);
        string stem = Path.Combine(directory, info.Name);
        csv.Save(stem + ".csv");
        FigureRenderer.SavePng(new FigureSpec($"{info.Name} on {runs[0].Objective}, noise {runs[0].Noise}", "t = k·dt", "mean over paths", series), stem + ".png");
        var json = new Dictionary<string, object>
        {
            ["schema"] = "sdedsl-simulate/1",
            ["runs"] = runs,
            ["series"] = jsonSeries,
        };
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(json, RunDescription.JsonOptions));
        io.Console.WriteLine($"Wrote {stem}.csv, {stem}.json and {stem}.png.");
    }
}
