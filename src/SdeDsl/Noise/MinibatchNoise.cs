using System;
using System.Buffers;
using SdeDsl.Objectives;
using SdeDsl.RandomNumbers;

namespace SdeDsl.Noise;

/// <summary>
/// Minibatch gradient noise over a finite data set (docs/math.md §Setting): g = (1/B) Σ_{i&lt;B} ∇ℓ_{J_i}(x), with
/// J_0 … J_{B−1} drawn without replacement from the n examples of an <see cref="IFiniteSumObjective"/> by a partial
/// Fisher–Yates shuffle: J_i swaps position i with i + ⌊w_i·(n − i)/2^64⌋, w_i element i of the 64-bit words
/// (<see cref="PhiloxStream.FillUInt64"/>) of (path, step) (bias of each draw ≤ n/2^64). So the batch is a pure
/// function of (seed, stream id, path, step).
/// </summary>
/// <remarks>
/// <para><see cref="Sigma"/> is the exact standard deviation of that g per coordinate:
/// σ_i = s_i·√((n − B)/(n − 1))/√B, s_i² = (1/n) Σ_j (∂_i ℓ_j(x) − ∂_i f(x))² the population variance of the
/// per-example gradients, and √((n − B)/(n − 1)) the finite-population correction of sampling without replacement
/// (0 when B = n; 0 when n = 1).</para>
/// <para>Threads: the instance is immutable. Each thread keeps one permutation of [0, n) and one list of swap targets
/// (two int arrays, allocated on the thread's first call or when n grows, then reused; the permutation is restored
/// to the identity after every batch). The per-example gradient buffers are on the stack for d ≤ 256 and rented from
/// <see cref="ArrayPool{T}.Shared"/> otherwise; nothing else is allocated per call.</para>
/// </remarks>
public sealed class MinibatchNoise : INoiseModel
{
    private const int StackDimension = 256;

    [ThreadStatic]
    private static int[]? t_permutation;

    [ThreadStatic]
    private static int[]? t_targets;

    [ThreadStatic]
    private static int[]? t_batch;

    private readonly PhiloxStream _stream;

