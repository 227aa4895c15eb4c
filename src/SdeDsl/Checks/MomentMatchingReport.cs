using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SdeDsl.Checks;

/// <summary>
/// The result of <see cref="MomentMatching"/>: for every state component (<see cref="States"/>, in the model's state
/// order), the measured one-step moments of the update beside the SDE's drift·dt and diffusion²·dt. See
/// <see cref="StateMoments"/> for how to read the mismatches.
/// </summary>
public sealed class MomentMatchingReport
{
    internal MomentMatchingReport(int samples, int dimension, long step, double time, double timeStep, StateMoments[] states, CrossMoments[] cross)
    {
        Samples = samples;
        Dimension = dimension;
        Step = step;
        Time = time;
        TimeStep = timeStep;
        States = states;
        Cross = cross;
    }

    /// <summary>The number N of one-step samples.</summary>
    public int Samples { get; }

    /// <summary>The number n of coordinates of each state component.</summary>
    public int Dimension { get; }

    /// <summary>The step number k the update was called with.</summary>
    public long Step { get; }

    /// <summary>The SDE time t at which drift and diffusion were evaluated.</summary>
    public double Time { get; }

    /// <summary>The time step dt one update stands for.</summary>
    public double TimeStep { get; }

    /// <summary>One entry per state component, in the model's state order (x first).</summary>
    public IReadOnlyList<StateMoments> States { get; }

    /// <summary>
    /// One entry per pair of state components that the SDE both diffuses (none for a model with one diffused state): the
    /// covariance of their increments, which the SDE's independent Brownian motions predict to be 0.
    /// </summary>
    public IReadOnlyList<CrossMoments> Cross { get; }

    /// <summary>The entry of the state component named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The model has no state of that name.</exception>
    public StateMoments this[string name]
    {
        get
        {
            foreach (StateMoments state in States)
            {
                if (state.Name == name)
                {
                    return state;
                }
            }

            throw new KeyNotFoundException($"No state component '{name}'; the states are {string.Join(", ", Names())}.");
        }
    }

    /// <summary>
    /// A table, one line per state component: the largest step over coordinates, the largest mean and variance
    /// mismatches in absolute terms, relative to each coordinate's own step (and its square) and in standard errors.
    /// Invariant culture.
    /// </summary>
    public override string ToString()
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"One-step moment matching: N = {Samples} samples, n = {Dimension} coordinates, k = {Step}, t = {Time:G6}, dt = {TimeStep:G6}");
        text.AppendLine();
        text.Append(c, $"{"state",-8}{"scale",10}  {"max|dE|",10}{"rel",10}{"relSE",10}{"z",8}  {"max|dVar|",10}{"rel",10}{"relSE",10}{"z",8}");
        text.AppendLine();
        foreach (StateMoments s in States)
        {
            string name = s.IsDiffused ? s.Name + " (b)" : s.Name;
            text.Append(c, $"{name,-8}{s.Scale,10:0.00E+00}  {s.MaxMeanMismatch,10:0.00E+00}{s.RelativeMeanMismatch,10:0.00E+00}{s.RelativeMeanStandardError,10:0.00E+00}{Z(s.MeanZScore),8}");
            text.Append(c, $"  {s.MaxVarianceMismatch,10:0.00E+00}{s.RelativeVarianceMismatch,10:0.00E+00}{s.RelativeVarianceStandardError,10:0.00E+00}{Z(s.VarianceZScore),8}");
            text.AppendLine();
        }

        foreach (CrossMoments x in Cross)
        {
            string name = x.First + "×" + x.Second;
            text.Append(c, $"{name,-8}{"",10}  {"",10}{"",10}{"",10}{"",8}  {x.MaxCovarianceMismatch,10:0.00E+00}{x.RelativeCovarianceMismatch,10:0.00E+00}{x.RelativeCovarianceStandardError,10:0.00E+00}{Z(x.CovarianceZScore),8}");
            text.AppendLine();
        }

        text.Append("scale = max_i scale_i, scale_i = √(E Δs_i²) the step of coordinate i; dE = E[Δs] − drift·dt, dVar = Var[Δs] − diffusion²·dt (max over i);");
        text.AppendLine();
        text.Append("rel = max_i |dE_i| / scale_i (dVar: / scale_i²); relSE = max_i SE_i / scale_i (²); z = max_i |mismatch_i| / SE_i; "
            + "(b) = the SDE diffuses this state.");
        if (States.Any(static s => !s.IsDiffused && s.MaxVarianceMismatch > 0))
        {
            // A state without a diffusion (V of RMSprop and Adam, x of heavy ball) has a measured variance the SDE
            // predicts as 0: its variance z grows as √N even for a right SDE, and read as a failure.
            text.AppendLine();
            text.Append("A state without (b): the SDE predicts no variance, so its variance z grows with N whatever the SDE; judge it by order "
                + "instead: weak order 1 needs the measured variance to be O(η²), shrinking about 4× when η halves (sdedsl check does).");
        }

        if (Cross.Count > 0)
        {
            text.AppendLine();
            text.Append("a×b: the covariance of the increments of two diffused states, which the SDE's independent Brownian motions make 0 "
                + "(rel: / (scale_a,i·scale_b,i)).");
        }

        return text.ToString();
    }

    private IEnumerable<string> Names()
    {
        foreach (StateMoments state in States)
        {
            yield return state.Name;
        }
    }

    private static string Z(double z) =>
        double.IsPositiveInfinity(z) ? "∞" : z.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
