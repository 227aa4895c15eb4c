using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Threading;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests.Ensembles;

public sealed class EnsembleTests
{
    private static readonly DiagonalQuadratic HalfSquare = new(new[] { 1.0 });

    private static EnsembleOptions OrnsteinUhlenbeckOptions(int paths, long steps, double dt) => new()
    {
        Paths = paths,
        Steps = steps,
        InitialX = new[] { 1.0 },
        Seed = 2025,
        TimeStep = dt,
        RecordSteps = new[] { 0L, steps / 2, steps },
        Observables = new[] { Observable.Coordinate(0), Observable.Loss },
    };

    /// <summary>
    /// docs/math.md §Test problems: for dX = −θX dt + s dW from X0 = 1, E X_T = e^{−θT} and Var X_T = s²(1 − e^{−2θT})/(2θ); with f = x²/2,
    /// E f = (E X² )/2. N = 20,000 paths, T = 1, dt = 1e-3: Euler–Maruyama's bias in the mean, |e^{−1} − (1 − dt)^{1000}|
    /// ≈ 1.8e-4, is 0.04 standard errors (SE = √(0.43/N) ≈ 4.6e-3), so 5 standard errors test the engine, not the scheme.
    /// </summary>
    [Fact]
    public void OrnsteinUhlenbeckMomentsMatchTheClosedFormWithinFiveStandardErrors()
    {
        const int n = 20_000;
        const double theta = 1, s = 1, t = 1, dt = 1e-3;
        EnsembleResult result = Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = theta, S = s }, HalfSquare, new GaussianNoise(1.0, 7),
            OrnsteinUhlenbeckOptions(n, (long)(t / dt), dt));

        double mean = Math.Exp(-theta * t);
        double variance = s * s * (1 - Math.Exp(-2 * theta * t)) / (2 * theta);
        RunningMoments x = result.Moments(0, 2);
        RunningMoments f = result.Moments(1, 2);

        Assert.Equal(1.0, result.TimeOf(2), 12);
        Assert.InRange(x.Mean, mean - (5 * x.StandardError), mean + (5 * x.StandardError));
        // SE of a normal sample variance: σ²·√(2/(N − 1)).
        double varianceSe = variance * Math.Sqrt(2.0 / (n - 1));
        Assert.InRange(x.Variance, variance - (5 * varianceSe), variance + (5 * varianceSe));
        double expectedLoss = 0.5 * ((mean * mean) + variance);
        Assert.InRange(f.Mean, expectedLoss - (5 * f.StandardError), expectedLoss + (5 * f.StandardError));
        // Every path starts at x0 = 1.
        Assert.All(result.Values(0, 0).ToArray(), static v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void SameSeedGivesIdenticalBitsForAnyThreadCountAndChunking()
    {
        EnsembleOptions baseline = OrnsteinUhlenbeckOptions(paths: 301, steps: 50, dt: 0.01);
        var model = new OrnsteinUhlenbeck { Theta = 0.5, S = 0.3 };
        EnsembleResult reference = Ensemble.RunSde(model, HalfSquare, new GaussianNoise(1.0, 7), baseline with { MaxDegreeOfParallelism = 1, PathsPerChunk = 301 });
        foreach (EnsembleOptions options in new[]
        {
            baseline with { MaxDegreeOfParallelism = 2, PathsPerChunk = 7 },
            baseline with { MaxDegreeOfParallelism = 2, PathsPerChunk = 64 },
            baseline with { MaxDegreeOfParallelism = 1, PathsPerChunk = 1 },
        })
        {
            EnsembleResult other = Ensemble.RunSde(model, HalfSquare, new GaussianNoise(1.0, 7), options);
            for (int o = 0; o < 2; o++)
            {
                for (int r = 0; r < 3; r++)
                {
                    Assert.True(reference.Values(o, r).SequenceEqual(other.Values(o, r)), $"observable {o}, record {r}, options {options}");
                }
            }
        }

        // A different seed gives different paths.
        EnsembleResult reseeded = Ensemble.RunSde(model, HalfSquare, new GaussianNoise(1.0, 7), baseline with { Seed = 1 });
        Assert.False(reference.Values(0, 2).SequenceEqual(reseeded.Values(0, 2)));
    }

    /// <summary>x ← x − 3·∇f(x) = −2x on f = x²/2 without noise: |x_k| = 2^k overflows to ∞ exactly at k = 1024.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ADivergingRunStopsWithThePathAndTheStep(int threads)
    {
        var options = new EnsembleOptions
        {
            Paths = 100,
            Steps = 5000,
            InitialX = new[] { 1.0 },
            RecordSteps = EnsembleOptions.Every(1000, 5000),
            // x itself: f = x²/2 overflows at step 512 and would stop the run there.
            Observables = new[] { Observable.Coordinate(0) },
            MaxDegreeOfParallelism = threads,
            PathsPerChunk = 10,
        };

        var exception = Assert.Throws<EnsembleDivergedException>(() =>
            Ensemble.RunOptimizer(new OrnsteinUhlenbeck { Theta = 3, S = 0 }, HalfSquare, new GaussianNoise(0.0, 1), options));

        Assert.Equal(0, exception.Path);
        Assert.Equal(1024, exception.Step);
        Assert.Equal(0, exception.Coordinate);
        Assert.True(double.IsInfinity(exception.Value));

        // The same run stopped before step 1024 is fine: x_1023 = (−2)^1023 on every path.
        EnsembleResult result = Ensemble.RunOptimizer(new OrnsteinUhlenbeck { Theta = 3, S = 0 }, HalfSquare, new GaussianNoise(0.0, 1),
            options with { Steps = 1023, RecordSteps = new[] { 1023L } });
        Assert.All(result.Values(0, 0).ToArray(), static x => Assert.Equal(-Math.Pow(2, 1023), x));
    }

    /// <summary>x ← −2x again: x_k = (−2)^k is finite up to step 1023, but f = x²/2 overflows at k = 512 (x² = 2^1024
    /// is computed before the halving). The loss never reaches the statistics: the run stops at the first record of an
    /// infinite f, kept or streamed, on any chunking.</summary>
    [Theory]
    [InlineData(true, 1, 10)]
    [InlineData(false, 2, 7)]
    public void AnOverflowingObservableStopsTheRunThoughXIsFinite(bool keep, int threads, int pathsPerChunk)
    {
        var options = new EnsembleOptions
        {
            Paths = 100,
            Steps = 600,
            InitialX = new[] { 1.0 },
            RecordSteps = new[] { 0L, 500, 511, 512, 600 },
            Observables = new[] { Observable.Coordinate(0), Observable.Loss },
            KeepValues = keep,
            MaxDegreeOfParallelism = threads,
            PathsPerChunk = pathsPerChunk,
        };

        var exception = Assert.Throws<EnsembleDivergedException>(() =>
            Ensemble.RunOptimizer(new OrnsteinUhlenbeck { Theta = 3, S = 0 }, HalfSquare, new GaussianNoise(0.0, 1), options));

        Assert.Equal(0, exception.Path);
        Assert.Equal(512, exception.Step);
        Assert.Equal("f", exception.Quantity);
        Assert.Equal(-1, exception.Coordinate);
        Assert.Equal(double.PositiveInfinity, exception.Value);
        Assert.Contains("observable f", exception.Message, StringComparison.Ordinal);

        // Recorded only at step 600, the overflow is found there.
        Assert.Equal(600, Assert.Throws<EnsembleDivergedException>(() => Ensemble.RunOptimizer(new OrnsteinUhlenbeck { Theta = 3, S = 0 }, HalfSquare,
            new GaussianNoise(0.0, 1), options with { RecordSteps = new[] { 600L } })).Step);
    }

    /// <summary>RMSprop's v ← βv + (1 − β)g² overflows at step 1 with gradient noise of scale 10^160 (10^20 in float),
    /// while x ← x − ηg/(√v + ε) stays finite: every state component is checked, not only x.</summary>
    [Theory]
    [InlineData(EnsemblePrecision.Double, 1e160)]
    [InlineData(EnsemblePrecision.Single, 1e20)]
    public void AStateComponentOtherThanXThatOverflowsStopsTheRun(EnsemblePrecision precision, double scale)
    {
        var options = new EnsembleOptions
        {
            Paths = 64,
            Steps = 10,
            InitialX = new[] { 1.0 },
            RecordSteps = new[] { 10L },
            Observables = new[] { Observable.Coordinate(0) },
            Precision = precision,
        };

        var exception = Assert.Throws<EnsembleDivergedException>(() =>
            Ensemble.RunOptimizer(new SdeDsl.Optimizers.RmsProp { Eta = 0.01, Beta = 0.9, Eps = 1e-8 }, HalfSquare, new GaussianNoise(scale, 1), options));

        Assert.Equal(1, exception.Step);
        Assert.Equal(0, exception.Path);
        Assert.Equal("v", exception.Quantity);
        Assert.Equal(0, exception.Coordinate);
        Assert.Equal(double.PositiveInfinity, exception.Value);
        Assert.StartsWith("Path 0 diverged at step 1: v[0] = ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProgressEndsAtTheTotalAndCancellationStopsTheRun()
    {
        var reports = new List<EnsembleProgress>();
        var progress = new SynchronousProgress(reports);
        EnsembleOptions options = OrnsteinUhlenbeckOptions(paths: 64, steps: 200, dt: 0.01);
        Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, HalfSquare, new GaussianNoise(1.0, 7), options, progress);

        Assert.NotEmpty(reports);
        Assert.Equal(new EnsembleProgress(64 * 200, 64 * 200), reports[^1]);
        Assert.Equal(1.0, reports[^1].Fraction);

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, HalfSquare, new GaussianNoise(1.0, 7), options, null, cancel.Token));
    }

    [Fact]
    public void OptionsAreValidatedWithTheReason()
    {
        EnsembleOptions good = OrnsteinUhlenbeckOptions(paths: 4, steps: 10, dt: 0.1);
        var model = new OrnsteinUhlenbeck { Theta = 1, S = 1 };
        var noise = new GaussianNoise(1.0, 7);
        foreach ((EnsembleOptions bad, string reason) in new (EnsembleOptions, string)[]
        {
            (good with { Paths = 0 }, "Paths"),
            (good with { Steps = 0 }, "Steps"),
            (good with { Steps = 1L << 32 }, "4294967295"), // a draw's step index is 32 bits: failed after 2³² steps
            (good with { InitialX = new[] { 1.0, 2.0 } }, "InitialX"),
            (good with { RecordSteps = new[] { 5L, 3L } }, "RecordSteps"),
            (good with { RecordSteps = new[] { 11L } }, "RecordSteps"),
            (good with { Observables = new[] { Observable.Coordinate(1) } }, "x[1]"),
            (good with { Observables = new[] { Observable.StateSquaredNorm("v") } }, "'v'"),
            (good with { Observables = new[] { Observable.Coordinate("v", 0) } }, "'v'"),
            (good with { Observables = new[] { new Observable(ObservableKind.Coordinate, 0, "") } }, "''"),
            (good with { Observables = new[] { new Observable(ObservableKind.Loss, 1) } }, "does not fit its kind"),
            (good with { Observables = new[] { new Observable(ObservableKind.StateSquaredNorm) } }, "does not fit its kind"),
            (good with { Observables = new[] { new Observable((ObservableKind)9) } }, "does not fit its kind"),
            (good with { TimeStep = 0 }, "TimeStep"),
            (good with { StartTime = -0.1 }, "StartTime"), // ran, with Adam's bias correction changing sign before t = 0
            (good with { InitialStates = new[] { 1.0, 2.0 } }, "InitialStates"),
            (good with { InitialStates = new[] { 3.0 } }, "give the same x in both"), // ran from 3, InitialX = 1 ignored
        })
        {
            var exception = Assert.ThrowsAny<ArgumentException>(() => Ensemble.RunSde(model, HalfSquare, noise, bad));
            Assert.Equal("options", exception.ParamName);
            Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = -1, S = 1 }, HalfSquare, noise, good));
    }

    [Theory]
    [InlineData(EnsemblePrecision.Double)]
    [InlineData(EnsemblePrecision.Single)]
    public void ACoordinateOfAnotherState_IsRecorded(EnsemblePrecision precision)
    {
        // Only ‖m‖² could be recorded; new Observable(Coordinate, 0, "m") recorded x[0] instead.
        var model = new ClippedMomentum { Eta = 0.05, Beta = 0.9, Clip = 1.0 };
        var options = new EnsembleOptions
        {
            Paths = 64, Steps = 30, InitialX = [1.0, -2.0], Seed = 5, RecordSteps = [0L, 30L], KeepValues = true, Precision = precision,
            Observables = [Observable.Coordinate("m", 1), Observable.StateSquaredNorm("m"), Observable.Coordinate("m", 0)],
        };
        EnsembleResult result = Ensemble.RunOptimizer(model, new DiagonalQuadratic([1.0, 2.0]), new GaussianNoise(1.0, 3), options);

        Assert.Equal("m[1]", result.Observables[0].ToString());
        Assert.All(result.Values(0, 0).ToArray(), static v => Assert.Equal(0.0, v)); // m starts at 0, x at (1, −2)
        double[] m1 = result.Values(0, 1).ToArray(), norm = result.Values(1, 1).ToArray(), m0 = result.Values(2, 1).ToArray();
        Assert.Contains(m1, static v => v != 0);
        for (int p = 0; p < options.Paths; p++)
        {
            Assert.Equal(norm[p], (m0[p] * m0[p]) + (m1[p] * m1[p]), 12);
        }
    }

    [Fact]
    public void MomentsAreFoundByObservableAndStep_AndTheStandardErrorHasASeries()
    {
        // A mean and its standard error at a step took the observable's and the record's positions, found by hand.
        EnsembleResult result = Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, HalfSquare, new GaussianNoise(1.0, 7),
            OrnsteinUhlenbeckOptions(paths: 64, steps: 20, dt: 0.05));

        RunningMoments byName = result.Moments(Observable.Loss, 10);
        Assert.Equal(result.Moments(1, 1).Mean, byName.Mean);
        Assert.Equal(result.Moments(1, 1).StandardError, byName.StandardError);
        Assert.Equal(new[] { 0, 1, 2 }.Select(r => result.Moments(0, r).StandardError), result.StandardErrorSeries(0));
        Assert.Equal(2, result.RecordIndex(20));

        Assert.Contains("did not record step 7", Assert.Throws<ArgumentException>(() => result.Moments(Observable.Loss, 7)).Message, StringComparison.Ordinal);
        Assert.Contains("did not record |x|^2; it recorded x[0], f", Assert.Throws<ArgumentException>(() => result.Moments(Observable.SquaredNorm, 10)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void AnSdeRunWithoutATimeStep_IsRefused_WhileADiscreteRunNeedsNone()
    {
        // TimeStep defaulted to 1, and an SDE run that forgot it ran at dt = 1 with no error.
        var options = new EnsembleOptions
        {
            Paths = 4, Steps = 10, InitialX = [1.0], RecordSteps = [0L, 10L], Observables = [Observable.Loss],
        };
        var noise = new GaussianNoise(1.0, 7);

        var e = Assert.Throws<ArgumentException>(() => Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, HalfSquare, noise, options));
        Assert.Equal("options", e.ParamName);
        Assert.StartsWith("TimeStep is not set", e.Message, StringComparison.Ordinal);
        Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, HalfSquare, noise, options with { TimeStep = 0.1 });

        EnsembleResult discrete = Ensemble.RunOptimizer(new SignSgd { Eta = 0.1 }, HalfSquare, noise, options);
        Assert.Equal(10.0, discrete.TimeOf(1)); // a discrete run's times are its step numbers
        Assert.Throws<ArgumentOutOfRangeException>(() => Ensemble.RunOptimizer(new SignSgd { Eta = 0.1 }, HalfSquare, noise, options with { TimeStep = double.PositiveInfinity }));

        // Unset is NaN, a value like any other: no hidden flag that made two options that print alike unequal.
        Assert.Equal(options, options with { TimeStep = double.NaN });
        Assert.NotEqual(options, options with { TimeStep = 1 });
    }

    /// <summary>The last 16 paths below int.MaxValue lie in the last group of 256 Brownian stream paths, whose end,
    /// 2³¹, is past int.MaxValue: they run, and give the same values as in a run of the last 32.</summary>
    [Fact]
    public void TheLastPathsBelowIntMaxValueRun()
    {
        var model = new OrnsteinUhlenbeck { Theta = 1, S = 1 };
        var noise = new GaussianNoise(1.0, 7);
        EnsembleOptions last16 = OrnsteinUhlenbeckOptions(paths: 16, steps: 20, dt: 0.05) with { FirstPath = int.MaxValue - 16 };
        EnsembleOptions last32 = last16 with { FirstPath = int.MaxValue - 32, Paths = 32 };

        foreach (Func<EnsembleOptions, EnsembleResult> run in new Func<EnsembleOptions, EnsembleResult>[]
        {
            options => Ensemble.RunSde(model, HalfSquare, noise, options),
            options => Ensemble.RunOptimizer(new SignSgd { Eta = 0.01 }, HalfSquare, noise, options),
        })
        {
            EnsembleResult part = run(last16), wider = run(last32);
            Assert.True(part.Values(0, 2).SequenceEqual(wider.Values(0, 2)[16..]));
            Assert.Equal(wider.Trajectory(0, int.MaxValue - 1), part.Trajectory(0, int.MaxValue - 1));
        }
    }

    /// <summary>int.MaxValue paths (streamed) are a valid run: the chunk count is computed without overflow. The token is
    /// canceled before the run, so nothing runs and the run ends with the cancellation.</summary>
    [Fact]
    public void AStreamedRunOfIntMaxValuePathsStarts()
    {
        EnsembleOptions options = OrnsteinUhlenbeckOptions(paths: int.MaxValue, steps: 1, dt: 0.05) with { RecordSteps = new[] { 1L }, KeepValues = false };
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, HalfSquare, new GaussianNoise(1.0, 7), options, null, cancel.Token));
    }

    /// <summary>1.1·10⁶ paths × 2,000 records × 2 observables are 4.4·10⁹ values, more than an array holds: refused up
    /// front with the options to change, not an OverflowException (or a wrong array) from the product in int.</summary>
    [Fact]
    public void KeptValuesThatFitInNoArrayAreRefusedWithTheOptions()
    {
        EnsembleOptions options = OrnsteinUhlenbeckOptions(paths: 1_100_000, steps: 2_000, dt: 0.05) with
        {
            RecordSteps = EnsembleOptions.Every(1, 2_000),
            KeepValues = true,
        };

        var exception = Assert.Throws<ArgumentException>(() =>
            Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, HalfSquare, new GaussianNoise(1.0, 7), options));

        Assert.Equal("options", exception.ParamName);
        Assert.Contains("KeepValues", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Paths", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoiseOfTheWrongDimensionThrowsItsArgumentExceptionUnwrapped()
    {
        // Three scales for a one-dimensional objective: refused before any worker starts, for both kinds of run.
        var noise = new GaussianNoise(new[] { 1.0, 1.0, 1.0 }, 7);
        EnsembleOptions options = OrnsteinUhlenbeckOptions(64, 10, 0.01) with { MaxDegreeOfParallelism = 2 };

        var sde = Assert.Throws<ArgumentException>(() => Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, HalfSquare, noise, options));
        var optimizer = Assert.Throws<ArgumentException>(() => Ensemble.RunOptimizer(new SignSgd { Eta = 0.01 }, HalfSquare, noise, options));

        Assert.Equal("objective", sde.ParamName);
        Assert.Contains("3 scales", optimizer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExceptionInAWorkerReachesTheCallerUnwrapped()
    {
        // The noise model fails only at step 5 of the chunks after the first: inside the parallel loop, on workers.
        var noise = new FailingNoise(new GaussianNoise(1.0, 7), failingStep: 5);
        EnsembleOptions options = OrnsteinUhlenbeckOptions(256, 10, 0.01) with { MaxDegreeOfParallelism = 2, PathsPerChunk = 16 };

        var exception = Assert.Throws<ArgumentException>(() => Ensemble.RunOptimizer(new SignSgd { Eta = 0.01 }, HalfSquare, noise, options));

        Assert.Equal("step", exception.ParamName);
        Assert.Contains(nameof(FailingNoise), exception.StackTrace, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two chunks of 256 paths on two workers; the objective's gradient (one call per chunk-step) throws at call 400,
    /// about step 200 of each (its first calls wait for the second worker, so that both chunks are in flight). The
    /// other chunk stops at its next step instead of running its remaining 1,800: allowing for the failure to reach it
    /// (the calls after the throw sleep 1 ms each, so that even a busy machine that holds up the failing worker does
    /// not let the other run far), it makes at most one check interval (64) of calls, where it made about 1,800
    /// before. The caller gets the objective's exception itself.
    /// </summary>
    [Fact]
    public void AnExceptionInAWorkerStopsTheOtherChunksInFlight()
    {
        const int failingCall = 400, checkInterval = 64, chunksInFlight = 2;
        var objective = new ThrowingObjective(failingCall);
        EnsembleOptions options = OrnsteinUhlenbeckOptions(512, 2_000, 1e-3) with { MaxDegreeOfParallelism = chunksInFlight, PathsPerChunk = 256 };

        var exception = Assert.Throws<InvalidOperationException>(() =>
            Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, objective, new GaussianNoise(1.0, 7), options));

        Assert.Equal("Gradient call 400 fails.", exception.Message);
        Assert.True(objective.TwoThreadsCalled, "one chunk ran at a time: no other chunk was in flight to stop");
        Assert.InRange(objective.Calls - failingCall, 0, (chunksInFlight - 1) * checkInterval);
    }

    /// <summary>f = x²/2 whose gradient throws at one call. Until a second thread calls it, a call waits (1 s at
    /// most), so that both chunks are in flight when it throws (the test asserts they were); the 1,000 calls after the
    /// throw sleep 1 ms each.</summary>
    private sealed class ThrowingObjective(int failingCall) : IObjective
    {
        private readonly System.Threading.Tasks.TaskCompletionSource _secondThreadCalled = new();
        private int _calls, _firstThread;

        public int Calls => Volatile.Read(ref _calls);

        public bool TwoThreadsCalled => _secondThreadCalled.Task.IsCompleted;

        public int Dimension => 1;

        public bool HasDiagonalHessian => false;

        public void Value(ReadOnlySpan<double> x, Span<double> values) => HalfSquare.Value(x, values);

        public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            int thread = Environment.CurrentManagedThreadId;
            int first = Interlocked.CompareExchange(ref _firstThread, thread, 0);
            if (first != 0 && first != thread)
            {
                _secondThreadCalled.TrySetResult();
            }

            // A wait on a task, not a sleep: the thread pool sees the blocked worker and starts the second one at once.
            _secondThreadCalled.Task.Wait(TimeSpan.FromSeconds(1));

            int call = Interlocked.Increment(ref _calls);
            if (call == failingCall)
            {
                throw new InvalidOperationException("Gradient call " + call + " fails.");
            }

            if (call > failingCall && call <= failingCall + 1_000)
            {
                Thread.Sleep(1);
            }

            HalfSquare.Gradient(x, gradient);
        }

        public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal) => throw new NotSupportedException();
    }

    /// <summary>Throws an <see cref="ArgumentException"/> at one step of every chunk but the first.</summary>
    private sealed class FailingNoise(INoiseModel inner, long failingStep) : INoiseModel
    {
        public void StochasticGradient(IObjective objective, ReadOnlySpan<double> x, Span<double> g, long firstPath, long step)
        {
            if (step == failingStep && firstPath > 0)
            {
                throw new ArgumentException("Step " + step + " fails.", nameof(step));
            }

            inner.StochasticGradient(objective, x, g, firstPath, step);
        }

        public void Sigma(IObjective objective, ReadOnlySpan<double> x, Span<double> sigma) => inner.Sigma(objective, x, sigma);
    }

    [Fact]
    public void AStepOfAChunkAllocatesNothing()
    {
        const int d = 3;
        var objective = new DiagonalQuadratic(new[] { 1.0, 2.0, 3.0 });
        var noise = new GaussianNoise(0.5, 3);
        var model = new AdamW { Eta = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0.01 };
        var options = new EnsembleOptions
        {
            Paths = 40, Steps = 1, InitialX = new[] { 1.0, -1.0, 0.5 }, RecordSteps = new[] { 1L }, Observables = new[] { Observable.Loss },
        };
        var chunk = new Chunk(firstPath: 8, paths: 40, dimension: d, stateCount: 3, diffusedCount: 1);
        chunk.Initialize(options);
        var optimizer = new OptimizerStepper<AdamW>(model, objective, noise);
        var sde = new SdeStepper<AdamW>(model, objective, noise, seed: 5, startTime: 1e-3, timeStep: 1e-3, diffused: 1);
        for (long k = 1; k <= 20; k++)
        {
            optimizer.Step(chunk, k);
            sde.Step(chunk, k);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long k = 21; k <= 120; k++)
        {
            optimizer.Step(chunk, k);
            sde.Step(chunk, k);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(Ensemble.AllFinite<double>(chunk.States));
    }

    [Theory]
    [InlineData(37)]
    [InlineData(50)]
    [InlineData(101)]
    [InlineData(200)]
    public void AllFiniteFindsANonFiniteValueAnywhere(int length)
    {
        // Lengths that reach the four-vector blocks, the single vectors and the scalar tail at 256 and 512 bits. Where
        // the 512-bit loop runs (VectorKernel.UsesWideBody: AVX-512 hardware), 50 doubles and 101 floats reach it and then
        // the four-vector block, 200 of either it and then the single vectors; elsewhere it does not run.
        Check<double>(length);
        Check<float>(length);

        static void Check<T>(int length)
            where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T>
        {
            var values = new T[length];
            Assert.True(Ensemble.AllFinite<T>(values));
            foreach (T bad in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = bad;
                    Assert.False(Ensemble.AllFinite<T>(values));
                    values[i] = T.MaxValue;
                    Assert.True(Ensemble.AllFinite<T>(values));
                    values[i] = T.Zero;
                }
            }
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(List<EnsembleProgress> reports) : IProgress<EnsembleProgress>
    {
        public void Report(EnsembleProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
