using System;
using System.Diagnostics;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;
using Xunit;
using Xunit.Abstractions;

namespace SdeDsl.Optimizers.Tests.Theory;

/// <summary>
/// docs/math.md §Weak approximation: SignSGD's SDE, dX = −Erf(X/(√2σ)) dt + √η √(1 − Erf²) dW, is a weak approximation of order 1 of SignSGD,
/// and a better one than the noiseless ODE dX = −Erf(X/(√2σ)) dt, on f = x²/2, σ = 1, x0 = 1, T = 1,
/// η ∈ {0.1, 0.05, 0.025, 0.0125} (K = T/η = 10 … 80 steps), test function G = f.
/// <para><b>The optimizer's side is exact.</b> With f = x²/2 and Gaussian noise, x_k lives on the lattice x0 + ηℤ and
/// steps down with probability P(g &gt; 0) = Φ(x/σ): the law of x_k follows by dynamic programming over K + 1 lattice
/// points, so E f(x_k) has no Monte Carlo error. N = 500,000 runs of the optimizer (62,500 paths × d = 8 independent
/// identical coordinates) check that law (|MC − exact| ≤ 5 SE at T).</para>
/// <para><b>The SDE's side</b> is simulated with the generated weak-order-2 step
/// (<see cref="SdeIntegrator.WeakOrder2"/>, which reads DiagonalQuadratic's diagonal Hessian) at dt = min(η, 0.025)
/// (4, 2, 1, 1 SDE steps per optimizer step), recorded at every t = kη, so that what is measured is the SDE's own error
/// and not the scheme's. (Euler–Maruyama at dt = η/8, as before, has a weak bias of the opposite sign worth 16–18 % of the
/// error: it read 1.06e-3 at η = 0.025 where the SDE's error is 1.30e-3, and inflated the ratio below to 4.1 where it
/// is 3.36.) The scheme's own error is negligible: against the exact values below its bias behaves like C·dt² with C ≈
/// 5e-3–7e-3 (η = 0.0125: 2.0e-4 ± 2.5e-5 at dt = 0.2 and 5.5e-5 ± 2.5e-5 at dt = 0.1; η = 0.1: 2.8e-4 ± 7e-5 at dt =
/// 0.2; 2M samples each), so at dt ≤ 0.025 it is below 5e-6 (≤ 0.3 % of each error, ≤ 0.3 SE here). Runs at dt = η (8M
/// samples per η) gave +5.4e-5 ± 3.5e-5, −2.1e-5 ± 2.5e-5, −1.6e-6 ± 1.7e-5, −8.5e-6 ± 1.2e-5 and at dt = η/2 −3.8e-5 ±
/// 3.5e-5, −2.6e-6 ± 2.5e-5, −1.3e-5 ± 1.7e-5, +2.5e-6 ± 1.2e-5 (η = 0.1 … 0.0125): consistent. Each run here is
/// asserted to match the exact value within 5 SE.</para>
/// <para><b>The exact SDE values</b> come from the backward Kolmogorov equation: w(τ, x) = E[f(X_τ) | X_0 = x] solves
/// w_τ = −Erf(x/√2) w_x + ½η(1 − Erf²) w_xx, w(0, x) = x²/2 (the SDE is time-homogeneous, so one solve gives every τ =
/// kη), by Crank–Nicolson with central differences on x ∈ [−3, 4], h = Δτ = 1/800. Both boundaries are outflow (the
/// drift points to 0) and X never comes near them; the scheme is second order (halving h = Δτ from 1/100 to 1/200,
/// 1/400, 1/800 moved the value at η = 0.0125 by 4.2e-6, 1.0e-6, 2.6e-7), so its error is ≈ 9e-8, below 1 % of the
/// smallest SE. E f(X_T) − E f(x_K) is 4.44e-3, 2.48e-3, 1.30e-3, 6.66e-4 at η = 0.1, 0.05, 0.025, 0.0125 (and 6.78e-3
/// at 0.2); the ODE's error is 1.80e-2, 8.82e-3, 4.37e-3, 2.17e-3 (3.76e-2): exact ratios 4.06, 3.56, 3.36, 3.26 (5.55
/// at 0.2), tending to ≈ 3.2 (3.21 at 0.00625).</para>
/// <para><b>Asserted</b>: the least-squares slope of log error against log η, at T and for the max over k ≤ K, lies in
/// [0.7, 1.3] for the SDE (and for the ODE, which is order 1 too); the SDE's standard error at T is ≤ 1/5 of its error
/// at every η (errors resolved to ≤ 20 %, in practice ≤ 4 %); and the measured SDE error at T is at least 3× smaller
/// than the ODE's at every η. Since the exact ratio is only 3.26 at η = 0.0125 and 3.36 at 0.025, the margin ODE/3 −
/// SDE is 5.8e-5 and 1.55e-4 there, and the path count grows as η shrinks so that it stays ≥ 4 SE: N = 500,000 at η =
/// 0.1 and 0.05 (margins 11 and 4.8 SE), 2,000,000 at 0.025 (4.5 SE), 6,000,000 at 0.0125 (4.1 SE). Each η is printed
/// with its realized margin in SE: with these seeds the Monte Carlo values land +1.5, +1.5, +2.1 and −0.1 SE from the
/// exact ones, so the measured ratios are 3.87, 3.36, 3.18, 3.27 and the margins 9.7, 3.2, 2.4, 4.2 SE. The old grid
/// started at η = 0.2, where the error is not yet linear in η (its slope at T read 0.81); from 0.1 down the local
/// slopes are 0.84, 0.93, 0.97.</para>
/// <para><b>Not the "about 10×" once expected</b>: the exact ratio is 3.2–5.6 on η ∈ [0.0125, 0.2] (values above), i.e. the
/// constants are ≈ 0.053 (SDE) and ≈ 0.17 (ODE) per unit η as η → 0. On E x the SDE is not better than the ODE
/// (printed, not asserted): its advantage is in second moments (Var x), which the ODE gets wrong (docs/math.md §Weak approximation, item
/// 4).</para>
/// </summary>
public sealed class SignSgdWeakOrderTheoryTests(ITestOutputHelper output)
{
    private const double Sigma = 1, X0 = 1, T = 1;
    private const int D = 8, OptimizerPaths = 62_500, PathsPerBlock = 31_250;

