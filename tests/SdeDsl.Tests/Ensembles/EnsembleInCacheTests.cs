using System;
using System.Collections.Concurrent;
using System.Linq;
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
/// a thread that kept it (a worker of the pool, or the caller's thread, which runs chunks too) would load a user's
/// arrays stepped chunk by chunk without prefetches ever after. Only the speed depends on it, so these tests check the
/// bound itself, seen from inside the run (the objective's gradient) and from the caller's thread after it.
/// </summary>
public sealed class EnsembleInCacheTests
{
    [Fact]
    public void ChunksRunWithTheirSpansInCacheAndTheCallersThreadGetsItsBoundBack()
    {
        var objective = new BoundRecordingObjective(failingCall: 0);
        Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, objective, new GaussianNoise(1.0, 7), Options(threads: 1));

        Assert.NotEmpty(objective.Bounds);
        Assert.All(objective.Bounds, static bound => Assert.Equal(VectorKernel.InCacheBelow, bound));
        Assert.Equal(0, VectorKernel.ThreadInCacheBound);
    }

    /// <summary>
    /// Two workers, each made to wait for the other at its first gradient (a barrier, 10 s at most), so that chunks run
    /// on a thread of the pool as well as on the caller's: the pool's thread must hold the declaration too.
    /// </summary>
    [Fact]
    public void ChunksOnAPoolThreadRunWithTheirSpansInCache()
    {
        var objective = new BoundRecordingObjective(failingCall: 0, rendezvous: new System.Threading.Barrier(2));
        Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, objective, new GaussianNoise(1.0, 7), Options(threads: 2));

        Assert.True(objective.Threads.Distinct().Count() >= 2, "the chunks ran on one thread: the pool's was not checked");
        Assert.All(objective.Bounds, static bound => Assert.Equal(VectorKernel.InCacheBelow, bound));
        Assert.Equal(0, VectorKernel.ThreadInCacheBound);
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
        Assert.Equal(0, VectorKernel.ThreadInCacheBound);
    }

    /// <summary>A bound the thread had before the run (an outer scope; here one no declaration sets, so that neither a
    /// missing declaration nor a reset to 0 could pass) is the one it has after it, and the chunks run with their own.</summary>
    [Fact]
    public void AnOuterBoundSurvivesTheRun()
    {
        const int outerBound = 777;
        VectorKernel.ExitInCache(outerBound);
        try
        {
            var objective = new BoundRecordingObjective(failingCall: 0);
            Ensemble.RunSde(new OrnsteinUhlenbeck { Theta = 1, S = 1 }, objective, new GaussianNoise(1.0, 7), Options(threads: 1));
            Assert.All(objective.Bounds, static bound => Assert.Equal(VectorKernel.InCacheBelow, bound));
            Assert.Equal(outerBound, VectorKernel.ThreadInCacheBound);
        }
        finally
        {
            VectorKernel.ExitInCache(0);
        }
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
    /// <c>failingCall</c> (from 1; 0 for none) throws; with a <c>rendezvous</c>, each thread's first call waits there.</summary>
    private sealed class BoundRecordingObjective(int failingCall, System.Threading.Barrier? rendezvous = null) : IObjective
    {
        private readonly ConcurrentDictionary<int, bool> _met = new();

        private static readonly DiagonalQuadratic HalfSquare = new(new[] { 1.0 });
        private int _calls;

        public ConcurrentBag<int> Bounds { get; } = [];

        public ConcurrentBag<int> Threads { get; } = [];

        public int Dimension => 1;

        public bool HasDiagonalHessian => false;

        public void Value(ReadOnlySpan<double> x, Span<double> values) => HalfSquare.Value(x, values);

        public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            Bounds.Add(VectorKernel.ThreadInCacheBound);
            Threads.Add(Environment.CurrentManagedThreadId);
            if (rendezvous is not null && _met.TryAdd(Environment.CurrentManagedThreadId, true))
            {
                rendezvous.SignalAndWait(TimeSpan.FromSeconds(10));
            }

            if (System.Threading.Interlocked.Increment(ref _calls) == failingCall)
            {
                throw new InvalidOperationException("Gradient call " + failingCall + " fails.");
            }

            HalfSquare.Gradient(x, gradient);
        }

        public void DiagonalHessian(ReadOnlySpan<double> x, Span<double> diagonal) => throw new NotSupportedException();
    }
}
