using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using SdeDsl.Checks;
using SdeDsl.Runs;
using Spectre.Console;

namespace SdeDsl.Cli.Commands;

/// <summary>
/// <c>sdedsl check MODEL</c>: the one-step moment-matching check of a model's SDE against its update, at η and at η/2
/// with the η-free parameters held fixed (1 − β scales with η, so ρ = (1 − β)/η stays; the warm-up doubles its steps so
/// that t = kη stays), and a verdict per state: a relative mismatch that is within noise at both η, or that halves
/// (shrinks by a factor ≥ 1.4) with η, passes; the variance of a state the SDE does not diffuse passes when it is O(η²)
/// (shrinks by ≥ 2.8).
/// </summary>
internal static class CheckCommand
{
    /// <summary>A mismatch within this many standard errors is noise.</summary>
    public const double NoiseZ = 5;

    /// <summary>An order-1 mismatch shrinks by 2 when η halves; this is the least factor that passes.</summary>
    public const double MinShrink = 1.4;

    /// <summary>The variance of a step that the SDE does not diffuse passes when it is O(η²), the order weak order 1
    /// allows: it shrinks by 4 when η halves; this is the least factor that passes (2 is the order a diffusion would
    /// have to carry).</summary>
    public const double MinSecondOrderShrink = 2.8;

