using System;
using System.Collections.Generic;

namespace SdeDsl.Cli.Experiments;

/// <summary>
/// Exact laws for SignSGD on f = ½ Σ λ_i x_i² with Gaussian noise, per coordinate (the coordinates are independent):
/// the optimizer's iterate lives on the lattice x0 + ηℤ and steps down with probability P(g &gt; 0) = Φ(λx/σ), so the
/// law of x_k follows by dynamic programming over 2k + 1 lattice points, with no Monte Carlo error; the noiseless ODE
/// dx = −Erf(λx/(√2σ)) dt by classical Runge–Kutta.
/// </summary>
internal static class SignSgdExact
{
    /// <summary>E f_i(x_k) for k = 0 … steps, summed over the coordinates.</summary>
    public static double[] OptimizerMeanLoss(IReadOnlyList<double> lambda, IReadOnlyList<double> sigma, IReadOnlyList<double> x0, double eta, int steps)
    {
        var total = new double[steps + 1];
        for (int i = 0; i < lambda.Count; i++)
        {
            double l = lambda[i], s = sigma[i];
            int width = (2 * steps) + 1;
            var p = new double[width];
            var next = new double[width];
            p[steps] = 1; // lattice index j ↔ x = x0 + (j − steps)·η
            for (int k = 0; k <= steps; k++)
            {
                double mean = 0;
                for (int j = 0; j < width; j++)
                {
                    double x = x0[i] + ((j - steps) * eta);
                    mean += p[j] * 0.5 * l * x * x;
                }

                total[k] += mean;
                if (k == steps)
                {
                    break;
                }

                Array.Clear(next);
                for (int j = 1; j < width - 1; j++)
                {
                    if (p[j] == 0)
                    {
                        continue;
                    }

                    double x = x0[i] + ((j - steps) * eta);
                    double down = 0.5 * (1 + SdeMath.Erf(l * x / (Math.Sqrt(2) * s))); // Φ(λx/σ) = P(g > 0)
                    next[j - 1] += p[j] * down;
                    next[j + 1] += p[j] * (1 - down);
                }

                (p, next) = (next, p);
            }
        }

        return total;
    }

    /// <summary>f(x(t)) of the ODE dx_i = −Erf(λ_i x_i/(√2σ_i)) dt at t = k·<paramref name="every"/>, k = 0 … count − 1,
    /// by RK4 with at least 200 substeps per unit time.</summary>
    public static double[] OdeLoss(IReadOnlyList<double> lambda, IReadOnlyList<double> sigma, IReadOnlyList<double> x0, double every, int count)
    {
        int sub = Math.Max(1, (int)Math.Ceiling(every * 200));
        double h = every / sub;
        var x = new double[lambda.Count];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = x0[i];
        }

        var loss = new double[count];
        for (int k = 0; k < count; k++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                loss[k] += 0.5 * lambda[i] * x[i] * x[i];
            }

            for (int s = 0; s < sub; s++)
            {
                for (int i = 0; i < x.Length; i++)
                {
                    double c = lambda[i] / (Math.Sqrt(2) * sigma[i]);
                    double k1 = -SdeMath.Erf(c * x[i]), k2 = -SdeMath.Erf(c * (x[i] + (h / 2 * k1)));
                    double k3 = -SdeMath.Erf(c * (x[i] + (h / 2 * k2))), k4 = -SdeMath.Erf(c * (x[i] + (h * k3)));
                    x[i] += h / 6 * (k1 + (2 * k2) + (2 * k3) + k4);
                }
            }
        }

        return loss;
    }
}
