using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SdeDsl.Generators.Emitting;
using SdeDsl.Generators.Model;
using SdeDsl.Generators.Parsing;

namespace SdeDsl.Generators;

/// <summary>
/// The incremental generator: finds <c>[SdeModel]</c> types, lowers each into a <see cref="ModelSpec"/> (all semantic
/// work happens there) and emits its kernels. A model with any error emits nothing; <see cref="SdeModelAnalyzer"/>
/// reports why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SdeModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking name of the step that lowers a model into its spec.</summary>
    public const string ModelSpecStep = "ModelSpec";

    /// <summary>Tracking name of the step that keeps only the models without errors.</summary>
    public const string ValidModelStep = "ValidModel";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ModelSpec> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ModelParser.SdeModelAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type
                    ? ModelParser.Parse((TypeDeclarationSyntax)ctx.TargetNode, type, ctx.SemanticModel, new DiagnosticSink(null), ct)
                    : null)
            .WithTrackingName(ModelSpecStep)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(ValidModelStep);

        context.RegisterSourceOutput(models, static (spc, spec) =>
            spc.AddSource(spec.MetadataName + ".g.cs", KernelEmitter.Emit(spec)));
    }
}
