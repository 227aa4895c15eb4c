using System;

namespace SdeDsl.Cli.Bench;

/// <summary>
/// One generated Euler–Maruyama step of a model's SDE in float (<c>EulerMaruyamaStep(states, grad, sigma, noise, t,
/// dt)</c>, precomputed noise) over states and read-only inputs that other loops may share. Counted bytes per element: every
/// state read and written, grad, σ and one normal per diffused state read.
/// </summary>
/// <typeparam name="TModel">The generated model.</typeparam>
public sealed class SdeStepLoop<TModel> : ITimedLoop
    where TModel : struct, ISdeModel<TModel>
{
    private const int ShortLength = 8192;
    private const double T = 1.0;
    private const double Dt = 0.01;

    private readonly TModel _model;
    private readonly float[] _states;
    private readonly float[] _grad;
    private readonly float[] _sigma;
    private readonly float[] _noise;
    private readonly float[] _shortStates;
    private readonly float[] _shortNoise;

    /// <summary>A step of <paramref name="model"/> over grad.Length coordinates.</summary>
    /// <param name="name">The name printed in the tables.</param>
    /// <param name="model">The model, hyperparameters set.</param>
    /// <param name="grad">The true gradients (read only; shared).</param>
    /// <param name="sigma">The noise scales (read only; shared).</param>
    /// <param name="noise">At least (diffused states)·grad.Length normals (read only; shared).</param>
    /// <param name="stateValues">The states, every component over grad.Length coordinates (e.g.
    /// <see cref="StateBuffers.Positive"/>); other loops of the same model may share them, as a loop only ever steps them
    /// on.</param>
    public SdeStepLoop(string name, TModel model, float[] grad, float[] sigma, float[] noise, float[] stateValues)
    {
        Name = name;
        _model = model;
        int n = grad.Length;
        int states = TModel.StateNames.Count;
        int diffused = TModel.DiffusedStateNames.Count;
        _grad = grad;
        _sigma = sigma;
        _noise = noise;
        _states = stateValues;
        _shortStates = new float[states * ShortLength];
        Array.Fill(_shortStates, 1f);
        _shortNoise = new float[diffused * ShortLength];
        Bytes = (long)n * 4 * ((2L * states) + 2 + diffused);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public long Elements => _grad.Length;

    /// <inheritdoc/>
    public long Bytes { get; }

    /// <inheritdoc/>
    public void Run() => _model.EulerMaruyamaStep(
        _states, _grad, _sigma, _noise.AsSpan(0, TModel.DiffusedStateNames.Count * _grad.Length), T, Dt);

    /// <inheritdoc/>
    public void RunShort() => _model.EulerMaruyamaStep(
        _shortStates, _grad.AsSpan(0, ShortLength), _sigma.AsSpan(0, ShortLength), _shortNoise, T, Dt);
}

/// <summary>Buffers of states for timed loops.</summary>
public static class StateBuffers
{
    /// <summary><paramref name="length"/> values uniform in [0.5, 1.5) from <paramref name="seed"/>: positive, so that
    /// second moments stay valid.</summary>
    public static float[] Positive(int length, int seed)
    {
        var states = new float[length];
        var random = new Random(seed);
        for (int i = 0; i < states.Length; i++)
        {
            states[i] = (float)(0.5 + random.NextDouble());
        }

        return states;
    }
}
