using System;
using System.Buffers;
using System.Collections.Generic;
using SdeDsl.Noise;
using SdeDsl.Objectives;

namespace SdeDsl.Checks;

/// <summary>
/// One-step moment matching (docs/math.md §Weak approximation), a cheap consistency check between a model's declared SDE and its declared
/// update: at a given state, with dt = η, E[Δs] ≈ drift·dt and Var[Δs] ≈ diffusion²·dt to leading order in η, for
/// every state component s and coordinate.
/// </summary>
/// <remarks>
/// <para><b>What is measured.</b> N independent copies of the given state each take one discrete step
/// (<see cref="IOptimizerModel{TSelf}.Step(Span{double}, ReadOnlySpan{double}, long)"/>, step number k) with their
/// own stochastic gradient g = ∇f(x) + Z from an <see cref="INoiseModel"/> (Gaussian, Student-t, minibatch: any law,
/// so an SDE derived for non-Gaussian noise is checked against the noise it was derived for). The increments
/// Δs = s' − s give, per coordinate, a sample mean and variance with their standard errors.</para>
/// <para><b>Heavy tails.</b> Any law can be sampled, but the standard errors need moments: the mean's needs a finite
/// variance of the increment, the variance's a finite fourth moment. Under Student-t noise with ν degrees of freedom g
/// has moments of order below ν only. For an increment linear in g (SGD's x, Adam's m) the mean does not exist for
/// ν ≤ 1, the variance not for ν ≤ 2 (the measured variance and the mean's standard error are then meaningless), and
/// the variance's standard error is invalid for ν ≤ 4 (infinite fourth moment: the variance z-score is not |N(0, 1)|);
/// an increment in g² (v ← βv + (1 − β)g²) needs twice that (ν &gt; 4 for its variance, ν &gt; 8 for that variance's
/// standard error). Bounded increments have every moment, for every ν: SignSGD's ±η, RMSprop's x
/// (|Δx| ≤ η/√(1 − β)).</para>
/// <para><b>What is predicted</b>, through the model's interfaces alone: one
/// <see cref="ISdeModel{TSelf}.EulerMaruyamaStep(Span{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double)"/>
/// from the same state with zero noise gives drift·dt; one with unit noise, minus that, gives diffusion·√dt (both run
/// magnified by 2^20, dt for the drift and the noise for the diffusion, and divided back exactly, so that a step many
/// orders of magnitude below the state is not lost to rounding). The SDE sees grad = ∇f(x) and sigma = the noise
/// model's <see cref="INoiseModel.Sigma"/> at the state, and time t (<see cref="MomentMatchingOptions.Time"/>, by
/// default k·dt).</para>
/// <para><b>Cost and determinism.</b> Samples are processed in batches of about 16K elements in the flat layout, so
/// each batch is one call of the generated update kernel; the sums of powers of the increments are accumulated
/// with <see cref="System.Numerics.Vector{T}"/>, each coordinate's sums in sample order. Sample s uses the noise of path s at step k, so a
/// report is a pure function of (model, state, noise model and its seed, options), bit-identical across runs, vector
/// widths and machines. Working memory is rented from <see cref="ArrayPool{T}.Shared"/> and does not grow with N;
/// the report's arrays are the only allocations that stay. One thread.</para>
/// <para><b>Reading the report</b>: see <see cref="StateMoments"/>. In short: mismatches within a few standard errors
/// mean the moments agree exactly (SGD, SignSGD); otherwise the relative mismatches must shrink like η when the
/// check is repeated at η/2 with the SDE's η-free parameters (ρ = (1 − β)/η, t = kη) held fixed.</para>
/// </remarks>
public static class MomentMatching
{
    /// <summary>About this many elements per state component per batch.</summary>
    private const int TargetBatchElements = 16 * 1024;

    /// <summary>2^20: the factor by which the prediction magnifies the time step and the unit noise (see
    /// <see cref="Predict{TModel}"/>).</summary>
    private const double Magnification = 1024.0 * 1024.0;

