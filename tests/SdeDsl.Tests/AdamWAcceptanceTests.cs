using System;
using System.Numerics;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// The acceptance criterion of the generated AdamW step: over 1,000 steps of seeded random gradients it follows
/// The AdamW of docs/math.md §RMSprop and Adam (PyTorch semantics, decoupled weight decay on the old x), written here as a plain scalar loop:
/// <code>
/// m ← β1 m + (1 − β1) g
/// v ← β2 v + (1 − β2) g²
/// m̂ = m / (1 − β1^k),  v̂ = v / (1 − β2^k)
/// x ← x − η m̂ / (√v̂ + ε) − ηγ x
/// </code>
/// Both trajectories run independently from the same start (no re-synchronisation) and are compared at every step
/// and element: <see cref="double"/> to |a − b| ≤ 1e-12·max(1, |b|), <see cref="float"/> to 1e-5·max(1, |b|).
/// </summary>
/// <remarks>
/// <para>
/// The double reference is written literally as docs/math.md writes it, not as the model's source does
/// (η(m̂/(√v̂ + ε) + γx), (1 − β2)·g·g), so the two differ by rounding in every step; m and v are contractions and
/// the update of x is a contraction by (1 − ηγ) plus a term that does not depend on x, so these differences add up
/// (at worst linearly in the step count) instead of growing: measured, at most 1e-14 after 1,000 steps.
/// </para>
/// <para>
/// For float, the scalars (1 − β^k, η, …) are computed in double and rounded once to float, as the generated code
/// computes its hoisted scalars; the state arithmetic is in float. The trajectory is compared with the loop in
/// float with the decay factored as x − η(m̂/(√v̂ + ε) + γx), the same formula: written literally,
/// x − η m̂/(√v̂ + ε) − ηγx rounds the subtraction of ηγx, a nearly constant amount, to nearly the same error in
/// every step, so two float orderings of the same formula drift apart linearly: measured 5.4e-6 (d = 67,
/// Vector&lt;float&gt;.Count = 8) and 1.3e-5 (d = 131, Count = 16) after 1,000 steps — float's own
/// order-dependence, not an error of the kernel. The literal float loop is therefore checked one step at a time,
/// from the kernel's state before each step, to the same 1e-5 (there it agrees to a few ulps).
/// </para>
/// </remarks>
public sealed class AdamWAcceptanceTests
{
    private const int Steps = 1000;
    private const double DoubleTolerance = 1e-12;
    private const double SingleTolerance = 1e-5;

    /// <summary>Hyperparameter sets: Adam (γ = 0) and AdamW (γ = 0.01) at the usual β, a fast one, and β1 = 0.</summary>
    public static TheoryData<double, double, double, double, double> HyperparameterSets => new()
    {
        { 1e-3, 0.9, 0.999, 1e-8, 0.0 },
        { 1e-3, 0.9, 0.999, 1e-8, 0.01 },
        { 0.1, 0.5, 0.9, 1e-8, 0.01 },
        { 0.01, 0.0, 0.99, 1e-8, 0.0 },
        { 0.05, 0.95, 0.9999, 1e-8, 0.01 },
    };

    [Theory]
    [MemberData(nameof(HyperparameterSets))]
    public void DoubleStepFollowsMathSection3(double eta, double beta1, double beta2, double eps, double weightDecay)
    {
        var model = new AdamW { Eta = eta, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay };
        int d = (8 * Vector<double>.Count) + 3;
        var gradients = new GradientStream(20240601, d);
        double[] x = gradients.InitialPoint();
        double[] m = new double[d], v = new double[d];
        double[] xRef = (double[])x.Clone(), mRef = new double[d], vRef = new double[d];
        double[] g = new double[d];

        for (long k = 1; k <= Steps; k++)
        {
            gradients.Next(g);
            model.Step(x, m, v, g, k);
            ReferenceStep(model, xRef, mRef, vRef, g, k);

            AssertClose(xRef, x, DoubleTolerance, $"x at k = {k}");
            AssertClose(mRef, m, DoubleTolerance, $"m at k = {k}");
            AssertClose(vRef, v, DoubleTolerance, $"v at k = {k}");
        }

        AssertMoved(x, gradients.InitialPoint());
    }

