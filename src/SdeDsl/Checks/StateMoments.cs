using System;

namespace SdeDsl.Checks;

/// <summary>
/// The one-step moments of one state component s, per coordinate i: the measured mean and variance of the update's
/// increment Δs_i = s_i' − s_i over N samples, beside the SDE's prediction a_i·dt and b_i²·dt (drift a, diffusion b
/// at the checked state), with Monte Carlo standard errors; and summaries over coordinates that put each coordinate's
/// mismatches on the scale of its own step.
/// </summary>
/// <remarks>
/// <para><b>Statistical agreement.</b> <see cref="MeanZScore"/> and <see cref="VarianceZScore"/> are the largest
/// |mismatch_i|/SE_i over the n coordinates. Where the update's moments equal the SDE's exactly (SGD, SignSGD), each
/// |mismatch_i|/SE_i is, for large N, the absolute value of a standard normal, so their maximum does not grow with N but
/// does with n, like √(2 ln 2n) (about 2.0 for n = 4, 3.3 for n = 100, 4.5 for n = 10⁴), and exceeds 5 with
/// probability about n·5.7e-7 (the two-sided normal tail at 5, for independent coordinates). A systematic
/// mismatch makes them grow as √N. (The variance's standard error needs a finite fourth moment of the increment: see
/// <see cref="MomentMatching"/> for heavy-tailed noise.)</para>
/// <para><b>Leading order.</b> In the SDEs of Compagnoni et al. one step moves a state by O(η): drift·dt = O(η) and
/// diffusion·√dt = O(η) (the diffusion carries √η). <see cref="Scales"/> measures that step per coordinate, so
/// <see cref="RelativeMeanMismatch"/> = max_i |E Δs_i − a_i·dt| / scale_i is O(η) when the drift is right to leading
/// order (first-order consistency, the mean condition of weak order 1) and O(1) when it is wrong; likewise
/// <see cref="RelativeVarianceMismatch"/> = max_i |Var Δs_i − b_i²·dt| / scale_i² is O(η) when the diffusion is right
/// to leading order. Each coordinate is measured against its own step, so a wrong drift on a coordinate that moves
/// less than the others is not diluted by their larger steps. To see the order, run the check at η and η/2 with the
/// SDE's η-free parameters held fixed (e.g. β = 1 − ηρ at fixed ρ, and t = kη at fixed t): a relative mismatch that
/// halves is first order; one that stays put is a wrong coefficient. That reading assumes the coordinate's step is
/// O(η). Where the drift happens to nearly vanish at the checked state and the noise enters at a higher order (Adam's
/// x, whose noise comes through m, moves by O(η²) then), the step is O(η²) and even a right SDE's relative mismatch is
/// O(1): read the absolute mismatches there (a mean's is O(η²) for a drift right to leading order, O(η) for a wrong
/// one). Weak order 1 itself only needs second moments to
/// agree to O(η²): a state whose SDE leaves out noise of the step's own order (V in the RMSprop and Adam SDEs, driven
/// by g²) shows a relative variance mismatch that is O(1) and does not shrink — at most 1 when the SDE predicts no
/// variance (scale_i² ≥ Var Δs_i then), so it says nothing more: compare <see cref="MeasuredVariance"/> with the
/// update's own variance instead.</para>
/// </remarks>
public sealed class StateMoments
{
    private readonly double[] _predictedMean;
    private readonly double[] _measuredMean;
    /// <summary>The floating-point error allowed in a moment, relative to the larger of the step's size and the state's
    /// (scale or |s|, times scale for a variance): 16 ε, well above the few roundings of a mean of N increments or of the
    /// magnified prediction, and 1e-12 of a Monte Carlo standard error at N = 10^6. The state's size counts because each
    /// new value s + Δs is rounded to s's ulps: SignSGD's exact ±η step at x = 10 measured z = 6 against its own rounding.</summary>
    private const double RoundingFloor = 16 * 2.220446049250313e-16;

    private readonly double[] _roundings;
    private readonly double[] _meanStandardErrors;
    private readonly double[] _predictedVariance;
    private readonly double[] _measuredVariance;
    private readonly double[] _varianceStandardErrors;
    private readonly double[] _scales;

