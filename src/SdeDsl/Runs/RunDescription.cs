using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using SdeDsl.Ensembles;

namespace SdeDsl.Runs;

/// <summary>
/// Everything that determines an ensemble run, as one serializable value: the model by name and its hyperparameters,
/// the objective and noise specs (<see cref="ObjectiveSpec"/>, <see cref="NoiseSpec"/>), the ensemble's size and
/// records, the integrator and the seed. The same description gives the same bits on any machine and any number of
/// threads (<see cref="RunExecutor.Run"/>): every results file of the <c>sdedsl</c> tool carries the descriptions of
/// its runs, so any number in it can be re-run exactly.
/// </summary>
public sealed record RunDescription
{
    /// <summary>The model's type name (<c>AdamW</c>) or full name (<c>SdeDsl.Optimizers.AdamW</c>).</summary>
    public required string Model { get; init; }

    /// <summary>Hyperparameter values by name (case-insensitive); a hyperparameter not given is 0.</summary>
    public IReadOnlyDictionary<string, double> Hyperparameters { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The objective spec, e.g. <c>quadratic:1,2,4</c>.</summary>
    public required string Objective { get; init; }

    /// <summary>The noise spec, e.g. <c>gaussian:1</c>.</summary>
    public required string Noise { get; init; }

    /// <summary>The optimizer or its SDE.</summary>
    public RunKind Kind { get; init; } = RunKind.Sde;

    /// <summary>The SDE's integrator (ignored by an optimizer run).</summary>
    public SdeIntegrator Integrator { get; init; } = SdeIntegrator.EulerMaruyama;

    /// <summary>The floating-point type of the state (<c>double</c>, <c>single</c> or <c>single-own-draws</c> in JSON): see
    /// <see cref="EnsembleOptions.Precision"/>.</summary>
    public EnsemblePrecision Precision { get; init; } = EnsemblePrecision.Double;

    /// <summary>The number of paths.</summary>
    public required int Paths { get; init; }

    /// <summary>The number of steps.</summary>
    public required long Steps { get; init; }

    /// <summary>The SDE's time step dt, which an SDE run must set (NaN, unset, by default; a description without it is
    /// refused, not run at some dt); an optimizer run reports time as step × dt too, or as its step numbers unset.</summary>
    public double TimeStep { get; init; } = double.NaN;

    /// <summary>The SDE's time at step 0.</summary>
    public double StartTime { get; init; }

    /// <summary>The seed of every draw: the noise model's (stream 0) and the SDE's Brownian increments (their own stream).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The steps at which observables are recorded (0 is the start); increasing, within [0, Steps].</summary>
    public required IReadOnlyList<long> RecordSteps { get; init; }

    /// <summary>The observables: <c>f</c>, <c>|x|^2</c>, <c>x[i]</c>, or <c>|s|^2</c> for a state s.</summary>
    public IReadOnlyList<string> Observables { get; init; } = ["f"];

    /// <summary>The starting point x0, one value per coordinate; or one value for every coordinate.</summary>
    public required IReadOnlyList<double> InitialX { get; init; }

    /// <summary>Starting values of other state components (e.g. <c>v</c>), one value per coordinate or one for all;
    /// components not named start at 0.</summary>
    public IReadOnlyDictionary<string, double[]>? InitialStates { get; init; }

    /// <summary>Keep every path's values (true), stream statistics in bounded memory (false), or decide by the path
    /// count (null: keep up to <see cref="EnsembleOptions.KeepValuesLimit"/> paths). Moments are the same bits either way.</summary>
    public bool? KeepValues { get; init; }

    /// <summary>Paths per chunk of work (0: the engine's choice). It changes nothing in the results.</summary>
    public int PathsPerChunk { get; init; }

    /// <summary>The options <see cref="JsonSerializer"/> uses for a description: camelCase names, enums as
    /// kebab-case strings, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>The description as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a description written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a description.</exception>
    public static RunDescription FromJson(string json) =>
        JsonSerializer.Deserialize<RunDescription>(json, JsonOptions) ?? throw new JsonException("The JSON text is null, not a run description.");

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
