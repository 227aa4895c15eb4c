using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SdeDsl.Benchmarks;

/// <summary>
/// A column of <see cref="CatalogStepBenchmarks"/>: the bytes per element a case loads and stores, its bandwidth
/// (bytes per call over the median time per call), or that bandwidth over the <c>StreamTriad</c> case's of the same job.
/// </summary>
public sealed class CatalogBandwidthColumn(CatalogBandwidthColumn.Kind kind) : IColumn
{
    /// <summary>Which value the column shows.</summary>
    public enum Kind
    {
        /// <summary>Bytes per element.</summary>
        BytesPerElement,

        /// <summary>GB/s from the median.</summary>
        Bandwidth,

        /// <summary>GB/s over the triad's GB/s.</summary>
        RatioToTriad,
    }

    /// <inheritdoc/>
    public string Id => nameof(CatalogBandwidthColumn) + "." + kind;

    /// <inheritdoc/>
    public string ColumnName => kind switch
    {
        Kind.BytesPerElement => "B/param",
        Kind.Bandwidth => "GB/s",
        _ => "vs triad",
    };

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => (int)kind;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => kind switch
    {
        Kind.BytesPerElement => "Bytes one element loads and stores (each state read and written, g read; triad: b, c read, a written)",
        Kind.Bandwidth => "Bytes per call / median time per call, in GB/s",
        _ => "GB/s over the StreamTriad case's GB/s (the triad's write-allocate reads are not counted)",
    };

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        string model = (string)benchmarkCase.Parameters[nameof(CatalogStepBenchmarks.Model)];
        if (kind == Kind.BytesPerElement)
        {
            return CatalogStepBenchmarks.BytesPerElement(model).ToString(CultureInfo.InvariantCulture);
        }

        double? bandwidth = Bandwidth(summary, benchmarkCase);
        if (bandwidth is null)
        {
            return "NA";
        }

        if (kind == Kind.Bandwidth)
        {
            return (bandwidth.Value / 1e9).ToString("F2", CultureInfo.InvariantCulture);
        }

        // The triad of the same job (a command-line --job adds cases beside the class's own job).
        BenchmarkCase? triad = summary.BenchmarksCases.FirstOrDefault(
            c => (string)c.Parameters[nameof(CatalogStepBenchmarks.Model)] == CatalogStepBenchmarks.Triad
                && c.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo);
        double? triadBandwidth = triad is null ? null : Bandwidth(summary, triad);
        return triadBandwidth is null ? "NA" : (bandwidth.Value / triadBandwidth.Value).ToString("F3", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public override string ToString() => ColumnName;

    private static double? Bandwidth(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (medianNs is not > 0)
        {
            return null;
        }

        string model = (string)benchmarkCase.Parameters[nameof(CatalogStepBenchmarks.Model)];
        return CatalogStepBenchmarks.Elements(model) * CatalogStepBenchmarks.BytesPerElement(model) / (medianNs.Value * 1e-9);
    }
}
