namespace SdeDsl.Checks;

/// <summary>
/// The settings of a one-step moment-matching check (<see cref="MomentMatching"/>): how many independent one-step
/// updates to draw, the time step dt that one update stands for, and the step number and SDE time of that update.
/// </summary>
public sealed record MomentMatchingOptions
{
    /// <summary>The number N of independent one-step updates (Monte Carlo samples), from 2 to <see cref="int.MaxValue"/>
    /// (2^31 − 1).</summary>
    /// <remarks>Sample s draws the gradient noise of path s at step <see cref="Step"/> of the noise model, so the standard
    /// errors of the measured moments shrink as 1/√N.</remarks>
    public required int Samples { get; init; }

    /// <summary>The time step dt &gt; 0 one update stands for: the learning rate η for the models of Compagnoni et al.
    /// (t = kη); η² for Malladi et al.'s time scale.</summary>
    public required double TimeStep { get; init; }

    /// <summary>The 1-based step number k the update is called with (it sets Adam's bias corrections), in [1, 2^32).
    /// Default 1.</summary>
    public long Step { get; init; } = 1;

    /// <summary>The SDE time t at which drift and diffusion are evaluated; <see langword="null"/> (the default) means
    /// t = k·dt, the time of step k in the t = kη convention. Adam-type drifts are singular at t = 0: keep t ≥ dt.</summary>
    public double? Time { get; init; }
}
