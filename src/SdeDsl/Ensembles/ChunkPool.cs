using System;
using System.Threading;

namespace SdeDsl.Ensembles;

/// <summary>
/// Chunk buffers kept from one run for the next, process-wide. A run's workers take their first chunk from here when
/// one of the same shape is kept and give their last one back when they finish, so that a program that runs many
/// ensembles (a sweep, <c>sdedsl replicate</c>, a benchmark) does not allocate and fault in fresh large-object arrays
/// for every run. On the Zen 5 (docs/performance-log.md) that took the two-thread float AdamW ensemble from 1.45–1.82×
/// its one-thread rate to 1.74–1.98×, and the one-thread rate from 41–42 to 44–45 M path-steps/s: a run used to
/// allocate about 0.8 MiB of large-object arrays per worker, with a full collection every third or fourth run, and its
/// chunks took 9.4–28 ms where they now take 9.2–12.5. <see cref="Slots"/> chunks of at most
/// <see cref="MaxChunkBytes"/> each are kept (the engine's chunks hold about 16,384 elements per state component:
/// 0.8 MiB for a float AdamW chunk); when every slot is taken, a chunk given back replaces the kept ones in turn, so
/// that the shapes of the latest runs are the ones kept. A chunk kept through two full garbage collections without a
/// run taking it over is dropped, so a process that stops running ensembles (a long-lived worker, say) gives the memory
/// back.
/// Every buffer a step reads is written by the run before it is read (<see cref="Chunk.Initialize"/> and the step's
/// inputs), and the constant σ of the last run is forgotten, so a reused chunk gives the bits of a new one.
/// </summary>
internal static class ChunkPool
{
    /// <summary>The number of chunks kept.</summary>
    public const int Slots = 16;

    /// <summary>A chunk with more bytes of buffers than this is not kept (so at most 64 MiB are).</summary>
    public const long MaxChunkBytes = 4L << 20;

    private static readonly Chunk?[] s_slots = new Chunk?[Slots];

    /// <summary>The number of full collections (<see cref="GC.CollectionCount(int)"/> of generation 2) when each slot's
    /// chunk was given back.</summary>
    private static readonly int[] s_keptAt = new int[Slots];

    private static int s_next;

    static ChunkPool() => _ = new FullCollectionCallback();

    /// <summary>A chunk of this shape starting at <paramref name="firstPath"/>: a kept one if one fits, else a new one.</summary>
    public static Chunk Rent(int firstPath, int paths, int dimension, int stateCount, int diffusedCount, bool withHessian,
        EnsemblePrecision precision)
    {
        for (int i = 0; i < s_slots.Length; i++)
        {
            Chunk? kept = Volatile.Read(ref s_slots[i]);
            if (kept is not null && kept.Fits(paths, dimension, stateCount, diffusedCount, withHessian, precision)
                && ReferenceEquals(Interlocked.CompareExchange(ref s_slots[i], null, kept), kept))
            {
                return kept.MoveTo(firstPath); // its σ was forgotten when it was given back

            }
        }

        return new Chunk(firstPath, paths, dimension, stateCount, diffusedCount, withHessian, precision);
    }

    /// <summary>Keeps <paramref name="chunk"/> for a later run, in a free slot or else in place of a kept chunk (each
    /// slot in turn), unless it has more than <see cref="MaxChunkBytes"/>; the caller no longer uses it.</summary>
    public static void Return(Chunk chunk)
    {
        if (chunk.Bytes > MaxChunkBytes)
        {
            return;
        }

        // A kept chunk holds no reference to the run's noise model.
        chunk.SigmaWrittenBy = null;

        int collections = GC.CollectionCount(2);
        for (int i = 0; i < s_slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref s_slots[i], chunk, null) is null)
            {
                Volatile.Write(ref s_keptAt[i], collections);
                return;
            }
        }

        int victim = (int)((uint)Interlocked.Increment(ref s_next) % Slots);
        Volatile.Write(ref s_slots[victim], chunk);
        Volatile.Write(ref s_keptAt[victim], collections);
    }

    /// <summary>Drops the chunks kept through two full collections or more. (A chunk given back while this runs may be
    /// dropped with its slot's old count: it is only memory the next run allocates again.)</summary>
    private static void Trim()
    {
        int collections = GC.CollectionCount(2);
        for (int i = 0; i < s_slots.Length; i++)
        {
            if (Volatile.Read(ref s_slots[i]) is { } kept && collections - Volatile.Read(ref s_keptAt[i]) >= 2)
            {
                Interlocked.CompareExchange(ref s_slots[i], null, kept);
            }
        }
    }

    /// <summary>
    /// An object nothing references, which finalizes itself after every collection that finds it (once it has been
    /// promoted, the full ones) and registers itself again: <see cref="Trim"/> runs after each full collection without a
    /// timer or a thread of its own.
    /// </summary>
    private sealed class FullCollectionCallback
    {
        ~FullCollectionCallback()
        {
            Trim();
            GC.ReRegisterForFinalize(this);
        }
    }

    /// <summary>Drops every kept chunk (for tests that need a run on new buffers).</summary>
    internal static void Clear()
    {
        for (int i = 0; i < s_slots.Length; i++)
        {
            Volatile.Write(ref s_slots[i], null);
        }
    }
}
