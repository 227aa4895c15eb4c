using System;
using Orleans;

namespace SdeDsl.Distributed;

/// <summary>
/// What a worker sends back for a <see cref="WorkItem"/>: the part's per-path values when the run keeps values, or the
/// moments of each of its 256-path blocks (count, mean, M2, [block × cells + cell]) and min/max per cell when it
/// streams; or the divergence it met; or the failure of the work itself (<see cref="Failure"/>).
/// </summary>
[GenerateSerializer]
public sealed class WorkItemResult
{
    /// <summary>The first path of the part.</summary>
    [Id(0)] public int FirstPath { get; init; }

    /// <summary>The number of paths of the part.</summary>
    [Id(1)] public int Paths { get; init; }

    /// <summary>Per-path values [cell × Paths + path] when the run keeps values; else null.</summary>
    [Id(2)] public double[]? Values { get; init; }

    /// <summary>Per block and cell: the count.</summary>
    [Id(3)] public long[] BlockCounts { get; init; } = [];

    /// <summary>Per block and cell: the mean.</summary>
    [Id(4)] public double[] BlockMeans { get; init; } = [];

    /// <summary>Per block and cell: Σ(v − mean)².</summary>
    [Id(5)] public double[] BlockM2 { get; init; } = [];

    /// <summary>Per cell: the smallest value (streamed runs).</summary>
    [Id(6)] public double[] Min { get; init; } = [];

    /// <summary>Per cell: the largest value (streamed runs).</summary>
    [Id(7)] public double[] Max { get; init; } = [];

    /// <summary>The divergence met (path, step, coordinate, value), or null.</summary>
    [Id(8)] public DivergenceReport? Divergence { get; init; }

    /// <summary>The silo that ran it, for diagnostics and tests.</summary>
    [Id(9)] public string Worker { get; init; } = "";

    /// <summary>The exception the work itself threw (the model, the objective, the engine's checks), or null. It is sent
    /// back as a result, not thrown, so the client can tell it from a failing silo: it fails the run at once, since
    /// another attempt would throw it again.</summary>
    [Id(10)] public WorkFailure? Failure { get; init; }
}

/// <summary>An exception the work of an item threw on its worker.</summary>
/// <param name="Type">The exception's type, in full (<c>System.InvalidOperationException</c>).</param>
/// <param name="Message">Its message, then the type and message of each inner exception (<c> ---> </c> between them);
/// for an <see cref="ArgumentException"/>, its message without the parameter's suffix.</param>
/// <param name="ParamName">For an <see cref="ArgumentException"/> (or one derived from it), its parameter, which may be
/// null; null otherwise.</param>
/// <param name="IsArgumentError">Whether it was an <see cref="ArgumentException"/>: the description was wrong, and the
/// run throws an ArgumentException as a local run would.</param>
[GenerateSerializer, Immutable]
public sealed record WorkFailure([property: Id(0)] string Type, [property: Id(1)] string Message, [property: Id(2)] string? ParamName,
    [property: Id(3)] bool IsArgumentError)
{
    /// <summary>The failure of <paramref name="e"/>.</summary>
    public static WorkFailure From(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is ArgumentException argument)
        {
            // One line, as the tool prints it: an ArgumentOutOfRangeException's "Actual value" line went along.
            return new WorkFailure(e.GetType().FullName ?? e.GetType().Name, SdeDsl.Runs.ArgumentMessages.Text(argument), argument.ParamName, true);
        }

        // A wrapper (the type initializer of a model, a reflection call) says little; what it wraps is the cause.
        string text = e.Message;
        for (Exception? inner = e.InnerException; inner is not null && text.Length < 4_000; inner = inner.InnerException)
        {
            text += $" ---> {inner.GetType().FullName}: {inner.Message}";
        }

        return new WorkFailure(e.GetType().FullName ?? e.GetType().Name, text, null, false);
    }
}

/// <summary>A path that reached NaN or ±∞ in a work item.</summary>
/// <param name="Path">The diverged path.</param>
/// <param name="Step">The step at which it diverged.</param>
/// <param name="Coordinate">The coordinate of the state component; −1 for an observable.</param>
/// <param name="Value">The value (NaN or ±∞).</param>
/// <param name="Quantity">The state component or observable that was not finite
/// (<see cref="SdeDsl.Ensembles.EnsembleDivergedException.Quantity"/>); null from a worker that predates it, read as x.</param>
[GenerateSerializer, Immutable]
public sealed record DivergenceReport([property: Id(0)] long Path, [property: Id(1)] long Step, [property: Id(2)] int Coordinate, [property: Id(3)] double Value,
    [property: Id(4)] string? Quantity = null)
{
    /// <summary>The exception a local run throws for this divergence.</summary>
    public SdeDsl.Ensembles.EnsembleDivergedException ToException() => new(Path, Step, Quantity ?? "x", Coordinate, Value);
}
