using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SdeDsl.Ensembles;
using SdeDsl.Runs;
using SdeDsl.Statistics;

namespace SdeDsl.Cli.Experiments;

/// <summary>
/// The stationary-loss protocol shared by E2, E4, E5 and E6. The objective f = ½ Σ λ_i x_i² is run as r independent
/// copies in one path (the λ list repeated r times, independent noise per coordinate), so that one path holds r
/// samples of the d-dimensional problem and the engine's cost per path is shared. Each path yields one value: f per
/// copy averaged over 21 records spread over a window after the burn-in. Paths are independent, so SE = sd/√N holds
/// however correlated a path's records are.
/// </summary>
internal static class Stationary
{
    public const int Records = 21;

    /// <summary>Copies so that a path has at least <paramref name="coordinates"/> coordinates.</summary>
    public static int Copies(int d, int coordinates = 32) => Math.Max(1, (coordinates + d - 1) / d);

    /// <summary>A quadratic spec with <paramref name="lambda"/> repeated <paramref name="copies"/> times.</summary>
    public static string Quadratic(IReadOnlyList<double> lambda, int copies) =>
        "quadratic:" + (lambda.Count == 1 ? $"{Format(lambda[0])}*{copies}" : Repeat(lambda, copies));

    /// <summary><c>a,b,…</c> repeated; a single value stays a single value (it broadcasts).</summary>
    public static string Repeat(IReadOnlyList<double> values, int copies) =>
        values.Count == 1 ? Format(values[0]) : string.Join(',', Enumerable.Repeat(values.Select(Format), copies).SelectMany(v => v));

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A run from x0 = 0 (and <paramref name="initialStates"/>) that records f at <see cref="Records"/> steps evenly
    /// spread over [burnIn, burnIn + window] (times).
    /// </summary>
    public static RunDescription Run(string model, IReadOnlyDictionary<string, double> hypers, string objective, string noise, RunKind kind,
        double dt, double burnIn, double window, int paths, ulong seed, double startTime = 0,
        IReadOnlyDictionary<string, double[]>? initialStates = null, IReadOnlyList<string>? observables = null)
    {
        long first = Math.Max(1, (long)Math.Round(burnIn / dt)), steps = Math.Max(first + Records, (long)Math.Round((burnIn + window) / dt));
        var records = new long[Records];
        for (int i = 0; i < Records; i++)
        {
            records[i] = first + ((steps - first) * i / (Records - 1));
        }

        return new RunDescription
        {
            Model = model,
            Hyperparameters = new SortedDictionary<string, double>(hypers.ToDictionary(), StringComparer.Ordinal),
            Objective = objective,
            Noise = noise,
            Kind = kind,
            Paths = paths,
            Steps = steps,
            TimeStep = dt,
            StartTime = startTime,
            Seed = seed,
            RecordSteps = records,
            InitialX = [0.0],
            InitialStates = initialStates,
            Observables = observables ?? ["f"],
            KeepValues = true, // one value per path is averaged over the records: see PerCopy
        };
    }

    /// <summary>One value per path — observable <paramref name="observable"/> per copy, averaged over the records —
    /// and their moments.</summary>
    public static RunningMoments PerCopy(EnsembleResult result, int copies, int observable = 0) =>
        PathAverages(result, Enumerable.Range(0, result.RecordSteps.Count), copies, observable);

