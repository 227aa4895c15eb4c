using System;
using System.Linq;
using Xunit;

namespace SdeDsl.TestSupport;

/// <summary>
/// Checks the derivative terms that the generator wrote into a model's Milstein and weak-order-2 steps
/// against central differences of the model's own drift and diffusion (read back from its Euler–Maruyama step with
/// dt = 1: ξ = 0 gives s + a, ξ = 1 adds b). The objective is a diagonal quadratic, grad = H·x and hess = H, so the
/// chain rule through grad is exact and every term has a reference:
/// <code>
/// Milstein, dt = 1:  Δ(ξ) = a + b·ξ + ½·M·(ξ² − 1),  M = b·∂b/∂s
/// weak 2,   dt = 1:  Δ(ξ) = a + ½·L₀a + Σ_j ½·L_j a·ξ_j + (b + ½·L₀b)·ξ_s + ½·M·(ξ_s² − 1)
/// </code>
/// so M = Δ(+1) + Δ(−1) − 2Δ(0), and with ξ = ±1 on one diffused component j the odd part gives ½L_j a (+ b + ½L₀b
/// on j's own row) and the even part ½M. Step sizes: h = 1e-5 for first derivatives (truncation h² ≈ 1e-10, rounding
/// ε/h ≈ 2e-11 relative) and 1e-3 for second ones (h² ≈ 1e-6, ε/h² ≈ 2e-10); the tolerance, 1e-5 relative to the size of
/// the term's summands, is 10× the larger of those.
/// </summary>
internal static class HigherOrderTermsCheck
{
    private const int N = 24;

