using System;
using System.Collections.Generic;

namespace SdeDsl.Benchmarks;

/// <summary>
/// One catalog model's discrete step over float parameters: the generated flat-layout kernel
/// <c>model.Step(states, g, k)</c> (state j at <c>states[j·n .. (j+1)·n)</c>, the order of the model's
/// <c>StateNames</c>), on buffers of its own. <typeparamref name="TModel"/> is a struct constrained to the generated
/// interface, so the call is direct (no virtual call, no delegate), as in the ensemble engine.
/// </summary>
/// <typeparam name="TModel">The generated model.</typeparam>
public sealed class CatalogStepLoop<TModel> : ITimedLoop
    where TModel : struct, IOptimizerModel<TModel>
{
    private const int ShortLength = 16_384;

    private readonly TModel _model;
    private readonly float[] _states;
    private readonly float[] _g;
    private readonly float[] _shortStates;
    private readonly float[] _shortG;
    private readonly int _stateCount;

    /// <summary>Allocates the state and gradient buffers and fills them from a fixed seed (see <see cref="Fill"/>).</summary>
    /// <param name="name">The model's name in the tables.</param>
    /// <param name="model">The hyperparameters.</param>
    /// <param name="bytesPerParameter">The bytes one parameter's step loads and stores, written out by the caller
    /// from the model's update; checked against (2·states + 1)·4.</param>
    /// <param name="parameters">The number of parameters n.</param>
    /// <param name="seed">The seed of the initial values.</param>
    public CatalogStepLoop(string name, TModel model, int bytesPerParameter, int parameters, int seed)
    {
        model.Validate();
        _stateCount = TModel.StateNames.Count;

        // Every state is read and written (4 + 4 bytes), g is read (4 bytes). A mismatch means the catalog changed
        // and the byte count written next to the model no longer describes its update.
        int counted = ((2 * _stateCount) + 1) * sizeof(float);
        if (bytesPerParameter != counted)
        {
            throw new ArgumentException(
                $"{name} has {_stateCount} states ({string.Join(", ", TModel.StateNames)}), so its step moves {counted} bytes per parameter, not {bytesPerParameter}.",
                nameof(bytesPerParameter));
        }

        Name = name;
        _model = model;
        BytesPerParameter = bytesPerParameter;
        Elements = parameters;
        _states = new float[(long)_stateCount * parameters];
        _g = new float[parameters];
        Fill(TModel.StateNames, _states, _g, seed);
        _shortStates = new float[_stateCount * ShortLength];
        _shortG = new float[ShortLength];
        Fill(TModel.StateNames, _shortStates, _shortG, seed);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Bytes one parameter's step loads and stores.</summary>
    public int BytesPerParameter { get; }

    /// <summary>The number of state components (x first).</summary>
    public int StateCount => _stateCount;

    /// <inheritdoc/>
    public long Elements { get; }

    /// <inheritdoc/>
    public long Bytes => Elements * BytesPerParameter;

    /// <inheritdoc/>
    public void Run() => _model.Step(_states, _g, CatalogSteps.K);

    /// <inheritdoc/>
    public void RunShort() => _model.Step(_shortStates, _shortG, CatalogSteps.K);

    /// <summary>
    /// Seeded initial values in the ranges the step sees in training: x and g uniform in [−1, 1), a first moment m
    /// uniform in [−0.1, 0.1), a second moment v uniform in [1e-4, 1) (positive, as √v needs).
    /// </summary>
    private static void Fill(IReadOnlyList<string> stateNames, float[] states, float[] g, int seed)
    {
        var random = new System.Random(seed);
        int n = g.Length;
        for (int j = 0; j < stateNames.Count; j++)
        {
            Span<float> state = states.AsSpan(j * n, n);
            for (int i = 0; i < n; i++)
            {
                state[i] = stateNames[j] switch
                {
                    "v" => (float)(1e-4 + ((1 - 1e-4) * random.NextDouble())),
                    "m" => (float)(0.1 * ((2 * random.NextDouble()) - 1)),
                    _ => (float)((2 * random.NextDouble()) - 1),
                };
            }
        }

        for (int i = 0; i < n; i++)
        {
            g[i] = (float)((2 * random.NextDouble()) - 1);
        }
    }
}
