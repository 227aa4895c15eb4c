using System;
using System.Collections.Generic;
using SdeDsl.Statistics;

namespace SdeDsl.Ensembles;

/// <summary>
/// The statistics of a streamed run, per observable and record: moments folded block by block in block order (the
/// same bits whatever the threads or chunk sizes), min and max, and integer counts for histograms and quantile
/// summaries (order-free). Chunks hand in their blocks as they finish; blocks that arrive before an earlier one wait.
/// </summary>
internal sealed class StreamedStatistics
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, RunningMoments[]> _pending = [];
    private long _nextBlock;

    public StreamedStatistics(int observables, int records, IReadOnlyList<double[]?>? histogramEdges, double[][]? quantileEdges, long firstBlock = 0,
        bool retainBlocks = false)
    {
        _nextBlock = firstBlock;
        RetainedBlocks = retainBlocks ? [] : null;
        Observables = observables;
        Records = records;
        int cells = observables * records;
        Moments = new RunningMoments[cells];
        Min = new double[cells];
        Max = new double[cells];
        Array.Fill(Min, double.PositiveInfinity);
        Array.Fill(Max, double.NegativeInfinity);
        HistogramEdges = histogramEdges;
        HistogramSlots = new long[cells][];
        QuantileEdges = quantileEdges;
        QuantileSlots = new long[cells][];
        for (int o = 0; o < observables; o++)
        {
            for (int r = 0; r < records; r++)
            {
                int cell = (o * records) + r;
                if (histogramEdges is not null && histogramEdges[o] is { } edges)
                {
                    HistogramSlots[cell] = new long[edges.Length + 1];
                }

                if (quantileEdges is not null)
                {
                    QuantileSlots[cell] = new long[quantileEdges[cell].Length + 1];
                }
            }
        }
    }

    /// <summary>When retaining (a part of a distributed run): every block's moments in block order, [block × cells + cell]
    /// per chunk array, instead of folding them.</summary>
    public List<RunningMoments[]>? RetainedBlocks { get; }

    public int Observables { get; }

    public int Records { get; }

    public RunningMoments[] Moments { get; }

    public double[] Min { get; }

    public double[] Max { get; }

    public IReadOnlyList<double[]?>? HistogramEdges { get; }

    public long[]?[] HistogramSlots { get; }

    /// <summary>Per cell (observable × record), the inner edges of its quantile summary.</summary>
    public double[][]? QuantileEdges { get; }

    public long[]?[] QuantileSlots { get; }

    /// <summary>A chunk's accumulator, for paths [firstPath, firstPath + paths), firstPath a multiple of the block length.</summary>
    public ChunkStatistics ForChunk(long firstPath, int paths) => new(this, firstPath, paths);

    /// <summary>Adds a finished chunk: counts at once, block moments in block order.</summary>
    public void Commit(ChunkStatistics chunk)
    {
        lock (_gate)
        {
            for (int cell = 0; cell < Min.Length; cell++)
            {
                Min[cell] = Math.Min(Min[cell], chunk.Min[cell]);
                Max[cell] = Math.Max(Max[cell], chunk.Max[cell]);
                Add(HistogramSlots[cell], chunk.HistogramSlots[cell]);
                Add(QuantileSlots[cell], chunk.QuantileSlots[cell]);
            }

            _pending.Add(chunk.FirstBlock, chunk.BlockMoments);
            while (_pending.Remove(_nextBlock, out RunningMoments[]? blocks))
            {
                int blockCount = blocks.Length / Moments.Length;
                if (RetainedBlocks is not null)
                {
                    RetainedBlocks.Add(blocks);
                    _nextBlock += blockCount;
                    continue;
                }

                for (int b = 0; b < blockCount; b++)
                {
                    for (int cell = 0; cell < Moments.Length; cell++)
                    {
                        Moments[cell].Merge(blocks[(b * Moments.Length) + cell]);
                    }
                }

                _nextBlock += blockCount;
            }
        }
    }

    /// <summary>Folds the next part of a distributed run, in path order: its blocks' moments ([block × cells + cell]),
    /// its min and max per cell.</summary>
    public void AddPart(RunningMoments[] blocks, double[] min, double[] max)
    {
        for (int b = 0; b < blocks.Length / Moments.Length; b++)
        {
            for (int cell = 0; cell < Moments.Length; cell++)
            {
                Moments[cell].Merge(blocks[(b * Moments.Length) + cell]);
            }
        }

        for (int cell = 0; cell < Min.Length; cell++)
        {
            Min[cell] = Math.Min(Min[cell], min[cell]);
            Max[cell] = Math.Max(Max[cell], max[cell]);
        }
    }

    private static void Add(long[]? total, long[]? part)
    {
        if (total is null || part is null)
        {
            return;
        }

        for (int i = 0; i < total.Length; i++)
        {
            total[i] += part[i];
        }
    }
}

/// <summary>One chunk's share of a streamed run's statistics.</summary>
internal sealed class ChunkStatistics
{
    private readonly StreamedStatistics _owner;

    public ChunkStatistics(StreamedStatistics owner, long firstPath, int paths)
    {
        _owner = owner;
        int cells = owner.Moments.Length;
        FirstBlock = firstPath / RunningMoments.BlockLength;
        BlockMoments = new RunningMoments[((paths + RunningMoments.BlockLength - 1) / RunningMoments.BlockLength) * cells];
        Min = new double[cells];
        Max = new double[cells];
        Array.Fill(Min, double.PositiveInfinity);
        Array.Fill(Max, double.NegativeInfinity);
        HistogramSlots = new long[cells][];
        QuantileSlots = new long[cells][];
        for (int cell = 0; cell < cells; cell++)
        {
            HistogramSlots[cell] = owner.HistogramSlots[cell] is { } h ? new long[h.Length] : null;
            QuantileSlots[cell] = owner.QuantileSlots[cell] is { } q ? new long[q.Length] : null;
        }
    }

    public long FirstBlock { get; }

    /// <summary>Moments of each block and cell: [block × cells + cell].</summary>
    public RunningMoments[] BlockMoments { get; }

    public double[] Min { get; }

    public double[] Max { get; }

    public long[]?[] HistogramSlots { get; }

    public long[]?[] QuantileSlots { get; }

    /// <summary>Adds the chunk's values of one observable at one record, in path order.</summary>
    public void Add(int observable, int record, ReadOnlySpan<double> values)
    {
        int cells = _owner.Moments.Length, cell = (observable * _owner.Records) + record;
        for (int b = 0, start = 0; start < values.Length; b++, start += RunningMoments.BlockLength)
        {
            BlockMoments[(b * cells) + cell] = RunningMoments.Of(values.Slice(start, Math.Min(RunningMoments.BlockLength, values.Length - start)));
        }

        double min = Min[cell], max = Max[cell];
        foreach (double value in values)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        Min[cell] = min;
        Max[cell] = max;
        if (HistogramSlots[cell] is { } histogram)
        {
            ReadOnlySpan<double> edges = _owner.HistogramEdges![observable];
            foreach (double value in values)
            {
                Histogram.Count(histogram, edges, value);
            }
        }

        if (QuantileSlots[cell] is { } quantiles)
        {
            ReadOnlySpan<double> edges = _owner.QuantileEdges![cell];
            foreach (double value in values)
            {
                Histogram.Count(quantiles, edges, value);
            }
        }
    }
}
