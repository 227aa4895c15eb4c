using System.Collections.Generic;

namespace SdeDsl.Cli.Output;

/// <summary>A line or marker series of a figure; <see cref="Errors"/> draws ± error bars.</summary>
internal sealed record Series(string Label, double[] X, double[] Y, double[]? Errors = null, bool Line = true, bool Markers = true, bool Dashed = false);

/// <summary>A figure as data: the experiments describe what to draw, <see cref="FigureRenderer"/> draws it.</summary>
internal sealed record FigureSpec(string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series, bool LogX = false, bool LogY = false);
