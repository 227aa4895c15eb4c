namespace SdeDsl.Noise;

/// <summary>
/// A noise model whose σ does not depend on the point: its <c>Sigma</c> writes the same values at every call. An
/// ensemble then writes a chunk's σ buffer once instead of at every step (for 4,096 paths × d = 16 in float, 2.3 µs of a
/// step of about 95 µs). Internal: a model outside this assembly keeps being asked at every step, since
/// <see cref="INoiseModel.SigmaDependsOnX"/> is false for every model that does not say otherwise and so cannot tell.
/// </summary>
internal interface IStateIndependentScales
{
}
