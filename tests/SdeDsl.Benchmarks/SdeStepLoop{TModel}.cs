using System;

namespace SdeDsl.Benchmarks;

/// <summary>
/// One generated Euler–Maruyama step of a model's SDE in float (<c>EulerMaruyamaStep(states, grad, sigma, noise, t,
/// dt)</c>, precomputed noise) over the loop's own states and shared read-only inputs. Counted bytes per element: every
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
    /// <param name="grad">The true gradients (shared, read only).</param>
    /// <param name="sigma">The noise scales (shared, read only).</param>
    /// <param name="noise">At least (diffused states)·grad.Length normals (shared, read only).</param>
    /// <param name="seed">The seed of the initial states.</param>
    public SdeStepLoop(string name, TModel model, float[] grad, float[] sigma, float[] noise, int seed)
    {
        Name = name;
        _model = model;
        int n = grad.Length;
        int states = TModel.StateNames.Count;
        int diffused = TModel.DiffusedStateNames.Count;
        _grad = grad;
        _sigma = sigma;
        _noise = noise;
        _states = new float[states * n];
        var random = new Random(seed);
        for (int i = 0; i < _states.Length; i++)
        {
            _states[i] = (float)(0.5 + random.NextDouble()); // positive: second moments stay valid
        }

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
