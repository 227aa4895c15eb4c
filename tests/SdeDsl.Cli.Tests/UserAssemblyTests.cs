using System;
using System.Globalization;
using System.IO;
using System.Linq;
using SdeDsl.TestSupport;
using Xunit;

namespace SdeDsl.Cli.Tests;

/// <summary>
/// <c>simulate --assembly</c> and <c>check --assembly</c> on models the catalog does not have: compiled here, from
/// source, by the real generator, into a library the tool loads by path — what a user does after building their own.
/// </summary>
public sealed class UserAssemblyTests
{
    private const string Source = """
        using SdeDsl;
        using static SdeDsl.SdeMath;

        namespace HeldOut;

        /// <summary>SGD with a gain: x ← x − η·G·g; its SDE dX = −G∇f dt + √η G σ dW.</summary>
        [SdeModel]
        public partial struct GainSgd
        {
            [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
            [Hyper(Min = 0)] public double Gain;

            [Update] void Step(ref double x, double g) => x -= Eta * Gain * g;
            [Drift("x")] double DriftX(double grad) => -Gain * grad;
            [Diffusion("x")] double DiffusionX(double sigma) => Sqrt(Eta) * Gain * sigma;
        }

        /// <summary>The same update with a diffusion that forgets the gain: its variance is off by G² at every η.</summary>
        [SdeModel]
        public partial struct ForgetfulGainSgd
        {
            [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
            [Hyper(Min = 0)] public double Gain;

            [Update] void Step(ref double x, double g) => x -= Eta * Gain * g;
            [Drift("x")] double DriftX(double grad) => -Gain * grad;
            [Diffusion("x")] double DiffusionX(double sigma) => Sqrt(Eta) * sigma;
        }

        /// <summary>Two states moved by one noise (x, m ← · − η·G·g): each state's drift and diffusion are right, but the
        /// SDE's independent Brownian motions leave out their correlation, 1, at every η.</summary>
        [SdeModel]
        public partial struct TwinGainSgd
        {
            [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;
            [Hyper(Min = 0)] public double Gain;

            [Update] void Step(ref double x, ref double m, double g) { x -= Eta * Gain * g; m -= Eta * Gain * g; }
            [Drift("x")] double DriftX(double grad) => -Gain * grad;
            [Drift("m")] double DriftM(double grad) => -Gain * grad;
            [Diffusion("x")] double DiffusionX(double sigma) => Sqrt(Eta) * Gain * sigma;
            [Diffusion("m")] double DiffusionM(double sigma) => Sqrt(Eta) * Gain * sigma;
        }
        """;

    /// <summary>The compiled library of held-out models (also run through two worker processes by TwoWorkerProcessesTests).</summary>
    internal static readonly Lazy<string> Library = new(Compile);

    private static string Compile()
    {
        string path = Path.Combine(CliRunner.TempFolder(), "HeldOutModels.dll");
        File.WriteAllBytes(path, GeneratedModelLibrary.Compile("HeldOutModels", Source));
        return path;
    }

    [Fact]
    public void List_ShowsTheUsersModels()
    {
        (int code, string output, _) = CliRunner.Run("list", "--assembly", Library.Value);
        Assert.Equal(0, code);
        Assert.Contains("HeldOut.GainSgd", output, StringComparison.Ordinal);
        Assert.Contains("Gain ∈ [0, ∞)", output, StringComparison.Ordinal);
    }

    /// <summary><c>bench</c> times a user's model: its update and its SDE step each get a row, with the model's name.</summary>
    [Fact]
    public void Bench_TimesAModelTheProjectNeverSaw()
    {
        (int code, string output, string error) = CliRunner.Run("bench", "--model", "GainSgd", "--assembly", Library.Value, "--set", "Gain=2",
            "--elements", "8192", "--rounds", "3");
        Assert.True(code == 0, output + error);
        Assert.Contains("GainSgd update", output, StringComparison.Ordinal);
        Assert.Contains("GainSgd SDE, Euler–Maruyama", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The optimizer and its SDE from x0 = 2 on f = x²/2 (σ = 1, η = 0.01, G = 2, 4,000 paths): E f starts at 2 for both,
    /// and at every record the two means agree within 5 combined standard errors plus the SDE's O(η) weak error (for this
    /// linear SDE, Euler–Maruyama at dt = η is the optimizer in law, so the gap is pure Monte Carlo noise).
    /// </summary>
    [Fact]
    public void Simulate_RunsAModelTheProjectNeverSaw()
    {
        string folder = CliRunner.TempFolder();
        (int code, string output, string error) = CliRunner.Run("simulate", "GainSgd", "--assembly", Library.Value, "--set", "Eta=0.01,Gain=2",
            "--objective", "quadratic:1", "--noise", "gaussian:1", "--x0", "2", "--paths", "4000", "--steps", "300", "--record-every", "50", "--out", folder);
        Assert.True(code == 0, output + error);
        string[][] rows = File.ReadAllLines(Path.Combine(folder, "GainSgd.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        double[][] optimizer = rows.Where(r => r[0] == "optimizer").Select(Numbers).ToArray();
        double[][] sde = rows.Where(r => r[0] == "sde").Select(Numbers).ToArray();
        Assert.Equal(7, optimizer.Length);
        Assert.Equal(7, sde.Length);
        Assert.Equal(2.0, optimizer[0][2]);
        Assert.Equal(2.0, sde[0][2]);
        Assert.True(optimizer[^1][2] < 0.05, "E f decays: " + optimizer[^1][2]);
        for (int i = 0; i < optimizer.Length; i++)
        {
            double se = Math.Sqrt((optimizer[i][3] * optimizer[i][3]) + (sde[i][3] * sde[i][3]));
            Assert.True(Math.Abs(optimizer[i][2] - sde[i][2]) <= 5 * se + 1e-12, $"record {i}: {optimizer[i][2]} vs {sde[i][2]} ± {se}");
        }

        static double[] Numbers(string[] row) => row.Skip(2).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void Check_PassesTheRightSdeAndFailsTheWrongOne()
    {
        string[] common = ["--assembly", Library.Value, "--set", "Eta=0.05,Gain=2", "--objective", "quadratic:1,3", "--noise", "gaussian:1", "--eta", "0.05", "--samples", "100000"];
        (int code, string output, string error) = CliRunner.Run(["check", "GainSgd", .. common]);
        Assert.True(code == 0, output + error);
        Assert.Contains("PASS", output, StringComparison.Ordinal);
        (code, output, error) = CliRunner.Run(["check", "ForgetfulGainSgd", .. common]);
        Assert.True(code == 1, output + error);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
        Assert.Contains("does not shrink", output, StringComparison.Ordinal);

        // Every per-state moment of TwinGainSgd matches; the covariance of x and m is what fails.
        (code, output, error) = CliRunner.Run(["check", "TwinGainSgd", .. common]);
        Assert.True(code == 1, output + error);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
        Assert.Contains("the update's noise correlates them", output, StringComparison.Ordinal);
        Assert.DoesNotContain("mismatch does not shrink with η", output, StringComparison.Ordinal); // no per-state row fails
    }
}
