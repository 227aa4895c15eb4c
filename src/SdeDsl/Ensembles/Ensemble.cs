using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;
using System.Threading.Tasks;
using SdeDsl.Kernels;
using SdeDsl.Noise;
using SdeDsl.Objectives;
using SdeDsl.Statistics;

namespace SdeDsl.Ensembles;

/// <summary>
/// Runs N independent paths of a discrete optimizer or of its SDE, in parallel on every core, and records
/// observables. Paths are split into chunks; a chunk's paths lie back to back in one flat buffer per state component,
/// so each step is one call of the generated kernel over chunk × d elements, vectorized whatever d is. Nothing is
/// allocated per step. Random draws are pure functions of (seed, path, step, element) and values are stored by path,
/// so results are bit-identical for any number of threads or chunk size.
/// </summary>
public static class Ensemble
{
    /// <summary>The stream id of the SDE's Brownian increments (the noise models use streams of their own).</summary>
    public const uint BrownianStream = 0x5DE;

    private const int TargetChunkElements = 16 * 1024;
    private const int CheckInterval = 64;

    /// <summary>Runs the discrete optimizer <paramref name="model"/> on <paramref name="objective"/> with stochastic
    /// gradients from <paramref name="noise"/>: step k uses g_k = ∇f(x_k) + Z_k.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the exception names it.</exception>
    /// <exception cref="EnsembleDivergedException">A path reached NaN or ±∞.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static EnsembleResult RunOptimizer<TModel>(TModel model, IObjective objective, INoiseModel noise, EnsembleOptions options,
        IProgress<EnsembleProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : struct, IOptimizerModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(options);
        model.Validate();
        RequireTime(options, sde: false);
        return Run(new OptimizerStepper<TModel>(model, objective, noise), TModel.StateNames, 0, objective, options, progress, cancellationToken);
    }

    /// <summary>Runs the SDE of <paramref name="model"/> by Euler–Maruyama with time step
    /// <see cref="EnsembleOptions.TimeStep"/> from <see cref="EnsembleOptions.StartTime"/>; its drift and diffusion see
    /// grad = ∇f(X) and sigma from <paramref name="noise"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the exception names it.</exception>
    /// <exception cref="EnsembleDivergedException">A path reached NaN or ±∞.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static EnsembleResult RunSde<TModel>(TModel model, IObjective objective, INoiseModel noise, EnsembleOptions options,
        IProgress<EnsembleProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : struct, ISdeModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(options);
        model.Validate();
        RequireTime(options, sde: true);
        var stepper = new SdeStepper<TModel>(model, objective, noise, options.Seed, options.StartTime, options.TimeStep, TModel.DiffusedStateNames.Count);
        return Run(stepper, TModel.StateNames, TModel.DiffusedStateNames.Count, objective, options, progress, cancellationToken);
    }

    /// <summary>Runs the SDE of <paramref name="model"/> as <see cref="RunSde{TModel}(TModel, IObjective, INoiseModel, EnsembleOptions, IProgress{EnsembleProgress}?, CancellationToken)"/>
    /// does, with the chosen <paramref name="integrator"/>. All integrators use the same Brownian increments, so runs of
    /// one seed differ only by the scheme.</summary>
    /// <exception cref="ArgumentException">An option is out of range; or the integrator needs the objective's diagonal
    /// Hessian (<see cref="IHigherOrderSdeModel{TSelf}.NeedsHessian"/>) and <paramref name="objective"/> has none; or
    /// <paramref name="noise"/>'s sigma varies with x (<see cref="INoiseModel.SigmaDependsOnX"/>), which the
    /// higher-order steps do not differentiate.</exception>
    /// <exception cref="EnsembleDivergedException">A path reached NaN or ±∞.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static EnsembleResult RunSde<TModel>(TModel model, IObjective objective, INoiseModel noise, EnsembleOptions options, SdeIntegrator integrator,
        IProgress<EnsembleProgress>? progress = null, CancellationToken cancellationToken = default)
        where TModel : struct, IHigherOrderSdeModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (!Enum.IsDefined(integrator))
        {
            throw new ArgumentOutOfRangeException(nameof(integrator), integrator, "Not an integrator.");
        }

        if (integrator == SdeIntegrator.EulerMaruyama)
        {
            return RunSde(model, objective, noise, options, progress, cancellationToken);
        }

        ArgumentNullException.ThrowIfNull(noise);
        if (HigherOrderRefusal(typeof(TModel).Name, integrator, TModel.NeedsHessian, TModel.DiffusedStateNames.Count, objective, noise) is { } refusal)
        {
            throw new ArgumentException(refusal.Message, refusal.Argument);
        }

        ArgumentNullException.ThrowIfNull(options);
        model.Validate();
        RequireTime(options, sde: true);
        var stepper = new HigherOrderSdeStepper<TModel>(model, objective, noise, options.Seed, options.StartTime, options.TimeStep, TModel.DiffusedStateNames.Count, integrator);
        return Run(stepper, TModel.StateNames, TModel.DiffusedStateNames.Count, objective, options, progress, cancellationToken, withHessian: TModel.NeedsHessian);
    }

    /// <summary>The run's times: an SDE run needs a time step it sets and a start ≥ 0; a discrete run's, which only
    /// <see cref="EnsembleResult.TimeOf"/> reads, may be unset (NaN), else finite and positive, with a finite start.</summary>
    internal static void RequireTime(EnsembleOptions options, bool sde)
    {
        bool unset = double.IsNaN(options.TimeStep);
        if (sde && unset)
        {
            // It defaulted to 1, and an SDE run at dt = 1 by omission gave numbers and no error.
            throw new ArgumentException("TimeStep is not set: an SDE run needs its time step dt (η for an optimizer's SDE).", nameof(options));
        }

        if (!unset && (!double.IsFinite(options.TimeStep) || !(options.TimeStep > 0)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TimeStep, "TimeStep must be finite and > 0.");
        }

        // The SDE's time stands for the optimizer's k·η: a time-dependent drift (Adam's bias correction 1 − β^(t/η))
        // changes sign before t = 0, so a negative start is a mistake, not a model.
        if (!double.IsFinite(options.StartTime) || (sde && options.StartTime < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StartTime, sde
                ? "StartTime must be finite and ≥ 0 (the SDE's time t stands for the optimizer's k·η)."
                : "StartTime must be finite.");
        }
    }

    private static EnsembleResult Run<TStepper>(TStepper stepper, IReadOnlyList<string> stateNames, int diffused, IObjective objective,
        EnsembleOptions options, IProgress<EnsembleProgress>? progress, CancellationToken cancellationToken, bool withHessian = false)
        where TStepper : IChunkStepper
    {
        ArgumentNullException.ThrowIfNull(options);
        int d = objective.Dimension;
        int[] observedStates = Validate(options, stateNames, d);
        stepper.ValidateNoise(options.InitialX);
        bool streams = options.Streams;
        int pathsPerChunk = options.PathsPerChunk > 0 ? Math.Min(options.PathsPerChunk, options.Paths) : Math.Clamp(TargetChunkElements / d, 1, options.Paths);
        if (streams)
        {
            // A statistics block never straddles two chunks, so each block is reduced by one thread in path order.
            int block = RunningMoments.BlockLength;
            pathsPerChunk = (int)Math.Min(options.Paths, ((long)pathsPerChunk + block - 1) / block * block);
        }

        // In long: Paths + pathsPerChunk passes int.MaxValue for a run of nearly 2³¹ paths.
        int chunkCount = (int)(((long)options.Paths + pathsPerChunk - 1) / pathsPerChunk);
        int records = options.RecordSteps.Count, observables = options.Observables.Count;
        double[]? values = streams ? null : new double[KeptValuesLength(options)];
        StreamedStatistics? streamed = null;
        if (streams)
        {
            double[][]? quantileEdges = options.QuantileBins > 0
                ? PilotEdges(Run(stepper, stateNames, diffused, objective, Pilot(options), null, cancellationToken, withHessian), options.QuantileBins)
                : null;
            streamed = new StreamedStatistics(observables, records, options.HistogramEdges, quantileEdges, options.FirstPath / RunningMoments.BlockLength, options.RetainBlocks);
        }

        long[] keptPaths = KeptPaths(options);
        var kept = new double[keptPaths.Length * observables * records];
        var shared = new SharedRunState(options, stateNames, progress);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };

        // Chunks are handed out in index order, so a streamed run's finished blocks wait for few earlier ones. Each
        // worker keeps its chunk's buffers for its next chunk of the same size (all but the last chunk). It takes its
        // chunks from the buffers kept between runs (ChunkPool) and gives back each one it is done with: the full-size
        // one when it moves to the smaller last chunk, and its last one when it ends. The worker's chunk lives in a
        // holder, so that the end sees the chunk in use even when a body threw.
        try
        {
            Parallel.ForEach(Partitioner.Create(Enumerable.Range(0, chunkCount), EnumerablePartitionerOptions.NoBuffering), parallel,
                () => new WorkerChunk(),
                (index, _, worker) =>
                {
                    int local = index * pathsPerChunk, firstPath = options.FirstPath + local, paths = Math.Min(pathsPerChunk, options.Paths - local);
                    Chunk chunk;
                    if (worker.Chunk is { } previous && previous.Paths == paths)
                    {
                        chunk = previous.MoveTo(firstPath);
                    }
                    else
                    {
                        if (worker.Chunk is { } other)
                        {
                            worker.Chunk = null;
                            ChunkPool.Return(other);
                        }

                        chunk = ChunkPool.Rent(firstPath, paths, d, stateNames.Count, diffused, withHessian, options.Precision);
                        worker.Chunk = chunk;
                    }

                    var recorder = new Recorder(options, observedStates, values, streamed?.ForChunk(firstPath, chunk.Paths), keptPaths, kept, chunk);
                    bool finished;
                    // The chunk's buffers stay in the caches from one step to the next: its kernels load them without
                    // the prefetches of spans from memory (VectorKernel.PrefetchFrom). Only the speed depends on it.
                    int inCache = VectorKernel.EnterInCache();
                    try
                    {
                        finished = RunChunk(stepper, chunk, objective, options, recorder, shared, cancellationToken);
                    }
                    catch
                    {
                        // The loop hands out no more chunks once a body threw, but the chunks in flight would run all
                        // their steps first: stop them at their next step, as a divergence does.
                        shared.StopAll();
                        throw;
                    }
                    finally
                    {
                        VectorKernel.ExitInCache(inCache);
                    }

                    if (finished && recorder.Statistics is { } statistics)
                    {
                        streamed!.Commit(statistics);
                    }

                    return worker;
                },
                worker =>
                {
                    if (worker.Chunk is { } last)
                    {
                        ChunkPool.Return(last);
                    }
                });
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count > 0)
        {
            // A worker's exception reaches the caller as thrown, not wrapped (the first one, when several workers failed).
            ExceptionDispatchInfo.Capture(aggregate.Flatten().InnerExceptions[0]).Throw();
        }

        if (shared.Divergence is { } divergence)
        {
            throw divergence;
        }

        progress?.Report(new EnsembleProgress(shared.Total, shared.Total));
        return new EnsembleResult(options, values, streamed, keptPaths, kept);
    }

    /// <summary>The pilot of a streamed run: its first paths, values kept, nothing else.</summary>
    private static EnsembleOptions Pilot(EnsembleOptions options) => options with
    {
        Paths = Math.Min(options.Paths, options.QuantilePilotPaths),
        KeepValues = true,
        QuantileBins = 0,
        HistogramEdges = null,
        KeptPaths = null,
        PathsPerChunk = 0,
    };

    /// <summary>Per cell (observable × record), bins − 1 inner edges at the pilot's j/bins quantiles, deduplicated.</summary>
    private static double[][] PilotEdges(EnsembleResult pilot, int bins)
    {
        int records = pilot.RecordSteps.Count;
        var edges = new double[pilot.Observables.Count * records][];
        var sorted = new double[pilot.Paths];
        for (int o = 0; o < pilot.Observables.Count; o++)
        {
            for (int r = 0; r < records; r++)
            {
                pilot.Values(o, r).CopyTo(sorted);
                Array.Sort(sorted);
                var inner = new List<double>(bins - 1);
                for (int j = 1; j < bins; j++)
                {
                    double edge = Quantiles.OfSorted(sorted, (double)j / bins);
                    if (inner.Count == 0 || edge > inner[^1])
                    {
                        inner.Add(edge);
                    }
                }

                edges[(o * records) + r] = inner.ToArray();
            }
        }

        return edges;
    }

    private static long[] KeptPaths(EnsembleOptions options)
    {
        if (options.KeptPaths is null)
        {
            return [];
        }

        var paths = new SortedSet<long>(options.KeptPaths);
        var result = new long[paths.Count];
        paths.CopyTo(result);
        return result;
    }

    /// <summary>The length of a kept-values run's value array, observables × records × paths, computed in long: the
    /// product in int wraps (to a negative size, or a wrong positive one) for runs that do not fit in one array.</summary>
    /// <exception cref="ArgumentException">The values do not fit in one array.</exception>
    internal static int KeptValuesLength(EnsembleOptions options)
    {
        long length = (long)options.Observables.Count * options.RecordSteps.Count * options.Paths;
        if (length > Array.MaxLength)
        {
            throw new ArgumentException(
                $"KeepValues: {options.Paths} Paths × {options.RecordSteps.Count} RecordSteps × {options.Observables.Count} Observables = {length} values, more than one array holds ({Array.MaxLength}): stream them (KeepValues = false), or record fewer steps, or run fewer Paths per run.",
                nameof(options));
        }

        return (int)length;
    }

    /// <summary>Runs one chunk; false when it stopped at a divergence, or at another worker's failure
    /// (<see cref="SharedRunState.StopAll"/>).</summary>
    private static bool RunChunk<TStepper>(TStepper stepper, Chunk chunk, IObjective objective, EnsembleOptions options, Recorder recorder,
        SharedRunState shared, CancellationToken cancellationToken)
        where TStepper : IChunkStepper
    {
        chunk.Initialize(options);
        IReadOnlyList<long> records = options.RecordSteps;
        int record = 0;
        // The initial state is checked as every step's is, so a non-finite start is reported at step 0 whatever is recorded.
        if (!CheckAndRecord(chunk, objective, recorder, records, ref record, 0, shared))
        {
            return false;
        }

        for (long k = 1; k <= options.Steps && k <= shared.StopStep; k++)
        {
            stepper.Step(chunk, k);
            if (!CheckAndRecord(chunk, objective, recorder, records, ref record, k, shared))
            {
                return false;
            }

            if (k % CheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                shared.Advance((long)CheckInterval * chunk.Paths);
            }
        }

        shared.Advance(options.Steps % CheckInterval * chunk.Paths);
        // A chunk that stopped at another's divergence step leaves its remaining path-steps uncounted: the run throws.
        return record == records.Count;
    }

    /// <summary>
    /// Checks every state component of step <paramref name="k"/> and, at a record, records the observables, which are
    /// checked before they count; false (and the divergence reported) when a value is not finite. At a record the
    /// observables are computed even when the state is not finite: a lower path's observable may have overflowed with
    /// its state finite, and the path reported must not depend on where the chunks split.
    /// </summary>
    private static bool CheckAndRecord(Chunk chunk, IObjective objective, Recorder recorder, IReadOnlyList<long> records, ref int record, long k,
        SharedRunState shared)
    {
        bool finite = chunk.StateIsFinite();
        NonFiniteObservable? observed = null;
        if (record < records.Count && records[record] == k)
        {
            observed = recorder.Record(objective, record++);
        }

        if (finite && observed is null)
        {
            return true;
        }

        shared.ReportDivergence(chunk, k, observed);
        return false;
    }

    /// <summary>The chunk a worker of <see cref="Run{TStepper}"/> runs in, or null before its first.</summary>
    private sealed class WorkerChunk
    {
        public Chunk? Chunk { get; set; }
    }

    /// <summary>Writes a chunk's observables at a record: into the run's value array, or into its streamed
    /// statistics; and the kept paths' values.</summary>
    private sealed class Recorder(EnsembleOptions options, int[] observedStates, double[]? values, ChunkStatistics? statistics, long[] keptPaths,
        double[] kept, Chunk chunk)
    {
        private readonly double[]? _scratch = values is null ? new double[chunk.Paths] : null;

        public ChunkStatistics? Statistics => statistics;

        /// <summary>Records every observable; returns the chunk's lowest path (and its observable) whose value is not
        /// finite, or null. From the first such value on nothing more is added: the chunk will not be committed and
        /// the run throws, so no statistic or kept path sees it.</summary>
        public NonFiniteObservable? Record(IObjective objective, int record)
        {
            int paths = options.Paths, records = options.RecordSteps.Count;
            if (chunk.IsSingle)
            {
                chunk.WidenX();
            }

            NonFiniteObservable? first = null;
            for (int o = 0; o < options.Observables.Count; o++)
            {
                Span<double> destination = values is not null
                    ? values.AsSpan((((o * records) + record) * paths) + chunk.FirstPath - options.FirstPath, chunk.Paths)
                    : _scratch;
                Observe(chunk, objective, options.Observables[o], observedStates[o], destination);
                if (!AllFinite<double>(destination))
                {
                    int p = FirstNonFinite(destination);
                    if (first is null || p < first.Value.Path)
                    {
                        first = new NonFiniteObservable(p, o, destination[p]);
                    }
                }

                if (first is not null)
                {
                    continue;
                }

                statistics?.Add(o, record, destination);
                for (int k = 0; k < keptPaths.Length; k++)
                {
                    long p = keptPaths[k] - chunk.FirstPath;
                    if (p >= 0 && p < chunk.Paths)
                    {
                        kept[(((k * options.Observables.Count) + o) * records) + record] = destination[(int)p];
                    }
                }
            }

            return first;
        }

        private static int FirstNonFinite(ReadOnlySpan<double> values)
        {
            int p = 0;
            while (double.IsFinite(values[p]))
            {
                p++;
            }

            return p;
        }
    }

    private static void Observe(Chunk chunk, IObjective objective, Observable observable, int state, Span<double> destination)
    {
        int d = chunk.Dimension;
        switch (observable.Kind)
        {
            case ObservableKind.Loss:
                objective.Value(chunk.X, destination);
                break;
            case ObservableKind.Coordinate when chunk.IsSingle && state > 0:
                ReadOnlySpan<float> single = chunk.SingleComponent(state);
                for (int p = 0; p < chunk.Paths; p++)
                {
                    destination[p] = single[(p * d) + observable.Index];
                }

                break;
            case ObservableKind.Coordinate:
                ReadOnlySpan<double> component = chunk.Component(state);
                for (int p = 0; p < chunk.Paths; p++)
                {
                    destination[p] = component[(p * d) + observable.Index];
                }

                break;
            default:
                if (chunk.IsSingle && state > 0)
                {
                    SquaredNorms(chunk.SingleComponent(state), d, destination);
                }
                else
                {
                    SquaredNorms<double>(chunk.Component(state), d, destination);
                }

                break;
        }
    }

    /// <summary>Σ_i v_i² of each point, summed in double in coordinate order.</summary>
    private static void SquaredNorms<T>(ReadOnlySpan<T> component, int d, Span<double> destination)
        where T : struct, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < destination.Length; p++)
        {
            ReadOnlySpan<T> point = component.Slice(p * d, d);
            double sum = 0;
            foreach (T value in point)
            {
                double v = double.CreateTruncating(value);
                sum += v * v;
            }

            destination[p] = sum;
        }
    }

    /// <summary>True when every value is finite: Σ (v − v) is 0 unless some v is NaN or ±∞. Runs after every step of
    /// every chunk over its whole state (every component, <see cref="Chunk.StateIsFinite"/>), so it sums into four
    /// accumulators: with one, each vector's add waited on the last. Measured on 65,536
    /// floats (a 4,096-path chunk of d = 16): 6.0 µs with one accumulator, 2.4 µs with four, against about 95 µs for the
    /// whole float AdamW step of that chunk. Where the generated kernels run their 512-bit body, so does this loop: on
    /// the Zen 5 the AdamW SDE ensemble in double gained 4–5 %, in float less than the benchmark's noise. A chunk's
    /// state is in cache, so each vector is one 64-byte load (<see cref="Kernels.WideLoad{T}"/>): over a float AdamW
    /// chunk's 48 values per path, 1.26–1.36 ns per path against 1.36–1.42 in two halves, in double 2.15–2.17 against
    /// 2.68–2.70 (a throwaway loop of both forms on the Zen 5).</summary>
    internal static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(values);
        nuint n = (nuint)values.Length, i = 0;
        T sum = T.Zero;
        if (Kernels.VectorKernel.UsesWideBody<T>())
        {
            nuint wide = (nuint)Vector512<T>.Count;
            Vector512<T> w0 = Vector512<T>.Zero, w1 = Vector512<T>.Zero, w2 = Vector512<T>.Zero, w3 = Vector512<T>.Zero;
            for (; i + (4 * wide) <= n; i += 4 * wide)
            {
                Vector512<T> v0 = Kernels.WideLoad<T>.Load(in start, i), v1 = Kernels.WideLoad<T>.Load(in start, i + wide);
                Vector512<T> v2 = Kernels.WideLoad<T>.Load(in start, i + (2 * wide)), v3 = Kernels.WideLoad<T>.Load(in start, i + (3 * wide));
                w0 += v0 - v0;
                w1 += v1 - v1;
                w2 += v2 - v2;
                w3 += v3 - v3;
            }

            sum = Vector512.Sum((w0 + w1) + (w2 + w3));
        }

        nuint width = (nuint)Vector<T>.Count;
        Vector<T> a0 = Vector<T>.Zero, a1 = Vector<T>.Zero, a2 = Vector<T>.Zero, a3 = Vector<T>.Zero;
        for (; i + (4 * width) <= n; i += 4 * width)
        {
            Vector<T> v0 = Vector.LoadUnsafe(ref start, i), v1 = Vector.LoadUnsafe(ref start, i + width);
            Vector<T> v2 = Vector.LoadUnsafe(ref start, i + (2 * width)), v3 = Vector.LoadUnsafe(ref start, i + (3 * width));
            a0 += v0 - v0;
            a1 += v1 - v1;
            a2 += v2 - v2;
            a3 += v3 - v3;
        }

        for (; i + width <= n; i += width)
        {
            Vector<T> v = Vector.LoadUnsafe(ref start, i);
            a0 += v - v;
        }

        for (; i < n; i++)
        {
            T v = Unsafe.Add(ref start, i);
            sum += v - v;
        }

        return Vector.Sum((a0 + a1) + (a2 + a3)) + sum == T.Zero;
    }

    /// <summary>Why a higher-order step of <paramref name="model"/> cannot run on this objective or noise, and which of
    /// the two is at fault; null when it can. The engine refuses with it, and <c>RunExecutor</c> before a batch of runs
    /// starts.</summary>
    internal static (string Message, string Argument)? HigherOrderRefusal(string model, SdeIntegrator integrator, bool needsHessian, int diffusedStates,
        IObjective objective, INoiseModel noise) =>
        needsHessian && !objective.HasDiagonalHessian
            ? (model + "'s " + integrator + " step reads the objective's diagonal Hessian (its SDE reads grad), and " + objective.GetType().Name
                + " has none: use SdeIntegrator.EulerMaruyama, or an objective with a diagonal Hessian.", nameof(objective))
        : noise.SigmaDependsOnX && diffusedStates > 0
            ? ("The " + integrator + " step differentiates " + model + "'s SDE through x and grad but not through sigma, and " + noise.GetType().Name
                + "'s sigma varies with x, so the step would lose its order: use SdeIntegrator.EulerMaruyama, or a noise model with a fixed sigma.", nameof(noise))
        : null;

    /// <summary>Checks the options; returns, per observable, the index of the state whose squared norm it records.</summary>
    internal static int[] Validate(EnsembleOptions options, IReadOnlyList<string> stateNames, int d)
    {
        const string name = nameof(options);
        if (options.Paths < 1)
        {
            throw new ArgumentOutOfRangeException(name, options.Paths, "Paths must be at least 1.");
        }

        if (options.Steps < 1 || options.Steps > EnsembleOptions.MaxSteps)
        {
            // A longer run would fail after 2³² steps, not at the start.
            throw new ArgumentOutOfRangeException(name, options.Steps, $"Steps must be from 1 to {EnsembleOptions.MaxSteps} (2³² − 1: a draw's step index is 32 bits).");
        }

        if (options.MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(name, options.MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be at least 1.");
        }

        if (options.InitialX is null || options.InitialX.Length != d)
        {
            throw new ArgumentException($"InitialX must have the objective's dimension, {d} values, not {options.InitialX?.Length ?? 0}.", name);
        }

        if (options.InitialStates is { } initial && (initial.Length % d != 0 || initial.Length > stateNames.Count * d || initial.Length == 0))
        {
            throw new ArgumentException($"InitialStates holds {initial.Length} values; it takes d = {d} per state component, from x on in the order {string.Join(", ", stateNames)}: {d} to {d * stateNames.Count} values, a multiple of {d}.", name);
        }

        if (options.InitialStates is { } states && !states.AsSpan(0, d).SequenceEqual(options.InitialX))
        {
            // InitialStates replaces InitialX, which is still required: two different starts ran from one silently.
            throw new ArgumentException($"InitialStates starts x at {Head(states)}, InitialX at {Head(options.InitialX)}: give the same x in both.", name);
        }

        // The first four coordinates of x, for a message.
        string Head(double[] values) => "(" + string.Join(", ", values.Take(Math.Min(d, 4))) + (d > 4 ? ", …)" : ")");

        if (options.RecordSteps is null || options.RecordSteps.Count == 0)
        {
            throw new ArgumentException("RecordSteps must name at least one step.", name);
        }

        for (int r = 0; r < options.RecordSteps.Count; r++)
        {
            long step = options.RecordSteps[r];
            if (step < 0 || step > options.Steps || (r > 0 && step <= options.RecordSteps[r - 1]))
            {
                throw new ArgumentException($"RecordSteps must increase within [0, {options.Steps}]; RecordSteps[{r}] = {step}.", name);
            }
        }

        if (options.Observables is null || options.Observables.Count == 0)
        {
            throw new ArgumentException("Observables must name at least one observable.", name);
        }

        if (options.FirstPath < 0 || (long)options.FirstPath + options.Paths > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(name, options.FirstPath, $"FirstPath must lie in [0, {int.MaxValue} − Paths].");
        }

        if (options.Streams && options.FirstPath % RunningMoments.BlockLength != 0)
        {
            throw new ArgumentOutOfRangeException(name, options.FirstPath, $"A streamed run's FirstPath must be a multiple of {RunningMoments.BlockLength}.");
        }

        if (!Enum.IsDefined(options.Precision))
        {
            throw new ArgumentOutOfRangeException(name, options.Precision, "Precision must be EnsemblePrecision.Double, EnsemblePrecision.Single or EnsemblePrecision.SingleOwnDraws.");
        }

        if (options.PathsPerChunk < 0)
        {
            throw new ArgumentOutOfRangeException(name, options.PathsPerChunk, "PathsPerChunk must be ≥ 0 (0 picks a size).");
        }

        if (options.QuantileBins < 0 || options.QuantileBins == 1)
        {
            throw new ArgumentOutOfRangeException(name, options.QuantileBins, "QuantileBins must be 0 (none) or at least 2.");
        }

        if (options.QuantileBins > 0 && options.QuantilePilotPaths < options.QuantileBins)
        {
            throw new ArgumentOutOfRangeException(name, options.QuantilePilotPaths, $"QuantilePilotPaths must be at least QuantileBins = {options.QuantileBins}.");
        }

        if (options.HistogramEdges is { } allEdges)
        {
            if (allEdges.Count != options.Observables.Count)
            {
                throw new ArgumentException($"HistogramEdges must have one entry (or null) per observable: {options.Observables.Count}, not {allEdges.Count}.", name);
            }

            foreach (double[]? edges in allEdges)
            {
                if (edges is not null)
                {
                    Histogram.Validate(edges, nameof(options.HistogramEdges));
                }
            }
        }

        if (options.KeptPaths is { } keptPaths)
        {
            foreach (long path in keptPaths)
            {
                if (path < options.FirstPath || path >= (long)options.FirstPath + options.Paths)
                {
                    throw new ArgumentOutOfRangeException(name, path, $"KeptPaths must lie in [{options.FirstPath}, {(long)options.FirstPath + options.Paths}).");
                }
            }
        }

        if (!options.Streams)
        {
            KeptValuesLength(options);
        }

        if (options.KeptPaths is { Count: > 0 } kept && kept.Distinct().Count() is int keptCount
            && (long)keptCount * options.Observables.Count * options.RecordSteps.Count > Array.MaxLength)
        {
            throw new ArgumentException($"KeptPaths: {keptCount} paths × {options.RecordSteps.Count} RecordSteps × {options.Observables.Count} Observables are more values than one array holds ({Array.MaxLength}).", name);
        }

        var stateIndex = new int[options.Observables.Count];
        for (int o = 0; o < options.Observables.Count; o++)
        {
            Observable observable = options.Observables[o];
            bool fits = observable.Kind switch
            {
                ObservableKind.Loss or ObservableKind.SquaredNorm => observable.Index == 0 && observable.State is null,
                ObservableKind.Coordinate => true,
                ObservableKind.StateSquaredNorm => observable.Index == 0 && observable.State is not null,
                _ => false,
            };
            if (!fits)
            {
                // The record's constructor is public: new Observable(Coordinate, 0, "m") used to record x[0].
                throw new ArgumentException($"Observable {o} ({observable.Kind}, index {observable.Index}, state '{observable.State}') does not fit its kind: build it with Observable.Loss, SquaredNorm, Coordinate or StateSquaredNorm.", name);
            }

            if (observable.Kind == ObservableKind.Coordinate && (observable.Index < 0 || observable.Index >= d))
            {
                throw new ArgumentException($"Observable {o} records {observable}, but the dimension is {d}.", name);
            }

            if (observable.Kind == ObservableKind.StateSquaredNorm || observable is { Kind: ObservableKind.Coordinate, State: not null })
            {
                stateIndex[o] = IndexOf(stateNames, observable.State);
                if (stateIndex[o] < 0)
                {
                    throw new ArgumentException($"Observable {o} records the state '{observable.State}', which is not one of {string.Join(", ", stateNames)}.", name);
                }
            }
        }

        return stateIndex;
    }

    private static int IndexOf(IReadOnlyList<string> names, string? name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
