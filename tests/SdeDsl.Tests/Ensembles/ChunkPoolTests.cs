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
/// other, forgets the last run's constant σ, gets the bits a run on new buffers gets, and no chunk past the size limit
/// is kept. The pool is process-wide and other tests' ensembles give chunks back to it, so these tests run alone
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
    /// A run on the buffers another run left (a different initial state, σ and seed, so that every buffer held other
    /// values) records the bits of the same run on new buffers: one chunk of 40 paths × d = 13, one thread, so that the
    /// second run of B takes over the chunk that A gave back.
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

        EnsembleResult onNew = Ensemble.RunSde(model, objective, new GaussianNoise(1.0, seed: 7), b);
        _ = Ensemble.RunSde(model, objective, new GaussianNoise(3.0, seed: 8), a);
        EnsembleResult onKept = Ensemble.RunSde(model, objective, new GaussianNoise(1.0, seed: 7), b);

        for (int o = 0; o < b.Observables.Count; o++)
        {
            for (int r = 0; r < b.RecordSteps.Count; r++)
            {
                Assert.True(onNew.Values(o, r).SequenceEqual(onKept.Values(o, r)), $"observable {o}, record {r}");
            }
        }
    }
}