    internal StateMoments(string name, bool isDiffused, double[] predictedMean, double[] measuredMean, double[] meanStandardErrors,
        double[] predictedVariance, double[] measuredVariance, double[] varianceStandardErrors, ReadOnlySpan<double> state)
    {
        Name = name;
        IsDiffused = isDiffused;
        _predictedMean = predictedMean;
        _measuredMean = measuredMean;
        _meanStandardErrors = meanStandardErrors;
        _predictedVariance = predictedVariance;
        _measuredVariance = measuredVariance;
        _varianceStandardErrors = varianceStandardErrors;

        _scales = new double[predictedMean.Length];
        _roundings = new double[predictedMean.Length];
        for (int i = 0; i < predictedMean.Length; i++)
        {
            double measuredRms = Math.Sqrt((measuredMean[i] * measuredMean[i]) + measuredVariance[i]);
            double predictedRms = Math.Sqrt((predictedMean[i] * predictedMean[i]) + predictedVariance[i]);
            double scale = Math.Max(measuredRms, predictedRms);
            double meanMismatch = Math.Abs(measuredMean[i] - predictedMean[i]);
            double varianceMismatch = Math.Abs(measuredVariance[i] - predictedVariance[i]);
            _scales[i] = scale;
            Scale = Math.Max(Scale, scale);
            MaxMeanMismatch = Math.Max(MaxMeanMismatch, meanMismatch);
            MaxMeanStandardError = Math.Max(MaxMeanStandardError, meanStandardErrors[i]);
            double rounding = RoundingFloor * Math.Max(scale, Math.Abs(state[i]));
            _roundings[i] = rounding;
            MeanZScore = Math.Max(MeanZScore, ZScore(meanMismatch, meanStandardErrors[i], rounding));
            MaxVarianceMismatch = Math.Max(MaxVarianceMismatch, varianceMismatch);
            MaxVarianceStandardError = Math.Max(MaxVarianceStandardError, varianceStandardErrors[i]);
            VarianceZScore = Math.Max(VarianceZScore, ZScore(varianceMismatch, varianceStandardErrors[i], rounding * scale));
            RelativeMeanMismatch = Math.Max(RelativeMeanMismatch, Relative(meanMismatch, scale));
            RelativeMeanStandardError = Math.Max(RelativeMeanStandardError, Relative(meanStandardErrors[i], scale));
            RelativeVarianceMismatch = Math.Max(RelativeVarianceMismatch, Relative(varianceMismatch, scale * scale));
            RelativeVarianceStandardError = Math.Max(RelativeVarianceStandardError, Relative(varianceStandardErrors[i], scale * scale));
        }
    }

    /// <summary>The state component's name (one of the model's <c>StateNames</c>).</summary>
    public string Name { get; }

    /// <summary>Whether the SDE has a diffusion for this state (otherwise its predicted variance is 0).</summary>
    public bool IsDiffused { get; }

    /// <summary>The number of coordinates n.</summary>
    public int Dimension => _predictedMean.Length;

    /// <summary>a_i·dt, the SDE's drift times dt, per coordinate (from the model's own Euler–Maruyama step with zero
    /// noise).</summary>
    public ReadOnlySpan<double> PredictedMean => _predictedMean;

    /// <summary>The sample mean of the update's increment Δs_i, per coordinate.</summary>
    public ReadOnlySpan<double> MeasuredMean => _measuredMean;

    /// <summary>The standard error of <see cref="MeasuredMean"/>, sd(Δs_i)/√N, per coordinate.</summary>
    public ReadOnlySpan<double> MeanStandardErrors => _meanStandardErrors;

    /// <summary>b_i²·dt, the SDE's diffusion squared times dt, per coordinate (from the Euler–Maruyama step with unit
    /// noise minus the one with zero noise, which is b_i·√dt).</summary>
    public ReadOnlySpan<double> PredictedVariance => _predictedVariance;

    /// <summary>The unbiased sample variance of the increment Δs_i, per coordinate.</summary>
    public ReadOnlySpan<double> MeasuredVariance => _measuredVariance;

