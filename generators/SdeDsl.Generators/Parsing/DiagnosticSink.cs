using System;
using Microsoft.CodeAnalysis;

namespace SdeDsl.Generators.Parsing;

/// <summary>
/// Collects the diagnostics of a parse. The analyzer passes a callback that reports them; the generator passes none
/// and only asks whether any error was seen, in which case it emits nothing for the model.
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly Action<Diagnostic>? _report;

    public DiagnosticSink(Action<Diagnostic>? report) => _report = report;

    public bool HasErrors => ErrorCount > 0;

    /// <summary>True for the analyzer's sink, which reports; false for the generator's, which only counts errors.</summary>
    public bool IsReporting => _report is not null;

    public int ErrorCount { get; private set; }

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            ErrorCount++;
        }

        _report?.Invoke(Diagnostic.Create(descriptor, location, arguments));
    }

    public void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params object?[] arguments) =>
        Report(descriptor, node.GetLocation(), arguments);
}
