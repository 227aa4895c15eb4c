using System;
using System.Linq;
using SdeDsl.Ensembles;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests.Ensembles;

/// <summary>
/// The chunk buffers kept between runs (<see cref="ChunkPool"/>): a run takes over a kept chunk of its shape and of no
/// other, forgets the last run's constant σ, gets the bits a run on new buffers gets, no chunk past the size limit
/// is kept, and none is kept through two full collections. The pool is process-wide and other tests' ensembles give chunks back to it, so these tests run alone
/// (another test's chunks could take every slot between a test's return and its request).
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class ChunkPoolTests
{
    [Fact]
    public void AChunkGivenBackIsTakenOverByTheNextRequestOfItsShapeOnly()
    {
        const int d = 997;
        Chunk first = ChunkPool.Rent(0, paths: 3, d, stateCount: 2, diffusedCount: 1, withHessian: false, EnsemblePrecision.Single);
        first.SigmaWrittenBy = new GaussianNoise(1.0, seed: 1);
        ChunkPool.Return(first);

        // Another precision, another number of paths, states or diffused components, or Hessian buffers: a new chunk.
        Assert.NotSame(first, ChunkPool.Rent(0, 3, d, 2, 1, false, EnsemblePrecision.Double));
        Assert.NotSame(first, ChunkPool.Rent(0, 3, d, 2, 1, false, EnsemblePrecision.SingleOwnDraws));
        Assert.NotSame(first, ChunkPool.Rent(0, 4, d, 2, 1, false, EnsemblePrecision.Single));
        Assert.NotSame(first, ChunkPool.Rent(0, 3, d, 3, 1, false, EnsemblePrecision.Single));
        Assert.NotSame(first, ChunkPool.Rent(0, 3, d, 2, 2, false, EnsemblePrecision.Single));
        Assert.NotSame(first, ChunkPool.Rent(0, 3, d, 2, 1, true, EnsemblePrecision.Single));

        Chunk again = ChunkPool.Rent(firstPath: 12, paths: 3, d, stateCount: 2, diffusedCount: 1, withHessian: false, EnsemblePrecision.Single);
        Assert.Same(first, again);
        Assert.Equal(12, again.FirstPath);
        Assert.Null(again.SigmaWrittenBy);

        // Taken, it is no longer kept: the next request of its shape gets a new chunk.
        Assert.NotSame(first, ChunkPool.Rent(0, 3, d, 2, 1, false, EnsemblePrecision.Single));
    }

    [Fact]
    public void AChunkLargerThanTheLimitIsNotKept()
    {
        // 150,000 coordinates of one path in double: state, gradient, σ and increments, 4.8 MB > 4 MiB.
        const int d = 150_000;
        Chunk large = ChunkPool.Rent(0, paths: 1, d, stateCount: 1, diffusedCount: 1, withHessian: false, EnsemblePrecision.Double);
        Assert.True(large.Bytes > ChunkPool.MaxChunkBytes, $"{large.Bytes} bytes");
        ChunkPool.Return(large);
        Assert.NotSame(large, ChunkPool.Rent(0, 1, d, 1, 1, false, EnsemblePrecision.Double));
    }

    /// <summary>
    /// A kept chunk survives one full collection and is dropped after two, so that an idle process gives the memory back.
    /// (Should a collection of the runtime's own come between the return and the test's, the first check is tried
    /// again: it needs exactly one.)
    /// </summary>
    [Fact]
    public void AChunkKeptThroughTwoFullCollectionsIsDropped()
    {
        const int d = 991;
        Chunk chunk = ChunkPool.Rent(0, paths: 2, d, stateCount: 1, diffusedCount: 1, withHessian: false, EnsemblePrecision.Double);
        for (int attempt = 0; ; attempt++)
        {
            ChunkPool.Return(chunk);
            int before = GC.CollectionCount(2);
            FullCollection();
            Chunk again = ChunkPool.Rent(0, paths: 2, d, stateCount: 1, diffusedCount: 1, withHessian: false, EnsemblePrecision.Double);
            if (GC.CollectionCount(2) - before == 1)
            {
                Assert.Same(chunk, again);
                break;
            }

            Assert.True(attempt < 5, "another full collection came between every return and the test's");
            chunk = again;
        }

        ChunkPool.Return(chunk);
        FullCollection();
        FullCollection();
        Assert.NotSame(chunk, ChunkPool.Rent(0, paths: 2, d, stateCount: 1, diffusedCount: 1, withHessian: false, EnsemblePrecision.Double));

        static void FullCollection()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>
    /// A run on the buffers another run left (a different initial state, σ and seed, so that every buffer held other
    /// values) records the bits of the same run on new buffers. One chunk of 40 paths × d = 13 on one thread: the pool is
    /// emptied first, so the first run of B is on new buffers; A leaves its chunk in the pool (its state is A's, not
    /// zeros); the second run of B takes that chunk over and gives it back.
    /// </summary>
    [Theory]
    [InlineData(EnsemblePrecision.Double)]
    [InlineData(EnsemblePrecision.Single)]
    [InlineData(EnsemblePrecision.SingleOwnDraws)]
    public void ARunOnKeptBuffersRecordsTheBitsOfARunOnNewOnes(EnsemblePrecision precision)
    {
        const int d = 13;
        var model = new AdamW { Eta = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0.01 };
        var objective = new DiagonalQuadratic(Enumerable.Range(1, d).Select(i => 0.25 * i).ToArray());
        double[] ones = Enumerable.Repeat(1.0, d).ToArray();
        var b = new EnsembleOptions
        {
            Paths = 40,
            PathsPerChunk = 40,
            MaxDegreeOfParallelism = 1,
            Steps = 30,
            InitialX = ones,
            InitialStates = [.. ones, .. new double[d], .. ones],
            Seed = 5,
            TimeStep = 1e-3,
            StartTime = 1e-3,
            RecordSteps = [0, 10, 30],
            Observables = [Observable.Loss, Observable.Coordinate(0), Observable.StateSquaredNorm("m"), Observable.StateSquaredNorm("v")],
            Precision = precision,
        };
        double[] twos = Enumerable.Repeat(2.0, d).ToArray();
        EnsembleOptions a = b with { Seed = 6, InitialX = twos, InitialStates = [.. twos, .. twos, .. twos] };

        AssertReuseKeepsTheBits(
            (options, sigma) => Ensemble.RunSde(model, objective, new GaussianNoise(sigma, seed: 7), options), b, a,
            paths: 40, d, stateCount: 3, diffusedCount: 1, withHessian: false);
    }

    /// <summary>The same for Milstein's step, whose chunk holds a Hessian, with a noise model that has no float path (its
    /// σ is computed in double and rounded into the float buffer).</summary>
    [Theory]
    [InlineData(EnsemblePrecision.Double)]
    [InlineData(EnsemblePrecision.Single)]
    public void AMilsteinRunOnKeptBuffersRecordsTheBitsOfARunOnNewOnes(EnsemblePrecision precision)
    {
        const int d = 11;
        var objective = new DiagonalQuadratic(Enumerable.Range(1, d).Select(i => 0.5 * i).ToArray());
        EnsembleOptions b = OneThread(paths: 24, pathsPerChunk: 24, steps: 20, d, seed: 5, [Observable.Loss, Observable.Coordinate(0)])
            with { RecordSteps = [0, 20], Precision = precision };
        EnsembleOptions a = b with { Seed = 6, InitialX = Enumerable.Repeat(3.0, d).ToArray() };

        AssertReuseKeepsTheBits(
            (options, sigma) => Ensemble.RunSde(new GradientDrivenGbm { S = 0.5 }, objective, new DoubleOnlyNoise(new GaussianNoise(sigma, seed: 7)),
                options, SdeIntegrator.Milstein),
            b, a, paths: 24, d, stateCount: 1, diffusedCount: 1, withHessian: true);
    }

    /// <summary>
    /// A run of 100 paths in chunks of 40 on one thread runs two chunks of 40 and one of 20: its worker gives the chunk of
    /// 40 back when it moves on to the last one, and that one at its end, so both are kept.
    /// </summary>
    [Fact]
    public void AWorkerGivesBackItsFullChunkWhenItMovesToTheSmallerLastOne()
    {
        const int d = 7;
        ChunkPool.Clear();
        _ = Ensemble.RunSde(new GradientDrivenGbm { S = 0.5 }, new DiagonalQuadratic(Enumerable.Repeat(1.0, d).ToArray()), new GaussianNoise(1.0, seed: 3),
            OneThread(paths: 100, pathsPerChunk: 40, steps: 5, d, seed: 4, [Observable.Loss]));

        Assert.True(HoldsAState(ChunkPool.Rent(0, paths: 40, d, stateCount: 1, diffusedCount: 1, withHessian: false, EnsemblePrecision.Double)),
            "the chunk of 40 paths was not kept");
        Assert.True(HoldsAState(ChunkPool.Rent(0, paths: 20, d, stateCount: 1, diffusedCount: 1, withHessian: false, EnsemblePrecision.Double)),
            "the chunk of 20 paths was not kept");
    }

    /// <summary>Runs B on new buffers, then A, checks that A's chunk is kept, runs B again on it, and checks that the
    /// records are the same bits and that B ran in that chunk and gave it back.</summary>
    private static void AssertReuseKeepsTheBits(Func<EnsembleOptions, double, EnsembleResult> run, EnsembleOptions b, EnsembleOptions a,
        int paths, int d, int stateCount, int diffusedCount, bool withHessian)
    {
        ChunkPool.Clear();
        EnsembleResult onNew = run(b, 1.0);
        _ = run(a, 3.0);
        Chunk kept = ChunkPool.Rent(0, paths, d, stateCount, diffusedCount, withHessian, b.Precision);
        Assert.True(HoldsAState(kept), "run A's chunk was not kept");
        ChunkPool.Return(kept);

        EnsembleResult onKept = run(b, 1.0);
        Assert.Same(kept, ChunkPool.Rent(0, paths, d, stateCount, diffusedCount, withHessian, b.Precision));
        // And B ran in it: no other chunk of its shape came back from B.
        Assert.False(HoldsAState(ChunkPool.Rent(0, paths, d, stateCount, diffusedCount, withHessian, b.Precision)), "run B used a new chunk");
        for (int o = 0; o < b.Observables.Count; o++)
        {
            for (int r = 0; r < b.RecordSteps.Count; r++)
            {
                Assert.True(onNew.Values(o, r).SequenceEqual(onKept.Values(o, r)), $"observable {o}, record {r}");
            }
        }
    }

    /// <summary>An SDE run of dt = 0.01 from x = 1 on one thread, recorded at its last step.</summary>
    private static EnsembleOptions OneThread(int paths, int pathsPerChunk, long steps, int d, ulong seed, Observable[] observables) => new()
    {
        Paths = paths,
        PathsPerChunk = pathsPerChunk,
        MaxDegreeOfParallelism = 1,
        Steps = steps,
        InitialX = Enumerable.Repeat(1.0, d).ToArray(),
        Seed = seed,
        TimeStep = 0.01,
        RecordSteps = [steps],
        Observables = observables,
    };

    /// <summary>Whether the chunk's state holds a value other than 0: a chunk a run used, not a new one.</summary>
    private static bool HoldsAState(Chunk chunk) =>
        chunk.IsSingle ? chunk.SingleStates.Any(static v => v != 0) : chunk.States.Any(static v => v != 0);

    /// <summary>A noise model without the float σ: a single-precision run computes σ in double and rounds it.</summary>
    private sealed class DoubleOnlyNoise(INoiseModel inner) : INoiseModel
    {
        public void StochasticGradient(IObjective objective, ReadOnlySpan<double> x, Span<double> g, long firstPath, long step) =>
            inner.StochasticGradient(objective, x, g, firstPath, step);

        public void Sigma(IObjective objective, ReadOnlySpan<double> x, Span<double> sigma) => inner.Sigma(objective, x, sigma);
    }
}
