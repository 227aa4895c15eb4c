using System;
using System.Linq;
using Xunit;
using static SdeDsl.Optimizers.Tests.Reference;

namespace SdeDsl.Optimizers.Tests;

/// <summary>
/// Each generated double <c>EulerMaruyamaStep</c> against the SDE of docs/math.md computed here by scalar formulas:
/// with zero noise the step is s + a·dt; with unit noise the diffused states gain b·√dt.
/// </summary>
public sealed class SdeTests
{
    private const double T = 0.5, Dt = 0.01;
    private const double Eta = 1e-2, Beta = 0.9, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-3, Gamma = 0.1;

    /// <summary>Runs the kernel on copies of the states with the given noise arrays (one per diffused state).</summary>
    private delegate void EmKernel(double[][] states, double[][] noises);

    private static void AssertEulerMaruyama(double[][] states, double[][] drift, double[]?[] diffusion, EmKernel kernel)
    {
        int n = states[0].Length;
        double sqrtDt = Math.Sqrt(Dt);
        double[][] results = new double[2][];
        foreach (double xi in new[] { 0.0, 1.0 })
        {
            double[][] s = states.Select(a => (double[])a.Clone()).ToArray();
            double[][] noises = diffusion.Where(b => b is not null).Select(_ => Filled(n, xi)).ToArray();
            kernel(s, noises);
            for (int j = 0; j < states.Length; j++)
            {
                var expected = new double[n];
                for (int i = 0; i < n; i++)
                {
                    double b = diffusion[j]?[i] ?? 0.0;
                    expected[i] = states[j][i] + (drift[j][i] * Dt) + (b * sqrtDt * xi);
                }

                AssertClose(expected, s[j], $"state {j}, noise {xi}");
            }

            results[(int)xi] = s.SelectMany(a => a).ToArray();
        }

        // The diffusion term alone: unit-noise result minus zero-noise result is b·√dt (0 for undiffused states).
        for (int j = 0; j < states.Length; j++)
        {
            for (int i = 0; i < n; i++)
            {
                double term = results[1][(j * n) + i] - results[0][(j * n) + i];
                double b = (diffusion[j]?[i] ?? 0.0) * sqrtDt;
                double scale = Math.Abs(states[j][i]) + Math.Abs(drift[j][i] * Dt) + Math.Abs(b);
                Assert.True(Math.Abs(term - b) <= 4 * Tolerance * scale, $"diffusion of state {j} at {i}: {term:R} vs {b:R}");
            }
        }
    }

    private static double[] Map(int n, Func<int, double> f) => Enumerable.Range(0, n).Select(f).ToArray();

    [Fact]
    public void Sgd_EulerMaruyama()
    {
        var rng = new Random(101);
        int n = Length;
        double[] x = Normal(rng, n), grad = Normal(rng, n), sigma = Uniform(rng, n, 0.1, 2);
        var model = new Sgd { Eta = Eta };
        AssertEulerMaruyama(
            [x],
            [Map(n, i => -grad[i])],
            [Map(n, i => Math.Sqrt(Eta) * sigma[i])],
            (s, w) => model.EulerMaruyamaStep(s[0], grad, sigma, w[0], T, Dt));
    }

    [Fact]
    public void SignSgd_EulerMaruyama()
    {
        var rng = new Random(102);
        int n = Length;
        double[] x = Normal(rng, n), grad = Normal(rng, n), sigma = Uniform(rng, n, 0.1, 2);
        var model = new SignSgd { Eta = Eta };
        double[] erf = Map(n, i => SdeMath.Erf(grad[i] / (Math.Sqrt(2) * sigma[i])));
        AssertEulerMaruyama(
            [x],
            [Map(n, i => -erf[i])],
            [Map(n, i => Math.Sqrt(Eta) * Math.Sqrt(1 - (erf[i] * erf[i])))],
            (s, w) => model.EulerMaruyamaStep(s[0], grad, sigma, w[0], T, Dt));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(10.0)]
    public void SignSgdStudentT_EulerMaruyama(double nu)
    {
        var rng = new Random(103);
        int n = Length;
        double[] x = Normal(rng, n), grad = Normal(rng, n), sigma = Uniform(rng, n, 0.1, 2);
        var model = new SignSgdStudentT { Eta = Eta, Nu = nu };
        double[] twoXi = Map(n, i => (2 * SdeMath.StudentTCdf(grad[i] / sigma[i], nu)) - 1);
        if (nu == 1.0)
        {
            // Cauchy: 2Ξ_1(y) = (2/π) arctan y (docs/math.md §SignSGD), an independent check of the CDF used above.
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(2 / Math.PI * Math.Atan(grad[i] / sigma[i]), twoXi[i], 1e-14);
            }
        }

