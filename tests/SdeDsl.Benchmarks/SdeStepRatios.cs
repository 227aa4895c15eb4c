using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using SdeDsl.Optimizers;
using SdeDsl.Runs;

namespace SdeDsl.Benchmarks;

/// <summary>
/// <c>--sde-ratios</c>: the SDE targets of docs/performance.md in one table. Every catalog model's generated float
/// Euler–Maruyama step (precomputed noise, 4M coordinates, one core) is timed round-robin with an in-place triad
/// x ← x + a·y over the same 4M elements, twice: with gradients uniform in [−3σ, 3σ] (the signal-to-noise range of the
/// paper's phases) and with "small" gradients in [−0.01σ, 0.01σ]; and with "large" ones, |grad| in [3σ, 6σ]. Prints
/// per model the median ns/element (min .. max), the ratio to the triad, that ratio per state component (target ≤ 3),
/// and the data-dependent spread max/min over the three argument ranges (target ≤ 1.3), from per-round ratios, all
/// three ranges on the same buffers. <c>--assembly PATH</c> (repeatable) adds the models of a user's compiled assembly;
/// <c>--model NAME</c> keeps one model.
/// </summary>
public static class SdeStepRatios
{
    /// <summary>Coordinates per step.</summary>
    public const int Elements = 4 << 20;

    private const int Rounds = 11;

