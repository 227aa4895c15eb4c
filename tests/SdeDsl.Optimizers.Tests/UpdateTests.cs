using System;
using Xunit;
using static SdeDsl.Optimizers.Tests.Reference;

namespace SdeDsl.Optimizers.Tests;

/// <summary>
/// Each generated double <c>Step</c>, run for 50 steps of seeded random gradients over 8·Count + 3 coordinates,
/// against the update of docs/math.md written as a plain scalar loop.
/// </summary>
public sealed class UpdateTests
{
    private const double Eta = 1e-2, Beta = 0.9, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, Gamma = 0.1;

    private static double ScalarSign(double g) => g > 0 ? 1 : g < 0 ? -1 : g;

    [Fact]
    public void Sgd_MatchesScalarLoop()
    {
        var rng = new Random(1);
        int n = Length;
        double[] x = Normal(rng, n), xr = (double[])x.Clone();
        var model = new Sgd { Eta = Eta };
        for (long k = 1; k <= Steps; k++)
        {
            double[] g = Normal(rng, n);
            model.Step(x, g, k);
            for (int i = 0; i < n; i++)
            {
                xr[i] -= Eta * g[i];
            }
        }

        AssertClose(xr, x, "x");
    }

    [Fact]
    public void SignSgd_MatchesScalarLoop()
    {
        var rng = new Random(2);
        int n = Length;
        double[] x = Normal(rng, n), xr = (double[])x.Clone();
        var model = new SignSgd { Eta = Eta };
        for (long k = 1; k <= Steps; k++)
        {
            double[] g = Normal(rng, n);
            model.Step(x, g, k);
            for (int i = 0; i < n; i++)
            {
                xr[i] -= Eta * ScalarSign(g[i]);
            }
        }

        AssertClose(xr, x, "x");
    }

    [Fact]
    public void SignSgdStudentT_MatchesScalarLoop()
    {
        var rng = new Random(3);
        int n = Length;
        double[] x = Normal(rng, n), xr = (double[])x.Clone();
        var model = new SignSgdStudentT { Eta = Eta, Nu = 3 };
        for (long k = 1; k <= Steps; k++)
        {
            double[] g = Normal(rng, n);
            model.Step(x, g, k);
            for (int i = 0; i < n; i++)
            {
                xr[i] -= Eta * ScalarSign(g[i]);
            }
        }

        AssertClose(xr, x, "x");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void RmsPropFamily_MatchesScalarLoop(int variant)
    {
        // variant 0: RmsProp; 1: RmsPropL2 (coupled, g ← g + γx first); 2: RmsPropW (decoupled, −ηγx on the old x).
        var rng = new Random(10 + variant);
        int n = Length;
        double[] x = Normal(rng, n), xr = (double[])x.Clone();
        double[] v = new double[n], vr = new double[n];
        for (long k = 1; k <= Steps; k++)
        {
            double[] g = Normal(rng, n, mean: 0.3);
            switch (variant)
            {
                case 0: new RmsProp { Eta = Eta, Beta = Beta, Eps = Eps }.Step(x, v, g, k); break;
                case 1: new RmsPropL2 { Eta = Eta, Beta = Beta, Eps = Eps, WeightDecay = Gamma }.Step(x, v, g, k); break;
                default: new RmsPropW { Eta = Eta, Beta = Beta, Eps = Eps, WeightDecay = Gamma }.Step(x, v, g, k); break;
            }

            for (int i = 0; i < n; i++)
            {
                double gi = variant == 1 ? g[i] + (Gamma * xr[i]) : g[i];
                vr[i] = (Beta * vr[i]) + ((1 - Beta) * gi * gi);
                double step = gi / (Math.Sqrt(vr[i]) + Eps);
                xr[i] = variant == 2 ? xr[i] - (Eta * (step + (Gamma * xr[i]))) : xr[i] - (Eta * step);
            }
        }

        AssertClose(vr, v, "v");
        AssertClose(xr, x, "x");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AdamFamily_MatchesScalarLoop(int variant)
    {
        // variant 0: Adam; 1: AdamL2 (coupled, g ← g + γx first); 2: AdamW (decoupled, −ηγx on the old x).
        var rng = new Random(20 + variant);
        int n = Length;
        double[] x = Normal(rng, n), xr = (double[])x.Clone();
        double[] m = new double[n], mr = new double[n], v = new double[n], vr = new double[n];
        for (long k = 1; k <= Steps; k++)
        {
            double[] g = Normal(rng, n, mean: 0.3);
            switch (variant)
            {
                case 0: new Adam { Eta = Eta, Beta1 = Beta1, Beta2 = Beta2, Eps = Eps }.Step(x, m, v, g, k); break;
                case 1: new AdamL2 { Eta = Eta, Beta1 = Beta1, Beta2 = Beta2, Eps = Eps, WeightDecay = Gamma }.Step(x, m, v, g, k); break;
                default: new AdamW { Eta = Eta, Beta1 = Beta1, Beta2 = Beta2, Eps = Eps, WeightDecay = Gamma }.Step(x, m, v, g, k); break;
            }

            double bc1 = 1 - Math.Pow(Beta1, k), bc2 = 1 - Math.Pow(Beta2, k);
            for (int i = 0; i < n; i++)
            {
                double gi = variant == 1 ? g[i] + (Gamma * xr[i]) : g[i];
                mr[i] = (Beta1 * mr[i]) + ((1 - Beta1) * gi);
                vr[i] = (Beta2 * vr[i]) + ((1 - Beta2) * gi * gi);
                double step = (mr[i] / bc1) / (Math.Sqrt(vr[i] / bc2) + Eps);
                xr[i] = variant == 2 ? xr[i] - (Eta * (step + (Gamma * xr[i]))) : xr[i] - (Eta * step);
            }
        }

        AssertClose(mr, m, "m");
        AssertClose(vr, v, "v");
        AssertClose(xr, x, "x");
    }
}
