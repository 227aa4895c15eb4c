using System;

namespace SdeDsl.Ensembles;

/// <summary>
/// A path of an ensemble reached NaN or ±∞. The run stops: no statistic averages a diverged path. The report names
/// the earliest step at which any path diverged and the lowest path diverging at that step, whatever the number of
/// threads.
/// </summary>
public sealed class EnsembleDivergedException : Exception
{
    /// <summary>Creates the report.</summary>
    public EnsembleDivergedException(long path, long step, int coordinate, double value)
        : base($"Path {path} diverged at step {step}: x[{coordinate}] = {value}.")
    {
        Path = path;
        Step = step;
        Coordinate = coordinate;
        Value = value;
    }

    /// <summary>The diverged path.</summary>
    public long Path { get; }

    /// <summary>The step after which its iterate was not finite.</summary>
    public long Step { get; }

    /// <summary>The first non-finite coordinate of x.</summary>
    public int Coordinate { get; }

    /// <summary>Its value (NaN or ±∞).</summary>
    public double Value { get; }
}
