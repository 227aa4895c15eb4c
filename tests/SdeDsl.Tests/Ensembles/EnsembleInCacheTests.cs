using System;
using System.Collections.Concurrent;
using SdeDsl.Ensembles;
using SdeDsl.Kernels;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests.Ensembles;

/// <summary>
/// An ensemble's chunks declare their spans in cache (<see cref="VectorKernel.EnterInCache"/>), so their kernels load
/// without the prefetches of spans from memory. The declaration is the worker thread's own and must end with the chunk:
/// a thread that kept it (a worker of the pool, or the caller's thread, which runs chunks too) would load a user's long
/// arrays stepped chunk by chunk without prefetches ever after. Only the speed depends on it, so these tests check the
/// bound itself, seen from inside the run (the objective's gradient) and from the caller's thread after it.
/// </summary>
public sealed class EnsembleInCacheTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ChunksRunWithTheirSpansInCacheAndTheCallersThreadGetsItsBoundBack(int threads)
    {
        var objective = new BoundRecordingObjective(failingCall: 0);
        Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, objective, new GaussianNoise(1.0, 7), Options(threads));

        Assert.NotEmpty(objective.Bounds);
        Assert.All(objective.Bounds, static bound => Assert.Equal(VectorKernel.InCacheBelow, bound));
        Assert.Equal(0, VectorKernel.InCacheBound);
    }

    /// <summary>One thread: the caller's thread runs the chunk, so the bound is restored on the very thread that threw.</summary>
    [Fact]
    public void AChunkThatThrowsGivesTheThreadItsBoundBack()
    {
        int caller = Environment.CurrentManagedThreadId;
        var objective = new BoundRecordingObjective(failingCall: 3);
        Assert.Throws<InvalidOperationException>(() =>
            Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, objective, new GaussianNoise(1.0, 7), Options(threads: 1)));

        Assert.Contains(caller, objective.Threads);
        Assert.NotEmpty(objective.Bounds);
        Assert.All(objective.Bounds, static bound => Assert.Equal(VectorKernel.InCacheBelow, bound));
        Assert.Equal(0, VectorKernel.InCacheBound);
    }

    /// <summary>A bound declared before the run (an outer scope) is the one the thread has after it.</summary>
    [Fact]
    public void AnOuterDeclarationSurvivesTheRun()
    {
        int outer = VectorKernel.EnterInCache();
        try
        {
            Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, new BoundRecordingObjective(failingCall: 0), new GaussianNoise(1.0, 7), Options(threads: 1));
            Assert.Equal(VectorKernel.InCacheBelow, VectorKernel.InCacheBound);
        }
        finally
        {
            VectorKernel.ExitInCache(outer);
        }

        Assert.Equal(0, VectorKernel.InCacheBound);
    }

    private static EnsembleOptions Options(int threads) => new()
    {
        Paths = 40,
        Steps = 5,
        InitialX = new[] { 1.0 },
        Seed = 3,
        TimeStep = 1e-2,
        RecordSteps = new[] { 5L },
        Observables = new[] { Observable.Loss },
        MaxDegreeOfParallelism = threads,
        PathsPerChunk = 10,
    };

    /// <summary>f = x²/2, recording the thread's in-cache bound and id at each gradient; the call numbered
    /// <c>failingCall</c> (from 1; 0 for none) throws.</summary>
    private sealed class BoundRecordingObjective(int failingCall) : IObjective
    {
        private static readonly DiagonalQuadratic HalfSquare = new(new[] { 1.0 });
        private int _calls;

        public ConcurrentBag<int> Bounds { get; } = [];

        public ConcurrentBag<int> Threads { get; } = [];

        public int Dimension => 1;

        public bool HasDiagonalHessian => false;

        public void Value(ReadOnlySpan<double> x, Span<double> values) => HalfSquare.Value(x, values);

        public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            Bounds.Add(VectorKernel.InCacheBound);
            Threads.Add(Environment.CurrentManagedThreadId);
            if (System.Threading.Interlocked.Increment(ref _calls) == failingCall)
            {
                throw new InvalidOperationException("Gradient call " + failingCall + " fails.");
            }

            HalfSquare.Gradient(x, gradient);
        }

        public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal) => throw new NotSupportedException();
    }
}