    /// <summary>The SDE's time step is min(η, this): the weak-order-2 scheme's bias, ≈ 7e-3·dt², is then ≤ 5e-6.</summary>
    private const double MaxTimeStep = 0.025;
    private static readonly double[] Etas = [0.1, 0.05, 0.025, 0.0125];

    /// <summary>SDE blocks of <see cref="PathsPerBlock"/> paths (× d = 8) per η: 500K, 500K, 2M, 6M samples.</summary>
    private static readonly int[] Blocks = [2, 2, 8, 24];

    [Fact]
    public void SdeIsWeakOrderOneAndBeatsTheOde()
    {
        var clock = Stopwatch.StartNew();
        var objective = new DiagonalQuadratic(StationaryLoss.Fill(D, 1.0));
        int m = Etas.Length;
        double[] sdeAtT = new double[m], sdeMax = new double[m], odeAtT = new double[m], odeMax = new double[m];
        output.WriteLine("η        N     E f(x_K) exact  optimizer MC            SDE (weak-2, dt ≤ .025)  SDE exact (PDE)  z     |err| SDE  (exact)    "
            + "|err| ODE  ratio (exact)  margin/SE  max_k SDE  max_k ODE | E x: err SDE  err ODE   time");
        for (int e = 0; e < m; e++)
        {
            var etaClock = Stopwatch.StartNew();
            double eta = Etas[e];
            int k = (int)Math.Round(T / eta);
            (double[] exactF, double[] exactX) = ExactSignSgd(eta, k);
            double[] exactSde = ExactSde(eta, k);

            EnsembleResult optimizer = Ensemble.RunOptimizer(new SignSgd { Eta = eta }, objective, new GaussianNoise(Sigma, seed: 501),
                new EnsembleOptions
                {
                    Paths = OptimizerPaths, Steps = k, InitialX = StationaryLoss.Fill(D, X0), RecordSteps = [k], Observables = [Observable.Loss],
                });
            (double Mean, double StandardError) optimizerF = PerCoordinate(optimizer.Moments(0, 0));
            Assert.True(Math.Abs(optimizerF.Mean - exactF[k]) <= 5 * optimizerF.StandardError,
                $"η = {eta}: optimizer MC {optimizerF.Mean:E5} ± {optimizerF.StandardError:E1} disagrees with the exact law's {exactF[k]:E5}");

            (RunningMoments[] loss, double meanX) = RunSde(eta, k, Blocks[e], objective);
            (double Mean, double StandardError) sdeF = default;
            for (int i = 1; i <= k; i++)
            {
                sdeF = PerCoordinate(loss[i]);
                double xOde = Ode(i * eta);
                sdeMax[e] = Math.Max(sdeMax[e], Math.Abs(sdeF.Mean - exactF[i]));
                odeMax[e] = Math.Max(odeMax[e], Math.Abs((0.5 * xOde * xOde) - exactF[i]));
            }

            double xT = Ode(T);
            sdeAtT[e] = Math.Abs(sdeF.Mean - exactF[k]);
            odeAtT[e] = Math.Abs((0.5 * xT * xT) - exactF[k]);
            double exactError = Math.Abs(exactSde[k] - exactF[k]);
            double z = (sdeF.Mean - exactSde[k]) / sdeF.StandardError;
            double margin = ((odeAtT[e] / 3) - sdeAtT[e]) / sdeF.StandardError;
            output.WriteLine($"{eta,-7}{loss[k].Count * D,9}  {exactF[k],12:E5}   {optimizerF.Mean:E5} ± {optimizerF.StandardError:E1}   "
                + $"{sdeF.Mean:E5} ± {sdeF.StandardError:E1}   {exactSde[k]:E5}   {z,4:+0.0;-0.0}  {sdeAtT[e],9:E3}  ({exactError:E3})  "
                + $"{odeAtT[e],9:E3}  {odeAtT[e] / sdeAtT[e],4:F2} ({odeAtT[e] / exactError:F2})  {margin,8:F1}   {sdeMax[e],9:E3}  {odeMax[e],9:E3} "
                + $"| {Math.Abs(meanX - exactX[k]),10:E3}  {Math.Abs(xT - exactX[k]),8:E3}  {etaClock.Elapsed.TotalSeconds,4:F1} s");

            Assert.True(Math.Abs(z) <= 5, $"η = {eta}: SDE MC {sdeF.Mean:E5} ± {sdeF.StandardError:E1} disagrees with the exact SDE value {exactSde[k]:E5}");
            Assert.True(sdeF.StandardError <= sdeAtT[e] / 5, $"η = {eta}: SE {sdeF.StandardError:E2} is not well below the error {sdeAtT[e]:E2}");
            Assert.True(odeAtT[e] >= 3 * sdeAtT[e], $"η = {eta}: ODE error {odeAtT[e]:E3} is not ≥ 3× the SDE's {sdeAtT[e]:E3}");
        }

        double slopeAtT = Slope(sdeAtT), slopeMax = Slope(sdeMax), odeSlopeAtT = Slope(odeAtT), odeSlopeMax = Slope(odeMax);
        output.WriteLine($"log-log slopes: SDE at T {slopeAtT:F3}, SDE max_k {slopeMax:F3}; ODE at T {odeSlopeAtT:F3}, ODE max_k {odeSlopeMax:F3}"
            + $"  ({clock.Elapsed.TotalSeconds:F1} s)");
        Assert.InRange(slopeAtT, 0.7, 1.3);
        Assert.InRange(slopeMax, 0.7, 1.3);
        Assert.InRange(odeSlopeAtT, 0.7, 1.3);
        Assert.InRange(odeSlopeMax, 0.7, 1.3);
    }