    [Theory]
    [MemberData(nameof(HyperparameterSets))]
    public void SingleStepFollowsMathSection3(double eta, double beta1, double beta2, double eps, double weightDecay)
    {
        var model = new AdamW { Eta = eta, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay };
        int d = (8 * Vector<float>.Count) + 3;
        var gradients = new GradientStream(20240602, d);
        float[] x = ToSingle(gradients.InitialPoint());
        float[] m = new float[d], v = new float[d];
        float[] xRef = (float[])x.Clone(), mRef = new float[d], vRef = new float[d];
        double[] gDouble = new double[d];
        float[] g = new float[d];

        for (long k = 1; k <= Steps; k++)
        {
            gradients.Next(gDouble);
            for (int i = 0; i < d; i++)
            {
                g[i] = (float)gDouble[i];
            }

            float[] xOne = (float[])x.Clone(), mOne = (float[])m.Clone(), vOne = (float[])v.Clone();
            model.Step(x, m, v, g, k);
            ReferenceStep(model, xRef, mRef, vRef, g, k, factored: true);
            ReferenceStep(model, xOne, mOne, vOne, g, k, factored: false);

            AssertClose(xRef, x, SingleTolerance, $"x at k = {k}");
            AssertClose(mRef, m, SingleTolerance, $"m at k = {k}");
            AssertClose(vRef, v, SingleTolerance, $"v at k = {k}");
            AssertClose(xOne, x, SingleTolerance, $"x at k = {k} (one literal step from the kernel's state)");
            AssertClose(mOne, m, SingleTolerance, $"m at k = {k} (one literal step from the kernel's state)");
            AssertClose(vOne, v, SingleTolerance, $"v at k = {k} (one literal step from the kernel's state)");
        }

        AssertMoved(Array.ConvertAll(x, static e => (double)e), Array.ConvertAll(ToSingle(gradients.InitialPoint()), static e => (double)e));
    }

    [Theory]
    [MemberData(nameof(HyperparameterSets))]
    public void DoubleOptimizerFollowsMathSection3AndTheKernel(double eta, double beta1, double beta2, double eps, double weightDecay)
    {
        var model = new AdamW { Eta = eta, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay };
        int d = 100;
        var gradients = new GradientStream(20240603, d);
        double[] parameters = gradients.InitialPoint();
        var optimizer = new AdamW.Optimizer<double>(model, d);
        double[] x = (double[])parameters.Clone(), m = new double[d], v = new double[d];
        double[] xRef = (double[])parameters.Clone(), mRef = new double[d], vRef = new double[d];
        double[] g = new double[d];

        Assert.Equal(0L, optimizer.StepCount);
        Assert.Equal(d, optimizer.ParameterCount);
        for (long k = 1; k <= Steps; k++)
        {
            gradients.Next(g);
            optimizer.Step(parameters, g);
            model.Step(x, m, v, g, k);
            ReferenceStep(model, xRef, mRef, vRef, g, k);

            Assert.Equal(k, optimizer.StepCount);
            AssertBitIdentical(x, parameters, $"parameters vs Step(x, m, v, g, {k})");
            AssertBitIdentical(m, optimizer.M.ToArray(), $"M vs Step(x, m, v, g, {k})");
            AssertBitIdentical(v, optimizer.V.ToArray(), $"V vs Step(x, m, v, g, {k})");
            AssertClose(xRef, parameters, DoubleTolerance, $"parameters at k = {k}");
        }

        // Reset: state and count back to zero, and the next step is a first step (k = 1) again.
        optimizer.Reset();
        Assert.Equal(0L, optimizer.StepCount);
        Assert.All(optimizer.M.ToArray(), static e => Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(e)));
        Assert.All(optimizer.V.ToArray(), static e => Assert.Equal(0UL, BitConverter.DoubleToUInt64Bits(e)));

