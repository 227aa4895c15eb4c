using System;
using System.Collections.Generic;
using System.Linq;
using SdeDsl.Cli.Output;
using SdeDsl.Ensembles;
using SdeDsl.Runs;
using SdeDsl.Statistics;

namespace SdeDsl.Cli.Experiments;

/// <summary>
/// E6: the batch-size scaling rule for AdamW (docs/math.md). Batch B → κB divides the noise σ by √κ; the rule takes
/// η → √κ η, 1 − β_i → κ(1 − β_i), γ → √κ γ, ε → ε/√κ (ε = 0 here). AdamW optimizer only, on f = ½ Σ λ_i x_i² with
/// Gaussian noise (σ/√κ) I; the base run is κ = 1.
/// <para><b>Stationary loss</b> (exactly invariant: (η/4) Σ λσ/(λ + γσ) does not change under the rule): each κ from
/// x0 = 0 with E5's protocol (<see cref="Stationary.AdaptiveTimes"/> on the scaled parameters, so the step counts follow
/// κ), checked against the closed form within 3 % + γ/(ρ1 + γ) or 5 SE — the momentum-lag allowance of E5, itself
/// invariant (ρ1 and γ both scale by √κ); the exact stationary variance of the linearized discrete chain is 0.991 × the
/// closed form at κ = 1 and 1.001 at κ = 8.</para>
/// <para><b>Loss vs samples seen</b> (approximate): from the common x0 = σ/(4√κ_max λ_max) (|∇f| ≤ σ'/4 for every κ,
/// the noise phase), E f is recorded at samples seen S = kκ on a common grid up to 2rt = 6 (r = λ_min/σ + γ, t = Sη
/// the base time), and compared with the κ = 1 curve at 2rt = 0.75, 1.5, 2.25, 3. In the noise phase the per-sample
/// decay rate (λ/σ + γ)η is invariant; what the rule does not preserve: ∇f² in v (|∇f|²/σ'² ≤ 1/16 at κ_max, so √v
/// is up to 3 % larger and the early decay that much slower), the per-step rate κ η r (the discrete exponential's
/// error) and the bias correction's first steps. Measured first, at the defaults (seeds 1, 2, 512 paths × 32 copies):
/// the largest deviation from κ = 1 over κ ≤ 8 and the four points was +0.64 % (κ = 8 at 2rt = 3, SE of the difference
/// 0.2 %), most below 0.3 %. So the standard tolerance max(3 %, 5·√(SE_κ² + SE_1²)) of the κ = 1 value holds with a
/// 4× margin and still catches a rule that is off by a few percent in the per-sample rate (a 3 % error in the rate moves
/// f by 3 % × 2rt = 9 % at the last point).</para>
/// </summary>
internal sealed class E6ScalingRule() : Experiment("E6", "scaling-rule",
    "AdamW batch-size scaling rule: stationary loss invariant, loss vs samples ≈ invariant")
{
    /// <summary>The relative tolerance of the loss-vs-samples comparison (class doc).</summary>
    private const double CurveTolerance = 0.03;

    private const int CurvePoints = 41;

    /// <summary>The base ε: 0, the closed form's ε → 0 (the rule's ε → ε/√κ keeps it 0).</summary>
    private const double BaseEps = 0;

    private static readonly int[] CheckedPoints = [5, 10, 15, 20];

    public override IReadOnlyList<ExperimentParameter> Parameters { get; } =
    [
        new("kappa", "1,2,4,8", "batch-size factors κ (σ → σ/√κ, η → √κ η, 1 − β → κ(1 − β), γ → √κ γ)"),
        new("sigma", "4", "base noise scale σ"),
        new("gamma", "1", "base weight decay γ"),
        .. Stationary.AdaptiveParameters,
    ];

    private sealed record Setting(double[] Kappa, double Sigma, double Gamma, double Eta, double Beta1, double Beta2, double[] Lambda)
    {
        /// <summary>x's relaxation rate per base time unit in the noise phase.</summary>
        public double Rate => (Lambda.Min() / Sigma) + Gamma;
    }

    private static Setting Read(ExperimentSettings s)
    {
        (double eta, double beta1, double beta2, double[] lambda) = Stationary.ReadAdaptive(s);
        var p = new Setting(s.List("kappa", [1, 2, 4, 8]), s.Value("sigma", 4), s.Value("gamma", 1), eta, beta1, beta2, lambda);
        foreach (double kappa in p.Kappa)
        {
            if (!(kappa > 0) || !double.IsFinite(kappa))
            {
                throw new ArgumentException($"--kappa {kappa:G}: κ must be positive and finite.", "kappa");
            }

            double beta = Math.Min(p.Beta1, p.Beta2);
            if (1 - (kappa * (1 - beta)) < 0)
            {
                throw new ArgumentException(
                    $"--kappa {kappa:G}: the rule 1 − β → κ(1 − β) makes β = {1 - (kappa * (1 - beta)):G4} < 0; κ must be at most 1/(1 − β) = {1 / (1 - beta):G4} for β = {beta:G}.",
                    "kappa");
            }
        }

        return p;
    }

    /// <summary>The AdamW hyperparameters the rule gives for <paramref name="kappa"/>.</summary>
    private static Dictionary<string, double> Scaled(Setting p, double kappa)
    {
        double s = Math.Sqrt(kappa);
        return new()
        {
            ["Eta"] = p.Eta * s, ["Beta1"] = 1 - (kappa * (1 - p.Beta1)), ["Beta2"] = 1 - (kappa * (1 - p.Beta2)), ["Eps"] = BaseEps / s, ["WeightDecay"] = p.Gamma * s,
        };
    }

    /// <summary>The samples seen at the curve's records: a common grid up to 2rt = 6 (the figure shows the plateau), multiples
/// of every integer κ.</summary>
    private static long[] Samples(Setting p)
    {
        long unit = p.Kappa.All(k => k == Math.Round(k)) ? p.Kappa.Aggregate(1L, (l, k) => Lcm(l, (long)k)) : 1;
        double last = 6 / (2 * p.Rate) / p.Eta;
        return Enumerable.Range(0, CurvePoints).Select(j => unit * (long)Math.Round(last * j / (CurvePoints - 1) / unit)).ToArray();
    }

    private static long Lcm(long a, long b)
    {
        long x = a, y = b;
        while (y != 0)
        {
            (x, y) = (y, x % y);
        }

        return a / x * b;
    }

    public override IReadOnlyList<RunDescription> Plan(ExperimentSettings settings)
    {
        Setting p = Read(settings);
        int copies = Stationary.Copies(p.Lambda.Length), paths = settings.PathsOr(512, 256), curvePaths = settings.PathsOr(2048, 512);
        string objective = Stationary.Quadratic(p.Lambda, copies);
        double x0 = p.Sigma / (4 * Math.Sqrt(p.Kappa.Max()) * p.Lambda.Max());
        long[] samples = Samples(p);
        var runs = new List<RunDescription>();
        ulong seed = settings.Seed * 1000;
        foreach (double kappa in p.Kappa)
        {
            Dictionary<string, double> hypers = Scaled(p, kappa);
            double sigma = p.Sigma / Math.Sqrt(kappa);
            (double burnIn, double window) = Stationary.AdaptiveTimes(p.Lambda.Min(), sigma, hypers["WeightDecay"], hypers["Eta"], hypers["Beta2"]);
            runs.Add(Stationary.AdaptiveRun("AdamW", hypers, objective, sigma, RunKind.Optimizer, burnIn, window, paths, ++seed));
            long[] records = samples.Select(s => (long)Math.Round(s / kappa)).Distinct().ToArray();
            runs.Add(runs[^1] with { Paths = curvePaths, Seed = ++seed, InitialX = [x0], Steps = records[^1], RecordSteps = records, Observables = ["f"] });
        }

        return runs;
    }

    public override ExperimentOutput Analyze(ExperimentSettings settings, IReadOnlyList<RunDescription> runs, IReadOnlyList<EnsembleResult> results, ArtifactWriter artifacts)
    {
        Setting p = Read(settings);
        int d = p.Lambda.Length, copies = Stationary.Copies(d);
        double rho1 = (1 - p.Beta1) / p.Eta, lag = p.Gamma / (rho1 + p.Gamma);
        double predicted = Theory.AdaptiveStationaryLoss(p.Eta, p.Lambda, Theory.Expand([p.Sigma], d), p.Gamma);
        var checks = new List<CheckResult>();
        var stationary = new CsvTable("kappa", "eta", "beta1", "beta2", "gamma", "sigma", "loss", "loss_se", "predicted");
        var curves = new CsvTable("kappa", "samples", "step", "loss", "loss_se");
        var series = new List<Series>();
        long[] samples = Samples(p);
        RunningMoments[]? baseCurve = null;
        for (int k = 0; k < p.Kappa.Length; k++)
        {
            double kappa = p.Kappa[k];
            Dictionary<string, double> h = Scaled(p, kappa);
            var parameters = Stationary.Parameters(("kappa", kappa), ("eta", p.Eta), ("sigma", new[] { p.Sigma }), ("gamma", p.Gamma), ("lambda", p.Lambda),
                ("beta1", p.Beta1), ("beta2", p.Beta2));
            RunningMoments loss = Stationary.PerCopy(results[2 * k], copies);
            checks.Add(CheckResult.Within("AdamW", "optimizer", "stationary-loss", parameters, loss.Mean, loss.StandardError, predicted, 0.03 + lag,
                note: $"invariant (η/4)Σ λσ/(λ + γσ); scaled η = {h["Eta"]:G4}, β1 = {h["Beta1"]:G4}, β2 = {h["Beta2"]:G4}, γ = {h["WeightDecay"]:G4}, momentum lag −{lag:P1} allowed"));
            stationary.Add(kappa, h["Eta"], h["Beta1"], h["Beta2"], h["WeightDecay"], p.Sigma / Math.Sqrt(kappa), loss.Mean, loss.StandardError, predicted);

            EnsembleResult curve = results[(2 * k) + 1];
            RunningMoments[] moments = samples.Select(s => Stationary.PathAverages(curve, [curve.RecordSteps.ToList().IndexOf((long)Math.Round(s / kappa))], copies)).ToArray();
            for (int j = 0; j < samples.Length; j++)
            {
                curves.Add(kappa, samples[j], (long)Math.Round(samples[j] / kappa), moments[j].Mean, moments[j].StandardError);
            }

            series.Add(new Series($"κ = {kappa:G}", samples.Select(s => (double)s).ToArray(), moments.Select(m => m.Mean).ToArray(), Markers: false));
            if (k == 0)
            {
                baseCurve = moments;
            }

            foreach (int j in CheckedPoints)
            {
                RunningMoments reference = baseCurve![j];
                double se = Math.Sqrt((moments[j].StandardError * moments[j].StandardError) + (reference.StandardError * reference.StandardError));
                checks.Add(CheckResult.Within("AdamW", "optimizer", "loss-vs-samples", Stationary.Parameters(("kappa", kappa), ("samples", samples[j]), ("eta", p.Eta),
                    ("sigma", new[] { p.Sigma }), ("gamma", p.Gamma), ("lambda", p.Lambda)), moments[j].Mean, se, reference.Mean, CurveTolerance,
                    note: $"against κ = {p.Kappa[0]:G} at 2rt = {6.0 * j / (CurvePoints - 1):G3}; approximate rule (class doc)"));
            }
        }

        artifacts.Table(Name, stationary);
        artifacts.Table("loss-vs-samples", curves);
        artifacts.Figure("loss-vs-samples", new FigureSpec($"E6: AdamW E f vs samples seen under the scaling rule (σ = {p.Sigma:G}/√κ, γ = {p.Gamma:G}√κ)",
            "samples seen (k·κ)", "E f", series, LogY: true));
        string notes = $"The curves start from x0 = {runs[1].InitialX[0]:G3} (noise phase for every κ); stationary loss: {runs[0].Paths} paths, curves: {runs[1].Paths} paths, "
            + $"× {copies} copies of the d = {d} problem. The first κ ({p.Kappa[0]:G}) is the reference curve.";
        return new ExperimentOutput(checks, artifacts.Figures, artifacts.Tables, notes);
    }
}