    /// <summary>
    /// The SDE by the weak-order-2 step at dt = η/s ≤ <see cref="MaxTimeStep"/>, in <paramref name="blocks"/> runs of
    /// <see cref="PathsPerBlock"/> paths with their own Brownian seeds (so the records of one run stay ≤ 40 MB; block b has
    /// seed 503 + b at every η): per record k = 0 … K the moments of the per-path loss, and E x_0 at T.
    /// </summary>
    private static (RunningMoments[] Loss, double MeanX) RunSde(double eta, int k, int blocks, DiagonalQuadratic objective)
    {
        int substeps = Math.Max(1, (int)Math.Round(eta / MaxTimeStep));
        var records = new long[k + 1];
        for (int i = 0; i <= k; i++)
        {
            records[i] = (long)i * substeps;
        }

        // f at every record (for the max over k) and x_0 (E x is printed only: one coordinate of N/8 samples is enough).
        Observable[] observables = [Observable.Loss, Observable.Coordinate(0)];
        var loss = new RunningMoments[k + 1];
        var x = default(RunningMoments);
        for (int b = 0; b < blocks; b++)
        {
            EnsembleResult sde = Ensemble.RunSde(new SignSgd { Eta = eta }, objective, new GaussianNoise(Sigma, seed: 502),
                new EnsembleOptions
                {
                    Paths = PathsPerBlock, Steps = (long)k * substeps, TimeStep = eta / substeps, Seed = 503 + (ulong)b,
                    InitialX = StationaryLoss.Fill(D, X0), RecordSteps = records, Observables = observables,
                },
                SdeIntegrator.WeakOrder2);
            for (int i = 0; i <= k; i++)
            {
                loss[i].Merge(sde.Moments(0, i));
            }

            x.Merge(sde.Moments(1, k));
        }

        return (loss, x.Mean);
    }

