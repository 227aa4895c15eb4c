namespace SdeDsl.Ensembles;

/// <summary>What an ensemble records for each path at each recorded step.</summary>
public enum ObservableKind
{
    /// <summary>The objective f(x).</summary>
    Loss,

    /// <summary>‖x‖².</summary>
    SquaredNorm,

    /// <summary>One coordinate x_i.</summary>
    Coordinate,

    /// <summary>‖s‖² of a state component s (e.g. ‖v‖²).</summary>
    StateSquaredNorm,
}
