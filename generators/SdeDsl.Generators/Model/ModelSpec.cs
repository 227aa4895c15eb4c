namespace SdeDsl.Generators.Model;

/// <summary>Everything the emitter needs to know about one <c>[SdeModel]</c> type; equatable, symbol-free.
/// <see cref="MemberNames"/> are the names the user declares in the type, which the generated private members avoid.</summary>
internal sealed record ModelSpec(
    string Namespace,
    string TypeName,
    TypeShape Shape,
    string MetadataName,
    EquatableArray<HyperSpec> Hypers,
    EquatableArray<StateSpec> States,
    UpdateSpec? Update,
    EquatableArray<SdeFunctionSpec> Drifts,
    EquatableArray<SdeFunctionSpec> Diffusions,
    EquatableArray<string> MemberNames);

/// <summary>A <c>[Hyper]</c> field and its bounds.</summary>
internal sealed record HyperSpec(string Name, double Min, double Max, bool ExclusiveMin, bool ExclusiveMax);

/// <summary>A state component; <paramref name="Diffused"/> when it has a diffusion.</summary>
internal sealed record StateSpec(string Name, bool Diffused);

/// <summary>The lowered <c>[Update]</c> method.</summary>
/// <param name="MethodName">The user's method name (for docs).</param>
/// <param name="Body">Statements in order.</param>
/// <param name="UsesGradient">Whether <c>g</c> is read.</param>
/// <param name="Source">The method body as written, for the kernel's summary.</param>
internal sealed record UpdateSpec(string MethodName, EquatableArray<Statement> Body, bool UsesGradient, string Source);

/// <summary>A lowered drift or diffusion: its statements, then the returned value.</summary>
internal sealed record SdeFunctionSpec(string MethodName, string State, EquatableArray<Statement> Body, Expr Result, string Source);
