using System;
using System.Linq;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.RandomNumbers;
using SdeDsl.Statistics;
using SdeDsl.Tests.Models;
using SdeDsl.Tests.Noise;
using Xunit;

namespace SdeDsl.Tests.Ensembles;

/// <summary>
/// Single-precision ensembles (<see cref="EnsemblePrecision.Single"/>): the state is float, the draws are the double
/// run's evaluated in float (<see cref="SdeDsl.RandomNumbers.PhiloxStream.FillNormalNarrow"/>: within 8·2^−24 relative plus
/// 2^−26 of the doubles), so a float run follows the double run of the same seed path by path up to rounding; the
/// float runs are bit-identical for any thread count and chunking; a float step allocates nothing; divergence is found
/// at float's overflow; bad options are refused. <see cref="EnsemblePrecision.SingleOwnDraws"/> runs draw the stream's
/// own float normals instead, element for element, with the same guarantees of determinism, and pass the same
/// closed-form check.
/// </summary>
public sealed class SinglePrecisionTests
{
    private const int Dimension = 3;
    private const long Steps = 50;
    private const double FloatUnit = 1.0 / (1 << 24);

    private static readonly DiagonalQuadratic Quadratic = new(new[] { 0.5, 1.0, 2.0 });
    private static readonly AdamW AdamWModel = new() { Eta = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0.01 };

    private static readonly Observable[] Recorded =
    [
        Observable.Coordinate(0), Observable.Coordinate(1), Observable.Coordinate(2), Observable.StateSquaredNorm("m"), Observable.StateSquaredNorm("v"),
    ];

    /// <summary>x = 1, m = 0, v = 1 (AdamW's SDE needs v &gt; 0), 64 paths, 50 steps of dt = 1e-3 from t0 = 1e-3.</summary>
    private static EnsembleOptions AdamWOptions(EnsemblePrecision precision) => new()
    {
        Paths = 64,
        Steps = Steps,
        InitialX = [1.0, 1.0, 1.0],
        InitialStates = [1.0, 1.0, 1.0, 0, 0, 0, 1.0, 1.0, 1.0],
        Seed = 42,
        TimeStep = 1e-3,
        StartTime = 1e-3,
        RecordSteps = [0, Steps / 2, Steps],
        Observables = Recorded,
        Precision = precision,
        MaxDegreeOfParallelism = 1,
    };

    private static EnsembleResult Run(string kind, EnsembleOptions options, IObjective? objective = null, INoiseModel? noise = null)
    {
        objective ??= Quadratic;
        noise ??= new GaussianNoise(1.0, seed: 7);
        return kind switch
        {
            "sde" => Ensemble.RunSde(AdamWModel, objective, noise, options),
            "optimizer" => Ensemble.RunOptimizer(AdamWModel, objective, noise, options),
            _ => Ensemble.RunSde(new GradientDrivenGbm { S = 0.5 }, new DiagonalQuadratic(new[] { 1.0, 2.0, 0.5 }), noise,
                options with { InitialStates = null, TimeStep = 0.01, Observables = Recorded[..3] },
                kind == "weak2" ? SdeIntegrator.WeakOrder2 : SdeIntegrator.Milstein),
        };
    }

