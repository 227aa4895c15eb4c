using System;
using BenchmarkDotNet.Configs;

namespace SdeDsl.Benchmarks;

/// <summary>Adds the bandwidth columns of <see cref="CatalogBandwidthColumn"/> to a benchmark class.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CatalogBandwidthColumnsAttribute : Attribute, IConfigSource
{
    /// <inheritdoc/>
    public IConfig Config { get; } = ManualConfig.CreateEmpty().AddColumn(
        new CatalogBandwidthColumn(CatalogBandwidthColumn.Kind.BytesPerElement),
        new CatalogBandwidthColumn(CatalogBandwidthColumn.Kind.Bandwidth),
        new CatalogBandwidthColumn(CatalogBandwidthColumn.Kind.RatioToTriad));
}
