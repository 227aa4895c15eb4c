using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using SdeDsl.Cli.Experiments;
using SdeDsl.Runs;

namespace SdeDsl.Cli.Commands;

/// <summary><c>sdedsl replicate [E1 … E7]</c>: the reference experiments with their figures, curves and checks.</summary>
internal static class ReplicateCommand
{
    /// <summary>The parameter overrides, by option name (without dashes), and what they mean, with the experiments that
    /// read each (from their <see cref="IExperiment.Parameters"/>, so that the help cannot drift from them; it once said
    /// E2–E6 for σ, which E1 and E7 read too).</summary>
    public static readonly (string Name, string Meaning)[] Overrides =
    [
        ("sigma", "noise scales σ" + ReadBy("sigma")),
        ("eta", "learning rate η" + ReadBy("eta")),
        ("lambda", "the Hessian's diagonal λ_1, …, λ_d" + ReadBy("lambda")),
        ("nu", "Student-t degrees of freedom ν" + ReadBy("nu")),
        ("gamma", "decoupled weight decays γ" + ReadBy("gamma")),
        ("beta1", "β1 of Adam(W)" + ReadBy("beta1")),
        ("beta2", "β2 of Adam(W), β of RMSprop(W)" + ReadBy("beta2")),
        ("kappa", "batch-size factors κ" + ReadBy("kappa")),
    ];

    /// <summary>" (E1, E2, …)": the experiments that read the override <paramref name="name"/>, or nothing when every one does.</summary>
    private static string ReadBy(string name)
    {
        string[] readers = ExperimentCatalog.All.Where(e => e.Parameters.Any(p => p.Name == name)).Select(e => e.Id).ToArray();
        return readers.Length == ExperimentCatalog.All.Count ? "" : $" ({string.Join(", ", readers)})";
    }

    public static Command Build(AppIO io)
    {
        var experiments = new Argument<string[]>("experiments")
        {
            Description = "Which experiments to run (E1 … E7); all when none is named.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var quick = new Option<bool>("--quick") { Description = "Fewer paths (about 20 s on 2 cores, against a few minutes for the full set); still checks every closed form, at the tolerance each check states." };
        var output = ModelOptions.Out();
        var seed = ModelOptions.Seed();
        var threads = ModelOptions.Threads();
        var cluster = ModelOptions.Cluster();
        var workItemPaths = ModelOptions.WorkItemPaths();
        var maxWorkers = ModelOptions.MaxWorkers();
        var paths = new Option<int?>("--paths") { Description = "Paths per run, replacing each experiment's choice (standard errors scale with it)." };
        var command = new Command("replicate", Help())
        {
            experiments, quick, output, seed, threads, paths, cluster, workItemPaths, maxWorkers,
        };
        var overrideOptions = Overrides.Select(o => new Option<string>("--" + o.Name) { Description = $"Override: {o.Meaning}; comma-separated values." }).ToList();
        foreach (Option<string> option in overrideOptions)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => System.Threading.Tasks.Task.FromResult(CommandLineApp.Guard(io, parse, () =>
        {
            IReadOnlyList<IExperiment> selected = ExperimentCatalog.Select(parse.GetValue(experiments) ?? []);
            var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
            foreach (Option<string> option in overrideOptions)
            {
                if (parse.GetValue(option) is { } text)
                {
                    string name = option.Name.TrimStart('-');
                    if (!selected.Any(e => e.Parameters.Any(p => p.Name == name)))
                    {
                        // "replicate E2 --nu 3" ran E2 and ignored --nu without a word.
                        string readers = string.Join(", ", ExperimentCatalog.All.Where(e => e.Parameters.Any(p => p.Name == name)).Select(e => e.Id));
                        throw new ArgumentException($"no experiment chosen reads it ({readers} {(readers.Contains(',', StringComparison.Ordinal) ? "do" : "does")}).", option.Name);
                    }

                    values[name] = ArgumentParsing.List(text, option.Name);
                }
            }

            if (parse.GetValue(paths) is { } p)
            {
                ArgumentParsing.AtLeast(p, 2, "--paths");
            }

            ArgumentParsing.AtLeast(parse.GetValue(threads), 0, "--threads");
            var settings = new ExperimentSettings
            {
                Quick = parse.GetValue(quick),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                Paths = parse.GetValue(paths),
                Overrides = values,
            };
            ModelCatalog catalog = ArgumentParsing.Catalog([]);
            foreach (IExperiment experiment in selected)
            {
                try
                {
                    // Every run of every experiment is checked before anything runs, overrides included.
                    foreach (RunDescription run in experiment.Plan(settings))
                    {
                        RunExecutor.Validate(run, catalog);
                    }
                }
                catch (ArgumentException e) when (values.Count > 0 && !CommandLineApp.Message(e).StartsWith("--", StringComparison.Ordinal))
                {
                    // The defaults plan valid runs, so the overrides made this one: name the override the error is about,
                    // else every override given (the run description's own fields, objective, steps, … mean nothing to
                    // the user: --lambda -1 was reported as --objective).
                    string option = e.ParamName is { } name && values.ContainsKey(name) ? "--" + name : string.Join(", ", values.Keys.Select(k => "--" + k));
                    throw new ArgumentException($"{experiment.Id}: {CommandLineApp.Message(e)}", option, e);
                }
            }

            string directory = parse.GetValue(output)!;
            ArgumentParsing.WritableFolder(directory);
            using var backend = RunBackend.Create(parse.GetValue(cluster), [], parse.GetValue(workItemPaths), parse.GetValue(maxWorkers), cancellationToken);
            ReplicationResult result = new Replicator(io, catalog, settings, directory, backend).Run(selected, cancellationToken);
            backend.WriteSummary(io);
            io.Out.WriteLine($"Wrote {System.IO.Path.Combine(directory, "results.json")} and report.md.");
            if (result.Canceled)
            {
                io.Error.WriteLine("cancelled: results.json holds the experiments that finished.");
                return ExitCodes.Canceled;
            }

            int failed = result.Experiments.Sum(e => e.Checks.Count(c => c.Passed == false));
            int total = result.Experiments.Sum(e => e.Checks.Count(c => c.Passed is not null));
            io.Out.WriteLine(failed == 0 ? $"All {total} checks passed." : $"{failed} of {total} checks FAILED.");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
        })));
        return command;
    }

    private static string Help()
    {
        var text = new System.Text.StringBuilder("Reproduce the reference experiments: figures (PNG), curves (CSV), results.json and report.md in --out. Experiments and the overrides they read:");
        foreach (IExperiment e in ExperimentCatalog.All)
        {
            text.Append($"\n  {e.Id} {e.Title}: ").Append(string.Join(", ", e.Parameters.Select(p => $"--{p.Name} (default {p.ShownDefault})")));
        }

        return text.ToString();
    }
}