    /// <summary>
    /// After 50 steps every recorded value of every path of the float run is within 10·k·2^−24·max(1, |value|) of the
    /// double run's (k the record's step). Per step: fewer than ten roundings (≤ ½·2^−24 relative each) of quantities
    /// no larger than the state, ≤ 5·2^−24·max(1, |value|); and the float draw ξ, within 8·2^−24·|ξ| + 2^−26 of the
    /// double one, enters through the noise term (largest in the Milstein and weak-order-2 runs: s·λ·√dt·ξ·x ≤
    /// 0.1·|ξ|·|x|, and their ½·(sλ)²·dt·(ξ² − 1)·x ≤ 0.005·ξ²·|x|) as ≤ (0.8·|ξ| + 0.08·ξ²)·2^−24·|x|. That keeps a
    /// step under 10·2^−24 for |ξ| ≤ 4.3 even if every error had its worst case and sign at once (a run's 9,600 draws
    /// exceed 4.3 about once in six runs, and the draws' measured error is 5.2, not 8, units at most); these dynamics
    /// contract, so errors add up at most linearly in k. A run with another seed
    /// breaks that bound (the check could fail if the float run drew other numbers), the float run's coordinates are
    /// floats, and they are not all the double run's bits (it did run in float).
    /// </summary>
    [Theory]
    [InlineData("sde")]
    [InlineData("optimizer")]
    [InlineData("milstein")]
    [InlineData("weak2")]
    public void AFloatRunFollowsTheDoubleRunOfTheSameSeedPathByPath(string kind)
    {
        EnsembleResult single = Run(kind, AdamWOptions(EnsemblePrecision.Single));
        EnsembleResult reference = Run(kind, AdamWOptions(EnsemblePrecision.Double));
        EnsembleResult reseeded = Run(kind, AdamWOptions(EnsemblePrecision.Double) with { Seed = 43 }, noise: new GaussianNoise(1.0, seed: 8));
        bool anyDifferent = false, reseededOutside = false;
        for (int o = 0; o < single.Observables.Count; o++)
        {
            for (int r = 0; r < single.RecordSteps.Count; r++)
            {
                long k = single.RecordSteps[r];
                ReadOnlySpan<double> a = single.Values(o, r), b = reference.Values(o, r), c = reseeded.Values(o, r);
                for (int p = 0; p < a.Length; p++)
                {
                    double bound = 10 * k * FloatUnit * Math.Max(1, Math.Abs(b[p]));
                    Assert.True(Math.Abs(a[p] - b[p]) <= bound, $"{kind}: {single.Observables[o]} at step {k}, path {p}: float {a[p]:R} vs double {b[p]:R}, bound {bound:E2}");
                    anyDifferent |= a[p] != b[p];
                    reseededOutside |= Math.Abs(c[p] - b[p]) > bound;
                    if (single.Observables[o].Kind == ObservableKind.Coordinate)
                    {
                        Assert.Equal(a[p], (double)(float)a[p]);
                    }
                }
            }
        }

        Assert.True(anyDifferent, "the float run gave the double run's bits: it did not run in float");
        Assert.True(reseededOutside, "another seed stays within the bound: the bound cannot tell the draws apart");
    }

    /// <summary>
    /// The float paths of objectives and noise models are only shortcuts: a float run through the double-only
    /// <see cref="DiagonalQuadraticDouble"/> and a noise model without the float σ (x widened, outputs rounded) gives the
    /// bits of the run through <see cref="DiagonalQuadratic"/>'s float gradient rounded the same way — here, where the
    /// two gradients agree: λ = 1, 2, 4 and c = 0 make λ·x exact in float, and σ = 0.5 is a float.
    /// </summary>
    [Fact]
    public void TheConversionPathGivesTheBitsOfTheFloatPaths()
    {
        var powersOfTwo = new DiagonalQuadratic(new[] { 1.0, 2.0, 4.0 });
        var noise = new GaussianNoise(0.5, seed: 3);
        EnsembleOptions options = AdamWOptions(EnsemblePrecision.Single);
        EnsembleResult fast = Run("sde", options, powersOfTwo, noise);
        EnsembleResult converted = Run("sde", options, new DiagonalQuadraticDouble(1, 2, 4), new DoubleOnlyNoise(noise));
        AssertSameBits(fast, converted, "conversion path");
    }

