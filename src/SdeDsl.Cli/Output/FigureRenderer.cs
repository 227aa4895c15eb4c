using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace SdeDsl.Cli.Output;

/// <summary>Draws a <see cref="FigureSpec"/> to a PNG with ScottPlot. Log axes plot log10 of the values, with ticks
/// labelled in the original units (<see cref="LogAxisTicks"/>); non-positive values are left out of a log axis. The
/// legend stands to the right of the data, so it never hides a point.</summary>
internal static class FigureRenderer
{
    public const int Width = 1000, Height = 600;

    /// <summary>The mantissas of a log axis's labelled ticks, coarsest first: decades, then 1–2–5, then every digit.</summary>
    private static readonly int[][] LogMantissas = [[1], [1, 2, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]];

    public static void SavePng(FigureSpec spec, string path)
    {
        var plot = new Plot();
        plot.Title(spec.Title);
        plot.XLabel(spec.XLabel + (spec.LogX ? " (log scale)" : ""));
        plot.YLabel(spec.YLabel + (spec.LogY ? " (log scale)" : ""));
        Color[] palette = new ScottPlot.Palettes.Category10().Colors;
        int index = 0;
        foreach (Series series in spec.Series)
        {
            Color color = palette[index++ % palette.Length];
            int[] keep = Enumerable.Range(0, series.X.Length)
                .Where(i => double.IsFinite(series.X[i]) && double.IsFinite(series.Y[i]) && (!spec.LogX || series.X[i] > 0) && (!spec.LogY || series.Y[i] > 0))
                .ToArray();
            double[] xs = keep.Select(i => spec.LogX ? Math.Log10(series.X[i]) : series.X[i]).ToArray();
            double[] ys = keep.Select(i => spec.LogY ? Math.Log10(series.Y[i]) : series.Y[i]).ToArray();
            if (xs.Length == 0)
            {
                continue;
            }

            var scatter = plot.Add.Scatter(xs, ys, color);
            scatter.LegendText = series.Label;
            scatter.LineWidth = series.Line ? 2 : 0;
            scatter.MarkerSize = series.Markers ? 7 : 0;
            if (series.Dashed)
            {
                scatter.LinePattern = LinePattern.Dashed;
            }

            if (series.Errors is { } errors && !spec.LogY)
            {
                var bars = plot.Add.ErrorBar(xs, ys, keep.Select(i => errors[i]).ToArray());
                bars.Color = color;
            }
        }

        plot.Axes.AutoScale();
        AxisLimits limits = plot.Axes.GetLimits();
        if (spec.LogX)
        {
            plot.Axes.Bottom.TickGenerator = LogTicks(limits.Left, limits.Right);
        }

        if (spec.LogY)
        {
            plot.Axes.Left.TickGenerator = LogTicks(limits.Bottom, limits.Top);
        }

        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>
    /// The labelled ticks of a log axis that shows log10 values from <paramref name="low"/> to
    /// <paramref name="high"/>, ascending: at the coarsest of decades, 1–2–5 or every digit that puts three ticks in
    /// view (decades thinned to every 2nd, 5th, 10th … where more than ten are in view); where even every digit puts
    /// fewer than three in view, at round values spaced evenly, as a linear axis would have them. Decade ticks alone
    /// left an axis spanning less than a decade without a number on it.
    /// </summary>
    internal static (double Position, string Label)[] LogAxisTicks(double low, double high)
    {
        if (!IsLogRange(low, high))
        {
            return [];
        }

        double[] decades = LogTicksIn(LogMantissas[0], low, high);
        if (decades.Length > MaxDecadeLabels)
        {
            int stride = DecadeStride(decades.Length);
            return Labelled(decades.Where(p => Math.Round(p) % stride == 0));
        }

        if (decades.Length >= 3)
        {
            return Labelled(decades);
        }

        foreach (int[] mantissas in LogMantissas[1..])
        {
            double[] positions = LogTicksIn(mantissas, low, high);
            if (positions.Length >= 3)
            {
                return Labelled(positions);
            }
        }

        // Round values m·step, step the largest of 1, 2 or 5 times a power of ten that fits three times in the range
        // (three to eight ticks); labels with the digits that tell neighbours apart. A range too narrow for the
        // digits of a double gets one tick.
        double from = Math.Pow(10, low), to = Math.Pow(10, high);
        double step = RoundStep((to - from) / 3);
        if (!(step > to * 1e-12))
        {
            return [(low, Label(from, 3))];
        }

        int digits = Math.Clamp((int)Math.Floor(Math.Log10(to)) - (int)Math.Floor(Math.Log10(step)) + 1, 3, 15);
        return Enumerable.Range(0, 12)
            .Select(k => (Math.Ceiling((from / step) - 1e-9) + k) * step)
            .Where(v => v <= to + (1e-9 * step))
            .Select(v => (Math.Log10(v), Label(v, digits)))
            .ToArray();
    }

    /// <summary>Each log10 position with its value's label to three significant digits.</summary>
    private static (double Position, string Label)[] Labelled(IEnumerable<double> positions) =>
        positions.Select(p => (p, Label(Math.Pow(10, p), 3))).ToArray();

    /// <summary>Labelled decades at most on one axis; more are thinned (<see cref="DecadeStride"/>).</summary>
    private const int MaxDecadeLabels = 10;

    /// <summary>The smallest of 2, 5, 10, 20, 50, … that leaves at most <see cref="MaxDecadeLabels"/> of
    /// <paramref name="count"/> decades labelled.</summary>
    private static int DecadeStride(int count)
    {
        for (int power = 1; ; power *= 10)
        {
            foreach (int m in (int[])[2, 5, 10])
            {
                if ((count + (m * power) - 1) / (m * power) <= MaxDecadeLabels)
                {
                    return m * power;
                }
            }
        }
    }

    /// <summary>1, 2 or 5 times a power of ten, the largest at or below <paramref name="x"/>.</summary>
    private static double RoundStep(double x)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(x)));
        return x >= 5 * power ? 5 * power : x >= 2 * power ? 2 * power : power;
    }

    /// <summary>The value to <paramref name="significantDigits"/> significant digits: in plain notation from 10⁻⁴ to
    /// 10⁶ (1000, not 1E+03), else in exponent notation.</summary>
    private static string Label(double value, int significantDigits)
    {
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e6)
        {
            int decimals = Math.Clamp(significantDigits - 1 - (int)Math.Floor(Math.Log10(magnitude)), 0, 15);
            return Math.Round(value, decimals).ToString("0.###############", CultureInfo.InvariantCulture);
        }

        return value.ToString("G" + significantDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>log10(m·10^k) for each mantissa m and every decade k whose values fall in [low, high]; none for a
    /// range that is empty, not finite or wider than any double's (an empty plot's limits, for one).</summary>
    private static double[] LogTicksIn(int[] mantissas, double low, double high) =>
        !IsLogRange(low, high)
            ? []
            : Enumerable.Range((int)Math.Floor(low) - 1, (int)Math.Ceiling(high) - (int)Math.Floor(low) + 2)
                .SelectMany(decade => mantissas.Select(m => decade + Math.Log10(m)))
                .Where(position => position >= low - 1e-9 && position <= high + 1e-9)
                .ToArray();

    /// <summary>Whether [low, high] can be the range of a log axis of doubles: finite, not reversed, within ±400
    /// decades.</summary>
    private static bool IsLogRange(double low, double high) => low <= high && low >= -400 && high <= 400;

    private static ScottPlot.TickGenerators.NumericManual LogTicks(double low, double high)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        (double Position, string Label)[] majors = LogAxisTicks(low, high);
        foreach ((double position, string label) in majors)
        {
            generator.AddMajor(position, label);
        }

        // Minor ticks at every digit while the axis spans a few decades; past that, at the decades left unlabelled.
        int[] minorMantissas = high - low <= MaxDecadeLabels ? LogMantissas[^1] : LogMantissas[0];
        foreach (double position in LogTicksIn(minorMantissas, low, high))
        {
            if (!majors.Any(major => Math.Abs(major.Position - position) < 1e-9))
            {
                generator.AddMinor(position);
            }
        }

        return generator;
    }
}
