using SdeDsl.Statistics;

namespace SdeDsl.Ensembles;

/// <summary>A part of an ensemble run, paths [FirstPath, FirstPath + Paths): its values ([cell × Paths + path], when
/// kept) or its blocks' moments ([block × cells + cell], when streamed), with min and max per cell.</summary>
internal sealed record EnsemblePart(int FirstPath, int Paths, double[]? Values, RunningMoments[] Blocks, double[] Min, double[] Max);