    [Theory]
    [InlineData("sde", EnsemblePrecision.Single)]
    [InlineData("optimizer", EnsemblePrecision.Single)]
    [InlineData("milstein", EnsemblePrecision.Single)]
    [InlineData("sde", EnsemblePrecision.SingleOwnDraws)]
    [InlineData("weak2", EnsemblePrecision.SingleOwnDraws)]
    public void FloatRunsAreBitIdenticalForAnyThreadCountAndChunking(string kind, EnsemblePrecision precision)
    {
        EnsembleOptions baseline = AdamWOptions(precision) with { Paths = 301 };
        EnsembleResult reference = Run(kind, baseline with { PathsPerChunk = 301 });
        foreach (EnsembleOptions options in new[]
        {
            baseline with { MaxDegreeOfParallelism = 2, PathsPerChunk = 7 },
            baseline with { MaxDegreeOfParallelism = 2, PathsPerChunk = 64 },
            baseline with { MaxDegreeOfParallelism = 1, PathsPerChunk = 1 },
        })
        {
            AssertSameBits(reference, Run(kind, options), $"{kind}, {options.MaxDegreeOfParallelism} threads, {options.PathsPerChunk} paths per chunk");
        }

        // Streamed statistics of a float run: the moments of the kept values, bit for bit.
        EnsembleResult streamed = Run(kind, baseline with { KeepValues = false, MaxDegreeOfParallelism = 2 });
        for (int o = 0; o < reference.Observables.Count; o++)
        {
            Assert.Equal(reference.Moments(o, 2).Mean, streamed.Moments(o, 2).Mean);
            Assert.Equal(reference.Moments(o, 2).Variance, streamed.Moments(o, 2).Variance);
        }
    }

    /// <summary>
    /// A worker runs its chunks one after another in one set of buffers: the state components the options leave out
    /// (m and v of the discrete AdamW when only x is given) start at zero in every chunk, not where the worker's previous
    /// chunk left them. One chunk against thirteen on one worker (64 paths, 5 per chunk), bit for bit.
    /// </summary>
    [Theory]
    [InlineData(EnsemblePrecision.Double)]
    [InlineData(EnsemblePrecision.Single)]
    public void EveryChunkOfAWorkerStartsFromTheStartingState(EnsemblePrecision precision)
    {
        EnsembleOptions baseline = AdamWOptions(precision) with { InitialStates = null };
        EnsembleResult reference = Run("optimizer", baseline with { PathsPerChunk = 64 });
        AssertSameBits(reference, Run("optimizer", baseline with { PathsPerChunk = 5 }), $"{precision}, 5 paths per chunk");
    }

