namespace SdeDsl.Cli.Bench;

/// <summary>
/// A loop that <see cref="RoundRobin"/> times (for <c>sdedsl bench</c> and the benchmarks project's quick modes): one
/// <see cref="Run"/> is one step over the loop's buffers. Called through this interface once per step of millions of elements, so the interface call costs nothing
/// measurable; inside, each loop calls its kernel directly (a constrained generic, no virtual call per element).
/// </summary>
public interface ITimedLoop
{
    /// <summary>The name printed in the tables.</summary>
    string Name { get; }

    /// <summary>Elements (parameters, coordinates) one <see cref="Run"/> processes.</summary>
    long Elements { get; }

    /// <summary>Bytes one <see cref="Run"/> loads and stores, counted as the program's loads and stores (not DRAM
    /// traffic: a write-allocate read is not counted).</summary>
    long Bytes { get; }

    /// <summary>Untimed set-up that <see cref="RoundRobin"/> runs before each call of <see cref="Run"/> or
    /// <see cref="RunShort"/> (none by default): e.g. putting the loop's inputs in buffers that other loops share.</summary>
    void Prepare()
    {
    }

    /// <summary>One step over the whole buffers.</summary>
    void Run();

    /// <summary>One step over a short, cache-resident prefix of the buffers: the same methods with little memory
    /// traffic, so that the tiered JIT can be driven to its optimized code cheaply.</summary>
    void RunShort();
}
