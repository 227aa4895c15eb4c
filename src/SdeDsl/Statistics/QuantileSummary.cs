using System;

namespace SdeDsl.Statistics;

/// <summary>
/// A mergeable quantile summary: counts on fixed bins whose edges were set, before the run, at equally spaced
/// quantiles of a pilot sample (the first paths of the same seed), with the run's minimum and maximum closing the outer
/// bins. Counts add up exactly across blocks, threads and machines. A quantile is interpolated linearly within the bin
/// where the cumulative count crosses p·N, so its true rank lies in that bin: the rank error is at most the bin's share
/// of the values (<see cref="RankErrorBound"/>), about 1/bins when the pilot represents the run.
/// </summary>
public sealed class QuantileSummary
{
    private readonly double[] _edges;
    private readonly long[] _slots;

    internal QuantileSummary(double[] edges, long[] slots, double min, double max)
    {
        _edges = edges;
        _slots = slots;
        Min = min;
        Max = max;
        foreach (long count in slots)
        {
            Count += count;
        }
    }

    /// <summary>The number of values summarized.</summary>
    public long Count { get; }

    /// <summary>The smallest value.</summary>
    public double Min { get; }

    /// <summary>The largest value.</summary>
    public double Max { get; }

    /// <summary>The inner bin edges (from the pilot).</summary>
    public ReadOnlySpan<double> Edges => _edges;

    /// <summary>The p-quantile, p ∈ [0, 1], interpolated within its bin.</summary>
    public double Quantile(double p)
    {
        (int slot, double below) = Find(p);
        double lower = slot == 0 ? Min : Math.Max(Min, _edges[slot - 1]);
        double upper = slot == _edges.Length ? Max : Math.Min(Max, _edges[slot]);
        long inSlot = _slots[slot];
        double fraction = inSlot == 0 ? 0 : Math.Clamp(((p * Count) - below) / inSlot, 0, 1);
        return lower + (fraction * (upper - lower));
    }

    /// <summary>The largest possible |F̂(q) − p| for the value q that <see cref="Quantile"/> returns, as a fraction of
    /// the values: the share of the bin that holds it.</summary>
    public double RankErrorBound(double p) => Count == 0 ? 0 : (double)_slots[Find(p).Slot] / Count;

    private (int Slot, double Below) Find(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie in [0, 1].");
        }

        if (Count == 0)
        {
            throw new InvalidOperationException("The summary holds no values.");
        }

        double target = p * Count;
        long cumulative = 0;
        for (int slot = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot] > 0 && cumulative + _slots[slot] >= target)
            {
                return (slot, cumulative);
            }

            cumulative += _slots[slot];
        }

        int last = Array.FindLastIndex(_slots, static c => c > 0);
        return (last, Count - _slots[last]);
    }
}
