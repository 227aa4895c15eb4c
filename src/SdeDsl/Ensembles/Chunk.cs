using System;

namespace SdeDsl.Ensembles;

/// <summary>
/// The buffers of one chunk of paths: state component j of path p at coordinate i is at
/// <c>States[j·n + p·d + i]</c>, n = paths × d, the flat layout of the generated kernels. A single-precision chunk keeps
/// its state, gradient, σ, Hessian and increments in the float buffers (<see cref="SingleStates"/>, …); its double
/// buffers are then the scratch of the boundary with objectives and noise models: <see cref="States"/> holds x only
/// (widened), and <see cref="Gradient"/>, <see cref="Sigma"/> and <see cref="Hessian"/> receive their double outputs;
/// <see cref="Noise"/> is empty (the increments are drawn in float).
/// </summary>
internal sealed class Chunk
{
    public Chunk(int firstPath, int paths, int dimension, int stateCount, int diffusedCount, bool withHessian = false,
        EnsemblePrecision precision = EnsemblePrecision.Double)
    {
        FirstPath = firstPath;
        Paths = paths;
        Dimension = dimension;
        StateCount = stateCount;
        DiffusedCount = diffusedCount;
        WithHessian = withHessian;
        Precision = precision;
        int n = paths * dimension;
        States = new double[(IsSingle ? 1 : stateCount) * n];
        Gradient = new double[n];
        Sigma = new double[n];
        Noise = IsSingle ? Array.Empty<double>() : new double[diffusedCount * n];
        Hessian = withHessian ? new double[n] : Array.Empty<double>();
        SingleStates = IsSingle ? new float[stateCount * n] : Array.Empty<float>();
        SingleGradient = IsSingle ? new float[n] : Array.Empty<float>();
        SingleSigma = IsSingle ? new float[n] : Array.Empty<float>();
        SingleNoise = IsSingle ? new float[diffusedCount * n] : Array.Empty<float>();
        SingleHessian = IsSingle && withHessian ? new float[n] : Array.Empty<float>();
    }

    /// <summary>The run's index of the chunk's first path; a worker moves its chunk on with <see cref="MoveTo"/>.</summary>
    public int FirstPath { get; private set; }

    /// <summary>The noise model whose σ the σ buffer holds when that σ does not depend on the state
    /// (<see cref="Noise.IStateIndependentScales"/>), so that it is written once per chunk; else null.</summary>
    public Noise.INoiseModel? SigmaWrittenBy { get; set; }

    public int Paths { get; }

    public int Dimension { get; }

    /// <summary>The number of state components (x first).</summary>
    public int StateCount { get; }

    /// <summary>The number of diffused state components, whose increments the chunk holds.</summary>
    public int DiffusedCount { get; }

    /// <summary>Whether the chunk has Hessian buffers (a higher-order step).</summary>
    public bool WithHessian { get; }

    /// <summary>The precision the chunk's buffers were made for.</summary>
    public EnsemblePrecision Precision { get; }

    public int Elements => Paths * Dimension;

    /// <summary>Whether the state is in the float buffers (<see cref="EnsemblePrecision.Single"/> or
    /// <see cref="EnsemblePrecision.SingleOwnDraws"/>).</summary>
    public bool IsSingle => Precision is EnsemblePrecision.Single or EnsemblePrecision.SingleOwnDraws;

    /// <summary>Whether the float increments are the generator's own float normals rather than the double run's
    /// (<see cref="EnsemblePrecision.SingleOwnDraws"/>).</summary>
    public bool OwnSingleDraws => Precision == EnsemblePrecision.SingleOwnDraws;

    public double[] States { get; }

    /// <summary>The stochastic gradient (discrete runs) or ∇f (SDE runs) at every path's x.</summary>
    public double[] Gradient { get; }

    public double[] Sigma { get; }

    /// <summary>The diagonal of the objective's Hessian at every path's x (higher-order SDE runs whose model needs it;
    /// empty otherwise).</summary>
    public double[] Hessian { get; }

    /// <summary>Standard-normal increments of the diffused components, back to back.</summary>
    public double[] Noise { get; }

