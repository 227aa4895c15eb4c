using System;

namespace SdeDsl.Statistics;

/// <summary>
/// Counts of values in the bins [e_i, e_{i+1}) of increasing edges e_0 &lt; … &lt; e_m, with the values below e_0
/// (<see cref="Underflow"/>) and at or above e_m (<see cref="Overflow"/>) counted apart; NaN counts as neither (an
/// ensemble stops at a non-finite value). Counts are integers, so histograms of parts of an ensemble add up exactly.
/// </summary>
public sealed class Histogram
{
    private readonly double[] _edges;
    private readonly long[] _counts;

    internal Histogram(double[] edges, long[] counts, long underflow, long overflow)
    {
        _edges = edges;
        _counts = counts;
        Underflow = underflow;
        Overflow = overflow;
    }

    /// <summary>The bin edges, increasing.</summary>
    public ReadOnlySpan<double> Edges => _edges;

    /// <summary>The count of each bin [e_i, e_{i+1}).</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Values below the first edge.</summary>
    public long Underflow { get; }

    /// <summary>Values at or above the last edge.</summary>
    public long Overflow { get; }

    /// <summary>Every value counted.</summary>
    public long Total
    {
        get
        {
            long total = Underflow + Overflow;
            foreach (long count in _counts)
            {
                total += count;
            }

            return total;
        }
    }

    /// <summary>One line per bin, <c>[e_i, e_{i+1}): count</c>, after the underflow and before the overflow, in the
    /// invariant culture: a histogram to read in a test's output or a console.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        System.Globalization.CultureInfo c = System.Globalization.CultureInfo.InvariantCulture;
        text.Append(c, $"(−∞, {_edges[0]:G6}): {Underflow}").AppendLine();
        for (int i = 0; i < _counts.Length; i++)
        {
            text.Append(c, $"[{_edges[i]:G6}, {_edges[i + 1]:G6}): {_counts[i]}").AppendLine();
        }

        text.Append(c, $"[{_edges[^1]:G6}, ∞): {Overflow}");
        return text.ToString();
    }

    /// <summary>Checks that <paramref name="edges"/> are at least two finite, strictly increasing values.</summary>
    internal static void Validate(double[]? edges, string name)
    {
        if (edges is null || edges.Length < 2)
        {
            throw new ArgumentException($"{name} must have at least two edges.", name);
        }

        for (int i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1])))
            {
                throw new ArgumentException($"{name} must be finite and strictly increasing; edge {i} is {edges[i]}.", name);
            }
        }
    }

    /// <summary>The slot of <paramref name="value"/> in a count array laid out as [underflow, bins…, overflow]:
    /// 0 below the first edge, i + 1 for bin i, edges.Length at or above the last edge; −1 for NaN, which counts as
    /// neither (every comparison with NaN is false, so the search would put it in the underflow).</summary>
    internal static int Slot(ReadOnlySpan<double> edges, double value)
    {
        if (double.IsNaN(value))
        {
            return -1;
        }

        int lo = 0, hi = edges.Length; // the number of edges ≤ value
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Counts <paramref name="value"/> in its slot of <paramref name="slots"/> (<see cref="Slot"/>); NaN in none.</summary>
    internal static void Count(Span<long> slots, ReadOnlySpan<double> edges, double value)
    {
        int slot = Slot(edges, value);
        if (slot >= 0)
        {
            slots[slot]++;
        }
    }

    /// <summary>A histogram from slot counts [underflow, bins…, overflow].</summary>
    internal static Histogram FromSlots(double[] edges, ReadOnlySpan<long> slots) =>
        new(edges, slots.Slice(1, edges.Length - 1).ToArray(), slots[0], slots[edges.Length]);
}
