using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Threading;
using SdeDsl.Kernels;
using SdeDsl.Tests.Models;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// A generated kernel's loop must be compiled with every vector helper inlined. The JIT allows a method, its inlines
/// included, 512 locals; past that it inlines nothing more ("too many locals"), not even a vector constructor, and the
/// loop calls its helpers with their vectors on the stack. A float EM step with two Pows took 62 times an in-place triad
/// that way (docs/performance-log.md). The runtime reports each failed inline as an event, which an in-process
/// <see cref="EventListener"/> receives; this compiles the loops of a heavy model (<see cref="InliningProbe"/>) and
/// asserts that no inline failed for lack of locals or budget. One call over 2^20 floats makes the runtime compile the
/// loop with optimization while it runs (on-stack replacement), so the events arrive during the call (that loop is the
/// one that prefetches, or where the processor has AVX-512 the 512-bit one); calls over 64
/// floats then make it compile the step method itself (tier 1), the form that runs from then on. The events are
/// raised, and their arguments allocated, on whichever thread compiles a method, so the test runs alone, after the
/// others: in parallel it made the allocation tests of other classes count those bytes.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class GeneratedKernelInliningTests
{
    [Fact]
    public void AHeavyKernelsLoopsInlineEveryHelper()
    {
        using var listener = new InliningListener();
        var model = new InliningProbe { Eta = 0.01, Nu = 3 };
        const int n = 1 << 20;
        var x = new float[n];
        var grad = new float[n];
        var sigma = new float[n];
        var noise = new float[n];
        for (int i = 0; i < n; i++)
        {
            (x[i], grad[i], sigma[i], noise[i]) = (1f, 0.25f * ((i % 17) - 8), 1f, 0.3f);
        }

        // Until the loops were compiled with optimization (one call, in practice), for at most 30 seconds.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            model.EulerMaruyamaStep(x, grad, sigma, noise, 0.0, 1e-3);
        }
        while (listener.OptimizedLoops == 0 && DateTime.UtcNow < deadline);

        Assert.True(listener.OptimizedLoops > 0, "no optimized compilation of a kernel loop was seen within 30 s: nothing was checked");

        // Spans of 16,384 floats, an ensemble's chunks: declared in cache as the engine's workers declare them, they take
        // a loop of their own (RunWide with one 64-byte load per input where the wide body runs, RunVectors elsewhere),
        // compiled apart from the long spans' loop. Undeclared, they would take the long spans' loop again.
        int beforeChunks = listener.OptimizedLoops;
        const int chunk = 1 << 14;
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        int outer = VectorKernel.EnterInCache();
        try
        {
            do
            {
                model.EulerMaruyamaStep(x.AsSpan(0, chunk), grad.AsSpan(0, chunk), sigma.AsSpan(0, chunk), noise.AsSpan(0, chunk), 0.0, 1e-3);
            }
            while (listener.OptimizedLoops == beforeChunks && DateTime.UtcNow < deadline);
        }
        finally
        {
            VectorKernel.ExitInCache(outer);
        }

        Assert.True(listener.OptimizedLoops > beforeChunks, "no optimized compilation of the in-cache spans' loop was seen within 30 s");

        // Then the step as it runs from then on: after 30 calls the runtime compiles the step method itself with
        // optimization (tier 1), the one-vector loop inlined into it, with less of the budget left for the body than
        // the loop's own compilation had. Spans of 64 floats take that loop on every machine (the 512-bit one needs
        // 128), and are too short for an on-stack replacement, so the next optimized compilation is this one.
        // Without tiering (for methods with loops: quick JIT for loops off) the first compilation was already that one.
        if (Tiered("DOTNET_TieredCompilation", "System.Runtime.TieredCompilation")
            && Tiered("DOTNET_TC_QuickJitForLoops", "System.Runtime.TieredCompilation.QuickJitForLoops"))
        {
            int seen = listener.OptimizedLoops;
            const int few = 64;
            deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            DateTime? seenAt = null;
            while (DateTime.UtcNow < deadline && (seenAt is null || DateTime.UtcNow < seenAt + TimeSpan.FromSeconds(1)))
            {
                model.EulerMaruyamaStep(x.AsSpan(0, few), grad.AsSpan(0, few), sigma.AsSpan(0, few), noise.AsSpan(0, few), 0.0, 1e-3);
                Thread.Sleep(1);
                seenAt ??= listener.OptimizedLoops > seen ? DateTime.UtcNow : null;
            }

            Assert.True(listener.OptimizedLoops > seen, "no optimized compilation of the step method was seen within 30 s");
        }

        Assert.True(listener.Failures.IsEmpty, "inlines failed in a kernel loop: " + string.Join("; ", listener.Failures));
    }

    /// <summary>Whether a tiering setting is on: neither its environment variable nor its runtimeconfig property says
    /// off.</summary>
    private static bool Tiered(string variable, string property) =>
        Environment.GetEnvironmentVariable(variable) != "0"
        && !string.Equals(AppContext.GetData(property) as string, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The runtime's inlining events (keyword JitTracing, 0x1000) of the kernel loops and their bodies.</summary>
    private sealed class InliningListener : EventListener
    {
        private int _optimizedLoops;

        public int OptimizedLoops => Volatile.Read(ref _optimizedLoops);

        public ConcurrentQueue<string> Failures { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1000);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not ("MethodJitInliningSucceeded" or "MethodJitInliningFailed") || e.PayloadNames is null || e.Payload is null)
            {
                return;
            }

            string type = Payload(e, "MethodBeingCompiledNamespace"), method = Payload(e, "MethodBeingCompiledName");
            // The loops (VectorKernel.Run, RunWide and RunVectors) and the probe's own kernel methods, compiled on
            // their own.
            bool loop = (type == "SdeDsl.Kernels.VectorKernel" && method is "Run" or "RunWide" or "RunVectors")
                || type.Contains(nameof(InliningProbe), StringComparison.Ordinal);
            if (!loop)
            {
                return;
            }

            if (e.EventName == "MethodJitInliningSucceeded")
            {
                Interlocked.Increment(ref _optimizedLoops);
                return;
            }

            string reason = Payload(e, "FailReason");
            if (reason.Contains("too many locals", StringComparison.Ordinal) || reason.Contains("budget", StringComparison.Ordinal))
            {
                Failures.Enqueue($"{type}.{method} → {Payload(e, "InlineeNamespace")}.{Payload(e, "InlineeName")}: {reason}");
            }
        }

        private static string Payload(EventWrittenEventArgs e, string name)
        {
            int index = e.PayloadNames!.IndexOf(name);
            return index >= 0 ? e.Payload![index]?.ToString() ?? string.Empty : string.Empty;
        }
    }
}

/// <summary>Tests that must not run beside any other (xunit runs this collection after the parallel ones).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
