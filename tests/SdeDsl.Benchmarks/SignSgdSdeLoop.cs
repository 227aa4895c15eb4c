using System;
using System.Runtime.CompilerServices;
using SdeDsl.Optimizers;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Benchmarks;

/// <summary>
/// One Euler–Maruyama step of the catalog's SignSGD SDE, float, over n coordinates (one path of dimension n, or
/// paths × d laid out flat: the kernel sees one span either way):
/// x ← x − Erf(grad/(√2 σ))·dt + √η·√(1 − Erf²)·√dt·ξ, through the generated
/// <c>SignSgd.EulerMaruyamaStep(x, grad, sigma, noiseX, t, dt)</c>, in the way <see cref="Variant"/> says.
/// </summary>
public sealed class SignSgdSdeLoop : ITimedLoop
{
    /// <summary>The chunk of <see cref="SignSgdSdeVariant.ChunkedFillAndStep"/>: 8192 floats (32 KB), a multiple of
    /// Philox's 64-normal tile, small enough to stay in L1/L2 between the fill and the step.</summary>
    public const int ChunkLength = 8192;

    private const int ShortLength = 16_384;

    private readonly SignSgd _model;
    private readonly float[] _x;
    private readonly float[] _grad;
    private readonly float[] _sigma;
    private readonly float[] _noise;
    private readonly float[] _fill;
    private readonly PhiloxStream _stream;
    private readonly double _t;
    private readonly double _dt;
    private long _step;

    /// <summary>A loop over its own copy of <paramref name="x0"/>, sharing the read-only inputs.</summary>
    /// <param name="variant">What one call does.</param>
    /// <param name="model">SignSGD's hyperparameters.</param>
    /// <param name="x0">The initial iterate (copied).</param>
    /// <param name="grad">The true gradient, read only.</param>
    /// <param name="sigma">The noise scale, read only.</param>
    /// <param name="noise">Precomputed standard normals, read only (used by <see cref="SignSgdSdeVariant.PrecomputedNoise"/>).</param>
    /// <param name="seed">The Philox seed of the variants that draw their normals.</param>
    /// <param name="t">The time passed to the kernel.</param>
    /// <param name="dt">The time step.</param>
    public SignSgdSdeLoop(SignSgdSdeVariant variant, SignSgd model, float[] x0, float[] grad, float[] sigma, float[] noise, ulong seed, double t, double dt)
    {
        Variant = variant;
        _model = model;
        _x = (float[])x0.Clone();
        _grad = grad;
        _sigma = sigma;
        _noise = noise;
        _fill = variant switch
        {
            SignSgdSdeVariant.FillNormalOnly or SignSgdSdeVariant.FillNormalThenStep => new float[x0.Length],
            SignSgdSdeVariant.ChunkedFillAndStep => new float[ChunkLength],
            _ => [],
        };
        _stream = new PhiloxStream(seed, streamId: 1);
        _t = t;
        _dt = dt;
    }

    /// <summary>What one call does.</summary>
    public SignSgdSdeVariant Variant { get; }

    /// <inheritdoc/>
    public string Name => Variant switch
    {
        SignSgdSdeVariant.PrecomputedNoise => "EM step, precomputed noise",
        SignSgdSdeVariant.HandWrittenPrecomputedNoise => "hand-written, Erf once, precomputed noise",
        SignSgdSdeVariant.FillNormalOnly => "FillNormal only",
        SignSgdSdeVariant.FillNormalThenStep => "FillNormal (all n), then EM step",
        _ => $"FillNormal + EM step per {ChunkLength}-chunk",
    };

    /// <inheritdoc/>
    public long Elements => _x.Length;

    /// <inheritdoc/>
    public long Bytes => Elements * Variant switch
    {
        SignSgdSdeVariant.PrecomputedNoise or SignSgdSdeVariant.HandWrittenPrecomputedNoise => 20, // reads x, grad, sigma, ξ; writes x
        SignSgdSdeVariant.FillNormalOnly => 4, // writes ξ
        SignSgdSdeVariant.ChunkedFillAndStep => 16, // reads x, grad, sigma and writes x; ξ stays in cache
        _ => 24, // writes ξ, then reads x, grad, sigma, ξ and writes x
    };

    /// <summary>The iterate this loop updates.</summary>
    public ReadOnlySpan<float> X => _x;

    /// <inheritdoc/>
    public void Run() => Step(_x.Length);

    /// <inheritdoc/>
    public void RunShort() => Step(Math.Min(ShortLength, _x.Length));

    /// <summary>One call over the first <paramref name="n"/> coordinates, with normals of Philox step
    /// <paramref name="step"/> (path 0; element e is coordinate e).</summary>
    /// <remarks>Each variant is a method of its own that is never inlined here: with dynamic PGO, the JIT inlines a
    /// hot call of the generated kernel into its caller, and in a caller that holds every variant its inlining budget
    /// ran out inside the kernel (SdeMath's helpers became calls), making one variant 20 % slower for reasons that
    /// have nothing to do with it.</remarks>
    public void Step(int n, long step)
    {
        switch (Variant)
        {
            case SignSgdSdeVariant.PrecomputedNoise:
                Precomputed(n);
                break;
            case SignSgdSdeVariant.HandWrittenPrecomputedNoise:
                HandWritten(n);
                break;
            case SignSgdSdeVariant.FillNormalOnly:
                FillOnly(n, step);
                break;
            case SignSgdSdeVariant.FillNormalThenStep:
                FillThenStep(n, step);
                break;
            default:
                ChunkedFillAndStep(n, step);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Precomputed(int n) =>
        _model.EulerMaruyamaStep(_x.AsSpan(0, n), _grad.AsSpan(0, n), _sigma.AsSpan(0, n), _noise.AsSpan(0, n), _t, _dt);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void HandWritten(int n) =>
        SignSgdSdeHandWritten.EulerMaruyamaStep(_x.AsSpan(0, n), _grad.AsSpan(0, n), _sigma.AsSpan(0, n), _noise.AsSpan(0, n), _model, _dt);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FillOnly(int n, long step) => _stream.FillNormal(_fill.AsSpan(0, n), 0, step);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FillThenStep(int n, long step)
    {
        _stream.FillNormal(_fill.AsSpan(0, n), 0, step);
        _model.EulerMaruyamaStep(_x.AsSpan(0, n), _grad.AsSpan(0, n), _sigma.AsSpan(0, n), _fill.AsSpan(0, n), _t, _dt);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ChunkedFillAndStep(int n, long step)
    {
        for (int start = 0; start < n; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, n - start);
            Span<float> noise = _fill.AsSpan(0, length);
            _stream.FillNormal(noise, 0, step, firstElement: start);
            _model.EulerMaruyamaStep(_x.AsSpan(start, length), _grad.AsSpan(start, length), _sigma.AsSpan(start, length), noise, _t, _dt);
        }
    }

    private void Step(int n) => Step(n, ++_step);
}
