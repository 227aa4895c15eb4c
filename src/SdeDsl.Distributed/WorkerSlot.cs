using Orleans;

namespace SdeDsl.Distributed;

/// <summary>Where a worker runs (<see cref="Silo"/>, as Orleans prints a silo address) and how many work items its
/// silo runs at once (<see cref="Capacity"/>: a worker's <c>--work-items</c>, by default its cores).</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerSlot([property: Id(0)] string Silo, [property: Id(1)] int Capacity);
