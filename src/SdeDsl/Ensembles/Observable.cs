using System;

namespace SdeDsl.Ensembles;

/// <summary>An observable of an ensemble: f, ‖x‖², a coordinate, or the squared norm of a state.</summary>
/// <param name="Kind">What is observed.</param>
/// <param name="Index">The coordinate, for <see cref="ObservableKind.Coordinate"/>.</param>
/// <param name="State">The state component, for <see cref="ObservableKind.StateSquaredNorm"/>.</param>
public readonly record struct Observable(ObservableKind Kind, int Index = 0, string? State = null)
{
    /// <summary>f(x).</summary>
    public static Observable Loss => new(ObservableKind.Loss);

    /// <summary>‖x‖².</summary>
    public static Observable SquaredNorm => new(ObservableKind.SquaredNorm);

    /// <summary>The coordinate x_i.</summary>
    public static Observable Coordinate(int index) => new(ObservableKind.Coordinate, index);

    /// <summary>‖s‖² of the state component <paramref name="state"/>.</summary>
    public static Observable StateSquaredNorm(string state) => new(ObservableKind.StateSquaredNorm, 0, state ?? throw new ArgumentNullException(nameof(state)));

    /// <summary>A short name: <c>f</c>, <c>|x|^2</c>, <c>x[3]</c>, <c>|v|^2</c>.</summary>
    public override string ToString() => Kind switch
    {
        ObservableKind.Loss => "f",
        ObservableKind.SquaredNorm => "|x|^2",
        ObservableKind.Coordinate => "x[" + Index + "]",
        _ => "|" + State + "|^2",
    };
}
