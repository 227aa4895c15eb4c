namespace SdeDsl.Ensembles;

/// <summary>Advances a chunk of paths by one step; implemented by structs so the engine is specialized per model.</summary>
internal interface IChunkStepper
{
    void Step(Chunk chunk, long k);
}
