using Orleans;

namespace SdeDsl.Distributed;

/// <summary>One work item of a distributed run: paths [FirstPath, FirstPath + Paths) of the run described by
/// <see cref="RunJson"/> (a <see cref="Runs.RunDescription"/>), with the user assemblies its model may come from and,
/// when the client pinned them, the SHA-256 of each as the client read it: a worker that reads other bytes (a build
/// made during the run, another file on another machine) refuses the item, so one run never mixes two builds.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkItem(
    [property: Id(0)] string RunJson,
    [property: Id(1)] int FirstPath,
    [property: Id(2)] int Paths,
    [property: Id(3)] string[] Assemblies,
    [property: Id(4)] string[]? AssemblyHashes = null);
