using Orleans;

namespace SdeDsl.Distributed;

/// <summary>One work item of a distributed run: paths [FirstPath, FirstPath + Paths) of the run described by
/// <see cref="RunJson"/> (a <see cref="Runs.RunDescription"/>), with the user assemblies its model may come from.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkItem(
    [property: Id(0)] string RunJson,
    [property: Id(1)] int FirstPath,
    [property: Id(2)] int Paths,
    [property: Id(3)] string[] Assemblies);
