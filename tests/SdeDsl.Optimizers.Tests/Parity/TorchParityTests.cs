using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace SdeDsl.Optimizers.Tests.Parity;

/// <summary>
/// Parity with PyTorch: the generated float steps of <see cref="Sgd"/>, <see cref="RmsProp"/>,
/// <see cref="RmsPropL2"/>, <see cref="Adam"/>, <see cref="AdamL2"/> and <see cref="AdamW"/> follow
/// <c>torch.optim</c>'s SGD, RMSprop, Adam and AdamW on the same 1,000 gradients, to
/// |a − b| ≤ 1e-5·max(1, |b|) for every element after every step.
/// </summary>
/// <remarks>
/// The reference was produced once by <c>make_reference.py</c> (Debian's python3-torch; see the README beside it)
/// and is stored in <c>Parity/Data</c>: <c>cases.json</c> lists the cases, and each <c>&lt;case&gt;.bin</c> holds,
/// as little-endian float32 without a header, the initial x (d values), the gradients (steps·d) and x after each
/// step (steps·d). The gradients were drawn up front, so they do not depend on x: the generated optimizer runs its
/// own trajectory from the same start on the same gradients, never re-synchronised with torch's.
/// Mapping: SGD → Sgd; RMSprop → RmsProp, or RmsPropL2 when weight_decay &gt; 0 (torch's coupled L2); Adam → Adam,
/// or AdamL2 when weight_decay &gt; 0; AdamW → AdamW.
/// <para>
/// AdamW: torch decays float32 parameters by <c>param.mul_(1 - lr * weight_decay)</c>, rounding the factor to float32,
/// and the catalog's AdamW writes its update the same way, x ← (1 − ηγ)x − η m̂/(√v̂ + ε), so its float kernel
/// rounds the hoisted factor identically. (Written as x − η(m̂/(√v̂ + ε) + γx), the float run drifted from torch by
/// 1.9e-5 after 1,000 steps at η = 1e-3, γ = 0.01: fl32(1 − ηγ) is off 1 − ηγ by 0.14 % of ηγ, every step the same way.)
/// </para>
/// <para>
/// Measured max |a − b|/max(1, |b|) (Vector&lt;float&gt;.Count = 8): sgd 7.7e-7, rmsprop 3.5e-7, rmsprop_l2 1.0e-7,
/// adam 1.1e-7, adam_l2 3.5e-7, adamw_lr1e-3 9.3e-8, adamw_lr3e-3 1.9e-7.
/// </para>
/// </remarks>
public sealed class TorchParityTests
{
    private const double Tolerance = 1e-5;

    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Parity", "Data");

    private readonly ITestOutputHelper _output;

    public TorchParityTests(ITestOutputHelper output) => _output = output;

