using System;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace SdeDsl.Cli.Output;

/// <summary>Draws a <see cref="FigureSpec"/> to a PNG with ScottPlot. Log axes plot log10 of the values with decade
/// ticks labelled in the original units; non-positive values are left out of a log axis.</summary>
internal static class FigureRenderer
{
    public const int Width = 900, Height = 600;

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

        if (spec.LogX)
        {
            plot.Axes.Bottom.TickGenerator = LogTicks();
        }

        if (spec.LogY)
        {
            plot.Axes.Left.TickGenerator = LogTicks();
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = static y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
    };
}
