using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;
using SdeDsl.RandomNumbers;
using SdeDsl.Runs;

namespace SdeDsl.Cli.Bench;

/// <summary>
/// The quick speed ratios of <c>sdedsl bench</c>: each model's generated float kernels (its update, and its SDE's
/// Euler–Maruyama step with precomputed noise) over n coordinates, and the Philox normal fills, timed on one core
/// round-robin with an in-place triad x ← x + a·y over the same n floats, so that every loop meets the same state of the
/// machine; medians over the rounds, each as a ratio to the triad's median. Gradients are uniform in [−3σ, 3σ] with
/// σ ∈ [0.5, 1.5], the signal-to-noise range of the paper's phases. A few seconds for the defaults; the full table of
/// the targets is the benchmarks project's <c>--targets</c>.
/// </summary>
internal static class KernelBench
{
    /// <summary>Normals per fill call: a chunk that stays in cache, as the ensembles draw them.</summary>
    public const int ChunkLength = 8192;

    private const int ShortLength = 8192;
    private const int WarmupCalls = 40;

    /// <summary>Times the loops of <paramref name="models"/> (each with its hyperparameters) and the normal fills.</summary>
    /// <param name="models">The models and their hyperparameters.</param>
    /// <param name="elements">Coordinates per step, a positive multiple of <see cref="ChunkLength"/>.</param>
    /// <param name="rounds">Timed rounds after the warm-up.</param>
    /// <param name="cancellationToken">Checked between loops, in the warm-up too.</param>
    public static BenchResult Measure(IReadOnlyList<(ModelInfo Model, IReadOnlyDictionary<string, double> Hyperparameters)> models,
        int elements, int rounds, CancellationToken cancellationToken)
    {
        string loadBefore = LoadAverage();
        var random = new Random(4242);
        var sigma = new float[elements];
        var grad = new float[elements];
        for (int i = 0; i < elements; i++)
        {
            sigma[i] = (float)(0.5 + random.NextDouble());
            grad[i] = (float)((random.NextDouble() * 6.0) - 3.0) * sigma[i];
        }

        int maxStates = models.Count == 0 ? 1 : models.Max(static m => m.Model.States.Count);
        var noise = new float[maxStates * elements];
        new PhiloxStream(20241205, 7).FillNormal(noise, 0, 0);

        var loops = new List<ILoop> { new TriadLoop(elements) };
        var kinds = new List<(string Kind, int States)> { ("reference", 1) };
        foreach ((ModelInfo model, IReadOnlyDictionary<string, double> hyperparameters) in models)
        {
            object instance = model.Create(hyperparameters, "set");
            if (model.HasUpdate)
            {
                loops.Add(Create(typeof(OptimizerLoop<>), model, model.Name + " update", instance, grad, sigma, noise));
                kinds.Add(("update", model.States.Count));
            }

            if (model.HasSde)
            {
                loops.Add(Create(typeof(SdeLoop<>), model, model.Name + " SDE, Euler–Maruyama", instance, grad, sigma, noise));
                kinds.Add(("sde", model.States.Count));
            }
        }

        loops.Add(new NormalLoop("normal variates, float (Philox, Box–Muller)", elements, single: true));
        kinds.Add(("normals", 1));
        loops.Add(new NormalLoop("normal variates, double", elements, single: false));
        kinds.Add(("normals", 1));

        // The warm-up: enough short calls for the tiered JIT's promotions (30 calls each), with pauses for its background
        // compiles, then one full call of each loop, which also touches every page of its buffers.
        for (int phase = 0; phase < 2; phase++)
        {
            for (int call = 0; call < WarmupCalls; call++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (ILoop loop in loops)
                {
                    loop.RunShort();
                }
            }

            Thread.Sleep(300);
        }

        foreach (ILoop loop in loops)
        {
            cancellationToken.ThrowIfCancellationRequested();
            loop.Run();
        }

        var seconds = new double[loops.Count][];
        for (int j = 0; j < loops.Count; j++)
        {
            seconds[j] = new double[rounds];
        }

        for (int round = 0; round < rounds; round++)
        {
            for (int offset = 0; offset < loops.Count; offset++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int j = (round + offset) % loops.Count; // the order rotates, so no loop always follows the same one
                long start = Stopwatch.GetTimestamp();
                loops[j].Run();
                seconds[j][round] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }

        double triad = Median(seconds[0]);
        var rows = new List<BenchRow>();
        for (int j = 0; j < loops.Count; j++)
        {
            double[] perElement = [.. seconds[j].Select(s => s * 1e9 / elements)];
            double median = Median(perElement);
            double ratio = Median(seconds[j]) / triad;
            (string kind, int states) = kinds[j];
            rows.Add(new BenchRow(loops[j].Name, kind, states, median, perElement.Min(), perElement.Max(), ratio, ratio / states));
        }

        BenchModel[] timed = [.. models.Select(static m => new BenchModel(m.Model.Type.FullName ?? m.Model.Name, m.Hyperparameters))];
        return new BenchResult(MachineLine(), loadBefore, LoadAverage(), elements, rounds, timed, rows);
    }

    /// <summary>The machine: runtime, architecture, cores, vector widths and the x64 instruction sets the kernels choose
    /// between (AVX2, AVX-512F).</summary>
    public static string MachineLine() =>
        $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} logical cores, "
        + $"Vector<float>.Count = {Vector<float>.Count}, 512-bit vectors accelerated = {YesNo(Vector512.IsHardwareAccelerated)}, "
        + $"AVX2 = {YesNo(System.Runtime.Intrinsics.X86.Avx2.IsSupported)}, AVX-512F = {YesNo(System.Runtime.Intrinsics.X86.Avx512F.IsSupported)}";

