using System;
using System.Collections.Generic;
using System.Linq;
using SdeDsl.Cli.Output;
using SdeDsl.Ensembles;
using SdeDsl.Runs;
using SdeDsl.Statistics;

namespace SdeDsl.Cli.Experiments;

/// <summary>
/// E4: heavy-tailed noise. Z_i = σ_i T_i with T_i Student-t with ν degrees of freedom. SignSGD's stationary loss on
/// f = ½ Σ λ_i x_i² is η Σ σ_i / (8 p_ν(0)), p_ν(0) the t density at 0 — finite for every ν &gt; 0, Cauchy (ν = 1)
/// included; checked for the optimizer (<c>SignSgdStudentT</c>'s update) and its SDE (drift −2Ξ_ν(∇f/σ), Ξ_ν = F_ν − ½).
/// SGD's stationary loss is (η ν/(ν − 2)) Σ σ_i² / (4 − 2ηλ_i) for ν &gt; 2 and infinite for ν ≤ 2.
/// <para>Protocol: <see cref="Stationary"/>, from x0 = 0, burn-in and window 5τ each, τ = σ/(2 p_ν(0) λ_min) the
/// relaxation time of x (SignSGD) and 1/λ_min (SGD). SignSGD's increments are bounded (±η), so every moment exists
/// and SE = sd/√N is valid for every ν; the closed form holds to leading order in ηλ/σ (relative corrections of
/// that order, ≤ 1 % at the defaults), inside max(3 %, 5 SE).</para>
/// <para>SGD: for ν &gt; 4 the loss has a finite variance and is checked against the exact AR(1) value; for
/// 2 &lt; ν ≤ 4 its mean is finite but its variance is not, so a standard error means nothing and the row is a finding;
/// for ν ≤ 2 E f = ∞: the row is a finding that reports the sample mean, which the largest draws dominate.</para>
/// </summary>
internal sealed class E4StudentT() : Experiment("E4", "student-t",
    "Student-t noise: SignSGD's stationary loss stays finite, SGD's does not for ν ≤ 2")
{
    public override IReadOnlyList<ExperimentParameter> Parameters { get; } =
    [
        new("nu", "1,2,3,10", "degrees of freedom ν"),
        new("sigma", "1", "noise scales σ_i (one for all coordinates, or one per coordinate)"),
        new("eta", "0.01", "learning rate η"),
        new("lambda", "1", "the Hessian's diagonal λ_1, …, λ_d"),
    ];

    private static (double[] Nu, double[] Sigma, double Eta, double[] Lambda) Read(ExperimentSettings s)
    {
        (double[] nu, double[] sigma, double eta, double[] lambda) = (s.List("nu", [1, 2, 3, 10]), s.List("sigma", [1]), s.Value("eta", 0.01), s.List("lambda", [1]));
        if (sigma.Length != 1 && sigma.Length != lambda.Length)
        {
            throw new ArgumentException($"E4 takes one σ or one per coordinate (d = {lambda.Length} from --lambda), not {sigma.Length}.", "sigma");
        }

        if (nu.Any(v => !(v > 0)))
        {
            throw new ArgumentException("ν must be > 0.", "nu");
        }

        Stationary.RequireStableSgd(eta, lambda); // SGD's stationary loss, predicted for ν > 2, is negative past ηλ = 2

        return (nu, sigma, eta, lambda);
    }

    public override IReadOnlyList<RunDescription> Plan(ExperimentSettings settings)
    {
        (double[] nus, double[] sigma, double eta, double[] lambda) = Read(settings);
        int copies = Stationary.Copies(lambda.Length), paths = settings.PathsOr(1024, 128);
        string objective = Stationary.Quadratic(lambda, copies);
        string scales = Stationary.Repeat(sigma, copies);
        double sigmaMax = sigma.Max(), lambdaMin = lambda.Min();
        var runs = new List<RunDescription>();
        ulong seed = (settings.Seed * 1000) + 400;
        foreach (double nu in nus)
        {
            string noise = $"student-t:{Stationary.Format(nu)}:{scales}";
            double tau = sigmaMax / (2 * Theory.StudentTDensityAtZero(nu) * lambdaMin);
            var sign = new Dictionary<string, double> { ["Eta"] = eta, ["Nu"] = nu };
            runs.Add(Stationary.Run("SignSgdStudentT", sign, objective, noise, RunKind.Optimizer, eta, 5 * tau, 5 * tau, paths, ++seed));
            runs.Add(Stationary.Run("SignSgdStudentT", sign, objective, noise, RunKind.Sde, eta, 5 * tau, 5 * tau, paths, ++seed));
            runs.Add(Stationary.Run("Sgd", new Dictionary<string, double> { ["Eta"] = eta }, objective, noise, RunKind.Optimizer, eta, 5 / lambdaMin, 5 / lambdaMin, paths, ++seed));
        }

        return runs;
    }

    public override ExperimentOutput Analyze(ExperimentSettings settings, IReadOnlyList<RunDescription> runs, IReadOnlyList<EnsembleResult> results, ArtifactWriter artifacts)
    {
        (double[] nus, double[] sigma, double eta, double[] lambda) = Read(settings);
        int d = lambda.Length, copies = Stationary.Copies(d);
        double[] sigmaVector = Theory.Expand(sigma, d);
        var checks = new List<CheckResult>();
        var table = new CsvTable("model", "source", "nu", "measured", "standard_error", "predicted");
        var measured = new Dictionary<string, List<double>> { ["SignSGD optimizer"] = [], ["SignSGD SDE"] = [], ["theory"] = [] };
        int i = 0;
        foreach (double nu in nus)
        {
            var parameters = Stationary.Parameters(("eta", eta), ("nu", nu), ("sigma", sigma), ("lambda", lambda));
            double predicted = Theory.SignSgdStudentTStationaryLoss(eta, nu, sigmaVector);
            foreach ((string source, string label) in new[] { ("optimizer", "SignSGD optimizer"), ("sde", "SignSGD SDE") })
            {
                RunningMoments loss = Stationary.PerCopy(results[i++], copies);
                checks.Add(CheckResult.Within("SignSgdStudentT", source, "stationary-loss", parameters, loss.Mean, loss.StandardError, predicted, 0.03,
                    note: "ηΣσ_i/(8p_ν(0)), leading order in ηλ/σ"));
                table.Add("SignSgdStudentT", source, nu, loss.Mean, loss.StandardError, predicted);
                measured[label].Add(loss.Mean);
            }

            measured["theory"].Add(predicted);
            RunningMoments sgd = Stationary.PerCopy(results[i++], copies);
            double variance = Theory.StudentTVariance(nu);
            double sgdPredicted = variance * Theory.SgdStationaryLossDiscrete(eta, lambda, sigmaVector);
            if (nu > 4)
            {
                checks.Add(CheckResult.Within("Sgd", "optimizer", "stationary-loss", parameters, sgd.Mean, sgd.StandardError, sgdPredicted, 0.03,
                    note: "ν/(ν−2) Σ ησ_i²/(4 − 2ηλ_i), exact"));
            }
            else
            {
                string note = nu > 2
                    ? $"finite E f = {sgdPredicted:G4} but infinite Var f (ν ≤ 4): no valid standard error, not checked"
                    : "unbounded: E f = ∞ for ν ≤ 2 (the noise has infinite variance); the sample mean is set by the largest draws";
                checks.Add(new CheckResult("Sgd", "optimizer", "stationary-loss", parameters, sgd.Mean, null, nu > 2 ? sgdPredicted : null, null, null, null, note));
            }

            table.Add("Sgd", "optimizer", nu, sgd.Mean, sgd.StandardError, nu > 2 ? sgdPredicted : double.PositiveInfinity);
        }

        artifacts.Table(Name, table);
        var series = new List<Series>
        {
            new("SignSGD optimizer", nus, measured["SignSGD optimizer"].ToArray(), Line: false),
            new("SignSGD SDE", nus, measured["SignSGD SDE"].ToArray(), Line: false),
            new("ηΣσ/(8 p_ν(0))", nus, measured["theory"].ToArray(), Markers: false, Dashed: true),
        };
        artifacts.Figure(Name, new FigureSpec($"E4: SignSGD stationary E f under Student-t noise (η = {eta:G}, d = {d})", "ν", "E f(X∞)", series, LogX: true, LogY: true));
        return new ExperimentOutput(checks, artifacts.Figures, artifacts.Tables,
            $"Each value: {runs[0].Paths} paths × {copies} copies, f averaged over {Stationary.Records} records per path. SGD rows for ν ≤ 4 are findings, not checks.");
    }
}