    /// <summary>One float step of a chunk — discrete, Euler–Maruyama through the float paths and through the conversion
    /// path, Milstein with the Hessian — allocates nothing (exactly 0 bytes on this thread over 100 steps).</summary>
    [Fact]
    public void AFloatStepOfAChunkAllocatesNothing()
    {
        var options = AdamWOptions(EnsemblePrecision.Single) with { Paths = 40 };
        var noise = new GaussianNoise(0.5, 3);
        var adamW = new Chunk(firstPath: 8, paths: 40, Dimension, stateCount: 3, diffusedCount: 1, precision: EnsemblePrecision.Single);
        var gbm = new Chunk(firstPath: 8, paths: 40, Dimension, stateCount: 1, diffusedCount: 1, withHessian: true, EnsemblePrecision.Single);
        adamW.Initialize(options);
        gbm.Initialize(options with { InitialStates = null });
        var optimizer = new OptimizerStepper<AdamW>(AdamWModel, Quadratic, noise);
        var sde = new SdeStepper<AdamW>(AdamWModel, Quadratic, noise, seed: 5, startTime: 1e-3, timeStep: 1e-3, diffused: 1);
        var converted = new SdeStepper<AdamW>(AdamWModel, new DiagonalQuadraticDouble(0.5, 1, 2), new DoubleOnlyNoise(noise), 5, 1e-3, 1e-3, 1);
        var milstein = new HigherOrderSdeStepper<GradientDrivenGbm>(new GradientDrivenGbm { S = 0.5 }, Quadratic, noise, 5, 0, 1e-3, 1, SdeIntegrator.Milstein);
        void Steps(long from, long to)
        {
            for (long k = from; k <= to; k++)
            {
                optimizer.Step(adamW, k);
                sde.Step(adamW, k);
                converted.Step(adamW, k);
                milstein.Step(gbm, k);
            }
        }

        Steps(1, 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Steps(21, 120);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(adamW.StateIsFinite() && gbm.StateIsFinite());
    }

    /// <summary>x ← x − 3·∇f(x) = −2x on f = x²/2 without noise: in float |x_k| = 2^k overflows to ∞ at k = 128 (not 1024).</summary>
    [Fact]
    public void AFloatRunDivergesAtFloatOverflowWithThePathAndTheStep()
    {
        var options = new EnsembleOptions
        {
            Paths = 20, Steps = 500, InitialX = [1.0], RecordSteps = [500], Observables = [Observable.Loss], PathsPerChunk = 10,
            Precision = EnsemblePrecision.Single,
        };
        var model = new OrnsteinUhlenbeck { Theta = 3, S = 0 };
        var objective = new DiagonalQuadratic(new[] { 1.0 });
        var exception = Assert.Throws<EnsembleDivergedException>(() => Ensemble.RunOptimizer(model, objective, new GaussianNoise(0.0, 1), options));
        Assert.Equal((0L, 128L, 0), (exception.Path, exception.Step, exception.Coordinate));
        Assert.True(double.IsInfinity(exception.Value));

        EnsembleResult result = Ensemble.RunOptimizer(model, objective, new GaussianNoise(0.0, 1),
            options with { Steps = 127, RecordSteps = [127], Observables = [Observable.Coordinate(0)] });
        Assert.All(result.Values(0, 0).ToArray(), static x => Assert.Equal(-Math.Pow(2, 127), x));
    }

    /// <summary>
    /// The increments of a <see cref="EnsemblePrecision.SingleOwnDraws"/> chunk are the Brownian stream's float normals
    /// (<see cref="PhiloxStream.FillNormal(Span{float}, long, long, long)"/>) at the elements
    /// <see cref="BrownianIncrements"/> documents: path p, step k, diffused component j, coordinate i is element
    /// (j·256 + p mod 256)·d + i of stream path ⌊p/256⌋, the layout of the double run's increments, bit for bit. A chunk
    /// of 300 paths from path 200 crosses two groups of 256 paths, and two components are drawn. The increments of a
    /// <see cref="EnsemblePrecision.Single"/> chunk at the same elements are other numbers (the double normals' layout),
    /// so the check would fail if the option did not change the draws.
    /// </summary>
    [Fact]
    public void AnOwnDrawsRunDrawsTheStreamsFloatNormalsAtTheDocumentedElements()
    {
        const int firstPath = 200, paths = 300, diffused = 2;
        const long step = 9;
        var own = new Chunk(firstPath, paths, Dimension, stateCount: 2, diffused, precision: EnsemblePrecision.SingleOwnDraws);
        var paired = new Chunk(firstPath, paths, Dimension, stateCount: 2, diffused, precision: EnsemblePrecision.Single);
        var brownian = new PhiloxStream(5, Ensemble.BrownianStream);
        BrownianIncrements.Fill(brownian, own, step, diffused);
        BrownianIncrements.Fill(brownian, paired, step, diffused);

        var one = new float[1];
        int n = paths * Dimension, differing = 0;
        for (int j = 0; j < diffused; j++)
        {
            for (int p = firstPath; p < firstPath + paths; p++)
            {
                for (int i = 0; i < Dimension; i++)
                {
                    long element = (((long)j * BrownianIncrements.PathsPerStreamPath) + (p % BrownianIncrements.PathsPerStreamPath)) * Dimension + i;
                    brownian.FillNormal(one, p / BrownianIncrements.PathsPerStreamPath, step, element);
                    int index = (j * n) + ((p - firstPath) * Dimension) + i;
                    Assert.Equal(one[0], own.SingleNoise[index]);
                    differing += paired.SingleNoise[index] != one[0] ? 1 : 0;
                }
            }
        }

        Assert.True(differing > (diffused * n) * 9 / 10, $"only {differing} of {diffused * n} increments differ from the paired run's");
    }

    /// <summary>
    /// docs/math.md §Test problems: dX = −θX dt + s dW from X0 = 1 with θ = s = 1, T = 1, dt = 1e-3, run in float with its
    /// own draws over N = 20,000 paths: E X_T = e^{−1} and Var X_T = (1 − e^{−2})/2 within 5 standard errors, as the
    /// double run's test asserts (Euler–Maruyama's bias in the mean, 1.8e-4, is 0.04 SE; float rounding over 1,000 steps
    /// of a contracting chain is below 10⁻⁴ relative, far inside 5 SE ≈ 2.3e-2). And its mean and variance agree with
    /// those of the double run of the same seed within 5·√2 SE: the two runs are independent samples now, not paired.
    /// </summary>
    [Fact]
    public void AnOwnDrawsRunMatchesTheOrnsteinUhlenbeckClosedForm()
    {
        const int n = 20_000;
        const long steps = 1000;
        const double dt = 1e-3;
        var options = new EnsembleOptions
        {
            Paths = n, Steps = steps, InitialX = [1.0], Seed = 11, TimeStep = dt, RecordSteps = [steps],
            Observables = [Observable.Coordinate(0)], Precision = EnsemblePrecision.SingleOwnDraws,
        };
        var model = new OrnsteinUhlenbeck { Theta = 1, S = 1 };
        var objective = new DiagonalQuadratic(new[] { 1.0 });
        RunningMoments own = Ensemble.RunSde(model, objective, new GaussianNoise(1.0, 7), options).Moments(0, 0);
        RunningMoments reference = Ensemble.RunSde(model, objective, new GaussianNoise(1.0, 7),
            options with { Precision = EnsemblePrecision.Double }).Moments(0, 0);

        double mean = Math.Exp(-1), variance = (1 - Math.Exp(-2)) / 2, varianceSe = variance * Math.Sqrt(2.0 / (n - 1));
        Assert.InRange(own.Mean, mean - (5 * own.StandardError), mean + (5 * own.StandardError));
        Assert.InRange(own.Variance, variance - (5 * varianceSe), variance + (5 * varianceSe));
        double meanGap = 5 * Math.Sqrt(2) * own.StandardError, varianceGap = 5 * Math.Sqrt(2) * varianceSe;
        Assert.InRange(own.Mean - reference.Mean, -meanGap, meanGap);
        Assert.InRange(own.Variance - reference.Variance, -varianceGap, varianceGap);
        Assert.NotEqual(reference.Mean, own.Mean);
    }

    /// <summary>A discrete optimizer run draws no Brownian increments: its gradient noise comes from the noise model in
    /// double, rounded, so <see cref="EnsemblePrecision.SingleOwnDraws"/> gives the <see cref="EnsemblePrecision.Single"/>
    /// run's bits.</summary>
    [Fact]
    public void AnOwnDrawsOptimizerRunIsTheSingleRun()
    {
        AssertSameBits(Run("optimizer", AdamWOptions(EnsemblePrecision.Single)), Run("optimizer", AdamWOptions(EnsemblePrecision.SingleOwnDraws)), "optimizer");
    }

    [Fact]
    public void AnUndefinedPrecisionIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Run("sde", AdamWOptions((EnsemblePrecision)3)));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("Precision", e.Message, StringComparison.Ordinal);
    }

    private static void AssertSameBits(EnsembleResult expected, EnsembleResult actual, string what)
    {
        for (int o = 0; o < expected.Observables.Count; o++)
        {
            for (int r = 0; r < expected.RecordSteps.Count; r++)
            {
                Assert.True(expected.Values(o, r).SequenceEqual(actual.Values(o, r)), $"{what}: observable {o}, record {r}");
            }
        }
    }

    /// <summary>A noise model without the float σ: the engine widens x and rounds σ.</summary>
    private sealed class DoubleOnlyNoise(INoiseModel inner) : INoiseModel
    {
        public void StochasticGradient(IObjective objective, ReadOnlySpan<double> x, Span<double> g, long firstPath, long step) =>
            inner.StochasticGradient(objective, x, g, firstPath, step);

        public void Sigma(IObjective objective, ReadOnlySpan<double> x, Span<double> sigma) => inner.Sigma(objective, x, sigma);
    }
}
