using System;

namespace SdeDsl.Statistics;

/// <summary>
/// Count, mean and variance of a stream of values, by Welford's update; two accumulators merge exactly (Chan et al.),
/// so statistics of parts of an ensemble, run on different threads or machines, combine into those of the whole.
/// </summary>
public struct RunningMoments
{
    private double _m2;

    /// <summary>The number of values added.</summary>
    public long Count { get; private set; }

    /// <summary>The sample mean (NaN when empty).</summary>
    public double Mean { get; private set; }

    /// <summary>The unbiased sample variance, Σ(v − mean)² / (n − 1) (NaN for fewer than two values).</summary>
    public readonly double Variance => Count > 1 ? _m2 / (Count - 1) : double.NaN;

    /// <summary>The sample standard deviation.</summary>
    public readonly double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The standard error of the mean, sd / √n.</summary>
    public readonly double StandardError => Math.Sqrt(Variance / Count);

    /// <summary>Adds one value.</summary>
    public void Add(double value)
    {
        Count++;
        double delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
    }

    /// <summary>Adds every value of a span, in order.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            Add(value);
        }
    }

    /// <summary>The sum of squared deviations from the mean, Σ(v − mean)².</summary>
    internal readonly double M2 => _m2;

    /// <summary>An accumulator from its parts (count, mean, M2), as another process computed them.</summary>
    internal static RunningMoments FromParts(long count, double mean, double m2) => new() { Count = count, Mean = mean, _m2 = m2 };

    /// <summary>Merges the values summarized by <paramref name="other"/> into this accumulator.</summary>
    public void Merge(in RunningMoments other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = other;
            return;
        }

        long count = Count + other.Count;
        double delta = other.Mean - Mean;
        Mean += delta * other.Count / count;
        _m2 += other._m2 + (delta * delta * Count * other.Count / count);
        Count = count;
    }

    /// <summary>The number of values per block of <see cref="OfBlocks"/>; ensemble statistics use the same blocks.</summary>
    public const int BlockLength = 256;

    /// <summary>
    /// Summarizes a span of values block by block: each block of <see cref="BlockLength"/> values in order, then the
    /// blocks merged in order. Streamed ensemble statistics are reduced the same way, so their moments equal these
    /// to the last bit, whatever the number of threads.
    /// </summary>
    public static RunningMoments OfBlocks(ReadOnlySpan<double> values)
    {
        var total = default(RunningMoments);
        for (int start = 0; start < values.Length; start += BlockLength)
        {
            total.Merge(Of(values.Slice(start, Math.Min(BlockLength, values.Length - start))));
        }

        return total;
    }

    /// <summary>Summarizes a span of values.</summary>
    public static RunningMoments Of(ReadOnlySpan<double> values)
    {
        var moments = default(RunningMoments);
        moments.Add(values);
        return moments;
    }
}
