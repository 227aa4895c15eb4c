using System;
using System.Collections.Generic;
using System.Linq;
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

    /// <summary>Times the loops of <paramref name="models"/> (each with its hyperparameters) and the normal fills.</summary>
    /// <param name="models">The models and their hyperparameters.</param>
    /// <param name="elements">Coordinates per step, a positive multiple of <see cref="ChunkLength"/>.</param>
    /// <param name="rounds">Timed rounds after the warm-up.</param>
    /// <param name="cancellationToken">Checked between loops, in the warm-up too.</param>
    public static BenchResult Measure(IReadOnlyList<(ModelInfo Model, IReadOnlyDictionary<string, double> Hyperparameters)> models,
        int elements, int rounds, CancellationToken cancellationToken)
    {
        string loadBefore = RoundRobin.LoadAverage();
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

        var loops = new List<ITimedLoop> { new InPlaceTriadLoop("in-place triad x ← x + a·y", elements, seed: 54321) };
        var kinds = new List<(string Kind, int States)> { ("reference", 1) };
        foreach ((ModelInfo model, IReadOnlyDictionary<string, double> hyperparameters) in models)
        {
            object instance = model.Create(hyperparameters, "--set");
            if (model.HasUpdate)
            {
                loops.Add((ITimedLoop)Activator.CreateInstance(typeof(OptimizerLoop<>).MakeGenericType(model.Type), model.Name + " update", instance, grad)!);
                kinds.Add(("update", model.States.Count));
            }

            if (model.HasSde)
            {
                Type loop = typeof(SdeStepLoop<>).MakeGenericType(model.Type);
                float[] states = StateBuffers.Positive(model.States.Count * elements, loops.Count);
                loops.Add((ITimedLoop)Activator.CreateInstance(loop, model.Name + " SDE, Euler–Maruyama", instance, grad, sigma, noise, states)!);
                kinds.Add(("sde", model.States.Count));
            }
        }

        loops.Add(new NormalLoop("normal variates, float (Philox, Box–Muller)", elements, single: true));
        kinds.Add(("normals", 1));
        loops.Add(new NormalLoop("normal variates, double", elements, single: false));
        kinds.Add(("normals", 1));

        RoundRobin.WarmUp(loops, cancellationToken);
        double[][] seconds = RoundRobin.Time(loops, rounds, cancellationToken);
        double triad = RoundRobin.Median(seconds[0]);
        var rows = new List<BenchRow>();
        for (int j = 0; j < loops.Count; j++)
        {
            double[] perElement = [.. seconds[j].Select(s => s * 1e9 / elements)];
            (double min, double max) = RoundRobin.Range(perElement);
            double ratio = RoundRobin.Median(seconds[j]) / triad;
            (string kind, int states) = kinds[j];
            rows.Add(new BenchRow(loops[j].Name, kind, states, RoundRobin.Median(perElement), min, max, ratio, ratio / states));
        }

        BenchModel[] timed = [.. models.Select(static m => new BenchModel(m.Model.Type.FullName ?? m.Model.Name, m.Hyperparameters))];
        return new BenchResult(RoundRobin.MachineLine(), loadBefore, RoundRobin.LoadAverage(), elements, rounds, timed, rows);
    }

    /// <summary>The model's generated update in float over every state component, on states of its own.</summary>
    private sealed class OptimizerLoop<TModel>(string name, object model, float[] grad) : ITimedLoop
        where TModel : struct, IOptimizerModel<TModel>
    {
        private readonly TModel _model = (TModel)model;
        private readonly float[] _states = StateBuffers.Positive(TModel.StateNames.Count * grad.Length, 17);
        private long _k;

        public string Name => name;

        public long Elements => grad.Length;

        public long Bytes => 4L * grad.Length * ((2 * TModel.StateNames.Count) + 1);

        public void Run() => _model.Step(_states, grad, ++_k);

        public void RunShort() => _model.Step(_states.AsSpan(0, TModel.StateNames.Count * ChunkLength), grad.AsSpan(0, ChunkLength), ++_k);
    }

    /// <summary>Normals drawn chunk by chunk into a cache-resident buffer, as an ensemble draws them.</summary>
    private sealed class NormalLoop(string name, int elements, bool single) : ITimedLoop
    {
        private readonly PhiloxStream _stream = new(20240601, 3);
        private readonly float[] _floats = new float[ChunkLength];
        private readonly double[] _doubles = new double[ChunkLength];
        private long _step;

        public string Name => name;

        public long Elements => elements;

        public long Bytes => (single ? 4L : 8L) * elements;

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
