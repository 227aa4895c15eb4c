using System;

namespace SdeDsl.Ensembles;

/// <summary>
/// A path of an ensemble reached NaN or ±∞: a component of its state (x, or another such as RMSprop's v), or a
/// recorded observable (f may overflow while x is finite). The run stops: no statistic averages a diverged path. The
/// report names the earliest step at which any path diverged and the lowest path diverging at that step, whatever the
/// number of threads or the chunk size.
/// </summary>
public sealed class EnsembleDivergedException : Exception
{
    /// <summary>Creates the report of a non-finite coordinate of x.</summary>
    public EnsembleDivergedException(long path, long step, int coordinate, double value)
        : this(path, step, "x", coordinate, value)
    {
    }

    /// <summary>Creates the report of a non-finite coordinate of the state component <paramref name="quantity"/>
    /// (<paramref name="coordinate"/> ≥ 0), or of the observable <paramref name="quantity"/> of a path whose state is
    /// finite (<paramref name="coordinate"/> = −1).</summary>
    public EnsembleDivergedException(long path, long step, string quantity, int coordinate, double value)
        : base(coordinate >= 0
            ? $"Path {path} diverged at step {step}: {quantity}[{coordinate}] = {value}."
            : $"Path {path} diverged at step {step}: the observable {quantity} = {value}, its state finite.")
    {
        ArgumentNullException.ThrowIfNull(quantity);
        Path = path;
        Step = step;
        Quantity = quantity;
        Coordinate = coordinate;
        Value = value;
    }

    /// <summary>The diverged path.</summary>
    public long Path { get; }

    /// <summary>The step after which its state or observable was not finite (0: the initial state).</summary>
    public long Step { get; }

    /// <summary>What was not finite: the name of a state component (<c>x</c>, <c>m</c>, <c>v</c>, …) when
    /// <see cref="Coordinate"/> ≥ 0, else an observable as <see cref="Observable.ToString"/> writes it (<c>f</c>,
    /// <c>|x|^2</c>, <c>x[3]</c>, <c>|v|^2</c>).</summary>
    public string Quantity { get; }

    /// <summary>The first non-finite coordinate of the state component <see cref="Quantity"/>; −1 when an observable
    /// was not finite and the path's state was.</summary>
    public int Coordinate { get; }

    /// <summary>Its value (NaN or ±∞).</summary>
    public double Value { get; }
}