    private static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>The load averages over 1, 5 and 15 minutes (Linux's /proc/loadavg), or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Create(CultureInfo.InvariantCulture, $"{fields[0]} {fields[1]} {fields[2]}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static double Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }

    /// <summary>A loop over the model's generated kernels, made for its type (a constrained call, no boxing per step).</summary>
    private static ILoop Create(Type open, ModelInfo model, string name, object instance, float[] grad, float[] sigma, float[] noise) =>
        (ILoop)Activator.CreateInstance(open.MakeGenericType(model.Type), BindingFlags.Public | BindingFlags.Instance, null,
            [name, instance, grad, sigma, noise], CultureInfo.InvariantCulture)!;

    /// <summary>One timed loop: a whole step over the buffers, or a short one for the warm-up.</summary>
    private interface ILoop
    {
        string Name { get; }

        void Run();

        void RunShort();
    }

    /// <summary>x ← x + a·y over the same number of floats: 12 bytes per element, the reference of every ratio.</summary>
    private sealed class TriadLoop(int elements) : ILoop
    {
        private readonly float[] _x = Filled(elements, 1f);
        private readonly float[] _y = Filled(elements, 0.5f); // y.Length = x.Length: the loop reads both by one index

        public string Name => "in-place triad x ← x + a·y";

        public void Run() => Triad(_x, _y, 1e-7f);

        public void RunShort() => Triad(_x.AsSpan(0, ShortLength), _y.AsSpan(0, ShortLength), 1e-7f);

        private static void Triad(Span<float> x, ReadOnlySpan<float> y, float a)
        {
            var scale = new Vector<float>(a);
            ref float xRef = ref MemoryMarshal.GetReference(x);
            ref float yRef = ref MemoryMarshal.GetReference(y);
            int i = 0;
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref xRef, (nuint)i) + (scale * Vector.LoadUnsafe(ref yRef, (nuint)i)), ref xRef, (nuint)i);
            }

