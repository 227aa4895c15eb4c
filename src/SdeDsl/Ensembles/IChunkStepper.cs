namespace SdeDsl.Ensembles;

/// <summary>Advances a chunk of paths by one step; implemented by structs so the engine is specialized per model.</summary>
internal interface IChunkStepper
{
    void Step(Chunk chunk, long k);

    /// <summary>Calls the noise model once on the initial point, before any worker starts, so that a noise model that
    /// does not fit the objective (say, of another dimension) throws on the caller's thread.</summary>
    void ValidateNoise(double[] initialX);
}
