namespace SdeDsl.Ensembles;

/// <summary>How far an ensemble run has come.</summary>
/// <param name="CompletedPathSteps">Path-steps done so far.</param>
/// <param name="TotalPathSteps">Path-steps in the whole run (paths × steps).</param>
public readonly record struct EnsembleProgress(long CompletedPathSteps, long TotalPathSteps)
{
    /// <summary>The fraction done, in [0, 1].</summary>
    public double Fraction => TotalPathSteps == 0 ? 1 : (double)CompletedPathSteps / TotalPathSteps;
}
