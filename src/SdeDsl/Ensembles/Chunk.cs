using System;

namespace SdeDsl.Ensembles;

/// <summary>
/// The buffers of one chunk of paths: state component j of path p at coordinate i is at
/// <c>States[j·n + p·d + i]</c>, n = paths × d, the flat layout of the generated kernels.
/// </summary>
internal sealed class Chunk
{
    public Chunk(int firstPath, int paths, int dimension, int stateCount, int diffusedCount, bool withHessian = false)
    {
        FirstPath = firstPath;
        Paths = paths;
        Dimension = dimension;
        int n = paths * dimension;
        States = new double[stateCount * n];
        Gradient = new double[n];
        Sigma = new double[n];
        Noise = new double[diffusedCount * n];
        Hessian = withHessian ? new double[n] : Array.Empty<double>();
    }

    public int FirstPath { get; }

    public int Paths { get; }

    public int Dimension { get; }

    public int Elements => Paths * Dimension;

    public double[] States { get; }

    /// <summary>The stochastic gradient (discrete runs) or ∇f (SDE runs) at every path's x.</summary>
    public double[] Gradient { get; }

    public double[] Sigma { get; }

    /// <summary>The diagonal of the objective's Hessian at every path's x (higher-order SDE runs whose model needs it;
    /// empty otherwise).</summary>
    public double[] Hessian { get; }

    /// <summary>Standard-normal increments of the diffused components, back to back.</summary>
    public double[] Noise { get; }

    public Span<double> X => States.AsSpan(0, Elements);

    public Span<double> Component(int index) => States.AsSpan(index * Elements, Elements);

    /// <summary>Sets every path to the starting state; components not given start at zero.</summary>
    public void Initialize(EnsembleOptions options)
    {
        ReadOnlySpan<double> initial = options.InitialStates ?? options.InitialX;
        int d = Dimension;
        for (int component = 0; component < initial.Length / d; component++)
        {
            ReadOnlySpan<double> start = initial.Slice(component * d, d);
            Span<double> destination = Component(component);
            for (int p = 0; p < Paths; p++)
            {
                start.CopyTo(destination.Slice(p * d, d));
            }
        }
    }
}