    public static Command Build(AppIO io)
    {
        var model = new Argument<string>("model") { Description = "The model: a catalog name (see 'sdedsl list') or a type of --assembly." };
        var assembly = ModelOptions.Assembly();
        var set = ModelOptions.Set();
        var objective = ModelOptions.Objective();
        var noise = ModelOptions.Noise();
        var eta = new Option<double>("--eta") { Description = "The learning rate η of the first check (the second runs at η/2).", Required = true };
        var samples = new Option<int>("--samples") { Description = "Samples of the one-step increment.", DefaultValueFactory = _ => 200_000 };
        var warmUp = new Option<long>("--warmup") { Description = "Discrete steps to a typical state before the check at η (2× at η/2).", DefaultValueFactory = _ => 100 };
        var rates = new Option<string>("--rate-params")
        {
            Description = "Hyperparameters written as 1 − ηρ, whose 1 − value scales with η (default: every hyperparameter named Beta…); 'none' for none.",
        };
        var x0 = ModelOptions.X0();
        var init = ModelOptions.Init();
        var seed = ModelOptions.Seed();
        var command = new Command("check", "One-step moment matching of a model's SDE against its update at η and η/2, with a verdict.");
        command.Arguments.Add(model);
        foreach (Option option in new Option[] { assembly, set, objective, noise, eta, samples, warmUp, rates, x0, init, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandLineApp.Guard(io, parse, () =>
        {
            ModelCatalog catalog = ArgumentParsing.Catalog(parse.GetValue(assembly) ?? []);
            ModelInfo info = catalog.Find(parse.GetValue(model)!, "model");
            if (!info.HasUpdate || !info.HasSde)
            {
                throw new ArgumentException($"{info.Name} needs both an [Update] and an SDE to be checked.", "model");
            }

            double step = parse.GetValue(eta);
            if (!(step > 0) || !double.IsFinite(step))
            {
                throw new ArgumentException($"{step} must be finite and > 0.", "--eta");
            }

            ArgumentParsing.AtLeast(parse.GetValue(samples), 2, "--samples");
            ArgumentParsing.AtLeast(parse.GetValue(warmUp), 0, "--warmup");
            SortedDictionary<string, double> hypers = ArgumentParsing.Hyperparameters(parse.GetValue(set) ?? []);
            if (info.FindHyperparameter("Eta") is null)
            {
                throw new ArgumentException($"{info.Name} has no Eta hyperparameter to halve.", "--eta");
            }

            if (hypers.Keys.FirstOrDefault(k => string.Equals(k, "Eta", StringComparison.OrdinalIgnoreCase)) is { } setEta && hypers[setEta] != step)
            {
                // --eta sets Eta (and its half); a different --set value would be dropped without a word.
                throw new ArgumentException($"{setEta} = {hypers[setEta].ToString(CultureInfo.InvariantCulture)} differs from --eta {step.ToString(CultureInfo.InvariantCulture)}; "
                    + "check sets Eta from --eta: leave it out of --set.", "--set");
            }

            string[] rateNames = RateParameters(info, parse.GetValue(rates));
            var reports = new List<MomentMatchingReport>();
            foreach (int factor in new[] { 1, 2 })
            {
                var scaled = new SortedDictionary<string, double>(hypers, StringComparer.Ordinal);
                foreach (string key in scaled.Keys.Where(k => string.Equals(k, "Eta", StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    scaled.Remove(key);
                }

                scaled["Eta"] = step / factor;
                foreach (string name in rateNames)
                {
                    string key = scaled.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                        ?? throw new ArgumentException($"{name} is not set: give it with --set so it can be scaled.", "--rate-params");
                    scaled[key] = 1 - ((1 - scaled[key]) / factor);
                }

                var run = new RunDescription
                {
                    Model = info.Type.FullName!,
                    Hyperparameters = scaled,
                    Objective = parse.GetValue(objective)!,
                    Noise = parse.GetValue(noise)!,
                    Paths = parse.GetValue(samples),
                    Steps = 1,
                    TimeStep = step / factor,
                    Seed = parse.GetValue(seed),
                    RecordSteps = [1],
                    InitialX = ArgumentParsing.List(parse.GetValue(x0)!, "--x0"),
                    InitialStates = ArgumentParsing.InitialStates(parse.GetValue(init) ?? []) is { Count: > 0 } states ? states : null,
                };
                MomentMatchingReport report = RunExecutor.Check(run, catalog, parse.GetValue(warmUp) * factor);
                io.Out.WriteLine($"At η = {step / factor:G6} ({Describe(scaled)}):");
                io.Out.WriteLine(report.ToString());
                io.Out.WriteLine();
                reports.Add(report);
            }

            return Verdict(io, reports[0], reports[1]) ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    private static string[] RateParameters(ModelInfo info, string? given)
    {
        if (given is null)
        {
            return info.Hyperparameters.Where(h => h.Name.StartsWith("Beta", StringComparison.OrdinalIgnoreCase)).Select(h => h.Name).ToArray();
        }

        if (string.Equals(given.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        string[] names = given.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            // Beta1,Beta1 scaled (1 − β1) twice and failed a right SDE.
            throw new ArgumentException($"{twice.Key} is named twice; each hyperparameter is scaled once.", "--rate-params");
        }

        foreach (string name in names)
        {
            if (info.FindHyperparameter(name) is null)
            {
                throw new ArgumentException($"{info.Name} has no hyperparameter '{name}'.", "--rate-params");
            }
        }

        return names;
    }

    private static string Describe(IReadOnlyDictionary<string, double> hypers) =>
        string.Join(", ", hypers.Select(h => $"{h.Key} = {h.Value.ToString("G6", CultureInfo.InvariantCulture)}"));

    /// <summary>
    /// The variance of a state the SDE does not diffuse (V in the RMSprop and Adam SDEs): the SDE predicts none, so its
    /// relative mismatch is about 1 at every η and says nothing. Weak order 1 needs the step's variance to be O(η²)
    /// there, so that is what is judged: the largest coordinate's measured variance at η over that at η/2.
    /// </summary>
    private static (bool Pass, string Verdict, double Shrink) UndiffusedVariance(StateMoments atEta, StateMoments atHalf)
    {
        double shrink = atEta.MeasuredVariance.ToArray().Max() / atHalf.MeasuredVariance.ToArray().Max();
        return shrink >= MinSecondOrderShrink
            ? (true, $"not diffused; the step's variance is O(η²) (×{shrink:F2}), as weak order 1 allows", shrink)
            : (false, $"not diffused, but the step's variance is not O(η²) (×{shrink:F2} < {MinSecondOrderShrink}): it needs a diffusion", shrink);
    }

    /// <summary>Within noise at both η, or a relative mismatch that shrinks at least <see cref="MinShrink"/>× as η halves;
    /// the shrink is the one the verdict judged, which the table prints.</summary>
    private static (bool Pass, string Verdict, double Shrink) Judge(double relA, double zA, double relB, double zB, string failure)
    {
        double shrink = relA / relB;
        return (zA <= NoiseZ && zB <= NoiseZ) ? (true, "matches within noise", shrink)
            : shrink >= MinShrink ? (true, $"mismatch shrinks with η (×{shrink:F2})", shrink)
            : (false, $"{failure} (×{shrink:F2} < {MinShrink})", shrink);
    }

    /// <summary>Prints a verdict per state and moment, and per pair of diffused states; true when every one passes.</summary>
    internal static bool Verdict(AppIO io, MomentMatchingReport atEta, MomentMatchingReport atHalf)
    {
        var table = new Table().Title("Verdict: does the SDE match the update to first order in η?");
        foreach (string column in new[] { "state", "moment", "rel. mismatch at η", "z", "at η/2", "z", "shrink", "verdict" })
        {
            table.AddColumn(column);
        }

        bool all = true;
        for (int s = 0; s < atEta.States.Count; s++)
        {
            StateMoments a = atEta.States[s], b = atHalf.States[s];
            foreach ((string moment, double relA, double zA, double relB, double zB) in new[]
            {
                ("mean", a.RelativeMeanMismatch, a.MeanZScore, b.RelativeMeanMismatch, b.MeanZScore),
                ("variance", a.RelativeVarianceMismatch, a.VarianceZScore, b.RelativeVarianceMismatch, b.VarianceZScore),
            })
            {
                bool undiffusedVariance = moment == "variance" && !a.IsDiffused;
                // An undiffused variance is judged by how the variance itself shrinks, and the table shows that ratio.
                (bool pass, string verdict, double shrink) = undiffusedVariance && !(zA <= NoiseZ && zB <= NoiseZ) ? UndiffusedVariance(a, b)
                    : Judge(relA, zA, relB, zB, "mismatch does not shrink with η");
                AddRow(a.Name, moment, relA, zA, relB, zB, shrink, pass, verdict, pass && undiffusedVariance ? "yellow" : null);
            }
        }

        // Two diffused states: the SDE drives them with independent Brownian motions, so it predicts no covariance.
        for (int c = 0; c < atEta.Cross.Count; c++)
        {
            CrossMoments a = atEta.Cross[c], b = atHalf.Cross[c];
            (bool pass, string verdict, double shrink) = Judge(a.RelativeCovarianceMismatch, a.CovarianceZScore, b.RelativeCovarianceMismatch,
                b.CovarianceZScore, "the update's noise correlates them, and the SDE's independent Brownian motions leave that out");
            AddRow(a.First + "×" + a.Second, "covariance", a.RelativeCovarianceMismatch, a.CovarianceZScore, b.RelativeCovarianceMismatch,
                b.CovarianceZScore, shrink, pass, verdict, null);
        }

        void AddRow(string name, string moment, double relA, double zA, double relB, double zB, double shrink, bool pass, string verdict, string? colour)
        {
            all &= pass;
            table.AddRow(Markup.Escape(name), moment, $"{relA:G3}", $"{zA:F1}", $"{relB:G3}", $"{zB:F1}", double.IsNaN(shrink) ? "—" : $"{shrink:F2}",
                $"[{colour ?? (pass ? "green" : "red")}]{Markup.Escape(verdict)}[/]");
        }

        io.Console.Write(table);
        io.Console.WriteLine(all ? "PASS: every moment matches within noise or converges as η halves."
            : "FAIL: some mismatch does not shrink as η halves: the SDE does not match the update to first order.");
        return all;
    }
}