            for (; i < x.Length; i++)
            {
                x[i] += a * y[i];
            }
        }

        private static float[] Filled(int n, float value)
        {
            var array = new float[n];
            Array.Fill(array, value);
            return array;
        }
    }

    /// <summary>The model's generated update in float over every state component.</summary>
    private sealed class OptimizerLoop<TModel> : ILoop
        where TModel : struct, IOptimizerModel<TModel>
    {
        private readonly TModel _model;
        private readonly float[] _states;
        private readonly float[] _grad;
        private long _k;

        public OptimizerLoop(string name, object model, float[] grad, float[] sigma, float[] noise)
        {
            Name = name;
            _model = (TModel)model;
            _grad = grad;
            _states = InitialStates(TModel.StateNames.Count, grad.Length);
        }

        public string Name { get; }

        public void Run() => _model.Step(_states, _grad, ++_k);

        public void RunShort() => _model.Step(_states.AsSpan(0, TModel.StateNames.Count * ShortLength), _grad.AsSpan(0, ShortLength), ++_k);
    }

    /// <summary>The model's generated Euler–Maruyama step in float, its normals precomputed.</summary>
    private sealed class SdeLoop<TModel> : ILoop
        where TModel : struct, ISdeModel<TModel>
    {
        private const double Dt = 0.01;

        private readonly TModel _model;
        private readonly float[] _states;
        private readonly float[] _grad;
        private readonly float[] _sigma;
        private readonly float[] _noise;
        private readonly float[] _shortStates;

        public SdeLoop(string name, object model, float[] grad, float[] sigma, float[] noise)
        {
            Name = name;
            _model = (TModel)model;
            _grad = grad;
            _sigma = sigma;
            _noise = noise;
            _states = InitialStates(TModel.StateNames.Count, grad.Length);
            _shortStates = InitialStates(TModel.StateNames.Count, ShortLength);
        }

        public string Name { get; }

        public void Run() => _model.EulerMaruyamaStep(_states, _grad, _sigma, _noise.AsSpan(0, TModel.DiffusedStateNames.Count * _grad.Length), 1.0, Dt);

        public void RunShort() => _model.EulerMaruyamaStep(
            _shortStates, _grad.AsSpan(0, ShortLength), _sigma.AsSpan(0, ShortLength), _noise.AsSpan(0, TModel.DiffusedStateNames.Count * ShortLength), 1.0, Dt);
    }

    /// <summary>Normals drawn chunk by chunk into a cache-resident buffer, as an ensemble draws them.</summary>
    private sealed class NormalLoop(string name, int elements, bool single) : ILoop
    {
        private readonly PhiloxStream _stream = new(20240601, 3);
        private readonly float[] _floats = new float[ChunkLength];
        private readonly double[] _doubles = new double[ChunkLength];
        private long _step;

        public string Name => name;

        public void Run() => Fill(elements);

        public void RunShort() => Fill(ChunkLength);

        private void Fill(int count)
        {
            _step++;
            for (long first = 0; first < count; first += ChunkLength)
            {
                if (single)
                {
                    _stream.FillNormal(_floats, 0, _step, first);
                }
                else
                {
                    _stream.FillNormal(_doubles, 0, _step, first);
                }
            }
        }
    }

    /// <summary>States in [0.5, 1.5): positive, so that second moments stay valid.</summary>
    private static float[] InitialStates(int components, int n)
    {
        var states = new float[components * n];
        var random = new Random(components * 7919);
        for (int i = 0; i < states.Length; i++)
        {
            states[i] = (float)(0.5 + random.NextDouble());
        }

        return states;
    }
}

/// <summary>One timed loop of <see cref="KernelBench"/>.</summary>
/// <param name="Name">What was timed.</param>
/// <param name="Kind"><c>reference</c> (the triad), <c>update</c>, <c>sde</c> or <c>normals</c>.</param>
/// <param name="States">State components per coordinate (1 for the triad and the normals).</param>
/// <param name="Ns">Median ns per element (per coordinate, or per normal).</param>
/// <param name="MinNs">The fastest round.</param>
/// <param name="MaxNs">The slowest round.</param>
/// <param name="TimesTriad">Median time over the triad's median.</param>
/// <param name="TimesTriadPerState"><paramref name="TimesTriad"/> over <paramref name="States"/>.</param>
internal sealed record BenchRow(string Name, string Kind, int States, double Ns, double MinNs, double MaxNs, double TimesTriad, double TimesTriadPerState);

/// <summary>A timed model and the hyperparameters it ran with.</summary>
internal sealed record BenchModel(string Name, IReadOnlyDictionary<string, double> Hyperparameters);

/// <summary>What <see cref="KernelBench.Measure"/> measured.</summary>
internal sealed record BenchResult(string Machine, string LoadBefore, string LoadAfter, int Elements, int Rounds, IReadOnlyList<BenchModel> Models, IReadOnlyList<BenchRow> Rows);