        double[] afterReset = (double[])parameters.Clone();
        double[] fresh = (double[])parameters.Clone();
        gradients.Next(g);
        optimizer.Step(afterReset, g);
        new AdamW.Optimizer<double>(model, d).Step(fresh, g);
        Assert.Equal(1L, optimizer.StepCount);
        AssertBitIdentical(fresh, afterReset, "first step after Reset vs first step of a new optimizer");
    }

    /// <summary>A learning-rate schedule and a resume from a checkpoint through the owner, against the raw kernel
    /// given the same η and k: the same bits. Both needed the raw kernel before (Model and StepCount had no setter).</summary>
    [Fact]
    public void OptimizerFollowsAScheduleAndResumesFromACheckpoint()
    {
        var model = new AdamW { Eta = 1e-2, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0.01 };
        int d = 37;
        var gradients = new GradientStream(7, d);
        double[] parameters = gradients.InitialPoint();
        double[] x = (double[])parameters.Clone(), m = new double[d], v = new double[d], g = new double[d];
        var optimizer = new AdamW.Optimizer<double>(model, d);
        for (long k = 1; k <= 20; k++)
        {
            AdamW scheduled = model with { Eta = model.Eta / k };
            optimizer.Model = optimizer.Model with { Eta = scheduled.Eta };
            gradients.Next(g);
            optimizer.Step(parameters, g);
            scheduled.Step(x, m, v, g, k);
        }

        AssertBitIdentical(x, parameters, "parameters after 20 scheduled steps");

        // A checkpoint: the parameters, M, V and StepCount, restored into a new owner; both take 10 more steps.
        var resumed = new AdamW.Optimizer<double>(optimizer.Model, d);
        optimizer.M.CopyTo(resumed.M);
        optimizer.V.CopyTo(resumed.V);
        resumed.StepCount = optimizer.StepCount;
        double[] resumedParameters = (double[])parameters.Clone();
        for (int i = 0; i < 10; i++)
        {
            gradients.Next(g);
            optimizer.Step(parameters, g);
            resumed.Step(resumedParameters, g);
        }

        Assert.Equal(30L, resumed.StepCount);
        AssertBitIdentical(parameters, resumedParameters, "parameters of the resumed owner after 10 more steps");
        AssertBitIdentical(optimizer.V.ToArray(), resumed.V.ToArray(), "V of the resumed owner");

        // What a schedule or a checkpoint may not set, the owner refuses, and keeps what it had.
        AdamW before = optimizer.Model;
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Model = before with { Beta1 = 1.5 });
        Assert.Equal(before, optimizer.Model);
        Assert.Throws<ArgumentOutOfRangeException>(() => resumed.StepCount = -1);
        Assert.Equal(30L, resumed.StepCount);
    }

    [Theory]
    [MemberData(nameof(HyperparameterSets))]
    public void SingleOptimizerFollowsMathSection3AndTheKernel(double eta, double beta1, double beta2, double eps, double weightDecay)
    {
        var model = new AdamW { Eta = eta, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = weightDecay };
        int d = 100;
        var gradients = new GradientStream(20240604, d);
        float[] parameters = ToSingle(gradients.InitialPoint());
        var optimizer = new AdamW.Optimizer<float>(model, d);
        float[] x = (float[])parameters.Clone(), m = new float[d], v = new float[d];
        float[] xRef = (float[])parameters.Clone(), mRef = new float[d], vRef = new float[d];
        double[] gDouble = new double[d];
        float[] g = new float[d];

        for (long k = 1; k <= Steps; k++)
        {
            gradients.Next(gDouble);
            for (int i = 0; i < d; i++)
            {
                g[i] = (float)gDouble[i];
            }

            optimizer.Step(parameters, g);
            model.Step(x, m, v, g, k);
            ReferenceStep(model, xRef, mRef, vRef, g, k, factored: true);

            Assert.Equal(k, optimizer.StepCount);
            AssertBitIdentical(x, parameters, $"parameters vs Step(x, m, v, g, {k})");
            AssertBitIdentical(m, optimizer.M.ToArray(), $"M vs Step(x, m, v, g, {k})");
            AssertBitIdentical(v, optimizer.V.ToArray(), $"V vs Step(x, m, v, g, {k})");
            AssertClose(xRef, parameters, SingleTolerance, $"parameters at k = {k}");
        }

        optimizer.Reset();
        Assert.Equal(0L, optimizer.StepCount);
        Assert.All(optimizer.M.ToArray(), static e => Assert.Equal(0U, BitConverter.SingleToUInt32Bits(e)));
        Assert.All(optimizer.V.ToArray(), static e => Assert.Equal(0U, BitConverter.SingleToUInt32Bits(e)));

        float[] afterReset = (float[])parameters.Clone();
        float[] fresh = (float[])parameters.Clone();
        gradients.Next(gDouble);
        g = ToSingle(gDouble);
        optimizer.Step(afterReset, g);
        new AdamW.Optimizer<float>(model, d).Step(fresh, g);
        Assert.Equal(1L, optimizer.StepCount);
        AssertBitIdentical(fresh, afterReset, "first step after Reset vs first step of a new optimizer");
    }

    // ------------------------------------------------------------------ docs/math.md §RMSprop and Adam, as a plain scalar loop

    private static void ReferenceStep(AdamW p, double[] x, double[] m, double[] v, double[] g, long k)
    {
        double bias1 = 1 - Math.Pow(p.Beta1, k);
        double bias2 = 1 - Math.Pow(p.Beta2, k);
        for (int i = 0; i < x.Length; i++)
        {
            m[i] = (p.Beta1 * m[i]) + ((1 - p.Beta1) * g[i]);
            v[i] = (p.Beta2 * v[i]) + ((1 - p.Beta2) * (g[i] * g[i]));
            double mHat = m[i] / bias1;
            double vHat = v[i] / bias2;
            x[i] = x[i] - (p.Eta * mHat / (Math.Sqrt(vHat) + p.Eps)) - (p.Eta * p.WeightDecay * x[i]);
        }
    }

    /// <summary>
    /// The same loop in float: scalars computed in double and rounded once, state arithmetic in float; the last line
    /// either literally x − η m̂/(√v̂ + ε) − ηγx, or <paramref name="factored"/> as x − η(m̂/(√v̂ + ε) + γx).
    /// </summary>
    private static void ReferenceStep(AdamW p, float[] x, float[] m, float[] v, float[] g, long k, bool factored)
    {
        float beta1 = (float)p.Beta1, oneMinusBeta1 = (float)(1 - p.Beta1);
        float beta2 = (float)p.Beta2, oneMinusBeta2 = (float)(1 - p.Beta2);
        float bias1 = (float)(1 - Math.Pow(p.Beta1, k)), bias2 = (float)(1 - Math.Pow(p.Beta2, k));
        float eta = (float)p.Eta, eps = (float)p.Eps, weightDecay = (float)p.WeightDecay, etaWeightDecay = (float)(p.Eta * p.WeightDecay);
        for (int i = 0; i < x.Length; i++)
        {
            m[i] = (beta1 * m[i]) + (oneMinusBeta1 * g[i]);
            v[i] = (beta2 * v[i]) + (oneMinusBeta2 * (g[i] * g[i]));
            float mHat = m[i] / bias1;
            float vHat = v[i] / bias2;
            x[i] = factored
                ? x[i] - (eta * ((mHat / (MathF.Sqrt(vHat) + eps)) + (weightDecay * x[i])))
                : x[i] - (eta * mHat / (MathF.Sqrt(vHat) + eps)) - (etaWeightDecay * x[i]);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static float[] ToSingle(double[] values) => Array.ConvertAll(values, static e => (float)e);

    private static void AssertClose(double[] expected, double[] actual, double relative, string where)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double bound = relative * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(
                Math.Abs(actual[i] - expected[i]) <= bound,
                $"{where}, element {i}: expected {expected[i]:R}, actual {actual[i]:R}, |a − b| = {Math.Abs(actual[i] - expected[i]):E3} > {bound:E3}");
        }
    }

    private static void AssertClose(float[] expected, float[] actual, double relative, string where)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double b = expected[i], a = actual[i];
            double bound = relative * Math.Max(1.0, Math.Abs(b));
            Assert.True(
                Math.Abs(a - b) <= bound,
                $"{where}, element {i}: expected {b:R}, actual {a:R}, |a − b| = {Math.Abs(a - b):E3} > {bound:E3}");
        }
    }

    private static void AssertBitIdentical(double[] expected, double[] actual, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.DoubleToUInt64Bits(expected[i]) == BitConverter.DoubleToUInt64Bits(actual[i]),
                $"{where}, element {i}: expected {expected[i]:R}, actual {actual[i]:R}");
        }
    }

    private static void AssertBitIdentical(float[] expected, float[] actual, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToUInt32Bits(expected[i]) == BitConverter.SingleToUInt32Bits(actual[i]),
                $"{where}, element {i}: expected {expected[i]:R}, actual {actual[i]:R}");
        }
    }

    /// <summary>Guards against a vacuous pass: the iterate must actually have moved.</summary>
    private static void AssertMoved(double[] final, double[] initial)
    {
        double moved = 0;
        for (int i = 0; i < final.Length; i++)
        {
            moved = Math.Max(moved, Math.Abs(final[i] - initial[i]));
        }

        Assert.True(moved > 1e-3, $"the iterate moved by at most {moved:E3}: the test would not notice a no-op step");
    }

    /// <summary>
    /// Seeded stochastic gradients: g_i = c_i (x*_i + s_i·z) with z standard normal, a per-coordinate scale c_i
    /// log-uniform in [1e-4, 1e2] (so √v̂ spans six decades) and a fixed bias x*_i, so m̂ does not average to zero.
    /// </summary>
    private sealed class GradientStream
    {
        private readonly System.Random _random;
        private readonly double[] _scale;
        private readonly double[] _bias;
        private readonly double[] _start;

        public GradientStream(int seed, int d)
        {
            _random = new System.Random(seed);
            _scale = new double[d];
            _bias = new double[d];
            _start = new double[d];
            for (int i = 0; i < d; i++)
            {
                _scale[i] = Math.Pow(10, -4 + (6 * _random.NextDouble()));
                _bias[i] = -1 + (2 * _random.NextDouble());
                _start[i] = -2 + (4 * _random.NextDouble());
            }
        }

        public double[] InitialPoint() => (double[])_start.Clone();

        public void Next(double[] g)
        {
            for (int i = 0; i < g.Length; i++)
            {
                double u1 = 1.0 - _random.NextDouble();
                double u2 = _random.NextDouble();
                double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
                g[i] = _scale[i] * (_bias[i] + z);
            }
        }
    }
}
