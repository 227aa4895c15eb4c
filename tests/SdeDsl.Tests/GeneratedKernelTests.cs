using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using SdeDsl.Kernels;
using SdeDsl.Tests.Models;
using Xunit;
using MathNetSpecial = MathNet.Numerics.SpecialFunctions;

namespace SdeDsl.Tests;

/// <summary>
/// Compile-and-run tests of the kernels the generator emits for the three test models: every kernel (the
/// <c>[Update]</c> step and the Euler–Maruyama step, named and flat layout, <see cref="float"/> and
/// <see cref="double"/>) against the same formula written as a plain scalar loop here, at the lengths every
/// vector kernel is tested at (0, 1, Count−1, Count, Count+1, 8·Count+3).
/// </summary>
/// <remarks>
/// <para>
/// The scalar references are generic over the element type. For <see cref="float"/> the state arithmetic is done
/// in <see cref="float"/>, but every scalar (a hyperparameter, a derived member such as ρ1 = (1 − β1)/η, and any
/// subexpression that depends only on them, <c>t</c> and <c>k</c>, e.g. 1 − β1^k or −√ι2(t)/ι1(t)) is computed in
/// <see cref="double"/> and then rounded once to <see cref="float"/>: that is the contract of the generated code
/// (README, "Scalars … are computed once per call in double and broadcast"). A reference that computed 1 − β2^k in
/// <see cref="float"/> would differ from it by far more than rounding (0.999f^7 loses most digits of 1 − β2^7).
/// </para>
/// <para>
/// Tolerances: <see cref="double"/> |a − b| ≤ 1e-12·max(1, |b|), <see cref="float"/> ≤ 1e-5·max(1, |b|). The
/// references use <see cref="Math"/> (correctly rounded √) and, for erf, MathNet.Numerics (an implementation
/// independent of SdeMath's), so they are not the kernels' own code run a second time; where an operation order
/// differs (s + a·dt + b·√dt·ξ written as the formula reads), results differ by a few ulps, far inside these bounds.
/// </para>
/// </remarks>
public sealed class GeneratedKernelTests
{
    private const double DoubleTolerance = 1e-12;
    private const double SingleTolerance = 1e-5;

    private static readonly long[] StepNumbers = [1, 2, 7];

    /// <summary>(t, dt) pairs for the Euler–Maruyama step: AdamW's drift of x needs t &gt; 0 (it starts at t0 = η).</summary>
    private static readonly (double T, double Dt)[] Times = [(0.01, 0.01), (0.37, 1e-3), (5.0, 0.05)];

    public static TheoryData<string> Models => new(KernelCase.All.Keys);

    // ------------------------------------------------------------------ kernel = scalar reference

    [Theory]
    [MemberData(nameof(Models))]
    public void UpdateMatchesScalarReferenceDouble(string model) => UpdateMatchesScalarReference<double>(KernelCase.All[model], DoubleTolerance);

    [Theory]
    [MemberData(nameof(Models))]
    public void UpdateMatchesScalarReferenceSingle(string model) => UpdateMatchesScalarReference<float>(KernelCase.All[model], SingleTolerance);

    [Theory]
    [MemberData(nameof(Models))]
    public void EulerMaruyamaMatchesScalarReferenceDouble(string model) => EulerMaruyamaMatchesScalarReference<double>(KernelCase.All[model], DoubleTolerance);

    [Theory]
    [MemberData(nameof(Models))]
    public void EulerMaruyamaMatchesScalarReferenceSingle(string model) => EulerMaruyamaMatchesScalarReference<float>(KernelCase.All[model], SingleTolerance);

    // ------------------------------------------------------------------ ξ = 0: exactly the drift step

    [Theory]
    [MemberData(nameof(Models))]
    public void EulerMaruyamaWithZeroIncrementsIsExactlyTheDriftStepDouble(string model) => EulerMaruyamaWithZeroIncrementsIsExactlyTheDriftStep<double>(KernelCase.All[model]);

    [Theory]
    [MemberData(nameof(Models))]
    public void EulerMaruyamaWithZeroIncrementsIsExactlyTheDriftStepSingle(string model) => EulerMaruyamaWithZeroIncrementsIsExactlyTheDriftStep<float>(KernelCase.All[model]);

    // ------------------------------------------------------------------ flat layout = named layout, bit for bit

    [Theory]
    [MemberData(nameof(Models))]
    public void FlatLayoutIsBitIdenticalToNamedDouble(string model) => FlatLayoutIsBitIdenticalToNamed<double>(KernelCase.All[model]);

    [Theory]
    [MemberData(nameof(Models))]
    public void FlatLayoutIsBitIdenticalToNamedSingle(string model) => FlatLayoutIsBitIdenticalToNamed<float>(KernelCase.All[model]);

    // ------------------------------------------------------------------ a coordinate's bits do not depend on the length