    /// <summary>
    /// Checks <typeparamref name="TModel"/>'s SDE against its update at <paramref name="states"/>, with the true
    /// gradient fixed at <paramref name="grad"/> (as if f were linear near the state) and g = grad + Z drawn from
    /// <paramref name="noise"/>, e.g. <c>new GaussianNoise(sigma, seed)</c> for g = grad + σ ⊙ N(0, I) or
    /// <c>new StudentTNoise(ν, σ, seed)</c>. The SDE sees the same grad and the noise model's sigma.
    /// </summary>
    /// <typeparam name="TModel">A model with both an update and an SDE.</typeparam>
    /// <param name="model">The model (its hyperparameters are validated).</param>
    /// <param name="states">The state, flat: component j (in <c>StateNames</c> order) at
    /// <c>states[j·n .. (j+1)·n)</c>, n = <paramref name="grad"/>.Length; finite.</param>
    /// <param name="grad">The true gradient ∇f at each of the n coordinates; finite, n ≥ 1.</param>
    /// <param name="noise">The gradient noise; it must accept an objective of dimension n (not
    /// <see cref="MinibatchNoise"/>, which needs a finite-sum objective: use the other overload).</param>
    /// <param name="options">Samples N, time step dt, step number k and time t.</param>
    /// <returns>The measured and predicted moments of every state component and coordinate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A length is wrong, a value is not finite, an option is out of range, or the
    /// update or the SDE gives a non-finite value at this state; the exception names the argument.</exception>
    public static MomentMatchingReport Check<TModel>(TModel model, ReadOnlySpan<double> states, ReadOnlySpan<double> grad, INoiseModel noise,
        MomentMatchingOptions options)
        where TModel : struct, IOptimizerModel<TModel>, ISdeModel<TModel>
    {
        if (grad.IsEmpty)
        {
            throw new ArgumentException("grad must have at least one coordinate (it sets the dimension n).", nameof(grad));
        }

        RequireFinite(grad, nameof(grad));
        return Check(model, states, new LinearObjective(grad.ToArray()), noise, options);
    }

    /// <summary>
    /// Checks <typeparamref name="TModel"/>'s SDE against its update at <paramref name="states"/> on an objective:
    /// the update sees g from <paramref name="noise"/> at x (the state's first component), the SDE sees grad = ∇f(x)
    /// and the noise model's sigma at x.
    /// </summary>
    /// <typeparam name="TModel">A model with both an update and an SDE.</typeparam>
    /// <param name="model">The model (its hyperparameters are validated).</param>
    /// <param name="states">The state, flat: component j (in <c>StateNames</c> order) at
    /// <c>states[j·n .. (j+1)·n)</c>, n = the objective's dimension; finite.</param>
    /// <param name="objective">The objective f.</param>
    /// <param name="noise">The gradient noise (Gaussian, Student-t, minibatch, …).</param>
    /// <param name="options">Samples N, time step dt, step number k and time t.</param>
    /// <returns>The measured and predicted moments of every state component and coordinate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A length is wrong, a value is not finite, an option is out of range, or the
    /// update or the SDE gives a non-finite value at this state; the exception names the argument.</exception>
    public static MomentMatchingReport Check<TModel>(TModel model, ReadOnlySpan<double> states, IObjective objective, INoiseModel noise,
        MomentMatchingOptions options)
        where TModel : struct, IOptimizerModel<TModel>, ISdeModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(options);
        model.Validate();
        IReadOnlyList<string> names = TModel.StateNames;
        int n = Dimension(objective);
        RequireStates(states, names, n, nameof(states));
        (int samples, long k, double t, double dt) = Validate(options);

        ReadOnlySpan<double> x = states[..n];
        var grad = new double[n];
        var sigma = new double[n];
        objective.Gradient(x, grad);
        RequireFinite(grad, nameof(objective), "The objective's gradient at x");
        noise.Sigma(objective, x, sigma);
        RequireFinite(sigma, nameof(noise), "The noise model's sigma at x");

        int stateCount = names.Count;
        var predictedMean = new double[stateCount * n];
        var diffusion = new double[stateCount * n];
        Predict(model, states, grad, sigma, t, dt, predictedMean, diffusion);