    /// <summary>E f(x_k) and E x_k, k = 0 … K, of SignSGD from x0 on f = x²/2: the exact law on the lattice x0 + ηℤ.</summary>
    private static (double[] F, double[] X) ExactSignSgd(double eta, int steps)
    {
        var f = new double[steps + 1];
        var x = new double[steps + 1];
        var p = new double[(2 * steps) + 1];
        p[steps] = 1;
        f[0] = 0.5 * X0 * X0;
        x[0] = X0;
        for (int k = 1; k <= steps; k++)
        {
            var next = new double[p.Length];
            for (int j = 0; j < p.Length; j++)
            {
                if (p[j] == 0)
                {
                    continue;
                }

                double position = X0 + ((j - steps) * eta);
                double down = 0.5 * SdeMath.Erfc(-position / (Sigma * Math.Sqrt(2))); // P(g > 0) = Φ(x/σ): the step is −η
                next[j - 1] += p[j] * down;
                next[j + 1] += p[j] * (1 - down);
            }

            p = next;
            for (int j = 0; j < p.Length; j++)
            {
                double position = X0 + ((j - steps) * eta);
                f[k] += p[j] * 0.5 * position * position;
                x[k] += p[j] * position;
            }
        }

        return (f, x);
    }

    /// <summary>
    /// E f(X_kη), k = 0 … K, of the SDE from x0: the backward Kolmogorov equation w_τ = a w_x + ½b² w_xx, a = −Erf(x/(√2σ)),
    /// b² = η(1 − Erf²), w(0, x) = x²/2, marched in τ by Crank–Nicolson (central differences, h = Δτ = 1/800, x ∈ [−3, 4],
    /// w held at x²/2 on the boundaries, which are outflow boundaries far from the paths), read at x0.
    /// </summary>
    private static double[] ExactSde(double eta, int steps)
    {
        const double h = 1.0 / 800, dtau = 1.0 / 800, left = -3, right = 4;
        int n = (int)Math.Round((right - left) / h);
        int perStep = (int)Math.Round(eta / dtau);
        int start = (int)Math.Round((X0 - left) / h);
        var w = new double[n + 1];
        double[] lower = new double[n + 1], diagonal = new double[n + 1], upper = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            double x = left + (i * h);
            double erf = SdeMath.Erf(x / (Math.Sqrt(2) * Sigma));
            double a = -erf, b2 = eta * (1 - (erf * erf));
            w[i] = 0.5 * x * x;
            lower[i] = (0.5 * b2 / (h * h)) - (a / (2 * h));
            upper[i] = (0.5 * b2 / (h * h)) + (a / (2 * h));
            diagonal[i] = -b2 / (h * h);
        }