    /// <summary>The state of a single-precision chunk (empty otherwise), in the layout of <see cref="States"/>.</summary>
    public float[] SingleStates { get; }

    /// <summary>The gradient of a single-precision chunk, rounded from <see cref="Gradient"/> or from a float path.</summary>
    public float[] SingleGradient { get; }

    public float[] SingleSigma { get; }

    public float[] SingleHessian { get; }

    /// <summary>The increments of a single-precision chunk: the double run's normals evaluated in float
    /// (<see cref="RandomNumbers.PhiloxStream.FillNormalNarrow"/>).</summary>
    public float[] SingleNoise { get; }

    /// <summary>x in double: the state's first component, or (single precision) the scratch <see cref="WidenX"/> fills.</summary>
    public Span<double> X => States.AsSpan(0, Elements);

    public Span<float> SingleX => SingleStates.AsSpan(0, Elements);

    public Span<double> Component(int index) => States.AsSpan(index * Elements, Elements);

    public ReadOnlySpan<float> SingleComponent(int index) => SingleStates.AsSpan(index * Elements, Elements);

    /// <summary>Copies the float x into <see cref="X"/> (single precision), for the objective, the noise model and the observables.</summary>
    public void WidenX() => SingleConversion.Widen(SingleX, X);

    /// <summary>Whether every component of every path's state is finite. The components lie back to back, so this is
    /// one pass over the whole state buffer: a model's other components (RMSprop's v, Adam's m and v) can overflow while
    /// x stays finite, and a run that checked x alone would go on with such a path.</summary>
    public bool StateIsFinite() => IsSingle ? Ensemble.AllFinite<float>(SingleStates) : Ensemble.AllFinite<double>(States);

    /// <summary>State component <paramref name="component"/> at flat index <paramref name="element"/>, in double.</summary>
    public double StateAt(int component, int element) =>
        IsSingle ? SingleStates[(component * Elements) + element] : States[(component * Elements) + element];

    /// <summary>Whether the chunk has the buffers that <see cref="Chunk(int, int, int, int, int, bool, EnsemblePrecision)"/>
    /// would allocate for these arguments (all but the first path), so that a run can take it over.</summary>
    public bool Fits(int paths, int dimension, int stateCount, int diffusedCount, bool withHessian, EnsemblePrecision precision) =>
        Paths == paths && Dimension == dimension && StateCount == stateCount && DiffusedCount == diffusedCount
        && WithHessian == withHessian && Precision == precision;

    /// <summary>The bytes of the chunk's buffers.</summary>
    public long Bytes =>
        (8L * (States.Length + Gradient.Length + Sigma.Length + Noise.Length + Hessian.Length))
        + (4L * (SingleStates.Length + SingleGradient.Length + SingleSigma.Length + SingleNoise.Length + SingleHessian.Length));

    /// <summary>
    /// Makes the chunk the one of the paths from <paramref name="firstPath"/> on (as many as before), keeping its buffers:
    /// a worker runs its chunks one after another in one set of buffers, instead of allocating (and the garbage
    /// collector clearing) a set per chunk. <see cref="Initialize"/> then sets every state; the other buffers are
    /// written by each step before they are read.
    /// </summary>
    public Chunk MoveTo(int firstPath)
    {
        FirstPath = firstPath;
        return this;
    }

    /// <summary>Sets every path to the starting state; components not given start at zero.</summary>
    public void Initialize(EnsembleOptions options)
    {
        ReadOnlySpan<double> initial = options.InitialStates ?? options.InitialX;
        int d = Dimension, n = Elements;
        int given = initial.Length / d;
        if (IsSingle)
        {
            SingleStates.AsSpan(given * n).Clear();
        }
        else
        {
            States.AsSpan(given * n).Clear();
        }

        for (int component = 0; component < given; component++)
        {
            ReadOnlySpan<double> start = initial.Slice(component * d, d);
            for (int p = 0; p < Paths; p++)
            {
                int offset = (component * n) + (p * d);
                if (IsSingle)
                {
                    SingleConversion.Narrow(start, SingleStates.AsSpan(offset, d));
                }
                else
                {
                    start.CopyTo(States.AsSpan(offset, d));
                }
            }
        }
    }
}