    /// <summary>The argument ranges: name and the bounds of |grad|/σ (a random sign is applied).</summary>
    private static readonly (string Name, double Low, double High)[] Ranges = [("snr", 0.0, 3.0), ("small", 0.0, 0.01), ("large", 3.0, 6.0)];

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        Console.WriteLine(RoundRobin.MachineLine());
        Result result = Measure(Models(args));
        Print(result, Console.Out);
        return 0;
    }

    /// <summary>The catalog's models with an SDE, and those of every <c>--assembly PATH</c> (a user's compiled models),
    /// narrowed to <c>--model NAME</c> when given.</summary>
    public static ModelInfo[] Models(string[] args)
    {
        var assemblies = new List<Assembly> { typeof(SignSgd).Assembly };
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--assembly")
            {
                assemblies.Add(Assembly.LoadFrom(Path.GetFullPath(args[i + 1])));
            }
        }

        string? only = args.SkipWhile(static a => a != "--model").Skip(1).FirstOrDefault();
        ModelInfo[] models = new ModelCatalog(assemblies).Models.Where(m => m.HasSde && (only is null || m.Name == only || m.Type.FullName == only)).ToArray();
        if (models.Length == 0)
        {
            throw new ArgumentException(only is null ? "No model with an SDE was found." : $"No model with an SDE is named '{only}'.");
        }

        return models;
    }

    /// <summary>Times every model's step in the three argument ranges, SignSGD with its normals drawn, and the triad.</summary>
    public static Result Measure(IReadOnlyList<ModelInfo> models)
    {
        string loadBefore = RoundRobin.LoadAverage();
        var sigma = new float[Elements];
        var noise = new float[3 * Elements];
        var random = new Random(4242);
        for (int i = 0; i < Elements; i++)
        {
            sigma[i] = (float)(0.5 + random.NextDouble());
        }

        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)(Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble()));
        }

        List<Case> cases = Cases(models);
        var loops = new List<ITimedLoop>();

        // The three ranges run on the same buffers: one array of gradients, into which each model loop's untimed
        // Prepare copies its range's values when the array holds another range's (RoundRobin rotates the order of the
        // loops every round, so a range's loops do not always follow one another), and one array of states per model,
        // shared by its three loops. So a model's three timings differ in the values of the gradients only. With
        // buffers of their own, where the allocator had put them showed as a spread: one range of a compute-bound step
        // ran 30 % slower than the others in every run (SignSgd's third loop, whichever range it was given). A copy
        // leaves the end of the buffer in the last-level cache for the loop right after it, which reads the buffer from
        // its start and streams four or more such arrays: little of it is still there when reached, and which loop
        // follows a copy changes from round to round.
        var gradients = new SharedGradients(Elements);
        var states = new float[cases.Count][];
        var modelLoop = new int[Ranges.Length, cases.Count];
        float[]? snrGrad = null;
        for (int r = 0; r < Ranges.Length; r++)
        {
            (string name, double low, double high) = Ranges[r];
            var values = new float[Elements];
            snrGrad ??= values;
            for (int i = 0; i < Elements; i++)
            {
                double magnitude = low + ((high - low) * random.NextDouble());
                values[i] = (float)((random.Next(2) == 0 ? -1 : 1) * magnitude * sigma[i]);
            }

            for (int m = 0; m < cases.Count; m++)
            {
                Case c = cases[m];
                object instance = c.Model.Create(c.Hyperparameters);
                Type loopType = typeof(SdeStepLoop<>).MakeGenericType(c.Model.Type);
                states[m] ??= StateBuffers.Positive(c.Model.States.Count * Elements, m);
                var step = (ITimedLoop)Activator.CreateInstance(loopType, c.Name + " " + name, instance, gradients.Buffer, sigma, noise, states[m])!;
                modelLoop[r, m] = loops.Count;
                loops.Add(new RangeLoop(step, gradients, r, values));
            }
        }

        // SignSGD with its normals drawn in the step (Philox, chunk by chunk in cache), on the snr gradients.
        int withNormals = -1;
        if (models.Any(static m => m.Type == typeof(SignSgd)))
        {
            var x0 = new float[Elements];
            for (int i = 0; i < Elements; i++)
            {
                x0[i] = (float)(0.5 + random.NextDouble());
            }

            withNormals = loops.Count;
            loops.Add(new SignSgdSdeLoop(SignSgdSdeVariant.ChunkedFillAndStep, new SignSgd { Eta = 0.01 }, x0, snrGrad!, sigma, noise, 20240901, 1.0, 0.01));
        }

        var triad = new InPlaceTriadLoop("InPlaceTriad", Elements, seed: 54321);
        loops.Add(triad);

        RoundRobin.WarmUp(loops);
        double[][] seconds = RoundRobin.Time(loops, Rounds);
        double[] median = RoundRobin.Medians(seconds);
        string loadAfter = RoundRobin.LoadAverage();
        double PerElement(double s) => s * 1e9 / Elements;
        (double triadMin, double triadMax) = RoundRobin.Range(seconds[^1]);
        var rows = new ModelRow[cases.Count];
        for (int m = 0; m < cases.Count; m++)
        {
            int snr = modelLoop[0, m], small = modelLoop[1, m], large = modelLoop[2, m];
            (double min, double max) = RoundRobin.Range(seconds[snr]);

            // The spread from paired ratios: each range's time over the snr range's in the same round, then the median
            // over the rounds, so that a change of load from outside between rounds cancels. (Medians taken first and
            // divided after let one slow spell in a range's rounds show as a spread of the code.)
            double[] byRange = [1.0, PairedRatio(seconds[small], seconds[snr]), PairedRatio(seconds[large], seconds[snr])];
            rows[m] = new ModelRow(cases[m].Name, cases[m].Model.States.Count, PerElement(median[snr]), PerElement(min), PerElement(max),
                median[snr] / median[^1], PerElement(median[small]), PerElement(median[large]), byRange.Max() / byRange.Min());
        }

        Timing? normals = null;
        if (withNormals >= 0)
        {
            (double min, double max) = RoundRobin.Range(seconds[withNormals]);
            normals = new Timing(PerElement(median[withNormals]), PerElement(min), PerElement(max), median[withNormals] / median[^1]);
        }

        return new Result(loadBefore, loadAfter, new Timing(PerElement(median[^1]), PerElement(triadMin), PerElement(triadMax), 1.0), rows, normals);
    }

    /// <summary>The gradient buffer the models' loops read, and which range's values it holds.</summary>
    private sealed class SharedGradients(int elements)
    {
        private int _range = -1;

        public float[] Buffer { get; } = new float[elements];

        /// <summary>Makes the buffer hold <paramref name="values"/>, range <paramref name="range"/>'s, copying them only
        /// if it holds another range's.</summary>
        public void Hold(int range, float[] values)
        {
            if (_range != range)
            {
                values.CopyTo(Buffer, 0);
                _range = range;
            }
        }
    }

    /// <summary>A model's step on one range's gradients: <see cref="Prepare"/> puts them in the shared buffer.</summary>
    private sealed class RangeLoop(ITimedLoop step, SharedGradients gradients, int range, float[] values) : ITimedLoop
    {
        public string Name => step.Name;

        public long Elements => step.Elements;

        public long Bytes => step.Bytes;

        public void Prepare() => gradients.Hold(range, values);

        public void Run() => step.Run();

        public void RunShort() => step.RunShort();
    }

    /// <summary>The median over the rounds of <paramref name="numerator"/>'s time over <paramref name="denominator"/>'s.</summary>
    private static double PairedRatio(double[] numerator, double[] denominator) =>
        RoundRobin.Median([.. numerator.Select((s, round) => s / denominator[round])]);

    /// <summary>The table of <paramref name="result"/>.</summary>
    public static void Print(Result result, TextWriter report)
    {
        report.WriteLine();
        report.WriteLine($"Generated float Euler–Maruyama steps, precomputed noise, {Elements >> 20}M coordinates, one core, {Rounds} rounds " +
            $"round-robin after warm-up; medians. Load average (1, 5, 15 min): {result.LoadBefore} before, {result.LoadAfter} after.");
        report.WriteLine($"In-place triad x ← x + a·y: {result.Triad.Ns:F3} ns/element ({result.Triad.Min:F3} .. {result.Triad.Max:F3}).");
        report.WriteLine("grad uniform in [−3σ, 3σ] (snr); small: |grad| ≤ 0.01σ; large: |grad| in [3σ, 6σ]. Spread: the largest over the smallest " +
            "of 1 and the medians over the rounds of small/snr and large/snr timed in the same round.");
        report.WriteLine();
        report.WriteLine("| model | states | ns/element, snr (min .. max) | × triad | × triad per state (target ≤ 3) | small | large | spread (target ≤ 1.3) |");
        report.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (ModelRow row in result.Models)
        {
            report.WriteLine($"| {row.Name} | {row.States} | {row.Ns:F3} ({row.Min:F3} .. {row.Max:F3}) | {row.Ratio:F2} | {row.RatioPerState:F2} | " +
                $"{row.SmallNs:F3} | {row.LargeNs:F3} | {row.Spread:F2} |");
        }

        if (result.SignSgdWithNormals is { } normals)
        {
            report.WriteLine();
            report.WriteLine($"SignSgd snr, normals drawn in the step (FillNormal + EM step per {SignSgdSdeLoop.ChunkLength}-chunk): " +
                $"{normals.Ns:F3} ns/element ({normals.Min:F3} .. {normals.Max:F3}), {normals.Ratio:F2} × triad (target ≤ 6).");
        }
    }

    /// <summary>A median in ns per element with its min and max over the rounds, and its ratio to the triad.</summary>
    public sealed record Timing(double Ns, double Min, double Max, double Ratio);

    /// <summary>One model's step: snr timing and ratio, the other ranges, and the spread over the three.</summary>
    public sealed record ModelRow(string Name, int States, double Ns, double Min, double Max, double Ratio, double SmallNs, double LargeNs, double Spread)
    {
        public double RatioPerState => Ratio / States;
    }

    /// <summary>What <see cref="Measure"/> measured.</summary>
    public sealed record Result(string LoadBefore, string LoadAfter, Timing Triad, IReadOnlyList<ModelRow> Models, Timing? SignSgdWithNormals);

    /// <summary>One timed step: a model, the name its row gets, and its hyperparameters.</summary>
    private sealed record Case(ModelInfo Model, string Name, Dictionary<string, double> Hyperparameters);

    /// <summary>Every model with the typical hyperparameters below, and a model with degrees of freedom ν once more at
    /// ν = 3.5: the float Student-t kernels take a power for integral ν up to 16 (ν = 3 here) and a logarithm and an
    /// exp otherwise, so both paths get a row. Two models of one name (a user's assembly beside the catalog) are told
    /// apart by their full names.</summary>
    private static List<Case> Cases(IReadOnlyList<ModelInfo> models)
    {
        var cases = new List<Case>();
        foreach (ModelInfo model in models)
        {
            string name = models.Count(o => o.Name == model.Name) > 1 ? model.Type.FullName! : model.Name;
            Dictionary<string, double> typical = Hyperparameters(model);
            cases.Add(new Case(model, name, typical));
            // The name as the model spells it (typical values are matched without regard to case).
            string? nu = typical.Keys.FirstOrDefault(static k => k.Equals("Nu", StringComparison.OrdinalIgnoreCase));
            if (nu is not null)
            {
                cases.Add(new Case(model, name + " (ν = 3.5)", new Dictionary<string, double>(typical) { [nu] = 3.5 }));
            }
        }

        return cases;
    }

    /// <summary>Typical values: η = 0.01, β = 0.99, β1 = 0.9, β2 = 0.999, ε = 1e-8, decay 0.01, ν = 3, σ0 = 1.</summary>
    private static Dictionary<string, double> Hyperparameters(ModelInfo model)
    {
        var known = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
        {
            ["Eta"] = 0.01, ["Beta"] = 0.99, ["Beta1"] = 0.9, ["Beta2"] = 0.999, ["Eps"] = 1e-8, ["WeightDecay"] = 0.01,
            ["Nu"] = 3.0, ["Sigma0"] = 1.0,
        };
        var values = new Dictionary<string, double>();
        foreach (HyperparameterInfo hyper in model.Hyperparameters)
        {
            values[hyper.Name] = known.TryGetValue(hyper.Name, out double value) ? value : 0.5;
        }

        return values;
    }
}