        var result = new double[steps + 1];
        result[0] = w[start];
        double[] rhs = new double[n + 1], c = new double[n + 1], d = new double[n + 1];
        for (int k = 1; k <= steps; k++)
        {
            for (int s = 0; s < perStep; s++)
            {
                // (I − Δτ/2 A) w' = (I + Δτ/2 A) w on the interior; Dirichlet rows keep the boundary values. Thomas algorithm.
                rhs[0] = w[0];
                rhs[n] = w[n];
                for (int i = 1; i < n; i++)
                {
                    rhs[i] = w[i] + (0.5 * dtau * ((lower[i] * w[i - 1]) + (diagonal[i] * w[i]) + (upper[i] * w[i + 1])));
                }

                c[0] = 0;
                d[0] = rhs[0];
                for (int i = 1; i <= n; i++)
                {
                    double sub = i < n ? -0.5 * dtau * lower[i] : 0, main = i < n ? 1 - (0.5 * dtau * diagonal[i]) : 1;
                    double sup = i < n ? -0.5 * dtau * upper[i] : 0;
                    double pivot = main - (sub * c[i - 1]);
                    c[i] = sup / pivot;
                    d[i] = (rhs[i] - (sub * d[i - 1])) / pivot;
                }

                w[n] = d[n];
                for (int i = n - 1; i >= 0; i--)
                {
                    w[i] = d[i] - (c[i] * w[i + 1]);
                }
            }

            result[k] = w[start];
        }

        return result;
    }

    /// <summary>x(t) of dx/dt = −Erf(x/(√2σ)) from x0, RK4 with h = 1e-4.</summary>
    private static double Ode(double t)
    {
        const double h = 1e-4;
        static double Drift(double y) => -SdeMath.Erf(y / (Math.Sqrt(2) * Sigma));
        int n = (int)Math.Round(t / h);
        double x = X0;
        for (int i = 0; i < n; i++)
        {
            double k1 = Drift(x), k2 = Drift(x + (h / 2 * k1)), k3 = Drift(x + (h / 2 * k2)), k4 = Drift(x + (h * k3));
            x += h / 6 * (k1 + (2 * k2) + (2 * k3) + k4);
        }

        return x;
    }

    /// <summary>
    /// Mean and standard error of f per coordinate: the per-path loss is a sum of D independent identical coordinates and
    /// paths are independent, so both divide by D exactly.
    /// </summary>
    private static (double Mean, double StandardError) PerCoordinate(RunningMoments perPath) =>
        (perPath.Mean / D, perPath.StandardError / D);

    /// <summary>Least-squares slope of log(error) against log(η).</summary>
    private static double Slope(double[] errors)
    {
        int m = Etas.Length;
        double mx = 0, my = 0;
        for (int i = 0; i < m; i++)
        {
            mx += Math.Log(Etas[i]) / m;
            my += Math.Log(errors[i]) / m;
        }

        double sxy = 0, sxx = 0;
        for (int i = 0; i < m; i++)
        {
            sxy += (Math.Log(Etas[i]) - mx) * (Math.Log(errors[i]) - my);
            sxx += (Math.Log(Etas[i]) - mx) * (Math.Log(Etas[i]) - mx);
        }

        return sxy / sxx;
    }
}
