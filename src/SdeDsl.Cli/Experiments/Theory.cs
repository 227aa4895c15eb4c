using System;
using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Cli.Experiments;

/// <summary>The closed forms the experiments check (docs/math.md), on f = ½ Σ λ_i x_i² with noise scales σ_i.</summary>
internal static class Theory
{
    /// <summary>SignSGD (optimizer and SDE), Gaussian noise: E f(X_∞) = (η/4) √(π/2) Σ σ_i — independent of H.</summary>
    public static double SignSgdStationaryLoss(double eta, IEnumerable<double> sigma) => eta / 4 * Math.Sqrt(Math.PI / 2) * sigma.Sum();

    /// <summary>SGD's SDE: E f(X_∞) = (η/4) Σ σ_i².</summary>
    public static double SgdStationaryLossSde(double eta, IEnumerable<double> sigma) => eta / 4 * sigma.Sum(s => s * s);

    /// <summary>The SGD optimizer exactly: Σ η σ_i² / (4 − 2ηλ_i) (each coordinate an AR(1) chain).</summary>
    public static double SgdStationaryLossDiscrete(double eta, IReadOnlyList<double> lambda, IReadOnlyList<double> sigma) =>
        Enumerable.Range(0, lambda.Count).Sum(i => eta * sigma[i] * sigma[i] / (4 - (2 * eta * lambda[i])));

    /// <summary>The density at 0 of Student's t with ν degrees of freedom: Γ((ν+1)/2) / (√(πν) Γ(ν/2)).</summary>
    public static double StudentTDensityAtZero(double nu) => SdeMath.StudentTPdf(0, nu);

    /// <summary>SignSGD, Student-t noise: E f(X_∞) = η Σ σ_i / (8 p_ν(0)).</summary>
    public static double SignSgdStudentTStationaryLoss(double eta, double nu, IEnumerable<double> sigma) =>
        eta * sigma.Sum() / (8 * StudentTDensityAtZero(nu));

    /// <summary>The variance of Student's t: ν/(ν − 2) for ν &gt; 2, else ∞.</summary>
    public static double StudentTVariance(double nu) => nu > 2 ? nu / (nu - 2) : double.PositiveInfinity;

    /// <summary>Adam(W)/RMSprop(W) with decoupled weight decay γ (ε → 0): per coordinate Var X_i = (η/2) / (λ_i/σ_i + γ) and
    /// E f = (η/4) Σ λ_i σ_i / (λ_i + γ σ_i).</summary>
    public static double AdaptiveStationaryLoss(double eta, IReadOnlyList<double> lambda, IReadOnlyList<double> sigma, double gamma) =>
        Enumerable.Range(0, lambda.Count).Sum(i => eta / 4 * lambda[i] * sigma[i] / (lambda[i] + (gamma * sigma[i])));

    /// <summary>Var X_i at stationarity for Adam(W)/RMSprop(W): (η/2) / (λ_i/σ_i + γ).</summary>
    public static double AdaptiveStationaryVariance(double eta, double lambda, double sigma, double gamma) => eta / 2 / ((lambda / sigma) + gamma);

    /// <summary>σ_i for coordinate i of a list that may hold one value for all.</summary>
    public static double[] Expand(IReadOnlyList<double> values, int d) =>
        Enumerable.Range(0, d).Select(i => values[values.Count == 1 ? 0 : i]).ToArray();

    /// <summary>
    /// AdamW's SDE (docs/math.md (Adam-type methods)) linearized at V ≡ σ², ι → 1, solved exactly (Lyapunov equation of (X, M)): Var X_i is the
    /// closed form times β1² ρ1/(ρ1 + (1 − β1)λ_i/σ_i + γ), ρ1 = (1 − β1)/η. The β1² is the SDE's: its x-drift uses
    /// M + ηρ1(∇f − M) = β1 M + (1 − β1)∇f, so only β1 of the noise reaches X (the discrete step passes all of it).
    /// The closed form is the limit ηρ1 = 1 − β1 → 0.
    /// </summary>
    public static double AdamWSdeStationaryFactor(double eta, double beta1, double lambda, double sigma, double gamma)
    {
        double rho1 = (1 - beta1) / eta;
        return beta1 * beta1 * rho1 / (rho1 + ((1 - beta1) * lambda / sigma) + gamma);
    }

    /// <summary>The least-squares slope of log y against log x.</summary>
    public static double LogLogSlope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double[] lx = x.Select(v => Math.Log(v)).ToArray(), ly = y.Select(v => Math.Log(v)).ToArray();
        double mx = lx.Average(), my = ly.Average();
        double sxy = lx.Zip(ly, (a, b) => (a - mx) * (b - my)).Sum(), sxx = lx.Sum(a => (a - mx) * (a - mx));
        return sxy / sxx;
    }
}