        AssertEulerMaruyama(
            [x],
            [Map(n, i => -twoXi[i])],
            [Map(n, i => Math.Sqrt(Eta) * Math.Sqrt(1 - (twoXi[i] * twoXi[i])))],
            (s, w) => model.EulerMaruyamaStep(s[0], grad, sigma, w[0], T, Dt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void RmsPropFamily_EulerMaruyama(int variant)
    {
        var rng = new Random(110 + variant);
        int n = Length;
        double[] x = Normal(rng, n), v = Uniform(rng, n, 0.1, 3), grad = Normal(rng, n), sigma = Uniform(rng, n, 0.1, 2);
        double rho = (1 - Beta) / Eta;
        double gamma = variant == 0 ? 0 : Gamma;

        // docs/math.md §RMSprop and Adam: dX = −P⁻¹(∇ dt + √η Σ^{1/2} dW) − γX dt (decoupled), dV = ρ(∇² + diag Σ − V) dt, P = √V + ε;
        // the coupled L2 form replaces the gradient signal ∇f by ∇f + γX and has no separate −γX.
        double[] signal = Map(n, i => variant == 1 ? grad[i] + (gamma * x[i]) : grad[i]);
        double[] driftX = Map(n, i => (-signal[i] / (Math.Sqrt(v[i]) + Eps)) - (variant == 2 ? gamma * x[i] : 0));
        double[] driftV = Map(n, i => rho * ((signal[i] * signal[i]) + (sigma[i] * sigma[i]) - v[i]));
        double[] diffX = Map(n, i => Math.Sqrt(Eta) * sigma[i] / (Math.Sqrt(v[i]) + Eps));
        EmKernel kernel = variant switch
        {
            0 => (s, w) => new RmsProp { Eta = Eta, Beta = Beta, Eps = Eps }.EulerMaruyamaStep(s[0], s[1], grad, sigma, w[0], T, Dt),
            1 => (s, w) => new RmsPropL2 { Eta = Eta, Beta = Beta, Eps = Eps, WeightDecay = Gamma }.EulerMaruyamaStep(s[0], s[1], grad, sigma, w[0], T, Dt),
            _ => (s, w) => new RmsPropW { Eta = Eta, Beta = Beta, Eps = Eps, WeightDecay = Gamma }.EulerMaruyamaStep(s[0], s[1], grad, sigma, w[0], T, Dt),
        };
        AssertEulerMaruyama([x, v], [driftX, driftV], [diffX, null], kernel);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AdamFamily_EulerMaruyama(int variant)
    {
        var rng = new Random(120 + variant);
        int n = Length;
        double[] x = Normal(rng, n), m = Normal(rng, n, scale: 0.5), v = Uniform(rng, n, 0.1, 3);
        double[] grad = Normal(rng, n), sigma = Uniform(rng, n, 0.1, 2);
        double rho1 = (1 - Beta1) / Eta, rho2 = (1 - Beta2) / Eta;
        double iota1 = 1 - Math.Exp(-rho1 * T), iota2 = 1 - Math.Exp(-rho2 * T);
        double gamma = variant == 0 ? 0 : Gamma;

        // docs/math.md §RMSprop and Adam, AdamW: dX = −(√ι2/ι1) P⁻¹ (M + ηρ1(∇ − M)) dt − γX dt, P = √V + ε√ι2;
        // dM = ρ1(∇ − M) dt + √η ρ1 Σ^{1/2} dW; dV = ρ2(∇² + diag Σ − V) dt. Coupled L2: ∇ → ∇ + γX, no −γX.
        double[] signal = Map(n, i => variant == 1 ? grad[i] + (gamma * x[i]) : grad[i]);
        double[] driftX = Map(n, i =>
            (-Math.Sqrt(iota2) / iota1 * (m[i] + (Eta * rho1 * (signal[i] - m[i]))) / (Math.Sqrt(v[i]) + (Eps * Math.Sqrt(iota2))))
            - (variant == 2 ? gamma * x[i] : 0));
        double[] driftM = Map(n, i => rho1 * (signal[i] - m[i]));
        double[] driftV = Map(n, i => rho2 * ((signal[i] * signal[i]) + (sigma[i] * sigma[i]) - v[i]));
        double[] diffM = Map(n, i => Math.Sqrt(Eta) * rho1 * sigma[i]);
        EmKernel kernel = variant switch
        {
            0 => (s, w) => new Adam { Eta = Eta, Beta1 = Beta1, Beta2 = Beta2, Eps = Eps }.EulerMaruyamaStep(s[0], s[1], s[2], grad, sigma, w[0], T, Dt),
            1 => (s, w) => new AdamL2 { Eta = Eta, Beta1 = Beta1, Beta2 = Beta2, Eps = Eps, WeightDecay = Gamma }.EulerMaruyamaStep(s[0], s[1], s[2], grad, sigma, w[0], T, Dt),
            _ => (s, w) => new AdamW { Eta = Eta, Beta1 = Beta1, Beta2 = Beta2, Eps = Eps, WeightDecay = Gamma }.EulerMaruyamaStep(s[0], s[1], s[2], grad, sigma, w[0], T, Dt),
        };
        AssertEulerMaruyama([x, m, v], [driftX, driftM, driftV], [null, diffM, null], kernel);
    }

    [Fact]
    public void MalladiRmsProp_EulerMaruyama()
    {
        var rng = new Random(130);
        int n = Length;
        double[] x = Normal(rng, n), u = Uniform(rng, n, 0.1, 3), grad = Normal(rng, n), sigma = Uniform(rng, n, 0.1, 2);
        const double eta = 0.1, sigma0 = 0.5;
        double c = (1 - Beta) / (eta * eta), eps0 = Eps * eta;

        // docs/math.md §Malladi et al.: dθ = −P⁻¹(∇f dt + σ0 Σ^{1/2} dW), du = c(diag Σ − u) dt, P = σ0√u + ε0.
        double[] p = Map(n, i => (sigma0 * Math.Sqrt(u[i])) + eps0);
        var model = new MalladiRmsProp { Eta = eta, Beta = Beta, Eps = Eps, Sigma0 = sigma0 };
        AssertEulerMaruyama(
            [x, u],
            [Map(n, i => -grad[i] / p[i]), Map(n, i => c * ((sigma[i] * sigma[i]) - u[i]))],
            [Map(n, i => sigma0 * sigma[i] / p[i]), null],
            (s, w) => model.EulerMaruyamaStep(s[0], s[1], grad, sigma, w[0], T, Dt));
    }

    [Fact]
    public void MalladiAdam_EulerMaruyama()
    {
        var rng = new Random(131);
        int n = Length;
        double[] x = Normal(rng, n), m = Normal(rng, n, scale: 0.5), u = Uniform(rng, n, 0.1, 3);
        double[] grad = Normal(rng, n), sigma = Uniform(rng, n, 0.1, 2);
        const double eta = 0.1, sigma0 = 0.5;
        double c1 = (1 - Beta1) / (eta * eta), c2 = (1 - Beta2) / (eta * eta), eps0 = Eps * eta;
        double g1 = 1 - Math.Exp(-c1 * T), g2 = 1 - Math.Exp(-c2 * T);

        // docs/math.md §Malladi et al.: dθ = −(√γ2/γ1) P⁻¹ m dt, dm = c1(∇f − m) dt + σ0 c1 Σ^{1/2} dW, du = c2(diag Σ − u) dt,
        // P = σ0√u + ε0√γ2.
        var model = new MalladiAdam { Eta = eta, Beta1 = Beta1, Beta2 = Beta2, Eps = Eps, Sigma0 = sigma0 };
        AssertEulerMaruyama(
            [x, m, u],
            [
                Map(n, i => -Math.Sqrt(g2) / g1 * m[i] / ((sigma0 * Math.Sqrt(u[i])) + (eps0 * Math.Sqrt(g2)))),
                Map(n, i => c1 * (grad[i] - m[i])),
                Map(n, i => c2 * ((sigma[i] * sigma[i]) - u[i])),
            ],
            [null, Map(n, i => sigma0 * c1 * sigma[i]), null],
            (s, w) => model.EulerMaruyamaStep(s[0], s[1], s[2], grad, sigma, w[0], T, Dt));
    }
}
