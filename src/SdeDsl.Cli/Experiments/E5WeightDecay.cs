using System;
using System.Collections.Generic;
using System.Linq;
using SdeDsl.Cli.Output;
using SdeDsl.Ensembles;
using SdeDsl.Runs;
using SdeDsl.Statistics;

namespace SdeDsl.Cli.Experiments;

/// <summary>
/// E5: decoupled weight decay bounds the stationary loss. AdamW and RMSpropW (β = β2), optimizer and SDE, on
/// f = ½ Σ λ_i x_i² with Gaussian noise σ I, over σ and γ, against docs/math.md (Adam-type methods) (ε → 0): Var X_i = (η/2)/(λ_i/σ + γ) and
/// E f = (η/4) Σ λ_i σ/(λ_i + γσ) — linear in σ at γ = 0 (Adam), bounded by η Tr H/(4γ) for γ &gt; 0.
/// <para><b>Protocol</b> (<see cref="Stationary.AdaptiveTimes"/>, the theory tests'): x0 = 0, burn-in 4·max(τ, η/(1 − β2))
/// with τ = 1/(λ_min/σ + γ), then 21 records over max(2τ, 5) time units; one value per path (f and |x|² per copy
/// averaged over the records), so SE = sd/√paths. Both SDEs run Euler–Maruyama at dt = η; AdamW's from t0 = η
/// (its drift is singular at 0). Checked: E f and the mean per-coordinate variance |x|²/d (Cov X is diagonal).</para>
/// <para><b>Tolerance</b> max(3 %, 5 SE) (quick mode, 128 paths: 5 SE dominates, ≈ 4–8 %), except AdamW with γ &gt; 0, where the
/// relative tolerance is 3 % + γ/(ρ1 + γ), ρ1 = (1 − β1)/η: the closed form drops the momentum's lag, and the
/// linearized SDE (v ≡ σ²) solves exactly to Var X = (η/2)/(λ/σ + γ) · ρ1/(ρ1 + γ) (Lyapunov equation of (X, M)), a
/// bias of −γ/(ρ1 + γ) = −0.99 % at the defaults (the tests measured −0.9 %), −4 % at γ = 4. Other biases, measured
/// in the tests: RMSpropW's chain +0.05 … +0.1 % (AR(1) at a = ηr), Jensen on 1/√v ≲ 0.05 %. The exact stationary
/// variance of the linearized discrete AdamW chain (computed separately) is 0.991 × the closed form at γ = 1 and
/// 0.965 at γ = 4 (allowances 0.990, 0.962).</para>
/// <para><b>Finding: AdamW's SDE does not reach the closed form at β1 = 0.9.</b> Its x-drift uses
/// M + ηρ1(∇f − M) = β1 M + (1 − β1)∇f, so only β1 of the gradient noise reaches X; the linearized SDE solves exactly to
/// the closed form × β1²ρ1/(ρ1 + (1 − β1)λ/σ + γ) (<see cref="Theory.AdamWSdeStationaryFactor"/>: 0.809 at σ = 1, γ = 0;
/// 0.801 at γ = 1), and a first run measured 0.805 and 0.798 (±1 %). The closed form is the limit 1 − β1 = ηρ1 → 0 of
/// the SDE, which the discrete AdamW reaches at any β1. So the SDE rows are checked against that exact value (3 %,
/// 5 SE) and a finding row reports the SDE's ratio to the closed form.</para>
/// </summary>
internal sealed class E5WeightDecay() : Experiment("E5", "weight-decay",
    "AdamW / RMSpropW: weight decay bounds the stationary loss")
{
    public override IReadOnlyList<ExperimentParameter> Parameters { get; } =
    [
        new("sigma", "1,4,16", "noise scales σ swept (Σ = σ² I)", QuickDefault: "1,4"),
        new("gamma", "0,1", "decoupled weight decays γ swept"),
        .. Stationary.AdaptiveParameters,
    ];

    private static readonly string[] Models = ["AdamW", "RmsPropW"];

    private static readonly string[] Sources = ["optimizer", "sde"];

    private sealed record Setting(double[] Sigma, double[] Gamma, double Eta, double Beta1, double Beta2, double[] Lambda);

    private static Setting Read(ExperimentSettings s)
    {
        (double eta, double beta1, double beta2, double[] lambda) = Stationary.ReadAdaptive(s);
        return new(s.List("sigma", s.Quick ? [1, 4] : [1, 4, 16]), s.List("gamma", [0, 1]), eta, beta1, beta2, lambda);
    }

    private static Dictionary<string, double> Hypers(string model, Setting p, double gamma) => model == "AdamW"
        ? new() { ["Eta"] = p.Eta, ["Beta1"] = p.Beta1, ["Beta2"] = p.Beta2, ["Eps"] = 0, ["WeightDecay"] = gamma }
        : new() { ["Eta"] = p.Eta, ["Beta"] = p.Beta2, ["Eps"] = 0, ["WeightDecay"] = gamma };

    public override IReadOnlyList<RunDescription> Plan(ExperimentSettings settings)
    {
        Setting p = Read(settings);
        int copies = Stationary.Copies(p.Lambda.Length), paths = settings.PathsOr(256, 128);
        string objective = Stationary.Quadratic(p.Lambda, copies);
        var runs = new List<RunDescription>();
        ulong seed = settings.Seed * 1000;
        foreach (double gamma in p.Gamma)
        {
            foreach (double sigma in p.Sigma)
            {
                (double burnIn, double window) = Stationary.AdaptiveTimes(p.Lambda.Min(), sigma, gamma, p.Eta, p.Beta2);
                foreach (string model in Models)
                {
                    runs.Add(Stationary.AdaptiveRun(model, Hypers(model, p, gamma), objective, sigma, RunKind.Optimizer, burnIn, window, paths, ++seed));
                    runs.Add(Stationary.AdaptiveRun(model, Hypers(model, p, gamma), objective, sigma, RunKind.Sde, burnIn, window, paths, ++seed));
                }
            }
        }

        return runs;
    }

    public override ExperimentOutput Analyze(ExperimentSettings settings, IReadOnlyList<RunDescription> runs, IReadOnlyList<EnsembleResult> results, ArtifactWriter artifacts)
    {
        Setting p = Read(settings);
        int d = p.Lambda.Length, copies = Stationary.Copies(d);
        double rho1 = (1 - p.Beta1) / p.Eta;
        var checks = new List<CheckResult>();
        var table = new CsvTable("model", "source", "gamma", "sigma", "loss", "loss_se", "loss_predicted", "loss_closed_form", "variance", "variance_se", "variance_predicted");
        var measured = new Dictionary<(double Gamma, string Key), List<double>>();
        int i = 0;
        foreach (double gamma in p.Gamma)
        {
            foreach (double sigma in p.Sigma)
            {
                var parameters = Stationary.Parameters(("eta", p.Eta), ("sigma", new[] { sigma }), ("gamma", gamma), ("lambda", p.Lambda),
                    ("beta1", p.Beta1), ("beta2", p.Beta2));
                foreach (string model in Models)
                {
                    foreach (string source in Sources)
                    {
                        // AdamW's SDE is checked against its own exact linear value (closed form × β1²ρ1/(ρ1 + (1 − β1)λ/σ + γ));
                        // the AdamW optimizer's momentum lag makes the closed form leading order in γ/ρ1 (class doc).
                        bool adamSde = model == "AdamW" && source == "sde";
                        double lag = model == "AdamW" && !adamSde ? gamma / (rho1 + gamma) : 0, relative = 0.03 + lag;
                        double[] variances = p.Lambda.Select(l => Theory.AdaptiveStationaryVariance(p.Eta, l, sigma, gamma)
                            * (adamSde ? Theory.AdamWSdeStationaryFactor(p.Eta, p.Beta1, l, sigma, gamma) : 1)).ToArray();
                        double loss = p.Lambda.Select((l, k) => l / 2 * variances[k]).Sum(), variance = variances.Average();
                        double closedForm = Theory.AdaptiveStationaryLoss(p.Eta, p.Lambda, Theory.Expand([sigma], d), gamma);
                        string note = adamSde ? "the SDE's exact linear value: β1²ρ1/(ρ1 + (1 − β1)λ/σ + γ) × the closed form"
                            : lag > 0 ? $"closed form (ε → 0), momentum lag −{lag:P1} allowed" : "closed form (ε → 0)";
                        EnsembleResult result = results[i++];
                        RunningMoments f = Stationary.PerCopy(result, copies), x2 = Stationary.PerCopy(result, copies, observable: 1);
                        double v = x2.Mean / d, vSe = x2.StandardError / d;
                        checks.Add(CheckResult.Within(model, source, "stationary-loss", parameters, f.Mean, f.StandardError, loss, relative, note: note));
                        checks.Add(CheckResult.Within(model, source, "covariance", parameters, v, vSe, variance, relative, note: "mean Var X_i (tr Cov/d), " + note));
                        if (adamSde)
                        {
                            checks.Add(new CheckResult(model, source, "stationary-loss-ratio", parameters, f.Mean / closedForm, f.StandardError / closedForm, null, null, null, null,
                                "finding: the SDE's stationary loss over the closed form of docs/math.md (≈ β1²; the optimizer's is ≈ 1)"));
                        }

                        table.Add(model, source, gamma, sigma, f.Mean, f.StandardError, loss, closedForm, v, vSe, variance);
                        string key = model + " " + source;
                        if (!measured.TryGetValue((gamma, key), out List<double>? list))
                        {
                            measured[(gamma, key)] = list = [];
                        }

                        list.Add(f.Mean);
                    }
                }
            }
        }

        artifacts.Table(Name, table);
        artifacts.Figure(Name, Figure(p, measured));
        return new ExperimentOutput(checks, artifacts.Figures, artifacts.Tables, Notes(p, measured, runs[0].Paths, copies));
    }

    private static FigureSpec Figure(Setting p, Dictionary<(double Gamma, string Key), List<double>> measured)
    {
        int d = p.Lambda.Length;
        double lo = p.Sigma.Min(), hi = p.Sigma.Max();
        double[] grid = Enumerable.Range(0, 41).Select(k => lo * Math.Pow(hi / lo, k / 40.0)).ToArray();
        var series = new List<Series>();
        foreach (double gamma in p.Gamma)
        {
            foreach (string model in Models)
            {
                foreach (string source in Sources)
                {
                    series.Add(new Series($"{model} {source}, γ = {gamma:G}", p.Sigma, measured[(gamma, model + " " + source)].ToArray(), Line: false));
                }
            }

            series.Add(new Series($"theory, γ = {gamma:G}", grid, grid.Select(s => Theory.AdaptiveStationaryLoss(p.Eta, p.Lambda, Theory.Expand([s], d), gamma)).ToArray(),
                Markers: false, Dashed: true));
            if (gamma > 0)
            {
                double limit = p.Eta * p.Lambda.Sum() / (4 * gamma);
                series.Add(new Series($"limit η Tr H/(4γ), γ = {gamma:G}", [lo, hi], [limit, limit], Markers: false, Dashed: true));
            }
        }

        return new FigureSpec($"E5: stationary E f vs σ (η = {p.Eta:G}, d = {d})", "σ", "E f(X∞)", series, LogX: true, LogY: true);
    }

    private static string Notes(Setting p, Dictionary<(double Gamma, string Key), List<double>> measured, int paths, int copies)
    {
        var text = new List<string>();
        if (p.Sigma.Length >= 2)
        {
            foreach (double gamma in p.Gamma)
            {
                double slope = Theory.LogLogSlope(p.Sigma, measured[(gamma, "AdamW optimizer")]);
                string bound = gamma > 0 ? $", bounded by η Tr H/(4γ) = {p.Eta * p.Lambda.Sum() / (4 * gamma):G3}" : " (theory 1: unbounded)";
                text.Add($"γ = {gamma:G}: log-log slope of AdamW's stationary loss in σ {slope:F2}{bound}.");
            }
        }

        text.Add($"Each value: {paths} paths × {copies} independent copies of the d = {p.Lambda.Length} problem, averaged over {Stationary.Records} records per path.");
        return string.Join(' ', text);
    }
}
