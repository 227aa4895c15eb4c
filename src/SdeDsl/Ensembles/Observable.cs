using System;

namespace SdeDsl.Ensembles;

/// <summary>An observable of an ensemble: f, ‖x‖², a coordinate of x or of another state, or the squared norm of a
/// state. Build it with the factories; a run refuses one whose fields do not fit its kind.</summary>
/// <param name="Kind">What is observed.</param>
/// <param name="Index">The coordinate, for <see cref="ObservableKind.Coordinate"/>; 0 otherwise.</param>
/// <param name="State">The state component, for <see cref="ObservableKind.StateSquaredNorm"/> and for a coordinate of
/// a state other than x; null otherwise.</param>
public readonly record struct Observable(ObservableKind Kind, int Index = 0, string? State = null)
{
    /// <summary>f(x).</summary>
    public static Observable Loss => new(ObservableKind.Loss);

    /// <summary>‖x‖².</summary>
    public static Observable SquaredNorm => new(ObservableKind.SquaredNorm);

    /// <summary>The coordinate x_i.</summary>
    public static Observable Coordinate(int index) => new(ObservableKind.Coordinate, index);

    /// <summary>The coordinate s_i of the state component <paramref name="state"/> (<c>Coordinate("m", 0)</c>).</summary>
    public static Observable Coordinate(string state, int index) =>
        (state ?? throw new ArgumentNullException(nameof(state))) == "x" ? Coordinate(index) : new(ObservableKind.Coordinate, index, state);

    /// <summary>‖s‖² of the state component <paramref name="state"/>.</summary>
    public static Observable StateSquaredNorm(string state) => new(ObservableKind.StateSquaredNorm, 0, state ?? throw new ArgumentNullException(nameof(state)));

    /// <summary>A short name: <c>f</c>, <c>|x|^2</c>, <c>x[3]</c>, <c>m[3]</c>, <c>|v|^2</c>.</summary>
    public override string ToString() => Kind switch
    {
        ObservableKind.Loss => "f",
        ObservableKind.SquaredNorm => "|x|^2",
        ObservableKind.Coordinate => (State ?? "x") + "[" + Index + "]",
        _ => "|" + State + "|^2",
    };
}
