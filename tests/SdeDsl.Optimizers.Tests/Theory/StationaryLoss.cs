using System;
using SdeDsl.Ensembles;
using SdeDsl.Statistics;
using Xunit;
using Xunit.Abstractions;

namespace SdeDsl.Optimizers.Tests.Theory;

/// <summary>
/// Shared pieces of the stationary-loss checks: runs use d identical coordinates (independent copies of the 1-D chain
/// under diagonal H and independent noise), and one value per path — the loss per coordinate averaged over the
/// records from a burn-in on — so paths are independent and SE = sd/√N is valid however correlated the records of a
/// path are.
/// </summary>
internal static class StationaryLoss
{
    public static double[] Fill(int d, double value)
    {
        var a = new double[d];
        Array.Fill(a, value);
        return a;
    }

    /// <summary><paramref name="count"/> record steps evenly spaced from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static long[] Records(long first, long last, int count)
    {
        var records = new long[count];
        for (int i = 0; i < count; i++)
        {
            records[i] = first + ((last - first) * i / (count - 1));
        }

        return records;
    }

    /// <summary>One value per path: the loss per coordinate, averaged over records [firstRecord, last].</summary>
    public static RunningMoments PerCoordinateLoss(EnsembleResult result, int d, int firstRecord)
    {
        int n = result.Paths;
        var sums = new double[n];
        int count = 0;
        for (int rec = firstRecord; rec < result.RecordSteps.Count; rec++, count++)
        {
            ReadOnlySpan<double> v = result.Values(0, rec);
            for (int p = 0; p < n; p++)
            {
                sums[p] += v[p];
            }
        }

        var m = new RunningMoments();
        for (int p = 0; p < n; p++)
        {
            m.Add(sums[p] / (count * d));
        }

        return m;
    }

    /// <summary>|measured − predicted| ≤ max(5·SE, 3 % of predicted); prints both when given an output.</summary>
    public static void AssertWithin(RunningMoments measured, double predicted, string what, ITestOutputHelper? output = null)
    {
        double tolerance = Math.Max(5 * measured.StandardError, 0.03 * Math.Abs(predicted));
        double error = Math.Abs(measured.Mean - predicted);
        output?.WriteLine($"{what}: measured {measured.Mean:E4} ± {measured.StandardError:E2} (SE, {measured.Count} paths), predicted {predicted:E4}, "
            + $"rel. diff {(measured.Mean - predicted) / predicted:+0.00%;-0.00%}, tol {tolerance / Math.Abs(predicted):0.0%}");
        Assert.True(error <= tolerance,
            $"{what}: measured {measured.Mean:E4} ± {measured.StandardError:E2} (SE), predicted {predicted:E4}, |diff| {error:E2} > tol {tolerance:E2}");
    }
}