    /// <summary>Parameters of a check row, in a stable order.</summary>
    public static IReadOnlyDictionary<string, object> Parameters(params (string Name, object Value)[] values)
    {
        var parameters = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach ((string name, object value) in values)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    /// <summary>
    /// The Adam(W)/RMSprop(W) protocol on the quadratic (E5, E6): x relaxes at r = λ_min/σ + γ (τ = 1/r time units),
    /// v at (1 − β2)/η and m at (1 − β1)/η. Burn-in 4·max(τ, η/(1 − β2)) from x0 = 0 (variance deficit ≤ e^{−8}), then a
    /// window of max(2τ, 5) time units for the 21 records (the tests' protocol).
    /// </summary>
    public static (double BurnIn, double Window) AdaptiveTimes(double lambdaMin, double sigma, double gamma, double eta, double beta2)
    {
        double tau = 1 / ((lambdaMin / sigma) + gamma);
        return (4 * Math.Max(tau, eta / (1 - beta2)), Math.Max(2 * tau, 5));
    }

    /// <summary>
    /// A stationary run of AdamW (hyperparameters Eta, Beta1, Beta2, Eps, WeightDecay) or RmsPropW (Eta, Beta, Eps,
    /// WeightDecay) recording f and |x|². RMSpropW starts v at σ², its stationary value (no bias correction). The AdamW
    /// optimizer starts at m = v = 0 (PyTorch; its bias correction assumes it); its SDE, singular at t = 0, starts at
    /// t0 = η from m = 0, v = (1 − β2)σ² — the mean state after one step from x0 = 0, where √ι2(η) = √(1 − β2) makes
    /// the preconditioner 1/σ at once.
    /// </summary>
    public static RunDescription AdaptiveRun(string model, IReadOnlyDictionary<string, double> hypers, string objective, double sigma, RunKind kind,
        double burnIn, double window, int paths, ulong seed)
    {
        double eta = hypers["Eta"];
        bool adam = model == "AdamW";
        double v0 = adam ? (1 - hypers["Beta2"]) * sigma * sigma : sigma * sigma;
        IReadOnlyDictionary<string, double[]>? start = adam && kind == RunKind.Optimizer ? null : new Dictionary<string, double[]> { ["v"] = [v0] };
        return Run(model, hypers, objective, "gaussian:" + Format(sigma), kind, eta, burnIn, window, paths, seed,
            startTime: adam && kind == RunKind.Sde ? eta : 0, initialStates: start, observables: ["f", "|x|^2"]);
    }

    /// <summary>The overrides E5 and E6 share, with the paper's defaults (AdamW's β1, β2; RMSpropW's β is β2).</summary>
    public static IReadOnlyList<ExperimentParameter> AdaptiveParameters { get; } =
    [
        new("eta", "1e-3", "learning rate η"),
        new("beta1", "0.9", "AdamW's β1"),
        new("beta2", "0.999", "AdamW's β2 and RMSpropW's β"),
        new("lambda", "1", "the Hessian's diagonal λ_1, …, λ_d (d = its length)"),
    ];

    /// <summary>The values of <see cref="AdaptiveParameters"/>.</summary>
    public static (double Eta, double Beta1, double Beta2, double[] Lambda) ReadAdaptive(ExperimentSettings s) =>
        (s.Value("eta", 1e-3), s.Value("beta1", 0.9), s.Value("beta2", 0.999), s.List("lambda", [1]));

    /// <summary>One value per path — observable <paramref name="observable"/> averaged over <paramref name="records"/>
    /// (indices) and divided by <paramref name="copies"/> — and their moments.</summary>
    public static RunningMoments PathAverages(EnsembleResult result, IEnumerable<int> records, int copies = 1, int observable = 0)
    {
        var sums = new double[result.Paths];
        int count = 0;
        foreach (int r in records)
        {
            ReadOnlySpan<double> values = result.Values(observable, r);
            for (int p = 0; p < sums.Length; p++)
            {
                sums[p] += values[p];
            }

            count++;
        }

        var moments = new RunningMoments();
        foreach (double sum in sums)
        {
            moments.Add(sum / (count * copies));
        }

        return moments;
    }

    /// <summary>Throws unless SGD is stable on every curvature: η·λ_max &lt; 2, where its stationary loss
    /// η σ²/(4 − 2ηλ) is finite.</summary>
    public static void RequireStableSgd(double eta, IReadOnlyList<double> lambda)
    {
        double fastest = lambda.Max();
        if (!(eta * fastest < 2))
        {
            throw new ArgumentException($"η·λ_max = {eta * fastest:G4} must be below 2: SGD diverges there, and its stationary loss η σ²/(4 − 2ηλ) with it.", "eta");
        }
    }
}