    /// <summary>The standard error of <see cref="MeasuredVariance"/>, √((m4 − m2²(N − 3)/(N − 1))/N) from the sample's
    /// central moments, per coordinate.</summary>
    public ReadOnlySpan<double> VarianceStandardErrors => _varianceStandardErrors;

    /// <summary>
    /// The size of one step per coordinate: scale_i = the root mean square increment √(E[Δs_i²]), measured or predicted
    /// (√((a_i·dt)² + b_i²·dt)), whichever is larger. It is O(η) in the SDEs of Compagnoni et al. (whose diffusions
    /// carry √η); 0 only when neither the update nor the SDE moves coordinate i of this state.
    /// </summary>
    public ReadOnlySpan<double> Scales => _scales;

    /// <summary>The floating-point error allowed in each coordinate's mean, 16ε·max(scale_i, |s_i|).</summary>
    internal ReadOnlySpan<double> Roundings => _roundings;

    /// <summary>The largest step over coordinates, max_i scale_i (see <see cref="Scales"/>).</summary>
    public double Scale { get; }

    /// <summary>max_i |E Δs_i − a_i·dt| (measured mean minus prediction).</summary>
    public double MaxMeanMismatch { get; }

    /// <summary>max_i of the standard error of the measured mean.</summary>
    public double MaxMeanStandardError { get; }

    /// <summary>max_i |E Δs_i − a_i·dt| / SE_i: the mean mismatch in standard errors, SE_i combined with a rounding
    /// allowance of 16ε·max(scale_i, |s_i|) (so a deterministic increment matched to rounding gives about 0, and a real mismatch of one
    /// a z of order 1/ε).</summary>
    public double MeanZScore { get; }

    /// <summary>max_i |Var Δs_i − b_i²·dt|.</summary>
    public double MaxVarianceMismatch { get; }

    /// <summary>max_i of the standard error of the measured variance.</summary>
    public double MaxVarianceStandardError { get; }

    /// <summary>max_i |Var Δs_i − b_i²·dt| / SE_i, as <see cref="MeanZScore"/>.</summary>
    public double VarianceZScore { get; }

    /// <summary>max_i |E Δs_i − a_i·dt| / scale_i, each coordinate's mean mismatch on the scale of its own step
    /// (<see cref="Scales"/>): O(η) when the drift is right to leading order.</summary>
    public double RelativeMeanMismatch { get; }

    /// <summary>max_i SE_i / scale_i, the standard error of each coordinate's measured mean on the scale of its step: the
    /// Monte Carlo resolution of <see cref="RelativeMeanMismatch"/> (an upper bound on the standard error of every
    /// coordinate's relative mismatch).</summary>
    public double RelativeMeanStandardError { get; }

    /// <summary>max_i |Var Δs_i − b_i²·dt| / scale_i²: O(η) when the diffusion is right to leading order; at most 1 when
    /// the SDE does not diffuse this state.</summary>
    public double RelativeVarianceMismatch { get; }

    /// <summary>max_i of the standard error of the measured variance / scale_i²: the Monte Carlo resolution of
    /// <see cref="RelativeVarianceMismatch"/>.</summary>
    public double RelativeVarianceStandardError { get; }

    /// <summary>
    /// The mismatch in units of its uncertainty: the Monte Carlo standard error combined with the floating-point error of
    /// the measured and predicted moments (a few ε of the step's size, <paramref name="rounding"/>), so that a
    /// deterministic increment (SE = 0, e.g. SignSGD's ±η where |∇f| ≫ σ) matched to rounding gives z ≈ 0, not ∞.
    /// </summary>
    internal static double ZScore(double mismatch, double standardError, double rounding)
    {
        double uncertainty = Math.Sqrt((standardError * standardError) + (rounding * rounding));
        return uncertainty > 0 ? Math.Abs(mismatch) / uncertainty : mismatch == 0 ? 0 : double.PositiveInfinity;
    }

    internal static double Relative(double value, double scale) =>
        scale > 0 ? value / scale : value == 0 ? 0 : double.PositiveInfinity;
}
