using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SdeDsl.Objectives;
using Xunit;

namespace SdeDsl.Tests.Objectives;

/// <summary>
/// The checks every objective must pass: its gradient against central finite differences of its value, its diagonal
/// Hessian against central finite differences of its gradient, batched results equal to per-point results bit for
/// bit, concurrent calls on disjoint spans equal to serial ones, and no allocation per call.
/// </summary>
/// <remarks>
/// <para>Finite differences use the step h = 1e-6·max(1, |x_i|), and divide by the representable step
/// (x_i + h) − (x_i − h). Their error is the truncation h²|∂³f|/6 ≤ 1.7e-13·max(1, |x_i|)²·|∂³f| plus the rounding of
/// the two values divided by 2h: with f rounded to κ·u·max(1, |f|) (u = 2^−53 ≈ 1.1e-16, κ ≲ 100 for the sums here)
/// that is ≤ κu/h·max(1, |f|) ≈ 1.1e-8·max(1, |f|). The tolerance 1e-6·max(1, |∂_i f|, |f|) is therefore about 100×
/// the rounding bound, covers the truncation for |∂³f| up to 5e6 at |x_i| ≤ 1 (Rosenbrock's largest, 24b|x_i| = 4.8e3
/// at |x_i| = 2, gives 3.2e-9), and is still six orders of magnitude below the O(1) relative error of a wrong
/// derivative. The same bound with (f, ∇f) replaced by (∇f, diag ∇²f) gives the Hessian tolerance.</para>
/// </remarks>
internal static class ObjectiveChecks
{
    public const double FiniteDifferenceTolerance = 1e-6;
    private const double RelativeStep = 1e-6;
    internal const int WarmUpCalls = 300;
    internal const int MeasuredCalls = 100;
    internal const int MeasuredWindows = 3;

    /// <summary>paths·d coordinates drawn uniformly in [center_i − scale, center_i + scale] from a seeded generator.</summary>
    public static double[] RandomPoints(int d, int paths, int seed, double scale, ReadOnlySpan<double> center = default)
    {
        var random = new System.Random(seed);
        double[] x = new double[d * paths];
        for (int k = 0; k < x.Length; k++)
        {
            double c = center.IsEmpty ? 0.0 : center[k % d];
            x[k] = c + (scale * ((2.0 * random.NextDouble()) - 1.0));
        }

        return x;
    }

    public static double ValueAt(IObjective f, ReadOnlySpan<double> point)
    {
        Span<double> value = stackalloc double[1];
        f.Value(point, value);
        return value[0];
    }

    /// <summary>The batched gradient at every point of <paramref name="x"/> against central differences of the value.</summary>
    public static void AssertGradientMatchesFiniteDifferences(IObjective f, double[] x)
    {
        int d = f.Dimension, paths = x.Length / d;
        Assert.True(paths >= 3, "check a batch of at least three paths");
        double[] gradient = new double[x.Length];
        f.Gradient(x, gradient);
        double[] point = new double[d];
        for (int p = 0; p < paths; p++)
        {
            double fx = ValueAt(f, x.AsSpan(p * d, d));
            for (int i = 0; i < d; i++)
            {
                x.AsSpan(p * d, d).CopyTo(point);
                double xi = point[i], h = RelativeStep * Math.Max(1.0, Math.Abs(xi));
                point[i] = xi + h;
                double plus = ValueAt(f, point), xPlus = point[i];
                point[i] = xi - h;
                double minus = ValueAt(f, point), xMinus = point[i];
                double fd = (plus - minus) / (xPlus - xMinus);
                double g = gradient[(p * d) + i];
                double tolerance = FiniteDifferenceTolerance * Math.Max(1.0, Math.Max(Math.Abs(g), Math.Abs(fx)));
                Assert.True(
                    Math.Abs(fd - g) <= tolerance,
                    $"{f.GetType().Name}: path {p}, ∂f/∂x_{i} = {g:R}, finite difference {fd:R}, |error| {Math.Abs(fd - g):E2} > {tolerance:E2}");
            }
        }
    }

