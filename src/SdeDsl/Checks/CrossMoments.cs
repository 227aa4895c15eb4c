using System;

namespace SdeDsl.Checks;

/// <summary>
/// The covariance of the one-step increments of two state components the SDE diffuses, per coordinate, measured against
/// the SDE's prediction. The generated SDE drives each diffused state with a Brownian motion of its own, so it predicts
/// 0; an update whose one gradient noise moves both states (x and m of a Lion- or heavy-ball-type method) correlates
/// them, a mismatch of the same order as their variances that the per-state moments cannot see.
/// </summary>
/// <remarks>
/// Read it as <see cref="StateMoments"/>' variance: a mismatch within a few standard errors agrees; otherwise the
/// relative mismatch, |Cov| / (scale_a·scale_b) with each state's step scale, must shrink like η as η halves. A
/// correlation the SDE leaves out does not shrink: such an update has no SDE of independent diffusions, and the model
/// cannot be written in the DSL as it stands.
/// </remarks>
public sealed class CrossMoments
{
    private readonly double[] _predictedCovariance;
    private readonly double[] _measuredCovariance;
    private readonly double[] _covarianceStandardErrors;

    internal CrossMoments(StateMoments first, StateMoments second, double[] measuredCovariance, double[] covarianceStandardErrors)
    {
        First = first.Name;
        Second = second.Name;
        _predictedCovariance = new double[measuredCovariance.Length];
        _measuredCovariance = measuredCovariance;
        _covarianceStandardErrors = covarianceStandardErrors;
        for (int i = 0; i < measuredCovariance.Length; i++)
        {
            double scale = first.Scales[i] * second.Scales[i];
            double mismatch = Math.Abs(measuredCovariance[i]);
            double se = covarianceStandardErrors[i];
            MaxCovarianceMismatch = Math.Max(MaxCovarianceMismatch, mismatch);
            // Each increment is rounded to its state's ulps (StateMoments.Roundings); a product carries the other's step.
            double rounding = Math.Max(first.Roundings[i] * second.Scales[i], second.Roundings[i] * first.Scales[i]);
            CovarianceZScore = Math.Max(CovarianceZScore, StateMoments.ZScore(mismatch, se, rounding));
            RelativeCovarianceMismatch = Math.Max(RelativeCovarianceMismatch, StateMoments.Relative(mismatch, scale));
            RelativeCovarianceStandardError = Math.Max(RelativeCovarianceStandardError, StateMoments.Relative(se, scale));
        }
    }

    /// <summary>The first state component of the pair, in the model's state order.</summary>
    public string First { get; }

    /// <summary>The second state component of the pair.</summary>
    public string Second { get; }

    /// <summary>The SDE's covariance of the two increments per coordinate: 0, as each diffused state has a Brownian
    /// motion of its own.</summary>
    public ReadOnlySpan<double> PredictedCovariance => _predictedCovariance;

    /// <summary>The sample covariance of the two increments per coordinate, over N samples.</summary>
    public ReadOnlySpan<double> MeasuredCovariance => _measuredCovariance;

    /// <summary>The standard error of each measured covariance: √(Var[Δa·Δb] / N), with the products centred at the
    /// first batch's means.</summary>
    public ReadOnlySpan<double> CovarianceStandardErrors => _covarianceStandardErrors;

    /// <summary>max_i |Cov_i − predicted_i|.</summary>
    public double MaxCovarianceMismatch { get; }

    /// <summary>max_i |Cov_i − predicted_i| / SE_i, SE_i combined with the rounding the states' own allowances give a product.</summary>
    public double CovarianceZScore { get; }

    /// <summary>max_i |Cov_i − predicted_i| / (scale_a,i · scale_b,i), with each state's step scale (<see cref="StateMoments.Scales"/>).</summary>
    public double RelativeCovarianceMismatch { get; }

    /// <summary>max_i SE_i / (scale_a,i · scale_b,i).</summary>
    public double RelativeCovarianceStandardError { get; }
}