    [Theory]
    [MemberData(nameof(Models))]
    public void CoordinateResultDoesNotDependOnSpanLengthDouble(string model) => CoordinateResultDoesNotDependOnSpanLength<double>(KernelCase.All[model]);

    [Theory]
    [MemberData(nameof(Models))]
    public void CoordinateResultDoesNotDependOnSpanLengthSingle(string model) => CoordinateResultDoesNotDependOnSpanLength<float>(KernelCase.All[model]);

    // ------------------------------------------------------------------ a long span (prefetched) = its pieces

    [Theory]
    [MemberData(nameof(Models))]
    public void ALongSpanGivesTheBitsOfItsPiecesDouble(string model) => ALongSpanGivesTheBitsOfItsPieces<double>(KernelCase.All[model]);

    [Theory]
    [MemberData(nameof(Models))]
    public void ALongSpanGivesTheBitsOfItsPiecesSingle(string model) => ALongSpanGivesTheBitsOfItsPieces<float>(KernelCase.All[model]);

    // ------------------------------------------------------------------ drivers

    private static void UpdateMatchesScalarReference<T>(KernelCase c, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int n in Lengths<T>())
        {
            foreach (long k in StepNumbers)
            {
                Inputs<T> input = c.CreateInputs<T>(Seed(c, n, (int)k), n);
                T[][] actual = Copy(input.States);
                T[][] expected = Copy(input.States);
                T[] g = (T[])input.Gradient.Clone();

                c.Update(actual, g, k);
                c.ReferenceUpdate(expected, input.Gradient, k);

                string where = $"{c.Name}.Step<{typeof(T).Name}>, n = {n}, k = {k}";
                AssertBitIdentical(input.Gradient, g, where + ", g (read-only input)");
                for (int s = 0; s < c.StateNames.Length; s++)
                {
                    AssertClose(expected[s], actual[s], tolerance, $"{where}, state {c.StateNames[s]}");
                }
            }
        }
    }

    private static void EulerMaruyamaMatchesScalarReference<T>(KernelCase c, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int n in Lengths<T>())
        {
            for (int ti = 0; ti < Times.Length; ti++)
            {
                (double t, double dt) = Times[ti];
                Inputs<T> input = c.CreateInputs<T>(Seed(c, n, 100 + ti), n);
                T[][] actual = Copy(input.States);
                T[][] expected = Copy(input.States);
                T[][] noise = Copy(input.Noise);

                c.EulerMaruyama(actual, input.Gradient, input.Sigma, noise, t, dt);
                c.ReferenceEulerMaruyama(expected, input.Gradient, input.Sigma, input.Noise, t, dt, MathNetSpecial.Erf);

                string where = $"{c.Name}.EulerMaruyamaStep<{typeof(T).Name}>, n = {n}, t = {t}, dt = {dt}";
                for (int j = 0; j < noise.Length; j++)
                {
                    AssertBitIdentical(input.Noise[j], noise[j], where + ", noise (read-only input)");
                }

                for (int s = 0; s < c.StateNames.Length; s++)
                {
                    AssertClose(expected[s], actual[s], tolerance, $"{where}, state {c.StateNames[s]}");
                }
            }
        }
    }

    /// <summary>
    /// With every ξ = 0 the step must be s + a_s·dt exactly: the diffusion term contributes b·(√dt·0) = ±0 and
    /// nothing else. Here the reference computes the drift with SdeMath's scalar erf (documented bit-identical to its
    /// vector lane loop) and the same operation order as the model's source, so the comparison is exact (==).
    /// </summary>
    private static void EulerMaruyamaWithZeroIncrementsIsExactlyTheDriftStep<T>(KernelCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int n in Lengths<T>())
        {
            for (int ti = 0; ti < Times.Length; ti++)
            {
                (double t, double dt) = Times[ti];
                Inputs<T> input = c.CreateInputs<T>(Seed(c, n, 200 + ti), n);
                T[][] zeros = input.Noise.Select(static a => new T[a.Length]).ToArray();
                T[][] actual = Copy(input.States);
                T[][] expected = Copy(input.States);

                c.EulerMaruyama(actual, input.Gradient, input.Sigma, zeros, t, dt);
                c.ReferenceEulerMaruyama(expected, input.Gradient, input.Sigma, zeros, t, dt, SdeMath.Erf);

                for (int s = 0; s < c.StateNames.Length; s++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        Assert.True(
                            expected[s][i] == actual[s][i],
                            $"{c.Name}.EulerMaruyamaStep<{typeof(T).Name}> with ξ = 0, n = {n}, t = {t}, dt = {dt}, state {c.StateNames[s]}[{i}]: " +
                            $"expected s + a·dt = {expected[s][i]:R}, actual {actual[s][i]:R}");
                    }
                }
            }
        }
    }

    private static void FlatLayoutIsBitIdenticalToNamed<T>(KernelCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int stateCount = c.StateNames.Length;
        int diffusedCount = c.DiffusedStateNames.Length;
        foreach (int n in Lengths<T>())
        {
            foreach (long k in StepNumbers)
            {
                Inputs<T> input = c.CreateInputs<T>(Seed(c, n, 300 + (int)k), n);
                T[][] named = Copy(input.States);
                T[] flat = Flatten(input.States);

                c.Update(named, input.Gradient, k);
                c.UpdateFlat(flat, input.Gradient, k);

                for (int s = 0; s < stateCount; s++)
                {
                    AssertBitIdentical(named[s], flat.AsSpan(s * n, n).ToArray(), $"{c.Name}.Step<{typeof(T).Name}> flat vs named, n = {n}, k = {k}, state {c.StateNames[s]}");
                }
            }

            for (int ti = 0; ti < Times.Length; ti++)
            {
                (double t, double dt) = Times[ti];
                Inputs<T> input = c.CreateInputs<T>(Seed(c, n, 400 + ti), n);
                T[][] named = Copy(input.States);
                T[] flat = Flatten(input.States);
                T[] flatNoise = Flatten(input.Noise);
                Assert.Equal(diffusedCount * n, flatNoise.Length);

                c.EulerMaruyama(named, input.Gradient, input.Sigma, input.Noise, t, dt);
                c.EulerMaruyamaFlat(flat, input.Gradient, input.Sigma, flatNoise, t, dt);

                for (int s = 0; s < stateCount; s++)
                {
                    AssertBitIdentical(named[s], flat.AsSpan(s * n, n).ToArray(), $"{c.Name}.EulerMaruyamaStep<{typeof(T).Name}> flat vs named, n = {n}, t = {t}, state {c.StateNames[s]}");
                }
            }
        }
    }

    /// <summary>
    /// Runs each kernel once over <see cref="KernelLengths.EveryPath{T}"/> coordinates, then over every prefix of the same inputs, and
    /// requires each prefix's results to be the same bits as the long run's first elements: whether a coordinate is
    /// computed by the 512-bit body, a whole vector or the tail one lane at a time never shows in its result.
    /// </summary>
    private static void CoordinateResultDoesNotDependOnSpanLength<T>(KernelCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int full = KernelLengths.EveryPath<T>();

        foreach (long k in StepNumbers)
        {
            Inputs<T> input = c.CreateInputs<T>(Seed(c, full, 500 + (int)k), full);
            T[][] whole = Copy(input.States);
            c.Update(whole, input.Gradient, k);

            for (int n = 0; n <= full; n++)
            {
                T[][] prefix = input.States.Select(a => a[..n]).ToArray();
                c.Update(prefix, input.Gradient[..n], k);
                for (int s = 0; s < c.StateNames.Length; s++)
                {
                    AssertBitIdentical(whole[s][..n], prefix[s], $"{c.Name}.Step<{typeof(T).Name}>, k = {k}, prefix n = {n} of {full}, state {c.StateNames[s]}");
                }
            }
        }

        for (int ti = 0; ti < Times.Length; ti++)
        {
            (double t, double dt) = Times[ti];
            Inputs<T> input = c.CreateInputs<T>(Seed(c, full, 600 + ti), full);
            T[][] whole = Copy(input.States);
            c.EulerMaruyama(whole, input.Gradient, input.Sigma, input.Noise, t, dt);

            for (int n = 0; n <= full; n++)
            {
                T[][] prefix = input.States.Select(a => a[..n]).ToArray();
                T[][] noise = input.Noise.Select(a => a[..n]).ToArray();
                c.EulerMaruyama(prefix, input.Gradient[..n], input.Sigma[..n], noise, t, dt);
                for (int s = 0; s < c.StateNames.Length; s++)
                {
                    AssertBitIdentical(whole[s][..n], prefix[s], $"{c.Name}.EulerMaruyamaStep<{typeof(T).Name}>, t = {t}, prefix n = {n} of {full}, state {c.StateNames[s]}");
                }
            }
        }
    }

    /// <summary>
    /// Runs each kernel once over <see cref="KernelLengths.Prefetched{T}"/> coordinates, which takes the loop that
    /// prefetches (where the processor has no 512-bit body), and again piece by piece over the same inputs, in pieces
    /// too short for that loop, each starting where the last one ended (<see cref="VectorKernel.PrefetchFrom"/> − 3
    /// coordinates, so most start off a vector's alignment), and once more whole with the thread's spans declared in
    /// cache (<see cref="VectorKernel.EnterInCache"/>, an ensemble's loads): every coordinate must get the same bits all
    /// three ways. So the long loop computes each coordinate once, up to the span's end and no further, as the short one
    /// does, and the way a span is loaded changes no value.
    /// </summary>
    private static void ALongSpanGivesTheBitsOfItsPieces<T>(KernelCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int piece = VectorKernel.PrefetchFrom - 3;
        int full = KernelLengths.Prefetched<T>();
        Inputs<T> input = c.CreateInputs<T>(Seed(c, full, 700), full);
        (double t, double dt) = Times[1];
        var steps = new (string Name, Action<T[][], Range> Run)[]
        {
            ("Step", (states, range) => c.Update(states, input.Gradient[range], 3)),
            ("EulerMaruyamaStep", (states, range) => c.EulerMaruyama(states, input.Gradient[range], input.Sigma[range], input.Noise.Select(a => a[range]).ToArray(), t, dt)),
        };

        foreach ((string name, Action<T[][], Range> run) in steps)
        {
            T[][] whole = InPieces(input.States, full, run);
            T[][] pieces = InPieces(input.States, piece, run);
            int outer = VectorKernel.EnterInCache();
            T[][] declared;
            try
            {
                declared = InPieces(input.States, full, run);
            }
            finally
            {
                VectorKernel.ExitInCache(outer);
            }

            for (int s = 0; s < c.StateNames.Length; s++)
            {
                AssertBitIdentical(pieces[s], whole[s], $"{c.Name}.{name}<{typeof(T).Name}>, n = {full} against pieces of {piece}, state {c.StateNames[s]}");
                AssertBitIdentical(declared[s], whole[s], $"{c.Name}.{name}<{typeof(T).Name}>, n = {full} declared in cache against not, state {c.StateNames[s]}");
            }
        }
    }

    /// <summary>A copy of <paramref name="states"/> after <paramref name="run"/> over consecutive pieces of
    /// <paramref name="piece"/> coordinates (one piece when it is the whole length).</summary>
    private static T[][] InPieces<T>(T[][] states, int piece, Action<T[][], Range> run)
    {
        T[][] result = Copy(states);
        int n = states[0].Length;
        for (int start = 0; start < n; start += piece)
        {
            Range range = start..Math.Min(n, start + piece);
            T[][] part = result.Select(a => a[range]).ToArray();
            run(part, range);
            for (int s = 0; s < part.Length; s++)
            {
                part[s].CopyTo(result[s], start);
            }
        }

        return result;
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>0, 1, Count−1, Count, Count+1 and 8·Count+3 (every length class of a vector loop: empty, tail only, full vectors, full plus tail).</summary>
    private static int[] Lengths<T>()
    {
        int count = Vector<T>.Count;
        return new[] { 0, 1, count - 1, count, count + 1, (8 * count) + 3 }.Distinct().ToArray();
    }

    /// <summary>A fixed seed per (model, length, case): the inputs are the same on every run.</summary>
    private static int Seed(KernelCase c, int n, int variant) => (c.Index * 1_000_003) + (n * 1009) + variant;

    private static T[][] Copy<T>(T[][] arrays) => arrays.Select(static a => (T[])a.Clone()).ToArray();

    private static T[] Flatten<T>(T[][] arrays) => arrays.SelectMany(static a => a).ToArray();

    private static void AssertClose<T>(T[] expected, T[] actual, double relative, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double b = double.CreateChecked(expected[i]);
            double a = double.CreateChecked(actual[i]);
            Assert.False(double.IsNaN(b), $"{where}[{i}]: the reference is NaN (bad test inputs)");
            double bound = relative * Math.Max(1.0, Math.Abs(b));
            Assert.True(
                Math.Abs(a - b) <= bound,
                $"{where}[{i}]: expected {b:R}, actual {a:R}, |a − b| = {Math.Abs(a - b):E3} > {bound:E3}");
        }
    }

    private static void AssertBitIdentical<T>(T[] expected, T[] actual, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Bits(expected[i]) == Bits(actual[i]),
                $"{where}[{i}]: expected {expected[i]:R} (0x{Bits(expected[i]):X16}), actual {actual[i]:R} (0x{Bits(actual[i]):X16})");
        }
    }

    private static ulong Bits<T>(T value)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double)
            ? BitConverter.DoubleToUInt64Bits((double)(object)value)
            : BitConverter.SingleToUInt32Bits((float)(object)value);

    /// <summary>One coordinate-aligned set of kernel inputs; states and noise are one array per component.</summary>
    private sealed record Inputs<T>(T[][] States, T[] Gradient, T[] Sigma, T[][] Noise);

    /// <summary>A test model: its generated kernels, called through arrays, and its scalar references.</summary>
    private abstract class KernelCase
    {
        public static readonly IReadOnlyDictionary<string, KernelCase> All = new Dictionary<string, KernelCase>
        {
            ["AdamW"] = new AdamWCase(),
            ["SignSgd"] = new SignSgdCase(),
            ["ClippedMomentum"] = new ClippedMomentumCase(),
        };

        public abstract string Name { get; }

        public abstract int Index { get; }

        /// <summary>Expected state order (checked against the generated StateNames by <see cref="ValidationTests"/>).</summary>
        public abstract string[] StateNames { get; }

        public abstract string[] DiffusedStateNames { get; }

        // The generated kernels, one overload per element type.
        protected abstract void Update(double[][] s, double[] g, long k);

        protected abstract void Update(float[][] s, float[] g, long k);

        protected abstract void UpdateFlat(double[] states, double[] g, long k);

        protected abstract void UpdateFlat(float[] states, float[] g, long k);

        protected abstract void EulerMaruyama(double[][] s, double[] grad, double[] sigma, double[][] noise, double t, double dt);

        protected abstract void EulerMaruyama(float[][] s, float[] grad, float[] sigma, float[][] noise, double t, double dt);

        protected abstract void EulerMaruyamaFlat(double[] states, double[] grad, double[] sigma, double[] noise, double t, double dt);

        protected abstract void EulerMaruyamaFlat(float[] states, float[] grad, float[] sigma, float[] noise, double t, double dt);

        /// <summary>The <c>[Update]</c> body as a scalar loop, in place.</summary>
        public abstract void ReferenceUpdate<T>(T[][] s, T[] g, long k)
            where T : unmanaged, IFloatingPointIeee754<T>;

        /// <summary>s ← s + a_s(old state)·dt + b_s(old state)·√dt·ξ_s as a scalar loop, in place.</summary>
        public abstract void ReferenceEulerMaruyama<T>(T[][] s, T[] grad, T[] sigma, T[][] noise, double t, double dt, Func<double, double> erf)
            where T : unmanaged, IFloatingPointIeee754<T>;

        /// <summary>Seeded inputs in each model's domain (v &gt; 0, σ ≥ 0, boundary values of sign and clip).</summary>
        public Inputs<T> CreateInputs<T>(int seed, int n)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var random = new System.Random(seed);
            double[][] states = StateNames.Select(name => Uniform(random, n, StateRange(name))).ToArray();
            double[] gradient = Uniform(random, n, (-3.0, 3.0));
            double[] sigma = Uniform(random, n, SigmaRange);
            double[][] noise = DiffusedStateNames.Select(_ => Normal(random, n)).ToArray();
            AddBoundaryValues(gradient, sigma);
            return new Inputs<T>(
                states.Select(Convert<T>).ToArray(),
                Convert<T>(gradient),
                Convert<T>(sigma),
                noise.Select(Convert<T>).ToArray());
        }

        public void Update<T>(T[][] s, T[] g, long k)
        {
            if (typeof(T) == typeof(double))
            {
                Update((double[][])(object)s, (double[])(object)g, k);
            }
            else
            {
                Update((float[][])(object)s, (float[])(object)g, k);
            }
        }

        public void UpdateFlat<T>(T[] states, T[] g, long k)
        {
            if (typeof(T) == typeof(double))
            {
                UpdateFlat((double[])(object)states, (double[])(object)g, k);
            }
            else
            {
                UpdateFlat((float[])(object)states, (float[])(object)g, k);
            }
        }

        public void EulerMaruyama<T>(T[][] s, T[] grad, T[] sigma, T[][] noise, double t, double dt)
        {
            if (typeof(T) == typeof(double))
            {
                EulerMaruyama((double[][])(object)s, (double[])(object)grad, (double[])(object)sigma, (double[][])(object)noise, t, dt);
            }
            else
            {
                EulerMaruyama((float[][])(object)s, (float[])(object)grad, (float[])(object)sigma, (float[][])(object)noise, t, dt);
            }
        }

        public void EulerMaruyamaFlat<T>(T[] states, T[] grad, T[] sigma, T[] noise, double t, double dt)
        {
            if (typeof(T) == typeof(double))
            {
                EulerMaruyamaFlat((double[])(object)states, (double[])(object)grad, (double[])(object)sigma, (double[])(object)noise, t, dt);
            }
            else
            {
                EulerMaruyamaFlat((float[])(object)states, (float[])(object)grad, (float[])(object)sigma, (float[])(object)noise, t, dt);
            }
        }

        protected virtual (double Lo, double Hi) SigmaRange => (0.05, 2.0);

        protected virtual (double Lo, double Hi) StateRange(string name) => name == "v" ? (0.01, 4.0) : (-2.0, 2.0);

        /// <summary>Puts values on the models' branch points into the inputs (a zero gradient, ±Clip, σ = 0).</summary>
        protected virtual void AddBoundaryValues(double[] gradient, double[] sigma)
        {
        }

        /// <summary>A hyperparameter expression: computed in double, rounded once to T (as the generated code does).</summary>
        protected static T S<T>(double value)
            where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(value);

        private static T[] Convert<T>(double[] values)
            where T : unmanaged, IFloatingPointIeee754<T> => values.Select(static v => T.CreateTruncating(v)).ToArray();

        private static double[] Uniform(System.Random random, int n, (double Lo, double Hi) range)
        {
            var values = new double[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = range.Lo + ((range.Hi - range.Lo) * random.NextDouble());
            }

            return values;
        }

        /// <summary>Standard normals by Box–Muller.</summary>
        private static double[] Normal(System.Random random, int n)
        {
            var values = new double[n];
            for (int i = 0; i < n; i++)
            {
                double u1 = 1.0 - random.NextDouble();
                double u2 = random.NextDouble();
                values[i] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            }

            return values;
        }
    }

    private sealed class AdamWCase : KernelCase
    {
        private static readonly AdamW Model = new() { Eta = 0.01, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0.01 };

        public override string Name => "AdamW";

        public override int Index => 1;

        public override string[] StateNames => ["x", "m", "v"];

        public override string[] DiffusedStateNames => ["m"];

        protected override void Update(double[][] s, double[] g, long k) => Model.Step(s[0], s[1], s[2], g, k);

        protected override void Update(float[][] s, float[] g, long k) => Model.Step(s[0], s[1], s[2], g, k);

        protected override void UpdateFlat(double[] states, double[] g, long k) => FlatStep(Model, states, g, k);

        protected override void UpdateFlat(float[] states, float[] g, long k) => FlatStep(Model, states, g, k);

        protected override void EulerMaruyama(double[][] s, double[] grad, double[] sigma, double[][] noise, double t, double dt) =>
            Model.EulerMaruyamaStep(s[0], s[1], s[2], grad, sigma, noise[0], t, dt);

        protected override void EulerMaruyama(float[][] s, float[] grad, float[] sigma, float[][] noise, double t, double dt) =>
            Model.EulerMaruyamaStep(s[0], s[1], s[2], grad, sigma, noise[0], t, dt);

        protected override void EulerMaruyamaFlat(double[] states, double[] grad, double[] sigma, double[] noise, double t, double dt) =>
            FlatEulerMaruyama(Model, states, grad, sigma, noise, t, dt);

        protected override void EulerMaruyamaFlat(float[] states, float[] grad, float[] sigma, float[] noise, double t, double dt) =>
            FlatEulerMaruyama(Model, states, grad, sigma, noise, t, dt);

        public override void ReferenceUpdate<T>(T[][] s, T[] g, long k)
        {
            AdamW p = Model;
            T beta1 = S<T>(p.Beta1), oneMinusBeta1 = S<T>(1 - p.Beta1);
            T beta2 = S<T>(p.Beta2), oneMinusBeta2 = S<T>(1 - p.Beta2);
            T bias1 = S<T>(1 - Math.Pow(p.Beta1, k)), bias2 = S<T>(1 - Math.Pow(p.Beta2, k));
            T eta = S<T>(p.Eta), eps = S<T>(p.Eps), weightDecay = S<T>(p.WeightDecay);
            for (int i = 0; i < g.Length; i++)
            {
                T x = s[0][i];
                T m = (beta1 * s[1][i]) + (oneMinusBeta1 * g[i]);
                T v = (beta2 * s[2][i]) + (oneMinusBeta2 * g[i] * g[i]);
                T mHat = m / bias1;
                T vHat = v / bias2;
                s[0][i] = x - (eta * ((mHat / (T.Sqrt(vHat) + eps)) + (weightDecay * x)));
                s[1][i] = m;
                s[2][i] = v;
            }
        }

        public override void ReferenceEulerMaruyama<T>(T[][] s, T[] grad, T[] sigma, T[][] noise, double t, double dt, Func<double, double> erf)
        {
            AdamW p = Model;
            double rho1 = (1 - p.Beta1) / p.Eta, rho2 = (1 - p.Beta2) / p.Eta;
            double iota1 = 1 - Math.Exp(-rho1 * t), iota2 = 1 - Math.Exp(-rho2 * t);
            T scale = S<T>(-Math.Sqrt(iota2) / iota1);
            T etaRho1 = S<T>(p.Eta * rho1);
            T epsIota = S<T>(p.Eps * Math.Sqrt(iota2));
            T weightDecay = S<T>(p.WeightDecay), rho1T = S<T>(rho1), rho2T = S<T>(rho2);
            T diffusionScale = S<T>(Math.Sqrt(p.Eta) * rho1);
            T dtT = S<T>(dt), sqrtDt = S<T>(Math.Sqrt(dt));
            for (int i = 0; i < grad.Length; i++)
            {
                T x = s[0][i], m = s[1][i], v = s[2][i];
                T driftX = (scale * (m + (etaRho1 * (grad[i] - m))) / (T.Sqrt(v) + epsIota)) - (weightDecay * x);
                T driftM = rho1T * (grad[i] - m);
                T driftV = rho2T * ((grad[i] * grad[i]) + (sigma[i] * sigma[i]) - v);
                T diffusionM = diffusionScale * sigma[i];
                s[0][i] = x + (driftX * dtT);
                s[1][i] = m + (driftM * dtT) + (diffusionM * sqrtDt * noise[0][i]);
                s[2][i] = v + (driftV * dtT);
            }
        }
    }

    private sealed class SignSgdCase : KernelCase
    {
        private static readonly SignSgd Model = new() { Eta = 0.01 };

        public override string Name => "SignSgd";

        public override int Index => 2;

        public override string[] StateNames => ["x"];

        public override string[] DiffusedStateNames => ["x"];

        protected override void Update(double[][] s, double[] g, long k) => Model.Step(s[0], g, k);

        protected override void Update(float[][] s, float[] g, long k) => Model.Step(s[0], g, k);

        // One state: the named kernel is the flat one; call it through the interface, as an engine would.
        protected override void UpdateFlat(double[] states, double[] g, long k) => FlatStep(Model, states, g, k);

        protected override void UpdateFlat(float[] states, float[] g, long k) => FlatStep(Model, states, g, k);

        protected override void EulerMaruyama(double[][] s, double[] grad, double[] sigma, double[][] noise, double t, double dt) =>
            Model.EulerMaruyamaStep(s[0], grad, sigma, noise[0], t, dt);

        protected override void EulerMaruyama(float[][] s, float[] grad, float[] sigma, float[][] noise, double t, double dt) =>
            Model.EulerMaruyamaStep(s[0], grad, sigma, noise[0], t, dt);

        protected override void EulerMaruyamaFlat(double[] states, double[] grad, double[] sigma, double[] noise, double t, double dt) =>
            FlatEulerMaruyama(Model, states, grad, sigma, noise, t, dt);

        protected override void EulerMaruyamaFlat(float[] states, float[] grad, float[] sigma, float[] noise, double t, double dt) =>
            FlatEulerMaruyama(Model, states, grad, sigma, noise, t, dt);

        /// <summary>g = 0 and g = −0 (Sign returns its argument there), and |g|/σ past erf's saturation at 6.</summary>
        protected override void AddBoundaryValues(double[] gradient, double[] sigma)
        {
            for (int i = 0; i < gradient.Length; i += 5)
            {
                gradient[i] = 0.0;
            }

            for (int i = 3; i < gradient.Length; i += 7)
            {
                gradient[i] = -0.0;
            }

            for (int i = 2; i < gradient.Length; i += 6)
            {
                sigma[i] = 0.05;
                gradient[i] = i % 4 == 0 ? 2.9 : -2.9;
            }
        }

        public override void ReferenceUpdate<T>(T[][] s, T[] g, long k)
        {
            T eta = S<T>(Model.Eta);
            for (int i = 0; i < g.Length; i++)
            {
                s[0][i] -= eta * Sign(g[i]);
            }
        }

        private static readonly Func<double, double> SdeMathErf = SdeMath.Erf;

        public override void ReferenceEulerMaruyama<T>(T[][] s, T[] grad, T[] sigma, T[][] noise, double t, double dt, Func<double, double> erf)
        {
            T sqrt2 = S<T>(Math.Sqrt(2.0)), sqrtEta = S<T>(Math.Sqrt(Model.Eta));
            T dtT = S<T>(dt), sqrtDt = S<T>(Math.Sqrt(dt));
            for (int i = 0; i < grad.Length; i++)
            {
                // The float kernel calls SdeMath's single-precision Erf(float), not the double erf rounded: where the
                // reference erf is SdeMath's, call the same overload so that the exact comparison holds.
                T y = grad[i] / (sqrt2 * sigma[i]);
                T erfY = typeof(T) == typeof(float) && erf.Method == SdeMathErf.Method
                    ? (T)(object)SdeMath.Erf((float)(object)y)
                    : S<T>(erf(double.CreateChecked(y)));
                T drift = -erfY;
                T diffusion = sqrtEta * T.Sqrt(T.One - (erfY * erfY));
                s[0][i] = s[0][i] + (drift * dtT) + (diffusion * sqrtDt * noise[0][i]);
            }
        }

        private static T Sign<T>(T value)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            value > T.Zero ? T.One : value < T.Zero ? -T.One : value;
    }

    private sealed class ClippedMomentumCase : KernelCase
    {
        private static readonly ClippedMomentum Model = new() { Eta = 0.05, Beta = 0.9, Clip = 1.0 };

        public override string Name => "ClippedMomentum";

        public override int Index => 3;

        public override string[] StateNames => ["x", "m"];

        public override string[] DiffusedStateNames => ["m"];

        protected override void Update(double[][] s, double[] g, long k) => Model.Step(s[0], s[1], g, k);

        protected override void Update(float[][] s, float[] g, long k) => Model.Step(s[0], s[1], g, k);

        protected override void UpdateFlat(double[] states, double[] g, long k) => FlatStep(Model, states, g, k);

        protected override void UpdateFlat(float[] states, float[] g, long k) => FlatStep(Model, states, g, k);

        protected override void EulerMaruyama(double[][] s, double[] grad, double[] sigma, double[][] noise, double t, double dt) =>
            Model.EulerMaruyamaStep(s[0], s[1], grad, sigma, noise[0], t, dt);

        protected override void EulerMaruyama(float[][] s, float[] grad, float[] sigma, float[][] noise, double t, double dt) =>
            Model.EulerMaruyamaStep(s[0], s[1], grad, sigma, noise[0], t, dt);

        protected override void EulerMaruyamaFlat(double[] states, double[] grad, double[] sigma, double[] noise, double t, double dt) =>
            FlatEulerMaruyama(Model, states, grad, sigma, noise, t, dt);

        protected override void EulerMaruyamaFlat(float[] states, float[] grad, float[] sigma, float[] noise, double t, double dt) =>
            FlatEulerMaruyama(Model, states, grad, sigma, noise, t, dt);

        /// <summary>σ from 0 (where the diffusion's mask is off) to 2.</summary>
        protected override (double Lo, double Hi) SigmaRange => (0.0, 2.0);

        /// <summary>g exactly ±Clip (the comparisons' edges) and σ exactly 0.</summary>
        protected override void AddBoundaryValues(double[] gradient, double[] sigma)
        {
            for (int i = 1; i < gradient.Length; i += 5)
            {
                gradient[i] = i % 2 == 0 ? Model.Clip : -Model.Clip;
            }

            for (int i = 2; i < sigma.Length; i += 4)
            {
                sigma[i] = 0.0;
            }
        }

        public override void ReferenceUpdate<T>(T[][] s, T[] g, long k)
        {
            T clip = S<T>(Model.Clip), negativeClip = S<T>(-Model.Clip);
            T beta = S<T>(Model.Beta), oneMinusBeta = S<T>(1 - Model.Beta), eta = S<T>(Model.Eta);
            bool first = k == 1;
            for (int i = 0; i < g.Length; i++)
            {
                T clipped = g[i] > clip ? clip : (g[i] < negativeClip ? negativeClip : g[i]);
                T m = s[1][i] * beta;
                m += oneMinusBeta * clipped;
                T step = first ? clipped : m;
                s[0][i] -= eta * step;
                s[1][i] = m;
            }
        }

        public override void ReferenceEulerMaruyama<T>(T[][] s, T[] grad, T[] sigma, T[][] noise, double t, double dt, Func<double, double> erf)
        {
            double rho = (1 - Model.Beta) / Model.Eta;
            T clip = S<T>(Model.Clip), negativeClip = S<T>(-Model.Clip), rhoT = S<T>(rho), sqrtEta = S<T>(Math.Sqrt(Model.Eta));
            T dtT = S<T>(dt), sqrtDt = S<T>(Math.Sqrt(dt));
            for (int i = 0; i < grad.Length; i++)
            {
                T x = s[0][i], m = s[1][i];
                T driftX = -m;
                T clamped = grad[i] < negativeClip ? negativeClip : (grad[i] > clip ? clip : grad[i]);
                T driftM = rhoT * (clamped - m);
                T inside = T.Abs(grad[i]) < clip && sigma[i] > T.Zero ? T.One : T.Zero;
                T diffusionM = inside * sqrtEta * rhoT * sigma[i];
                s[0][i] = x + (driftX * dtT);
                s[1][i] = m + (driftM * dtT) + (diffusionM * sqrtDt * noise[0][i]);
            }
        }
    }

    // The flat kernels, called through the interfaces the generator implements (a constrained call, no boxing).
    private static void FlatStep<TModel>(TModel model, double[] states, double[] g, long k)
        where TModel : struct, IOptimizerModel<TModel> => model.Step(states, g, k);

    private static void FlatStep<TModel>(TModel model, float[] states, float[] g, long k)
        where TModel : struct, IOptimizerModel<TModel> => model.Step(states, g, k);

    private static void FlatEulerMaruyama<TModel>(TModel model, double[] states, double[] grad, double[] sigma, double[] noise, double t, double dt)
        where TModel : struct, ISdeModel<TModel> => model.EulerMaruyamaStep(states, grad, sigma, noise, t, dt);

    private static void FlatEulerMaruyama<TModel>(TModel model, float[] states, float[] grad, float[] sigma, float[] noise, double t, double dt)
        where TModel : struct, ISdeModel<TModel> => model.EulerMaruyamaStep(states, grad, sigma, noise, t, dt);
}