    /// <summary>The batched diagonal Hessian at every point against central differences of the gradient.</summary>
    public static void AssertDiagonalHessianMatchesFiniteDifferences(IObjective f, double[] x)
    {
        int d = f.Dimension, paths = x.Length / d;
        Assert.True(paths >= 3, "check a batch of at least three paths");
        Assert.True(f.HasDiagonalHessian);
        double[] diagonal = new double[x.Length];
        f.DiagonalHessian(x, diagonal);
        double[] point = new double[d], gPlus = new double[d], gMinus = new double[d], g0 = new double[d];
        for (int p = 0; p < paths; p++)
        {
            f.Gradient(x.AsSpan(p * d, d), g0);
            double gScale = 0;
            foreach (double gi in g0)
            {
                gScale = Math.Max(gScale, Math.Abs(gi));
            }

            for (int i = 0; i < d; i++)
            {
                x.AsSpan(p * d, d).CopyTo(point);
                double xi = point[i], h = RelativeStep * Math.Max(1.0, Math.Abs(xi));
                point[i] = xi + h;
                f.Gradient(point, gPlus);
                double xPlus = point[i];
                point[i] = xi - h;
                f.Gradient(point, gMinus);
                double xMinus = point[i];
                double fd = (gPlus[i] - gMinus[i]) / (xPlus - xMinus);
                double hii = diagonal[(p * d) + i];
                double tolerance = FiniteDifferenceTolerance * Math.Max(1.0, Math.Max(Math.Abs(hii), gScale));
                Assert.True(
                    Math.Abs(fd - hii) <= tolerance,
                    $"{f.GetType().Name}: path {p}, ∂²f/∂x_{i}² = {hii:R}, finite difference {fd:R}, |error| {Math.Abs(fd - hii):E2} > {tolerance:E2}");
            }
        }
    }

    /// <summary>
    /// Value, gradient and (when available) diagonal Hessian of the whole batch equal, bit for bit, those of each point
    /// evaluated alone from a fresh array, and those of the batch without its first point (every point shifted).
    /// </summary>
    public static void AssertBatchedEqualsPerPoint(IObjective f, double[] x)
    {
        int d = f.Dimension, paths = x.Length / d;
        double[] values = new double[paths], gradient = new double[x.Length], diagonal = new double[x.Length];
        f.Value(x, values);
        f.Gradient(x, gradient);
        if (f.HasDiagonalHessian)
        {
            f.DiagonalHessian(x, diagonal);
        }

        double[] one = new double[d], oneValue = new double[1], oneGradient = new double[d], oneDiagonal = new double[d];
        for (int p = 0; p < paths; p++)
        {
            x.AsSpan(p * d, d).CopyTo(one);
            f.Value(one, oneValue);
            AssertBits(values[p], oneValue[0], $"value of path {p}");
            f.Gradient(one, oneGradient);
            AssertBits(gradient.AsSpan(p * d, d), oneGradient, $"gradient of path {p}");
            if (f.HasDiagonalHessian)
            {
                f.DiagonalHessian(one, oneDiagonal);
                AssertBits(diagonal.AsSpan(p * d, d), oneDiagonal, $"diagonal Hessian of path {p}");
            }
        }

        ReadOnlySpan<double> rest = x.AsSpan(d);
        double[] restValues = new double[paths - 1], restGradient = new double[rest.Length], restDiagonal = new double[rest.Length];
        f.Value(rest, restValues);
        AssertBits(values.AsSpan(1), restValues, "values of the shifted batch");
        f.Gradient(rest, restGradient);
        AssertBits(gradient.AsSpan(d), restGradient, "gradients of the shifted batch");
        if (f.HasDiagonalHessian)
        {
            f.DiagonalHessian(rest, restDiagonal);
            AssertBits(diagonal.AsSpan(d), restDiagonal, "diagonal Hessians of the shifted batch");
        }
    }

