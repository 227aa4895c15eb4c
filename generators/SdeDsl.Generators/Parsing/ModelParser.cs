using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SdeDsl.Generators.Model;

namespace SdeDsl.Generators.Parsing;

/// <summary>
/// Turns one <c>[SdeModel]</c> declaration into a <see cref="ModelSpec"/>, checking every rule of the DSL. Shared by
/// the analyzer (which reports the diagnostics) and the generator (which emits only models without errors).
/// </summary>
internal static class ModelParser
{
    public const string SdeModelAttribute = "SdeDsl.SdeModelAttribute";
    public const string HyperAttribute = "SdeDsl.HyperAttribute";
    internal const string UpdateAttribute = "SdeDsl.UpdateAttribute";
    internal const string DriftAttribute = "SdeDsl.DriftAttribute";
    internal const string DiffusionAttribute = "SdeDsl.DiffusionAttribute";

    private static readonly string[] InputNames = { "g", "grad", "sigma", "t", "k" };

    /// <summary>Parses the model; returns null when it has an error (reported through <paramref name="sink"/>).</summary>
    public static ModelSpec? Parse(TypeDeclarationSyntax declaration, INamedTypeSymbol type, SemanticModel semanticModel, DiagnosticSink sink, CancellationToken ct)
    {
        if (!IsFirstAttributedDeclaration(declaration, type, ct))
        {
            // [SdeModel] on two parts is the compiler's CS0579; the model is parsed (and emitted) once, from the first.
            return null;
        }

        CheckDeclaration(declaration, type, sink, ct);

        // Every part of a partial model counts: its members are gathered from the type, not from this declaration.
        List<HyperSpec> hypers = ParseHypers(type, sink, ct);
        ct.ThrowIfCancellationRequested();

        var context = new ModelContext(type, semanticModel, sink, hypers.Select(static h => h.Name));
        AttributedMethods methods = DispatchAttributes(type, sink, ct);
        ModelMethod? update = methods.Update;
        var drifts = methods.Drifts;
        var diffusions = methods.Diffusions;

        ct.ThrowIfCancellationRequested();
        var driftStates = drifts.Select(static d => d.State).ToList();
        var updateStates = update is null ? new List<string>() : ParseUpdateSignature(update, driftStates, sink, ct);
        List<string> states = ReconcileStates(declaration, type, methods, driftStates, updateStates, sink);

        ct.ThrowIfCancellationRequested();
        UpdateSpec? updateSpec = update is null ? null : LowerUpdate(update, context, updateStates, ct);
        // SDE methods may read any state; one the update has but no drift does is reported once, as SDE0004.
        var readable = driftStates.Union(updateStates).ToList();
        string[] prefixes = LocalPrefixes(drifts.Concat(diffusions).Select(static d => d.Method.Syntax.Identifier.Text).ToList());
        var driftSpecs = drifts.Select((d, i) => LowerSdeFunction(d.Method, d.State, "drift", prefixes[i], context, readable, ct)).ToList();
        var diffusionSpecs = diffusions.Select((d, i) => LowerSdeFunction(d.Method, d.State, "diffusion", prefixes[drifts.Count + i], context, readable, ct)).ToList();

        if (sink.HasErrors)
        {
            return null;
        }

        // Kernel order of the state: x first, then the order of the update's ref parameters (or of the drifts).
        var ordered = new List<string> { "x" };
        ordered.AddRange(states.Where(static s => s != "x"));
        var diffused = new HashSet<string>(diffusionSpecs.Select(static d => d.State));
        var spec = new ModelSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            GeneratedNames.Escaped(type.Name),
            Shape(declaration),
            // The generated file's name: no '@' (not allowed in a hint name) from a keyword type or namespace.
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "").Replace("@", ""),
            new EquatableArray<HyperSpec>(hypers),
            new EquatableArray<StateSpec>(ordered.Select(s => new StateSpec(s, diffused.Contains(s)))),
            updateSpec,
            new EquatableArray<SdeFunctionSpec>(ordered.SelectMany(s => driftSpecs.Where(d => d.State == s))),
            new EquatableArray<SdeFunctionSpec>(ordered.SelectMany(s => diffusionSpecs.Where(d => d.State == s))),
            new EquatableArray<string>(type.MemberNames.OrderBy(static n => n, System.StringComparer.Ordinal)));

        if (sink.IsReporting)
        {
            ReportHigherOrderFailure(spec, methods, type, sink);
        }

        return spec;
    }

    /// <summary>The declaration itself: partial, top-level, not generic, not file-local, a struct that is not a ref struct.</summary>
    private static void CheckDeclaration(TypeDeclarationSyntax declaration, INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct)
    {
        // A file-local type cannot have a part in the generated file.
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword) || declaration.Modifiers.Any(SyntaxKind.FileKeyword)
            || type.ContainingType is not null || type.TypeParameters.Length > 0)
        {
            sink.Report(DiagnosticDescriptors.NotPartial, declaration.Identifier.GetLocation(), type.Name);
        }

        if (!type.IsValueType)
        {
            // A class would compile here and fail later, with CS0453 inside Ensemble.RunSde's generic call.
            sink.Report(DiagnosticDescriptors.ClassModel, declaration.Keyword.GetLocation(), type.Name);
        }
        else if (type.IsRefLikeType)
        {
            // A ref struct can be neither a type argument of the ensemble engine nor a property of Optimizer<T>.
            SyntaxToken refKeyword = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ct)).OfType<TypeDeclarationSyntax>()
                .SelectMany(static d => d.Modifiers).FirstOrDefault(static m => m.IsKind(SyntaxKind.RefKeyword));
            sink.Report(DiagnosticDescriptors.RefStructModel, refKeyword.IsKind(SyntaxKind.None) ? declaration.Identifier.GetLocation() : refKeyword.GetLocation(), type.Name);
        }

        foreach (ISymbol member in type.GetMembers())
        {
            string? clash = GeneratedMemberClash(member);
            if (clash is not null && !member.IsImplicitlyDeclared && member.Locations.FirstOrDefault(static l => l.IsInSource) is { } where
                && !where.SourceTree!.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal))
            {
                sink.Report(DiagnosticDescriptors.GeneratedMemberName, where, member.Name, clash);
            }
        }

        // A member may not have its type's name (CS0542), so a model may not have a generated member's.
        if (type.Name is "StateNames" or "DiffusedStateNames" or "NeedsHessian" or "Validate" or "Optimizer"
            or "Step" or "EulerMaruyamaStep" or "MilsteinStep" or "WeakOrder2Step")
        {
            sink.Report(DiagnosticDescriptors.GeneratedMemberName, declaration.Identifier.GetLocation(), type.Name,
                "as the model's own name would be the name of a member too (a member cannot be named like its type)");
        }
    }

    /// <summary>
    /// Why <paramref name="member"/> would collide with a member the generator declares on every model (the metadata,
    /// <c>Validate()</c>, <c>Optimizer&lt;T&gt;</c>, the span overloads of the steps), or null. A user's own
    /// <c>[Update] void Step(ref double x, double g)</c> is an overload of the generated <c>Step</c>, not a clash.
    /// </summary>
    private static string? GeneratedMemberClash(ISymbol member)
    {
        static bool TakesSpans(IMethodSymbol method) => method.Parameters.Any(static p =>
            p.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System" });

        return member.Name switch
        {
            "StateNames" or "DiffusedStateNames" or "NeedsHessian" => "is a name of the model's metadata",
            "Validate" when member is not IMethodSymbol { Parameters.Length: > 0 } => "would clash with the generated Validate()",
            "Optimizer" when member is not INamedTypeSymbol { Arity: not 1 } => "would clash with the generated nested class Optimizer<T>",
            "Step" or "EulerMaruyamaStep" or "MilsteinStep" or "WeakOrder2Step" when member is not IMethodSymbol method || TakesSpans(method) =>
                "would clash with the generated span overloads of " + member.Name,
            _ => null,
        };
    }

    /// <summary>The methods that carry [Update], [Drift] or [Diffusion], from every part of the type.</summary>
    private sealed record AttributedMethods(ModelMethod? Update, List<(ModelMethod Method, string State, Location Where)> Drifts, List<(ModelMethod Method, string State, Location Where)> Diffusions);

    private static AttributedMethods DispatchAttributes(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct)
    {
        ModelMethod? update = null;
        var drifts = new List<(ModelMethod Method, string State, Location Where)>();
        var diffusions = new List<(ModelMethod Method, string State, Location Where)>();
        foreach (ModelMethod method in ModelMethods(type, ct))
        {
            foreach (AttributeData attribute in method.Symbol.GetAttributes())
            {
                string? name = attribute.AttributeClass?.ToDisplayString();
                SyntaxNode? application = attribute.ApplicationSyntaxReference?.GetSyntax(ct);
                Location where = application?.GetLocation() ?? method.Syntax.Identifier.GetLocation();
                if (name == UpdateAttribute)
                {
                    if (update is null)
                    {
                        update = method;
                    }
                    else
                    {
                        sink.Report(DiagnosticDescriptors.MultipleUpdates, method.Syntax.Identifier.GetLocation(), update.Syntax.Identifier.Text);
                    }
                }
                else if (name is DriftAttribute or DiffusionAttribute && attribute.ConstructorArguments.Length == 1)
                {
                    bool isDrift = name == DriftAttribute;
                    string role = isDrift ? "Drift" : "Diffusion";
                    Location argument = (application as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? where;
                    if (attribute.ConstructorArguments[0].Value is not string state)
                    {
                        // null (or a value of another type, which the compiler reports): never silently dropped.
                        if (attribute.ConstructorArguments[0].Kind != TypedConstantKind.Error)
                        {
                            sink.Report(DiagnosticDescriptors.InvalidStateName, argument, "[" + role + "(null)]", "null");
                        }

                        continue;
                    }

                    if (InvalidStateName(state) is { } invalid)
                    {
                        sink.Report(DiagnosticDescriptors.InvalidStateName, argument, "[" + role + "(\"" + state + "\")]", invalid);
                        continue;
                    }

                    var list = isDrift ? drifts : diffusions;
                    int existing = list.FindIndex(d => d.State == state);
                    if (existing >= 0)
                    {
                        sink.Report(DiagnosticDescriptors.DuplicateDrift, where, state, role, list[existing].Method.Syntax.Identifier.Text);
                    }
                    else
                    {
                        list.Add((method, state, where));
                    }
                }
            }
        }

        return new AttributedMethods(update, drifts, diffusions);
    }

    /// <summary>The update's states against the drifts' and the diffusions'; returns the states in the order the user wrote them.</summary>
    private static List<string> ReconcileStates(TypeDeclarationSyntax declaration, INamedTypeSymbol type, AttributedMethods methods, List<string> driftStates, List<string> updateStates, DiagnosticSink sink)
    {
        ModelMethod? update = methods.Update;
        var drifts = methods.Drifts;
        var diffusions = methods.Diffusions;

        if (update is not null && drifts.Count > 0)
        {
            foreach (ParameterSyntax parameter in update.Syntax.ParameterList.Parameters)
            {
                string name = parameter.Identifier.Text;
                if (updateStates.Contains(name) && !driftStates.Contains(name))
                {
                    sink.Report(DiagnosticDescriptors.StateWithoutDrift, parameter.Identifier.GetLocation(), name);
                }
            }

            foreach (var drift in drifts.Where(d => !updateStates.Contains(d.State)))
            {
                sink.Report(DiagnosticDescriptors.StateSetMismatch, drift.Where, drift.State, update.Syntax.Identifier.Text);
            }
        }

        List<string> states = update is not null ? updateStates : driftStates;
        foreach (string state in states.Where(s => states.Any(o => o.Length > 0 && s == "noise" + char.ToUpperInvariant(o[0]) + o.Substring(1))))
        {
            // The SDE steps take the increments of state s as the parameter noiseS.
            sink.Report(DiagnosticDescriptors.InvalidStateName, declaration.Identifier.GetLocation(), "The state '" + state + "'",
                "the generated SDE steps name the increments of another state so");
        }

        if (!states.Contains("x"))
        {
            sink.Report(DiagnosticDescriptors.MissingIterate, declaration.Identifier.GetLocation(), type.Name);
        }

        foreach (var diffusion in diffusions.Where(d => !driftStates.Contains(d.State)))
        {
            sink.Report(DiagnosticDescriptors.DiffusionForUnknownState, diffusion.Where, diffusion.State,
                driftStates.Count == 0 ? "(none)" : string.Join(", ", driftStates));
        }

        return states;
    }

    /// <summary>Analyzer only: SDE0021 when the higher-order integrators cannot be written (the generator derives the terms once, when it emits).</summary>
    private static void ReportHigherOrderFailure(ModelSpec spec, AttributedMethods methods, INamedTypeSymbol type, DiagnosticSink sink)
    {
        if (spec.Drifts.Count > 0 && HigherOrderTerms.TryBuild(spec, out string? failedMethod, out string? reason) is null)
        {
            MethodDeclarationSyntax method = methods.Drifts.Concat(methods.Diffusions).First(d => d.Method.Syntax.Identifier.Text == failedMethod).Method.Syntax;
            sink.Report(DiagnosticDescriptors.NoHigherOrderIntegrators, method.Identifier.GetLocation(), type.Name, reason);
        }
    }


    private static TypeShape Shape(TypeDeclarationSyntax declaration) => new(
        IsRecord: declaration is RecordDeclarationSyntax,
        IsStruct: declaration is StructDeclarationSyntax
            || (declaration is RecordDeclarationSyntax record && record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)),
        IsReadOnly: declaration.Modifiers.Any(SyntaxKind.ReadOnlyKeyword));

    private static List<HyperSpec> ParseHypers(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken ct)
    {
        var hypers = new List<HyperSpec>();
        foreach (IFieldSymbol symbol in type.GetMembers().OfType<IFieldSymbol>())
        {
            ct.ThrowIfCancellationRequested();
            AttributeData? hyper = symbol.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.ToDisplayString() == HyperAttribute);
            if (hyper is null || symbol.Locations.Length == 0)
            {
                continue;
            }

            Location where = symbol.Locations[0];
            if (symbol.Type.SpecialType != SpecialType.System_Double)
            {
                sink.Report(DiagnosticDescriptors.NonDoubleType, where, "Hyperparameter '" + symbol.Name + "'", symbol.Type.ToDisplayString(), "hyperparameters are double fields");
                continue;
            }

            if (symbol.DeclaredAccessibility != Accessibility.Public || symbol.IsStatic || symbol.IsConst)
            {
                sink.Report(DiagnosticDescriptors.InvalidHyper, where, symbol.Name, "must be a public instance field");
                continue;
            }

            double min = double.NegativeInfinity, max = double.PositiveInfinity;
            bool exclusiveMin = false, exclusiveMax = false;
            foreach (KeyValuePair<string, TypedConstant> argument in hyper.NamedArguments)
            {
                switch (argument.Key, argument.Value.Value)
                {
                    case ("Min", double value): min = value; break;
                    case ("Max", double value): max = value; break;
                    case ("ExclusiveMin", bool value): exclusiveMin = value; break;
                    case ("ExclusiveMax", bool value): exclusiveMax = value; break;
                }
            }

            if (double.IsNaN(min) || double.IsNaN(max) || min > max || (min == max && (exclusiveMin || exclusiveMax)))
            {
                sink.Report(DiagnosticDescriptors.InvalidHyper, where, symbol.Name, "has bounds that no value satisfies (Min = " + min + ", Max = " + max + ")");
                continue;
            }

            hypers.Add(new HyperSpec(symbol.Name, min, max, exclusiveMin, exclusiveMax));
        }

        return hypers;
    }

    /// <summary>Checks the [Update] signature; returns its states (the ref parameters) in order.</summary>
    private static List<string> ParseUpdateSignature(ModelMethod update, List<string> driftStates, DiagnosticSink sink, CancellationToken ct)
    {
        var states = new List<string>();
        IMethodSymbol method = update.Symbol;
        ct.ThrowIfCancellationRequested();
        if (!method.ReturnsVoid)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedSyntax, update.Syntax.ReturnType, "An [Update] method that returns a value");
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            Location where = parameter.Locations.Length > 0 ? parameter.Locations[0] : update.Syntax.Identifier.GetLocation();
            string name = parameter.Name;
            // A missing name (name.Length == 0) is the compiler's syntax error, not reported again.
            if (parameter.RefKind == RefKind.Ref && name.Length > 0 && Array.IndexOf(InputNames, name) < 0 && InvalidStateName(name) is { } reason)
            {
                // Still a state: the body that writes it is checked as usual.
                sink.Report(DiagnosticDescriptors.InvalidStateName, where, "The [Update] parameter '@" + name + "'", reason);
            }

            if (parameter.RefKind == RefKind.Ref)
            {
                if (Array.IndexOf(InputNames, name) >= 0)
                {
                    sink.Report(DiagnosticDescriptors.UnsupportedSyntax, where, "A state named like the input '" + name + "'");
                    continue;
                }

                if (parameter.Type.SpecialType != SpecialType.System_Double)
                {
                    sink.Report(DiagnosticDescriptors.NonDoubleType, where, "State '" + name + "'", parameter.Type.ToDisplayString(), "use 'ref double'");
                }

                states.Add(name);
                continue;
            }

            if (parameter.RefKind != RefKind.None && Array.IndexOf(InputNames, name) >= 0)
            {
                // 'in double g' is an input passed otherwise than by value, not a state.
                sink.Report(DiagnosticDescriptors.UnsupportedSyntax, where, "The input '" + name + "' passed as '" + parameter.RefKind.ToString().ToLowerInvariant() + "' (inputs are passed by value)");
                continue;
            }

            if (parameter.RefKind != RefKind.None || name == "x" || driftStates.Contains(name))
            {
                // Still a state: the rest of the model is checked as if it were passed by ref.
                sink.Report(DiagnosticDescriptors.StateNotByRef, where, name);
                states.Add(name);
                continue;
            }

            switch (name)
            {
                case "g":
                    if (parameter.Type.SpecialType != SpecialType.System_Double)
                    {
                        sink.Report(DiagnosticDescriptors.NonDoubleType, where, "Input 'g'", parameter.Type.ToDisplayString(), "use 'double g'");
                    }

                    break;
                case "k":
                    if (parameter.Type.SpecialType != SpecialType.System_Int64)
                    {
                        sink.Report(DiagnosticDescriptors.NonDoubleType, where, "Step number 'k'", parameter.Type.ToDisplayString(), "the step number is 'long k'");
                    }

                    break;
                case "grad" or "sigma":
                    sink.Report(DiagnosticDescriptors.InputNotAllowed, where, name, "[Update]", "the discrete step sees only the stochastic gradient 'g'");
                    break;
                case "t":
                    sink.Report(DiagnosticDescriptors.InputNotAllowed, where, name, "[Update]", "the discrete step is indexed by the step number 'k'; time t = kη belongs to the SDE");
                    break;
                default:
                    sink.Report(DiagnosticDescriptors.UnknownParameter, where, name, method.Name, ListOrNone(states), "g, k");
                    break;
            }
        }

        return states;
    }

    private static UpdateSpec LowerUpdate(ModelMethod method, ModelContext context, List<string> states, CancellationToken ct)
    {
        var parameters = new Dictionary<string, VariableKind> { ["g"] = VariableKind.Input, ["k"] = VariableKind.StepNumber };
        foreach (string state in states)
        {
            parameters[state] = VariableKind.State;
        }

        MethodDeclarationSyntax update = method.Syntax;
        var lowerer = new BodyLowerer(context, update.SyntaxTree, parameters, states, "", ct);
        if (update.Body is not null)
        {
            lowerer.LowerBlock(update.Body, expectsReturn: false);
        }
        else if (update.ExpressionBody is not null)
        {
            lowerer.LowerExpressionStatement(update.ExpressionBody.Expression);
        }
        else
        {
            context.Sink.Report(DiagnosticDescriptors.UnsupportedSyntax, update.Identifier.GetLocation(), "A method without a body");
        }

        return new UpdateSpec(update.Identifier.Text, new EquatableArray<Statement>(lowerer.Statements), lowerer.UsesGradient, SourceOf(update));
    }

    /// <summary>
    /// The prefixes of the SDE methods' locals, which are inlined into one kernel: the method's name and '_', or, where
    /// that could give two locals one name (overloads, a method used twice, or a method A beside a method A_b, whose local
    /// c would meet A's local b_c), the name, the method's position and '_'.
    /// </summary>
    private static string[] LocalPrefixes(List<string> methods) => methods.Select((name, i) =>
        methods.Where((other, j) => j != i && (other == name || other.StartsWith(name + "_", StringComparison.Ordinal))).Any()
            ? name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_"
            : name + "_").ToArray();

    private static SdeFunctionSpec LowerSdeFunction(ModelMethod function, string state, string role, string localPrefix, ModelContext context, List<string> states, CancellationToken ct)
    {
        var parameters = new Dictionary<string, VariableKind>();
        DiagnosticSink sink = context.Sink;
        MethodDeclarationSyntax method = function.Syntax;
        IMethodSymbol symbol = function.Symbol;
        ct.ThrowIfCancellationRequested();
        if (symbol.ReturnType.SpecialType != SpecialType.System_Double)
        {
            sink.Report(DiagnosticDescriptors.NonDoubleType, method.ReturnType, "The " + role + " '" + symbol.Name + "'", symbol.ReturnType.ToDisplayString(), "a " + role + " returns double");
        }

        foreach (IParameterSymbol parameter in symbol.Parameters)
        {
            Location where = parameter.Locations.Length > 0 ? parameter.Locations[0] : method.Identifier.GetLocation();
            string name = parameter.Name;
            if (parameter.RefKind != RefKind.None)
            {
                sink.Report(DiagnosticDescriptors.UnsupportedSyntax, where, "A ref, in or out parameter of a " + role);
                continue;
            }

            if (name is "g" or "k")
            {
                sink.Report(DiagnosticDescriptors.InputNotAllowed, where, name, "a " + role, name == "g"
                    ? "the SDE sees the true gradient 'grad' and the noise scale 'sigma', not a stochastic gradient"
                    : "the SDE is indexed by time 't'; the step number k belongs to [Update]");
                continue;
            }

            VariableKind kind;
            if (states.Contains(name))
            {
                kind = VariableKind.State;
            }
            else if (name is "grad" or "sigma")
            {
                kind = VariableKind.Input;
            }
            else if (name == "t")
            {
                kind = VariableKind.Time;
            }
            else
            {
                sink.Report(DiagnosticDescriptors.UnknownParameter, where, name, symbol.Name, ListOrNone(states), "grad, sigma, t");
                continue;
            }

            if (parameter.Type.SpecialType != SpecialType.System_Double)
            {
                sink.Report(DiagnosticDescriptors.NonDoubleType, where, "Parameter '" + name + "'", parameter.Type.ToDisplayString(), "use 'double " + name + "'");
            }

            parameters[name] = kind;
        }

        // Locals of drifts and diffusions are inlined into one kernel: prefix them with the method's name.
        var lowerer = new BodyLowerer(context, method.SyntaxTree, parameters, Array.Empty<string>(), localPrefix, ct);
        Expr result = new NumberExpr(0);
        if (method.ExpressionBody is not null)
        {
            result = lowerer.LowerExpression(method.ExpressionBody.Expression);
        }
        else if (method.Body is not null)
        {
            result = lowerer.LowerBlock(method.Body, expectsReturn: true) ?? result;
        }
        else
        {
            sink.Report(DiagnosticDescriptors.UnsupportedSyntax, method.Identifier.GetLocation(), "A method without a body");
        }

        return new SdeFunctionSpec(method.Identifier.Text, state, new EquatableArray<Statement>(lowerer.Statements), result, SourceOf(method));
    }

    /// <summary>A method of the model, from whichever part declares it: the symbol whose parameters the body binds to
    /// (a partial method's implementation) and the declaration with the body.</summary>
    private sealed record ModelMethod(IMethodSymbol Symbol, MethodDeclarationSyntax Syntax);

    /// <summary>The ordinary methods of every part of the model, in declaration order.</summary>
    private static IEnumerable<ModelMethod> ModelMethods(INamedTypeSymbol type, CancellationToken ct)
    {
        foreach (IMethodSymbol definition in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (definition.MethodKind != MethodKind.Ordinary || definition.IsImplicitlyDeclared || definition.PartialDefinitionPart is not null)
            {
                continue;
            }

            IMethodSymbol symbol = definition.PartialImplementationPart ?? definition;
            if (symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is MethodDeclarationSyntax syntax)
            {
                yield return new ModelMethod(symbol, syntax);
            }
        }
    }

    /// <summary>True for the first declaration of <paramref name="type"/> that carries [SdeModel].</summary>
    private static bool IsFirstAttributedDeclaration(TypeDeclarationSyntax declaration, INamedTypeSymbol type, CancellationToken ct)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == SdeModelAttribute && attribute.ApplicationSyntaxReference is { } application)
            {
                return application.GetSyntax(ct).Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() == declaration;
            }
        }

        return true;
    }

    /// <summary>Why <paramref name="name"/> cannot name a state (it becomes a parameter, a local and a property of the
    /// generated code), or null when it can.</summary>
    internal static string? InvalidStateName(string name)
    {
        if (!SyntaxFacts.IsValidIdentifier(name))
        {
            return "it is not a C# identifier";
        }

        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.NameOfKeyword)
        {
            return "it is a C# keyword";
        }

        if (name[0] == '_')
        {
            return "a leading '_' is reserved for the generated kernels' fields";
        }

        if (name is "dt" or "hess")
        {
            return "the generated SDE steps take a parameter '" + name + "' themselves";
        }

        if (Array.IndexOf(InputNames, name) >= 0)
        {
            return "it is the name of an input (g, grad, sigma, t, k)";
        }

        return null;
    }

    private static string ListOrNone(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    /// <summary>The body as written, one statement a line, for the kernel's summary.</summary>
    private static string SourceOf(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is not null)
        {
            return method.ExpressionBody.Expression.WithoutTrivia().ToString();
        }

        return method.Body is null
            ? ""
            : string.Join("\n", method.Body.Statements.Select(static s => s.WithoutTrivia().ToString()));
    }
}