    /// <summary>Minibatches of <paramref name="batchSize"/> examples.</summary>
    /// <param name="batchSize">The batch size B ≥ 1 (and ≤ the objective's example count, checked per call).</param>
    /// <param name="seed">The generator's seed.</param>
    /// <param name="streamId">The stream id within the seed (see <see cref="PhiloxStream"/>).</param>
    public MinibatchNoise(int batchSize, ulong seed, uint streamId = 0)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size B must be ≥ 1.");
        }

        BatchSize = batchSize;
        _stream = new PhiloxStream(seed, streamId);
    }

    /// <summary>The batch size B.</summary>
    public int BatchSize { get; }

    /// <summary>The generator's seed.</summary>
    public ulong Seed => _stream.Seed;

    /// <summary>The stream id within the seed.</summary>
    public uint StreamId => _stream.StreamId;

    /// <summary>
    /// Writes the example indices J_0 … J_{B−1} of the batch of (path, step) for a data set of
    /// <paramref name="exampleCount"/> examples: distinct, in draw order.
    /// </summary>
    /// <param name="exampleCount">The number of examples n ≥ B.</param>
    /// <param name="path">The path index, in [0, 2^32).</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    /// <param name="batch">Receives the B indices.</param>
    public void Batch(int exampleCount, long path, long step, Span<int> batch)
    {
        CheckExampleCount(exampleCount, nameof(exampleCount));
        if (batch.Length != BatchSize)
        {
            throw new ArgumentException($"batch.Length = {batch.Length} must equal the batch size B = {BatchSize}.", nameof(batch));
        }

        NoiseArguments.PathAndStep(path, 1, step);
        DrawBatch(exampleCount, path, step, batch);
    }

    /// <summary>g = mean of B per-example gradients at each point, the batch drawn per (path, step).</summary>
    /// <param name="objective">An <see cref="IFiniteSumObjective"/> with at least B examples.</param>
    /// <param name="x">The points of paths <paramref name="firstPath"/>, … (length a multiple of d).</param>
    /// <param name="g">Receives the stochastic gradients (same length as <paramref name="x"/>).</param>
    /// <param name="firstPath">The path index of the first point, ≥ 0.</param>
    /// <param name="step">The step index, in [0, 2^32).</param>
    public void StochasticGradient(IObjective objective, ReadOnlySpan<double> x, Span<double> g, long firstPath, long step)
    {
        IFiniteSumObjective sum = FiniteSum(objective);
        int points = NoiseArguments.Points(objective, x, g.Length, nameof(g), 1);
        NoiseArguments.PathAndStep(firstPath, points, step);
        int d = sum.Dimension;
        int n = sum.ExampleCount;
        int b = BatchSize;

        double[]? rented = d > StackDimension ? ArrayPool<double>.Shared.Rent(d) : null;
        try
        {
            Span<double> exampleGradient = rented is null ? stackalloc double[d] : rented.AsSpan(0, d);
            Span<int> indices = b <= NoiseArguments.ChunkLength ? stackalloc int[b] : ThreadArray(ref t_batch, b);
            double scale = 1.0 / b;
            for (int p = 0; p < points; p++)
            {
                ReadOnlySpan<double> xp = x.Slice(p * d, d);
                Span<double> gp = g.Slice(p * d, d);
                gp.Clear();
                DrawBatch(n, firstPath + p, step, indices);
                for (int i = 0; i < b; i++)
                {
                    sum.ExampleGradient(xp, indices[i], exampleGradient);
                    for (int k = 0; k < d; k++)
                    {
                        gp[k] += exampleGradient[k];
                    }
                }

                for (int k = 0; k < d; k++)
                {
                    gp[k] *= scale;
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>True: the per-example spread of the gradients, and so σ, changes with x.</summary>
    public bool SigmaDependsOnX => true;

    /// <summary>Writes σ_i = s_i·√((n − B)/(n − 1))/√B at each point: the exact standard deviation of g.</summary>
    /// <param name="objective">An <see cref="IFiniteSumObjective"/> with at least B examples.</param>
    /// <param name="x">The points (length a multiple of d).</param>
    /// <param name="sigma">Receives σ_i (same length as <paramref name="x"/>).</param>
    public void Sigma(IObjective objective, ReadOnlySpan<double> x, Span<double> sigma)
    {
        IFiniteSumObjective sum = FiniteSum(objective);
        int points = NoiseArguments.Points(objective, x, sigma.Length, nameof(sigma), 1);
        int d = sum.Dimension;
        int n = sum.ExampleCount;
        double correction = n == 1 ? 0.0 : Math.Sqrt((double)(n - BatchSize) / (n - 1) / BatchSize);

        double[]? rented = d > StackDimension / 2 ? ArrayPool<double>.Shared.Rent(2 * d) : null;
        try
        {
            Span<double> buffer = rented is null ? stackalloc double[2 * d] : rented.AsSpan(0, 2 * d);
            Span<double> exampleGradient = buffer[..d];
            Span<double> mean = buffer.Slice(d, d);
            for (int p = 0; p < points; p++)
            {
                ReadOnlySpan<double> xp = x.Slice(p * d, d);
                Span<double> m2 = sigma.Slice(p * d, d);
                mean.Clear();
                m2.Clear();

                // Welford's one-pass mean and sum of squared deviations, per coordinate.
                for (int j = 0; j < n; j++)
                {
                    sum.ExampleGradient(xp, j, exampleGradient);
                    double weight = 1.0 / (j + 1);
                    for (int k = 0; k < d; k++)
                    {
                        double delta = exampleGradient[k] - mean[k];
                        mean[k] += delta * weight;
                        m2[k] += delta * (exampleGradient[k] - mean[k]);
                    }
                }

                for (int k = 0; k < d; k++)
                {
                    m2[k] = Math.Sqrt(Math.Max(m2[k], 0.0) / n) * correction;
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    private IFiniteSumObjective FiniteSum(IObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (objective is not IFiniteSumObjective sum)
        {
            throw new ArgumentException(
                $"Minibatch noise needs an {nameof(IFiniteSumObjective)} (per-example gradients); got {objective.GetType().Name}.",
                nameof(objective));
        }

        CheckExampleCount(sum.ExampleCount, nameof(objective));
        return sum;
    }

    private void CheckExampleCount(int n, string name)
    {
        if (n < BatchSize)
        {
            throw new ArgumentException($"The data set has n = {n} examples; the batch size B = {BatchSize} must lie in [1, n].", name);
        }
    }

    /// <summary>Partial Fisher–Yates on the thread's identity permutation, which is restored afterwards.</summary>
    private void DrawBatch(int n, long path, long step, Span<int> batch)
    {
        int b = batch.Length;
        int[] permutation = Permutation(n);
        Span<ulong> words = stackalloc ulong[NoiseArguments.ChunkLength];
        Span<int> targets = stackalloc int[NoiseArguments.ChunkLength];
        Span<int> allTargets = b > NoiseArguments.ChunkLength ? ThreadArray(ref t_targets, b) : default;
        bool large = b > NoiseArguments.ChunkLength;
        for (int start = 0; start < b; start += NoiseArguments.ChunkLength)
        {
            int count = Math.Min(NoiseArguments.ChunkLength, b - start);
            _stream.FillUInt64(words[..count], path, step, start);
            for (int c = 0; c < count; c++)
            {
                int i = start + c;
                int j = i + (int)Math.BigMul(words[c], (ulong)(n - i), out _);
                (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
                batch[i] = permutation[i];
                if (!large)
                {
                    targets[i] = j;
                }
                else
                {
                    allTargets[i] = j;
                }
            }
        }

        // Undo the swaps in reverse order: the permutation is the identity again.
        ReadOnlySpan<int> undo = large ? allTargets : targets[..b];
        for (int i = b - 1; i >= 0; i--)
        {
            int j = undo[i];
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }
    }

    private static int[] Permutation(int n)
    {
        int[]? permutation = t_permutation;
        if (permutation is null || permutation.Length < n)
        {
            permutation = new int[n];
            for (int i = 0; i < n; i++)
            {
                permutation[i] = i;
            }

            t_permutation = permutation;
        }

        return permutation;
    }

    private static Span<int> ThreadArray(ref int[]? field, int length)
    {
        int[]? array = field;
        if (array is null || array.Length < length)
        {
            array = new int[length];
            field = array;
        }

        return array.AsSpan(0, length);
    }
}