    private delegate void StepFunction(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>The case names of <c>cases.json</c>.</summary>
    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (ParityCase c in LoadCases())
            {
                data.Add(c.Name);
            }

            return data;
        }
    }

    [Fact]
    public void ReferenceCoversEveryOptimizerAndModel()
    {
        List<ParityCase> cases = LoadCases();
        var models = new HashSet<string>();
        foreach (ParityCase c in cases)
        {
            models.Add(ModelName(c));
            Assert.Equal(1000, c.Steps);
        }

        Assert.Equal(new HashSet<string> { "Sgd", "RmsProp", "RmsPropL2", "Adam", "AdamL2", "AdamW" }, models);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedStepMatchesTorch(string name)
    {
        ParityCase c = FindCase(name);
        Comparison r = Run(c);
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{c.Name} ({ModelName(c)} vs torch.optim.{c.Optimizer} {c.TorchVersion}): max |a − b|/max(1, |b|) = {r.MaxError:E3} at step {r.MaxStep}, element {r.MaxElement}");
        _output.WriteLine(summary);
        Assert.True(r.FirstViolation is null, summary + "; " + r.FirstViolation);
    }

    private static ParityCase FindCase(string name)
        => LoadCases().Find(x => x.Name == name) ?? throw new InvalidOperationException("No case " + name);

    private static Comparison Run(ParityCase c)
    {
        int d = c.D;
        int steps = c.Steps;
        float[] data = ReadFloats(Path.Combine(DataDirectory, c.File));
        Assert.Equal(d + (2L * steps * d), data.Length);
        ReadOnlySpan<float> initial = data.AsSpan(0, d);
        ReadOnlySpan<float> gradients = data.AsSpan(d, steps * d);
        ReadOnlySpan<float> expected = data.AsSpan(d + (steps * d), steps * d);

        StepFunction step = CreateStep(c, d);
        float[] x = initial.ToArray();
        var r = new Comparison();
        for (int k = 1; k <= steps; k++)
        {
            step(x, gradients.Slice((k - 1) * d, d));
            ReadOnlySpan<float> b = expected.Slice((k - 1) * d, d);
            for (int i = 0; i < d; i++)
            {
                double error = Math.Abs((double)x[i] - b[i]) / Math.Max(1.0, Math.Abs((double)b[i]));
                if (!(error <= r.MaxError))
                {
                    r.MaxError = double.IsNaN(error) ? double.PositiveInfinity : error;
                    r.MaxStep = k;
                    r.MaxElement = i;
                }

                if (r.FirstViolation is null && !(error <= Tolerance))
                {
                    r.FirstViolation = string.Create(CultureInfo.InvariantCulture,
                        $"first violation at step {k}, element {i}: generated {x[i]:R}, torch {b[i]:R}");
                }
            }
        }

        return r;
    }

    private static string ModelName(ParityCase c) => c.Optimizer switch
    {
        "SGD" => c.WeightDecay == 0 ? "Sgd" : throw new NotSupportedException("SGD with weight decay"),
        "RMSprop" => c.WeightDecay == 0 ? "RmsProp" : "RmsPropL2",
        "Adam" => c.WeightDecay == 0 ? "Adam" : "AdamL2",
        "AdamW" => "AdamW",
        _ => throw new NotSupportedException("Unknown optimizer " + c.Optimizer),
    };

    private static StepFunction CreateStep(ParityCase c, int d)
    {
        string model = ModelName(c);
        Assert.Equal(c.Model, model);
        switch (model)
        {
            case "Sgd":
            {
                var opt = new Sgd.Optimizer<float>(new Sgd { Eta = c.Get("lr") }, d);
                return opt.Step;
            }

            case "RmsProp":
            {
                var opt = new RmsProp.Optimizer<float>(
                    new RmsProp { Eta = c.Get("lr"), Beta = c.Get("alpha"), Eps = c.Get("eps") }, d);
                return opt.Step;
            }

            case "RmsPropL2":
            {
                var opt = new RmsPropL2.Optimizer<float>(
                    new RmsPropL2 { Eta = c.Get("lr"), Beta = c.Get("alpha"), Eps = c.Get("eps"), WeightDecay = c.WeightDecay }, d);
                return opt.Step;
            }

            case "Adam":
            {
                var opt = new Adam.Optimizer<float>(
                    new Adam { Eta = c.Get("lr"), Beta1 = c.Get("beta1"), Beta2 = c.Get("beta2"), Eps = c.Get("eps") }, d);
                return opt.Step;
            }

            case "AdamL2":
            {
                var opt = new AdamL2.Optimizer<float>(
                    new AdamL2 { Eta = c.Get("lr"), Beta1 = c.Get("beta1"), Beta2 = c.Get("beta2"), Eps = c.Get("eps"), WeightDecay = c.WeightDecay }, d);
                return opt.Step;
            }

            case "AdamW":
            {
                var opt = new AdamW.Optimizer<float>(
                    new AdamW { Eta = c.Get("lr"), Beta1 = c.Get("beta1"), Beta2 = c.Get("beta2"), Eps = c.Get("eps"), WeightDecay = c.WeightDecay }, d);
                return opt.Step;
            }

            default:
                throw new NotSupportedException(model);
        }
    }

    private static float[] ReadFloats(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(0, bytes.Length % sizeof(float));
        var values = new float[bytes.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BitConverter.Int32BitsToSingle(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4 * i)));
            }
        }

        return values;
    }

    private static List<ParityCase> LoadCases()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "cases.json")));
        JsonElement root = doc.RootElement;
        string torchVersion = root.GetProperty("torch_version").GetString() ?? "";
        var cases = new List<ParityCase>();
        foreach (JsonElement e in root.GetProperty("cases").EnumerateArray())
        {
            var hyper = new Dictionary<string, double>();
            foreach (JsonProperty p in e.GetProperty("hyperparameters").EnumerateObject())
            {
                hyper[p.Name] = p.Value.GetDouble();
            }

            cases.Add(new ParityCase(
                e.GetProperty("name").GetString()!,
                e.GetProperty("optimizer").GetString()!,
                e.GetProperty("model").GetString()!,
                hyper,
                e.GetProperty("d").GetInt32(),
                e.GetProperty("steps").GetInt32(),
                e.GetProperty("file").GetString()!,
                torchVersion));
        }

        return cases;
    }

    private sealed class Comparison
    {
        public double MaxError { get; set; }
        public int MaxStep { get; set; }
        public int MaxElement { get; set; }
        public string? FirstViolation { get; set; }
    }

    private sealed record ParityCase(
        string Name, string Optimizer, string Model, Dictionary<string, double> Hyperparameters, int D, int Steps,
        string File, string TorchVersion)
    {
        public double WeightDecay => Hyperparameters.TryGetValue("weight_decay", out double value) ? value : 0.0;

        public double Get(string key) => Hyperparameters.TryGetValue(key, out double value)
            ? value
            : throw new InvalidOperationException($"Case {Name} has no hyperparameter {key}.");
    }
}
