using System;

namespace SdeDsl.Statistics;

/// <summary>Sample quantiles.</summary>
public static class Quantiles
{
    /// <summary>
    /// The p-quantile of <paramref name="values"/> by linear interpolation between order statistics (Hyndman and
    /// Fan's type 7, the default of R and NumPy): with the values sorted, h = (n − 1)p and
    /// q = v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋ + 1] − v[⌊h⌋]). Sorts <paramref name="scratch"/> (a copy of the values).
    /// </summary>
    /// <exception cref="ArgumentException">The span is empty, the scratch is too short, or p is not in [0, 1].</exception>
    public static double Of(ReadOnlySpan<double> values, double p, Span<double> scratch)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("Quantiles of no values are undefined.", nameof(values));
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1].");
        }

        if (scratch.Length < values.Length)
        {
            throw new ArgumentException($"Expected at least {values.Length} elements, got {scratch.Length}.", nameof(scratch));
        }

        Span<double> sorted = scratch[..values.Length];
        values.CopyTo(sorted);
        sorted.Sort();
        return OfSorted(sorted, p);
    }

    /// <summary>The p-quantile (type 7) of values already sorted ascending.</summary>
    internal static double OfSorted(ReadOnlySpan<double> sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int low = (int)Math.Floor(h);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }

    /// <summary>The p-quantile of <paramref name="values"/> (allocates a sorted copy).</summary>
    public static double Of(ReadOnlySpan<double> values, double p) => Of(values, p, new double[values.Length]);
}