    public static void Check<TModel>(TModel model) where TModel : IHigherOrderSdeModel<TModel>
    {
        int states = TModel.StateNames.Count;
        int[] diffused = TModel.DiffusedStateNames.Select(d => TModel.StateNames.ToList().IndexOf(d)).ToArray();
        var random = new System.Random(1234);
        double[] s = new double[states * N];
        for (int j = 0; j < states; j++)
        {
            bool positive = TModel.StateNames[j] is "v" or "u";
            for (int i = 0; i < N; i++)
            {
                s[(j * N) + i] = positive ? 0.5 + (1.5 * random.NextDouble()) : (2 * random.NextDouble()) - 1;
            }
        }

        double[] h = Enumerable.Range(0, N).Select(_ => 0.5 + random.NextDouble()).ToArray();
        double[] sigma = Enumerable.Range(0, N).Select(_ => 0.5 + random.NextDouble()).ToArray();
        const double t = 0.7;

        // a(s) and b(s) (per state row, zero rows for undiffused) from the EM step with dt = 1.
        (double[] A, double[] B) Coefficients(double[] at, double time)
        {
            double[] grad = Enumerable.Range(0, N).Select(i => h[i] * at[i]).ToArray();
            double[] zero = new double[diffused.Length * N], one = Enumerable.Repeat(1.0, diffused.Length * N).ToArray();
            double[] s0 = (double[])at.Clone(), s1 = (double[])at.Clone();
            model.EulerMaruyamaStep(s0, grad, sigma, zero, time, 1.0);
            model.EulerMaruyamaStep(s1, grad, sigma, one, time, 1.0);
            return (s0.Select((v, k) => v - at[k]).ToArray(), s1.Select((v, k) => v - s0[k]).ToArray());
        }

        double[] Shift(double[] at, int row, double step)
        {
            double[] copy = (double[])at.Clone();
            for (int i = 0; i < N; i++)
            {
                copy[(row * N) + i] += step * Math.Max(1, Math.Abs(at[(row * N) + i]));
            }

            return copy;
        }

        double Scale(double[] at, int row, int i) => Math.Max(1, Math.Abs(at[(row * N) + i]));

        // First and second derivatives of the coefficient arrays with respect to state row j (all coordinates at once,
        // the coordinates being independent), and with respect to t.
        double[] D1(Func<double[], double[]> f, int j) =>
            Combine(f(Shift(s, j, 1e-5)), f(Shift(s, j, -1e-5)), (p, m, k) => (p - m) / (2e-5 * Scale(s, j, k % N)));
        double[] D2(Func<double[], double[]> f, int j)
        {
            double[] plus = f(Shift(s, j, 1e-3)), minus = f(Shift(s, j, -1e-3)), mid = f(s);
            return plus.Select((p, k) => (p - (2 * mid[k]) + minus[k]) / Math.Pow(1e-3 * Scale(s, j, k % N), 2)).ToArray();
        }

        (double[] a, double[] b) = Coefficients(s, t);
        Func<double[], double[]> drift = at => Coefficients(at, t).A, diffusion = at => Coefficients(at, t).B;
        double[] dDriftDt = Combine(Coefficients(s, t + 1e-5).A, Coefficients(s, t - 1e-5).A, (p, m, _) => (p - m) / 2e-5);
        double[] dDiffusionDt = Combine(Coefficients(s, t + 1e-5).B, Coefficients(s, t - 1e-5).B, (p, m, _) => (p - m) / 2e-5);

        // L₀g and its summands' size, for g = drift or diffusion.
        (double[] Value, double[] Size) L0(Func<double[], double[]> g, double[] dgdt)
        {
            double[] value = (double[])dgdt.Clone(), size = dgdt.Select(Math.Abs).ToArray();
            for (int r = 0; r < states; r++)
            {
                double[] d = D1(g, r);
                for (int k = 0; k < value.Length; k++)
                {
                    double term = a[(r * N) + (k % N)] * d[k];
                    value[k] += term;
                    size[k] += Math.Abs(term);
                }
            }

            foreach (int j in diffused)
            {
                double[] d2 = D2(g, j);
                for (int k = 0; k < value.Length; k++)
                {
                    double bj = b[(j * N) + (k % N)];
                    double term = 0.5 * bj * bj * d2[k];
                    value[k] += term;
                    size[k] += Math.Abs(term);
                }
            }

            return (value, size);
        }

        (double[] l0a, double[] l0aSize) = L0(drift, dDriftDt);
        (double[] l0b, double[] l0bSize) = L0(diffusion, dDiffusionDt);

        double[] gradAt = Enumerable.Range(0, N).Select(i => h[i] * s[i]).ToArray();
        double[] Run(bool milstein, int noiseRow, double xi)
        {
            double[] noise = new double[diffused.Length * N];
            if (noiseRow >= 0)
            {
                Array.Fill(noise, xi, noiseRow * N, N);
            }

            double[] next = (double[])s.Clone();
            if (milstein)
            {
                model.MilsteinStep(next, gradAt, h, sigma, noise, t, 1.0);
            }
            else
            {
                model.WeakOrder2Step(next, gradAt, h, sigma, noise, t, 1.0);
            }

            return next.Select((v, k) => v - s[k]).ToArray();
        }

        // ξ = 0: a + ½L₀a − ½ Σ_{s diffused} M_s on each diffused row.
        double[] w0 = Run(milstein: false, noiseRow: -1, xi: 0);
        double[] m0 = Run(milstein: true, noiseRow: -1, xi: 0);
        for (int q = 0; q < diffused.Length; q++)
        {
            int j = diffused[q];
            double[] dbj = D1(diffusion, j);
            double[] ddriftj = D1(drift, j);
            double[] wPlus = Run(false, q, 1), wMinus = Run(false, q, -1), mPlus = Run(true, q, 1), mMinus = Run(true, q, -1);
            for (int r = 0; r < states; r++)
            {
                for (int i = 0; i < N; i++)
                {
                    int k = (r * N) + i;
                    double bj = b[(j * N) + i];
                    double milstein = r == j ? bj * dbj[k] : 0;
                    string where = TModel.StateNames[r] + "[" + i + "], noise " + TModel.StateNames[j];

                    Near(milstein, mPlus[k] + mMinus[k] - (2 * m0[k]), Math.Abs(milstein) + Math.Abs(bj * bj), "Milstein M, " + where);
                    Near(0.5 * milstein, ((wPlus[k] + wMinus[k]) / 2) - w0[k], Math.Abs(milstein) + Math.Abs(bj * bj), "weak-2 ½M, " + where);
                    double odd = (0.5 * bj * ddriftj[k]) + (r == j ? b[k] + (0.5 * l0b[k]) : 0);
                    double oddSize = Math.Abs(0.5 * bj * ddriftj[k]) + (r == j ? Math.Abs(b[k]) + l0bSize[k] : 0);
                    Near(odd, (wPlus[k] - wMinus[k]) / 2, oddSize, "weak-2 ½L_j a (+ b + ½L₀b), " + where);
                }
            }
        }

        for (int k = 0; k < a.Length; k++)
        {
            int r = k / N;
            double correction = 0;
            if (diffused.Contains(r))
            {
                correction = -0.5 * b[k] * D1(diffusion, r)[k];
            }

            Near(a[k] + (0.5 * l0a[k]) + correction, w0[k], Math.Abs(a[k]) + l0aSize[k] + Math.Abs(correction), "weak-2 a + ½L₀a, " + TModel.StateNames[r] + "[" + (k % N) + "]");
        }
    }

    private static double[] Combine(double[] plus, double[] minus, Func<double, double, int, double> f) =>
        plus.Select((p, k) => f(p, minus[k], k)).ToArray();

    private static void Near(double expected, double actual, double size, string what)
    {
        double tolerance = 1e-5 * Math.Max(size, 1e-3);
        Assert.True(Math.Abs(expected - actual) <= tolerance,
            what + ": expected " + expected.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ", generated " + actual.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " (tolerance " + tolerance + ").");
    }
}
