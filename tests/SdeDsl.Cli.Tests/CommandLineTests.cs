using System;
using System.Globalization;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SdeDsl.Cli.Commands;
using SdeDsl.Cli.Experiments;
using Xunit;

namespace SdeDsl.Cli.Tests;

/// <summary>Each command's bad arguments: exit code 2 and one line naming the argument and what is allowed.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("error: --assembly: 'missing.dll' does not exist.", "list", "--assembly", "missing.dll")]
    [InlineData("error: unknown model 'Nope'; the models are", "simulate", "Nope", "--objective", "quadratic:1", "--noise", "gaussian:1")]
    [InlineData("error: --objective 'quadratic:0': λ = 0 must be > 0", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:0", "--noise", "gaussian:1")]
    [InlineData("error: --noise 'gauss:1': unknown noise model 'gauss'", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gauss:1")]
    [InlineData("error: --set: Sgd.Eta = -2 is outside its range (0, ∞).", "simulate", "Sgd", "--set", "Eta=-2,", "--objective", "quadratic:1", "--noise", "gaussian:1")]
    [InlineData("error: --set: Sgd has no hyperparameter 'Beta'; it has Eta.", "simulate", "Sgd", "--set", "Eta=0.1,Beta=0.9", "--objective", "quadratic:1", "--noise", "gaussian:1")]
    [InlineData("error: --set: Eta is set twice (Eta=0.01 and eta=0.02); hyperparameter names ignore case.", "simulate", "Sgd", "--set", "Eta=0.01,eta=0.02", "--objective", "quadratic:1", "--noise", "gaussian:1")] // ran the optimizer and the SDE at different η
    [InlineData("error: --init: v is given twice; give each state one --init.", "simulate", "AdamW", "--set", "Eta=0.01,Beta1=0.9,Beta2=0.99,Eps=1e-8,WeightDecay=0", "--init", "v=1", "--init", "v=2", "--objective", "quadratic:1", "--noise", "gaussian:1")]
    [InlineData("error: --objective 'logistic:100000000:1000': n·d must fit in one array; expected", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "logistic:100000000:1000", "--noise", "gaussian:1")] // was "--n:"
    [InlineData("error: --noise 'gaussian:1,2,3' does not fit objective 'quadratic:1,2': The noise model has 3 scales σ_i but the objective's dimension is 2: give it 1 scale or 2.", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1,2", "--noise", "gaussian:1,2,3")] // ended "(Parameter 'objective')"
    [InlineData("error: --assembly: an empty path: give the path of a compiled library.", "list", "--assembly", "")] // was "--path:"
    [InlineData("error: --out: an empty path: give a folder to write to.", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--out", "")]
    [InlineData("error: --json: '' cannot be written: The value cannot be an empty string.", "bench", "--json", "", "--elements", "8192", "--rounds", "3")] // ended "(Parameter 'path')"
    [InlineData("error: --observables: give at least one of f, |x|^2, x[i], s[i], |s|^2.", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--observables", ",")]
    [InlineData("error: --primary: 'nohost' is not host:port", "worker", "--primary", "nohost")] // was "--cluster:"
    [InlineData("error: --threads: -1 is below the minimum 0.", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--threads", "-1")] // was accepted
    [InlineData("error: --rate-params: Beta1 is named twice; each hyperparameter is scaled once.", "check", "Adam", "--set", "Eta=0.01,Beta1=0.9,Beta2=0.999,Eps=1e-8", "--objective", "quadratic:1", "--noise", "gaussian:1", "--eta", "0.01", "--rate-params", "Beta1,Beta1")]
    [InlineData("error: --nu: no experiment chosen reads it (E4 does).", "replicate", "E2", "--nu", "3")] // was ignored
    [InlineData("error: --eta: E4: η·λ_max = 2.5 must be below 2", "replicate", "E4", "--eta", "2.5")] // predicted a negative loss
    [InlineData("error: --set: 'Eta' is not NAME=VALUE", "simulate", "Sgd", "--set", "Eta", "--objective", "quadratic:1", "--noise", "gaussian:1")]
    [InlineData("error: --integrator: 'rk4' is not an integrator", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--integrator", "rk4")]
    [InlineData("error: --precision: 'half' is not a precision; use double, single or single-own-draws.", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--precision", "half")]
    [InlineData("error: --paths: 0 is below the minimum 1.", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--paths", "0")]
    [InlineData("error: --sde: give at most one of", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--sde", "--optimizer")]
    [InlineData("error: --x0 must have 1 value or d = 2 values", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1,1", "--noise", "gaussian:1", "--x0", "1,2,3")]
    [InlineData("error: Option '--objective' is required.", "simulate", "Sgd", "--noise", "gaussian:1")]
    [InlineData("error: --t0: -0.5 must be finite and ≥ 0: the SDE's time stands for the optimizer's k·η.", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--t0", "-0.5")]
    [InlineData("error: --eta: -1 must be finite and > 0.", "check", "Sgd", "--objective", "quadratic:1", "--noise", "gaussian:1", "--eta", "-1")]
    [InlineData("error: MalladiAdam needs both an [Update] and an SDE", "check", "MalladiAdam", "--objective", "quadratic:1", "--noise", "gaussian:1", "--eta", "0.1")]
    [InlineData("error: --rate-params: SignSgd has no hyperparameter 'Beta'.", "check", "SignSgd", "--objective", "quadratic:1", "--noise", "gaussian:1", "--eta", "0.1", "--rate-params", "Beta")]
    [InlineData("error: unknown experiment 'E9'; the experiments are E1, E2", "replicate", "E9")]
    [InlineData("error: --sigma: 'x' is not a finite number.", "replicate", "E2", "--sigma", "1,x")]
    [InlineData("error: --eta takes one value in this experiment, not 2.", "replicate", "E2", "--eta", "0.1,0.2")]
    [InlineData("error: --paths: 1 is below the minimum 2.", "replicate", "--paths", "1")]
    [InlineData("error: unknown option '--frobnicate'; see 'sdedsl replicate --help'.", "replicate", "--frobnicate")]
    [InlineData("error: Unrecognized command or argument '--frobnicate'.", "list", "--frobnicate")]
    [InlineData("error: --cluster: 'localhost' is not host:port", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--cluster", "localhost")]
    [InlineData("error: --cluster: 'redis://cache:0' is not redis://HOST[:PORT]", "replicate", "E2", "--cluster", "redis://cache:0")]
    [InlineData("error: --work-item-paths: 1000 is not a positive multiple of 256", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--work-item-paths", "1000")]
    [InlineData("error: --max-workers: -1 workers: give a positive number, or 0 for every worker.", "replicate", "E2", "--max-workers", "-1")]
    [InlineData("error: --cluster: 'localhost:30000': a worker's --cluster is a Redis server", "worker", "--cluster", "localhost:30000")]
    [InlineData("error: --cluster: give either --cluster redis://… or --primary, not both.", "worker", "--cluster", "redis://cache", "--primary", "127.0.0.1:11111")]
    [InlineData("error: --cluster-id: the cluster id is 'a' in --cluster but 'b' in --cluster-id.", "worker", "--cluster", "a@redis://cache", "--cluster-id", "b")]
    [InlineData("error: --work-items: -1 is below the minimum 0.", "worker", "--work-items", "-1")]
    [InlineData("error: --silo-port: 0 is not a port (1…65535).", "worker", "--silo-port", "0")]
    [InlineData("error: --elements: 1000 is not a multiple of 8192 from 8192 to 67108864.", "bench", "--elements", "1000")]
    [InlineData("error: --elements: 134217728 is not a multiple of 8192 from 8192 to 67108864.", "bench", "--elements", "134217728")]
    [InlineData("error: --rounds: 1 is below the minimum 3.", "bench", "--rounds", "1")]
    [InlineData("error: --eta: E2: SignSgd.Eta = 0 is outside its range (0, ∞).", "replicate", "E2", "--eta", "0")]
    [InlineData("error: Unrecognized command or argument 'frobnicate'.", "frobnicate")]
    [InlineData("error: --steps: 5000000000 is above the maximum 4294967295 (a draw's step index is 32 bits).", "simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--steps", "5000000000")]
    [InlineData("error: --set: Eta = 0.5 differs from --eta 0.01; check sets Eta from --eta: leave it out of --set.", "check", "Sgd", "--eta", "0.01", "--set", "Eta=0.5", "--objective", "quadratic:1", "--noise", "gaussian:1")]
    [InlineData("error: Required argument missing for command: 'simulate'.", "simulate")]
    [InlineData("error: Cannot parse argument '-1' for option '--seed' as a whole number from 0 to 18446744073709551615.", "simulate", "Sgd", "--seed", "-1", "--objective", "quadratic:1", "--noise", "gaussian:1")]
    [InlineData("error: --integrator: AdamW's Milstein step reads the objective's diagonal Hessian (its SDE reads grad), and Mlp has none", "simulate", "AdamW", "--set", "Eta=1e-3,Beta1=0.9,Beta2=0.999,WeightDecay=0.1", "--objective", "mlp:4:3:2", "--noise", "gaussian:1", "--integrator", "milstein", "--steps", "100000")]
    [InlineData("error: --sigma: E1: noise 'gaussian:-1': σ = -1 must be > 0", "replicate", "E1", "E2", "--sigma", "-1")]
    [InlineData("error: --sigma: E3: A run takes from 1 to 4294967295 steps (2³² − 1), not ", "replicate", "E3", "--sigma", "1e20")] // filled 13 GB, then OutOfMemoryException
    [InlineData("error: --eta: E2: η·λ_max = 2 must be below 2: SGD diverges there", "replicate", "E2", "--eta", "2")] // passed against an infinite prediction
    [InlineData("error: --eta: E3: η·a = 1.5 for the fastest rate a = 1; the optimizers' decay rate", "replicate", "E3", "--eta", "1.5")] // NaN in every output
    [InlineData("error: --lambda: E2: objective 'quadratic:-1*32': λ = -1 must be > 0", "replicate", "E2", "--lambda", "-1")] // was named --objective
    [InlineData("error: --beta2: E5: Steps must be from 1 to 4294967295", "replicate", "E5", "--beta2", "0.99999999999")] // named no option
    [InlineData("error: unknown option '--bogus'; see 'sdedsl replicate --help'.", "replicate", "E2", "--quick", "--bogus")]
    [InlineData("error: --model: unknown model 'Nope'; the models are", "bench", "--model", "Nope")]
    [InlineData("error: --set: no timed model has a hyperparameter 'Nu'.", "bench", "--set", "Nu=2")]
    public void BadArguments_ExitTwoWithOneLine(string expected, params string[] args)
    {
        (int code, _, string error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("replicate", "E2", "--quick")]
    [InlineData("simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1", "--paths", "4", "--steps", "2")]
    public void OutThatIsAFile_ExitsTwoWithOneLineBeforeTheRun(params string[] args)
    {
        // It was an unhandled IOException with a stack trace, for simulate after the whole computation.
        string file = Path.GetTempFileName();
        try
        {
            (int code, string output, string error) = CliRunner.Run([.. args, "--out", file]);
            Assert.Equal(2, code);
            Assert.StartsWith($"error: --out: '{file}' cannot be written as a folder", error, StringComparison.Ordinal);
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("Wrote", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void NumbersAreWrittenInTheInvariantCulture_WhateverTheCallersCultureIs()
    {
        // DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false with LC_ALL=de_DE gave tables with "0,5 ± 0".
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            (int code, string output, _) = CliRunner.Run("simulate", "Sgd", "--set", "Eta=0.5", "--objective", "quadratic:1", "--noise", "gaussian:1",
                "--paths", "20", "--steps", "4", "--out", CliRunner.TempFolder());
            Assert.Equal(0, code);
            Assert.Contains("0.5 ± 0", output, StringComparison.Ordinal);
            Assert.DoesNotContain("0,5", output, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void ARunThatDoesNotFitInMemory_IsOneLine()
    {
        // logistic:2000000:1000 under a capped heap ended in an unhandled OutOfMemoryException and a stack trace.
        var error = new StringWriter();
        var io = SdeDsl.Cli.AppIO.Plain(new StringWriter(), error);
        ParseResult parse = SdeDsl.Cli.Commands.CommandLineApp.Build(io).Parse(["list"]);
        int code = SdeDsl.Cli.Commands.CommandLineApp.Guard(io, parse, () => throw new AggregateException(new OutOfMemoryException()));
        Assert.Equal(2, code);
        Assert.StartsWith("error: out of memory: the run's arrays do not fit", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AnOutOfRangeValueFromTheLibrary_IsOneLine()
    {
        // The library's ArgumentOutOfRangeException adds "Actual value was …" on a second line, which broke the
        // one-line promise (an option the engine refuses after the tool's own checks). The engine's parameter is
        // 'options', not an option of the tool: the message names the field, with no "--options:" before it.
        var e = new ArgumentOutOfRangeException("options", 5_000_000_000L, "Steps must be from 1 to 4294967295.");
        Command simulate = SdeDsl.Cli.Commands.CommandLineApp.Build(SdeDsl.Cli.AppIO.Plain(new StringWriter(), new StringWriter()))
            .Subcommands.Single(c => c.Name == "simulate");
        Assert.Equal("Steps must be from 1 to 4294967295.", SdeDsl.Cli.Commands.CommandLineApp.Describe(e, simulate));
    }

    [Fact]
    public void Verbose_AddsTheStackTrace()
    {
        (int code, _, string error) = CliRunner.Run("simulate", "Nope", "--objective", "quadratic:1", "--noise", "gaussian:1", "--verbose");
        Assert.Equal(2, code);
        Assert.Contains("   at SdeDsl.Runs.ModelCatalog.Find", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replicate", "--kappa")]
    [InlineData("simulate", "--record-every")]
    [InlineData("check", "--rate-params")]
    [InlineData("list", "--assembly")]
    [InlineData("bench", "--elements")]
    [InlineData("simulate", "--work-item-paths")]
    [InlineData("replicate", "--max-workers")]
    [InlineData("worker", "--work-items")]
    [InlineData("worker", "[ID@]redis://HOST[:PORT][,OPTION=VALUE…]")]
    [InlineData("worker", "[ID@]HOST:PORT[,HOST:PORT…]")]
    public void Help_ListsTheOptions(string command, string option)
    {
        (int code, string output, _) = CliRunner.Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains(option, output, StringComparison.Ordinal);
    }

    /// <summary>Each override's help names the experiments that read it, as the experiments declare (it said E1–E5 for
    /// --lambda, which E6 reads too, and E2–E6 for --sigma, which every experiment reads).</summary>
    [Fact]
    public void ReplicateHelp_NamesTheExperimentsEachOverrideReaches()
    {
        (int code, string output, _) = CliRunner.Run("replicate", "--help");
        Assert.Equal(0, code);
        Assert.Contains("the Hessian's diagonal λ_1, …, λ_d (E1, E2, E3, E4, E5, E6);", output, StringComparison.Ordinal);
        Assert.Contains("Override: noise scales σ; comma-separated values.", output, StringComparison.Ordinal);
        Assert.Contains("--sigma (default 1,4,16; quick: 1,4)", output, StringComparison.Ordinal);
    }

    /// <summary>replicate has an option for every parameter an experiment reads, and none that no experiment reads.</summary>
    [Fact]
    public void ReplicateOverrides_AreTheExperimentsParameters() =>
        Assert.Equal(
            ExperimentCatalog.All.SelectMany(e => e.Parameters).Select(p => p.Name).Distinct().Order(StringComparer.Ordinal),
            ReplicateCommand.Overrides.Select(o => o.Name).Order(StringComparer.Ordinal));

    /// <summary>No Redis listens on the port: after the connect timeout, exit 2 and one line naming the address.</summary>
    [Fact]
    public void Simulate_UnreachableRedis_IsOneLineNamingTheAddress()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        (int code, _, string error) = CliRunner.Run("simulate", "Sgd", "--set", "Eta=0.1", "--objective", "quadratic:1", "--noise", "gaussian:1",
            "--cluster", $"redis://127.0.0.1:{port}", "--out", CliRunner.TempFolder());
        Assert.Equal(2, code);
        Assert.StartsWith($"error: --cluster: no worker of cluster 'sdedsl' could be reached through the Redis at 127.0.0.1:{port}: it did not answer within 5 s", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void List_ShowsTheCatalog()
    {
        (int code, string output, _) = CliRunner.Run("list");
        Assert.Equal(0, code);
        foreach (string model in new[] { "SdeDsl.Optimizers.AdamW", "SdeDsl.Optimizers.SignSgdStudentT", "Nu ∈ (0, ∞)", "Beta ∈ [0, 1)", "WeakOrder2" })
        {
            Assert.Contains(model, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_TheDocumentedRmsPropWExamplePasses_VsVarianceJudgedByItsOrder()
    {
        // docs/cli.md's example. V has no diffusion in the RMSprop SDE, so its relative variance mismatch is about 1 at
        // every η (it failed as "does not shrink"); its step's variance is O(η²), which weak order 1 allows, and shrinks
        // by about 4 when η halves (1 − β is halved with it).
        (int code, string output, string error) = CliRunner.Run("check", "RmsPropW", "--set", "Beta=0.99,Eps=1e-8,WeightDecay=0.1", "--eta", "0.01",
            "--objective", "quadratic:1,4", "--noise", "gaussian:1");
        Assert.True(code == 0, output + error);
        Assert.Contains("not diffused; the step's variance is O(η²)", output, StringComparison.Ordinal);
        Assert.Contains("PASS", output, StringComparison.Ordinal);

        // The row's shrink column is the ratio its verdict judged (the variance's own), not the ≈ 1 of its mismatches.
        Match row = Regex.Match(output, @"│ v\s*│ variance\s*│(?:[^│]*│){4}\s*([0-9.]+)\s*│ not diffused[^×]*\(×([0-9.]+)\)");
        Assert.True(row.Success, output);
        Assert.Equal(row.Groups[2].Value, row.Groups[1].Value);
        Assert.True(double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) >= CheckCommand.MinSecondOrderShrink, output);
    }

    [Fact]
    public void Simulate_ANaNAtTheFirstStepPointsToT0AndInit()
    {
        // Adam's SDE divides by its bias correction, 0 at t = 0: the run is NaN at once (the walkthrough's case).
        (int code, _, string error) = CliRunner.Run("simulate", "Adam", "--set", "Eta=1e-3,Beta1=0.9,Beta2=0.999", "--objective", "quadratic:1",
            "--noise", "gaussian:1", "--sde", "--paths", "4", "--steps", "4", "--out", Path.Combine(Path.GetTempPath(), "sdedsl-nan-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(1, code);
        Assert.StartsWith("error: the run diverged: ", error, StringComparison.Ordinal);
        Assert.Contains("needs --t0 > 0 or --init", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_WritesItsFilesAndADivergenceIsExitOne()
    {
        string folder = CliRunner.TempFolder();
        (int code, string output, string error) = CliRunner.Run("simulate", "SignSgd", "--set", "Eta=0.05", "--objective", "quadratic:1,2", "--noise", "gaussian:1",
            "--paths", "200", "--steps", "100", "--out", folder);
        Assert.True(code == 0, error);
        Assert.Contains("optimizer f", output, StringComparison.Ordinal);
        foreach (string ext in new[] { ".csv", ".json", ".png" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, "SignSgd" + ext)).Length > 100, ext);
        }

        // SGD at η·λ = 2.5 > 2 diverges: the tool reports the path and step and exits 1, with no NaN table.
        (code, output, error) = CliRunner.Run("simulate", "Sgd", "--set", "Eta=2.5", "--objective", "quadratic:1", "--noise", "gaussian:1",
            "--paths", "4", "--steps", "5000", "--optimizer", "--out", folder);
        Assert.Equal(1, code);
        Assert.StartsWith("error: the run diverged: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
    }

    /// <summary><c>--precision single-own-draws</c> runs and says so in the run description of its JSON, so that the run
    /// can be repeated with the same draws.</summary>
    [Fact]
    public void Simulate_SingleOwnDraws_IsInTheRunDescription()
    {
        string folder = CliRunner.TempFolder();
        (int code, _, string error) = CliRunner.Run("simulate", "SignSgd", "--set", "Eta=0.05", "--objective", "quadratic:1,2", "--noise", "gaussian:1",
            "--paths", "200", "--steps", "100", "--sde", "--precision", "single-own-draws", "--out", folder);
        Assert.True(code == 0, error);
        Assert.Contains("\"precision\": \"single-own-draws\"", File.ReadAllText(Path.Combine(folder, "SignSgd.json")), StringComparison.Ordinal);
    }
}