        var measuredMean = new double[stateCount * n];
        var meanErrors = new double[stateCount * n];
        var measuredVariance = new double[stateCount * n];
        var varianceErrors = new double[stateCount * n];
        (int, int)[] pairs = DiffusedPairs(names, TModel.DiffusedStateNames);
        var covariance = new double[pairs.Length * n];
        var covarianceErrors = new double[pairs.Length * n];
        Measure(model, states, objective, noise, samples, k, predictedMean, measuredMean, meanErrors, measuredVariance, varianceErrors,
            pairs, covariance, covarianceErrors);

        return Report<TModel>(n, samples, k, t, dt, states, predictedMean, diffusion, measuredMean, meanErrors, measuredVariance, varianceErrors,
            pairs, covariance, covarianceErrors);
    }

    /// <summary>
    /// Runs <paramref name="steps"/> discrete steps (k = 1 … steps) of one path of the update from
    /// <paramref name="initialStates"/> with g from <paramref name="noise"/> (path <paramref name="path"/>), and returns
    /// the state reached: a typical state of the optimizer after a warm-up (Adam's v &gt; 0, m ≈ the gradient) at which
    /// to <see cref="Check{TModel}(TModel, ReadOnlySpan{double}, IObjective, INoiseModel, MomentMatchingOptions)"/>,
    /// with step number steps + 1 next.
    /// </summary>
    /// <remarks>Give the check a noise model with another seed or stream id: with the same one, the check's sample
    /// <paramref name="path"/> at a step the warm-up took would reuse a draw the state already depends on.</remarks>
    /// <typeparam name="TModel">A model with an update.</typeparam>
    /// <param name="model">The model (its hyperparameters are validated).</param>
    /// <param name="initialStates">The starting state, flat (d values per component, d = the objective's dimension);
    /// finite.</param>
    /// <param name="objective">The objective f.</param>
    /// <param name="noise">The gradient noise.</param>
    /// <param name="steps">The number of steps, in [0, 2^32).</param>
    /// <param name="path">The path index of the noise draws, in [0, 2^32).</param>
    /// <returns>The state after the steps, flat, as <paramref name="initialStates"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A length is wrong, a value is not finite or out of range, or the path
    /// reached a non-finite value; the exception names the argument.</exception>
    public static double[] WarmUp<TModel>(TModel model, ReadOnlySpan<double> initialStates, IObjective objective, INoiseModel noise, long steps,
        long path = 0)
        where TModel : struct, IOptimizerModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(noise);
        model.Validate();
        int n = Dimension(objective);
        RequireStates(initialStates, TModel.StateNames, n, nameof(initialStates));
        if (steps < 0 || steps > RandomNumbers.PhiloxStream.MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must lie in [0, 2^32).");
        }

        if (path < 0 || path > RandomNumbers.PhiloxStream.MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(path), path, "path must lie in [0, 2^32).");
        }

        double[] states = initialStates.ToArray();
        var g = new double[n];
        for (long k = 1; k <= steps; k++)
        {
            noise.StochasticGradient(objective, states.AsSpan(0, n), g, path, k);
            model.Step(states, g, k);
            int bad = Array.FindIndex(states, static v => !double.IsFinite(v));
            if (bad >= 0)
            {
                throw new ArgumentException(
                    $"The warm-up diverged at step {k} of {steps}: {TModel.StateNames[bad / n]}[{bad % n}] = {states[bad]}. Start closer to a "
                    + "minimum, or check the model at a smaller η.", nameof(initialStates));
            }
        }

        return states;
    }

    /// <summary>
    /// drift·dt and diffusion·√dt from two Euler–Maruyama steps of one copy of the state, s ← s + a·dt + b·√dt·ξ, each
    /// magnified by <see cref="Magnification"/> so that the step is not lost against a state much larger than it:
    /// a·dt = (EM(ξ = 0, dt·2^20) − s) / 2^20 (the drift does not read dt, so a·(dt·2^20) is exactly (a·dt)·2^20), and
    /// b·√dt = (EM(ξ = 2^20, dt) − EM(ξ = 0, dt)) / 2^20. Scaling by a power of two is exact, so the only rounding is
    /// that of s + 2^20·step, relative ulp(s) / (2^20·|step|) instead of ulp(s) / |step| (with dt and ξ = 1, a step of a
    /// few ulps of s came out a few % off). Where the magnified step overflows, the unmagnified one is used.
    /// </summary>
    private static void Predict<TModel>(TModel model, ReadOnlySpan<double> states, double[] grad, double[] sigma, double t, double dt,
        double[] driftDt, double[] diffusionSqrtDt)
        where TModel : struct, ISdeModel<TModel>
    {
        int n = grad.Length;
        var work = new double[states.Length];
        var noise = new double[TModel.DiffusedStateNames.Count * n];
        double magnifiedDt = dt * Magnification;
        bool magnified = double.IsFinite(magnifiedDt);
        if (magnified)
        {
            states.CopyTo(work);
            model.EulerMaruyamaStep(work, grad, sigma, noise, t, magnifiedDt);
            magnified = Increments(work, states, driftDt, Magnification);
        }

        if (!magnified)
        {
            states.CopyTo(work);
            model.EulerMaruyamaStep(work, grad, sigma, noise, t, dt);
            Increments(work, states, driftDt, 1);
        }

        // b·√dt from two steps with the same dt, so that a state the SDE does not diffuse gets exactly 0.
        var still = new double[states.Length];
        states.CopyTo(still);
        noise.AsSpan().Clear();
        model.EulerMaruyamaStep(still, grad, sigma, noise, t, dt);
        states.CopyTo(work);
        noise.AsSpan().Fill(Magnification);
        model.EulerMaruyamaStep(work, grad, sigma, noise, t, dt);
        if (!Increments(work, still, diffusionSqrtDt, Magnification))
        {
            states.CopyTo(work);
            noise.AsSpan().Fill(1.0);
            model.EulerMaruyamaStep(work, grad, sigma, noise, t, dt);
            Increments(work, still, diffusionSqrtDt, 1);
        }

        for (int e = 0; e < work.Length; e++)
        {
            if (!double.IsFinite(driftDt[e]) || !double.IsFinite(diffusionSqrtDt[e]))
            {
                throw new ArgumentException(
                    $"The SDE's drift or diffusion of state '{TModel.StateNames[e / n]}' is not finite at coordinate {e % n} (t = {t}): "
                    + "check the state and the time (Adam-type drifts are singular at t = 0; use t ≥ dt).", nameof(states));
            }
        }
    }

    /// <summary>increments[e] = (stepped[e] − from[e]) / scale; false if any is not finite.</summary>
    private static bool Increments(double[] stepped, ReadOnlySpan<double> from, double[] increments, double scale)
    {
        bool finite = true;
        for (int e = 0; e < stepped.Length; e++)
        {
            increments[e] = (stepped[e] - from[e]) / scale;
            finite &= double.IsFinite(increments[e]);
        }

        return finite;
    }

    /// <summary>Every pair (a, b), a &lt; b, of state indices that the SDE both diffuses.</summary>
    private static (int, int)[] DiffusedPairs(IReadOnlyList<string> names, IReadOnlyList<string> diffused)
    {
        var pairs = new List<(int, int)>();
        for (int a = 0; a < names.Count; a++)
        {
            for (int b = a + 1; b < names.Count; b++)
            {
                if (Contains(diffused, names[a]) && Contains(diffused, names[b]))
                {
                    pairs.Add((a, b));
                }
            }
        }

        return pairs.ToArray();
    }

    /// <summary>N one-step updates in batches; per state and coordinate, the sample mean and variance of the increment and
    /// their standard errors; per pair of diffused states and coordinate, the covariance of the increments and its
    /// standard error.</summary>
    private static void Measure<TModel>(TModel model, ReadOnlySpan<double> states, IObjective objective, INoiseModel noise, int samples, long k,
        double[] predictedMean, double[] measuredMean, double[] meanErrors, double[] measuredVariance, double[] varianceErrors,
        (int A, int B)[] pairs, double[] covariance, double[] covarianceErrors)
        where TModel : struct, IOptimizerModel<TModel>
    {
        int n = predictedMean.Length / TModel.StateNames.Count;
        int stateCount = TModel.StateNames.Count;

        // Slots: element e of a batch component goes to slot e mod P; P is a multiple of n, so a slot is one coordinate.
        // Small n get P = lcm(n, 8) (at most 8n ≤ 504 slots), so that whole rows of slots run in vectors; from n = 64 on
        // P = n. A batch holds a whole number of periods except the last.
        int period = n < 64 ? n / Gcd(n, PowerSums.LaneMultiple) * PowerSums.LaneMultiple : n;
        int samplesPerPeriod = period / n;
        int batch = Math.Max(1, TargetBatchElements / period) * samplesPerPeriod;
        batch = (int)Math.Min(batch, ((long)samples + samplesPerPeriod - 1) / samplesPerPeriod * samplesPerPeriod);

        int capacity = batch * n;
        double[] work = ArrayPool<double>.Shared.Rent(stateCount * capacity);
        double[] g = ArrayPool<double>.Shared.Rent(capacity);
        double[] shift = ArrayPool<double>.Shared.Rent(stateCount * period);
        double[] sums = ArrayPool<double>.Shared.Rent(4 * stateCount * period);
        double[] crossSums = ArrayPool<double>.Shared.Rent(Math.Max(1, 2 * pairs.Length * period));
        try
        {
            // The shift of each slot: the predicted new value s + a·dt, then moved by the first batch's mean mismatch
            // so that the power sums see values centred on their mean (no cancellation in the fourth moment).
            var offset = new double[stateCount * n];
            for (int j = 0; j < stateCount; j++)
            {
                for (int q = 0; q < period; q++)
                {
                    int e = (j * n) + (q % n);
                    shift[(j * period) + q] = states[e] + predictedMean[e];
                }
            }

            Array.Clear(sums, 0, 4 * stateCount * period);
            Array.Clear(crossSums, 0, 2 * pairs.Length * period);
            foreach ((long first, int count) in Batches(samples, batch))
            {
                int m = count * n;
                Span<double> all = work.AsSpan(0, stateCount * m);
                for (int j = 0; j < stateCount; j++)
                {
                    LinearObjective.Tile(states.Slice(j * n, n), all.Slice(j * m, m));
                }

                noise.StochasticGradient(objective, all[..m], g.AsSpan(0, m), first, k);
                model.Step(all, g.AsSpan(0, m), k);

                if (first == 0)
                {
                    Recentre(all, count, n, period, shift, offset);
                }

                for (int j = 0; j < stateCount; j++)
                {
                    PowerSums.Add(all.Slice(j * m, m), shift.AsSpan(j * period, period), sums.AsSpan(4 * j * period, 4 * period));
                }

                for (int p = 0; p < pairs.Length; p++)
                {
                    (int a, int b) = pairs[p];
                    PowerSums.AddProducts(all.Slice(a * m, m), all.Slice(b * m, m), shift.AsSpan(a * period, period), shift.AsSpan(b * period, period),
                        crossSums.AsSpan(2 * p * period, 2 * period));
                }
            }

            Moments(sums, period, n, samples, states, shift, measuredMean, meanErrors, measuredVariance, varianceErrors);
            Covariances(sums, crossSums, pairs, period, n, samples, covariance, covarianceErrors);
            for (int e = 0; e < measuredMean.Length; e++)
            {
                if (!double.IsFinite(measuredMean[e]) || !double.IsFinite(measuredVariance[e]))
                {
                    throw new ArgumentException(
                        $"The update gave a non-finite value of state '{TModel.StateNames[e / n]}' at coordinate {e % n} in some sample: "
                        + "check the state (e.g. v > 0 when ε = 0).", nameof(states));
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(work);
            ArrayPool<double>.Shared.Return(g);
            ArrayPool<double>.Shared.Return(shift);
            ArrayPool<double>.Shared.Return(sums);
            ArrayPool<double>.Shared.Return(crossSums);
        }
    }

    /// <summary>Folds the slots of the product sums into coordinates: the unbiased covariance of the two increments,
    /// from Σ y_a·y_b and the power sums' Σ y (shift-invariant), and its standard error from Σ (y_a·y_b)².</summary>
    private static void Covariances(double[] sums, double[] crossSums, (int A, int B)[] pairs, int period, int n, int samples,
        double[] covariance, double[] covarianceErrors)
    {
        double count = samples;
        for (int p = 0; p < pairs.Length; p++)
        {
            (int a, int b) = pairs[p];
            for (int i = 0; i < n; i++)
            {
                double sa = 0, sb = 0, sab = 0, sab2 = 0;
                for (int q = i; q < period; q += n)
                {
                    sa += sums[(4 * a * period) + q];
                    sb += sums[(4 * b * period) + q];
                    sab += crossSums[(2 * p * period) + q];
                    sab2 += crossSums[(2 * p * period) + period + q];
                }

                double product = sab / count;
                covariance[(p * n) + i] = (product - (sa / count * (sb / count))) * count / (count - 1);
                covarianceErrors[(p * n) + i] = Math.Sqrt(Math.Max((sab2 / count) - (product * product), 0) / count);
            }
        }
    }

    /// <summary>Moves each coordinate's shift by the first batch's mean of (new value − shift), recording the move.</summary>
    private static void Recentre(ReadOnlySpan<double> batchStates, int count, int n, int period, double[] shift, double[] offset)
    {
        int stateCount = offset.Length / n;
        int m = count * n;
        for (int j = 0; j < stateCount; j++)
        {
            ReadOnlySpan<double> values = batchStates.Slice(j * m, m);
            for (int i = 0; i < n; i++)
            {
                double predicted = shift[(j * period) + i];
                double sum = 0;
                for (int s = 0; s < count; s++)
                {
                    sum += values[(s * n) + i] - predicted;
                }

                double move = sum / count;
                offset[(j * n) + i] = double.IsFinite(move) ? move : 0;
                for (int q = i; q < period; q += n)
                {
                    shift[(j * period) + q] = predicted + offset[(j * n) + i];
                }
            }
        }
    }

    /// <summary>
    /// Folds the slots into coordinates and turns the power sums into means, variances and standard errors. The mean is
    /// (shift − s) + mean(y), with the shift the value the sums actually subtracted: shift − s is exact (Sterbenz) when
    /// the state is much larger than the step, where s + a·dt + offset would be off by the rounding of the shift, up to
    /// half an ulp of s.
    /// </summary>
    private static void Moments(double[] sums, int period, int n, int samples, ReadOnlySpan<double> states, double[] shift,
        double[] measuredMean, double[] meanErrors, double[] measuredVariance, double[] varianceErrors)
    {
        int stateCount = measuredMean.Length / n;
        double count = samples;
        for (int j = 0; j < stateCount; j++)
        {
            int baseIndex = 4 * j * period;
            for (int i = 0; i < n; i++)
            {
                double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
                for (int q = i; q < period; q += n)
                {
                    s1 += sums[baseIndex + q];
                    s2 += sums[baseIndex + period + q];
                    s3 += sums[baseIndex + (2 * period) + q];
                    s4 += sums[baseIndex + (3 * period) + q];
                }

                double c1 = s1 / count, r2 = s2 / count, r3 = s3 / count, r4 = s4 / count;
                double m2 = Math.Max(r2 - (c1 * c1), 0);
                double m4 = Math.Max(r4 - (4 * c1 * r3) + (6 * c1 * c1 * r2) - (3 * c1 * c1 * c1 * c1), 0);
                double variance = m2 * count / (count - 1);
                int e = (j * n) + i;
                measuredMean[e] = (shift[(j * period) + i] - states[e]) + c1;
                measuredVariance[e] = variance;
                meanErrors[e] = Math.Sqrt(variance / count);
                varianceErrors[e] = Math.Sqrt(Math.Max(m4 - (m2 * m2 * (count - 3) / (count - 1)), 0) / count);
            }
        }
    }

    private static MomentMatchingReport Report<TModel>(int n, int samples, long k, double t, double dt, ReadOnlySpan<double> states, double[] predictedMean, double[] diffusion,
        double[] measuredMean, double[] meanErrors, double[] measuredVariance, double[] varianceErrors,
        (int A, int B)[] pairs, double[] covariance, double[] covarianceErrors)
        where TModel : struct, ISdeModel<TModel>
    {
        IReadOnlyList<string> names = TModel.StateNames;
        IReadOnlyList<string> diffused = TModel.DiffusedStateNames;
        var components = new StateMoments[names.Count];
        for (int j = 0; j < names.Count; j++)
        {
            var predictedVariance = new double[n];
            for (int i = 0; i < n; i++)
            {
                double b = diffusion[(j * n) + i];
                predictedVariance[i] = b * b;
            }

            components[j] = new StateMoments(names[j], Contains(diffused, names[j]), predictedMean.AsSpan(j * n, n).ToArray(),
                measuredMean.AsSpan(j * n, n).ToArray(), meanErrors.AsSpan(j * n, n).ToArray(), predictedVariance,
                measuredVariance.AsSpan(j * n, n).ToArray(), varianceErrors.AsSpan(j * n, n).ToArray(), states.Slice(j * n, n));
        }

        var cross = new CrossMoments[pairs.Length];
        for (int p = 0; p < pairs.Length; p++)
        {
            cross[p] = new CrossMoments(components[pairs[p].A], components[pairs[p].B], covariance.AsSpan(p * n, n).ToArray(),
                covarianceErrors.AsSpan(p * n, n).ToArray());
        }

        return new MomentMatchingReport(samples, n, k, t, dt, components, cross);
    }

    /// <summary>The batches of <paramref name="samples"/> samples, <paramref name="batch"/> at a time: each one's first
    /// sample and its count. The first sample is a long: an int one would pass int.MaxValue after the last batch when
    /// <paramref name="samples"/> is near it, wrap negative, and the loop would never end.</summary>
    internal static IEnumerable<(long First, int Count)> Batches(int samples, int batch)
    {
        for (long first = 0; first < samples; first += batch)
        {
            yield return (first, (int)Math.Min(batch, samples - first));
        }
    }

    private static (int Samples, long Step, double Time, double TimeStep) Validate(MomentMatchingOptions options)
    {
        const string name = nameof(options);
        if (options.Samples < 2)
        {
            throw new ArgumentOutOfRangeException(name, options.Samples, "Samples must be at least 2 (a variance needs two samples).");
        }

        if (!double.IsFinite(options.TimeStep) || !(options.TimeStep > 0))
        {
            throw new ArgumentOutOfRangeException(name, options.TimeStep, "TimeStep (dt, the learning rate η) must be finite and > 0.");
        }

        if (options.Step < 1 || options.Step > RandomNumbers.PhiloxStream.MaxIndex)
        {
            throw new ArgumentOutOfRangeException(name, options.Step, "Step (k, 1-based) must lie in [1, 2^32).");
        }

        double t = options.Time ?? (options.Step * options.TimeStep);
        if (!double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(name, t, "Time (t) must be finite.");
        }

        return (options.Samples, options.Step, t, options.TimeStep);
    }

    private static int Dimension(IObjective objective)
    {
        int n = objective.Dimension;
        if (n < 1)
        {
            throw new ArgumentException($"The objective's dimension must be ≥ 1, not {n}.", nameof(objective));
        }

        return n;
    }

    private static void RequireStates(ReadOnlySpan<double> states, IReadOnlyList<string> names, int n, string paramName)
    {
        if (states.Length != names.Count * n)
        {
            throw new ArgumentException(
                $"Expected {names.Count * n} values (n = {n} for each state component {string.Join(", ", names)}, in that order), got {states.Length}.",
                paramName);
        }

        RequireFinite(states, paramName);
    }

    private static void RequireFinite(ReadOnlySpan<double> values, string paramName, string what = "Every value")
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{what} must be finite; element {i} is {values[i]}.", paramName);
            }
        }
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return true;
            }
        }

        return false;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