    /// <summary>Gradients computed by several threads, each on its own slice of paths, equal the serial ones bit for bit.</summary>
    public static void AssertConcurrentEqualsSerial(IObjective f, double[] x)
    {
        int d = f.Dimension, paths = x.Length / d;
        double[] serial = new double[x.Length], concurrent = new double[x.Length];
        f.Gradient(x, serial);
        Parallel.For(0, paths, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p => f.Gradient(x.AsSpan(p * d, d), concurrent.AsSpan(p * d, d)));
        AssertBits(serial, concurrent, "concurrent gradients");
    }

    /// <summary>
    /// After a warm-up, <paramref name="call"/> allocates nothing in a window of 100 calls, counted exactly; up to three
    /// windows are measured. A call that allocates does so in every window. The runtime's one-time work can land in one:
    /// tiered compilation promotes a method 100 ms after its 30th call, whatever the number of calls since, and under
    /// load a window of a fast method once counted 2,784 bytes (DenseQuadratic.Value at d = 5, 2026-12-07).
    /// </summary>
    public static void AssertNoAllocation(string what, Action call)
    {
        for (int k = 0; k < WarmUpCalls; k++)
        {
            call();
        }

        var windows = new List<long>();
        while (windows.Count < MeasuredWindows)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < MeasuredCalls; k++)
            {
                call();
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }

            windows.Add(allocated);
        }

        Assert.Fail($"{what} allocated {string.Join(", ", windows)} bytes in {windows.Count} windows of {MeasuredCalls} calls");
    }

    /// <summary>Value, gradient and (when available) diagonal Hessian of a batch allocate nothing.</summary>
    public static void AssertObjectiveDoesNotAllocate(IObjective f, double[] x)
    {
        double[] values = new double[x.Length / f.Dimension], output = new double[x.Length];
        string name = f.GetType().Name;
        AssertNoAllocation(name + ".Value", () => f.Value(x, values));
        AssertNoAllocation(name + ".Gradient", () => f.Gradient(x, output));
        if (f.HasDiagonalHessian)
        {
            AssertNoAllocation(name + ".DiagonalHessian", () => f.DiagonalHessian(x, output));
        }
    }

    /// <summary>
    /// The mean over all examples of <see cref="IFiniteSumObjective.ExampleGradient"/> equals <see cref="IObjective.Gradient"/>
    /// to 1e-12 relative to the mean absolute example gradient (the two sums differ in order only; their rounding
    /// is at most n·u ≈ 3e-14 relative for n ≤ 300).
    /// </summary>
    public static void AssertMeanOfExampleGradientsIsGradient(IFiniteSumObjective f, double[] x)
    {
        int d = f.Dimension, paths = x.Length / d, n = f.ExampleCount;
        double[] gradient = new double[x.Length], example = new double[d], sum = new double[d], sumAbs = new double[d];
        f.Gradient(x, gradient);
        for (int p = 0; p < paths; p++)
        {
            Array.Clear(sum);
            Array.Clear(sumAbs);
            for (int j = 0; j < n; j++)
            {
                f.ExampleGradient(x.AsSpan(p * d, d), j, example);
                for (int i = 0; i < d; i++)
                {
                    sum[i] += example[i];
                    sumAbs[i] += Math.Abs(example[i]);
                }
            }

            for (int i = 0; i < d; i++)
            {
                double mean = sum[i] / n, g = gradient[(p * d) + i];
                double tolerance = 1e-12 * Math.Max(sumAbs[i] / n, double.Epsilon);
                Assert.True(
                    Math.Abs(mean - g) <= tolerance,
                    $"{f.GetType().Name}: path {p}, coordinate {i}: mean of example gradients {mean:R}, gradient {g:R}");
            }
        }
    }

    public static void AssertBits(double expected, double actual, string what) =>
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: {expected:R} vs {actual:R}");

    public static void AssertBits(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertBits(expected[i], actual[i], $"{what}, element {i}");
        }
    }

    /// <summary>Asserts that <paramref name="action"/> throws an <see cref="ArgumentException"/> (or subclass) naming <paramref name="paramName"/>.</summary>
    public static void AssertRejects(string paramName, Action action)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(paramName, e.ParamName);
    }
}
