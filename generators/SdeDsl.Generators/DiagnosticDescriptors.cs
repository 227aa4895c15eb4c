using Microsoft.CodeAnalysis;

namespace SdeDsl.Generators;

/// <summary>Every diagnostic of the SdeDsl analyzers. Ids are never reused; docs/diagnostics/{id}.md documents each,
/// with a wrong and a fixed example that the diagnostic tests compile.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SdeDsl";

    /// <summary>Where the pages docs/diagnostics/{id}.md are published; every descriptor's help link is this plus
    /// "{id}.md". It must match the repository's URL (and its default branch): change it here when the repository
    /// moves.</summary>
    public const string HelpLinkBase = "https://github.com/sdedsl/SdeDsl/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor NotPartial = Create("SDE0001", "Model type must be a partial top-level type",
        "[SdeModel] type '{0}' must be declared partial, outside any other type, without type parameters and not 'file'");

    public static readonly DiagnosticDescriptor UnknownParameter = Create("SDE0002", "Parameter is neither a state nor an input",
        "Parameter '{0}' of '{1}' is neither a state of the model ({2}) nor an allowed input ({3})");

    public static readonly DiagnosticDescriptor InputNotAllowed = Create("SDE0003", "Input not allowed in this method",
        "Input '{0}' is not available in {1}: {2}");

    public static readonly DiagnosticDescriptor StateWithoutDrift = Create("SDE0004", "State has no drift",
        "State '{0}' has no [Drift(\"{0}\")] method; every state of a model with an SDE needs exactly one drift");

    public static readonly DiagnosticDescriptor DuplicateDrift = Create("SDE0005", "Two drifts or diffusions for one state",
        "State '{0}' already has a [{1}] method ('{2}'); a state has exactly one drift and at most one diffusion");

    public static readonly DiagnosticDescriptor DiffusionForUnknownState = Create("SDE0006", "Diffusion for an unknown state",
        "[Diffusion(\"{0}\")] names no state of the model; its states are the names given to [Drift]: {1}");

    public static readonly DiagnosticDescriptor StateSetMismatch = Create("SDE0007", "[Update] and the SDE disagree on the state",
        "State '{0}' has a drift but is not a ref parameter of the [Update] method '{1}'; the update and the SDE must have the same states");

    public static readonly DiagnosticDescriptor StateNotByRef = Create("SDE0008", "State parameter of [Update] not passed by ref",
        "State '{0}' must be a 'ref double' parameter of the [Update] method: the update writes the state in place");

    public static readonly DiagnosticDescriptor UnsupportedSyntax = Create("SDE0009", "Outside the element-wise language",
        "{0} is not part of the element-wise language of an SdeDsl model");

    public static readonly DiagnosticDescriptor NotAnIntrinsic = Create("SDE0010", "Call of a method that is not an intrinsic",
        "'{0}' is not an SdeMath intrinsic; {1}");

    public static readonly DiagnosticDescriptor WriteToReadOnly = Create("SDE0011", "Write to a hyperparameter or an input",
        "'{0}' is {1} and cannot be written; only locals and the update's ref states can");

    public static readonly DiagnosticDescriptor NonDoubleType = Create("SDE0012", "Element-wise value not of type double",
        "{0} has type '{1}'; element-wise values are written in scalar double ({2})");

    public static readonly DiagnosticDescriptor DerivedDependsOnElement = Create("SDE0013", "Derived scalar depends on an element-wise value",
        "Derived scalar '{0}' depends on '{1}'; a derived scalar may depend only on hyperparameters, other derived scalars, t and k");

    public static readonly DiagnosticDescriptor LoopNotAllowed = Create("SDE0014", "Loop in an element-wise method",
        "A loop ('{0}') is not allowed in an element-wise method: the generated kernel is the loop");

    public static readonly DiagnosticDescriptor AllocationNotAllowed = Create("SDE0015", "Allocation in an element-wise method",
        "'{0}' allocates; generated kernels are allocation-free, so element-wise code may not create objects, arrays or strings");

    public static readonly DiagnosticDescriptor ExceptionHandlingNotAllowed = Create("SDE0016", "Exception handling in an element-wise method",
        "'{0}' is not allowed in an element-wise method; validate hyperparameters with [Hyper(Min = …, Max = …)] instead");

    public static readonly DiagnosticDescriptor LambdaNotAllowed = Create("SDE0017", "Lambda or local function in an element-wise method",
        "'{0}' is not allowed in an element-wise method; write the formula inline or as a derived scalar of the model");

    public static readonly DiagnosticDescriptor MissingIterate = Create("SDE0018", "Model has no iterate x",
        "Model '{0}' has no state 'x'; the iterate x is a ref parameter of [Update] or the state of a [Drift(\"x\")]");

    public static readonly DiagnosticDescriptor MultipleUpdates = Create("SDE0019", "More than one [Update] method",
        "Model already has the [Update] method '{0}'; a model has at most one discrete step");

    public static readonly DiagnosticDescriptor InvalidHyper = Create("SDE0020", "Invalid hyperparameter declaration",
        "[Hyper] '{0}' {1}");

    public static readonly DiagnosticDescriptor NoHigherOrderIntegrators = Create("SDE0021", "No Milstein or weak-order-2 step for this model",
        "'{0}' gets Euler–Maruyama only: {1}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ClassModel = Create("SDE0022", "Model type must be a struct",
        "[SdeModel] type '{0}' is a class; a model must be a struct (or record struct), since the ensemble engine and moment matching take it as a 'struct' type argument");

    public static readonly DiagnosticDescriptor RecursiveDerived = Create("SDE0023", "Derived scalar that refers to itself",
        "Derived scalar '{0}' refers to itself ({1}); a derived scalar is evaluated once per kernel call and cannot be recursive or circular");

    public static readonly DiagnosticDescriptor IntegerDivision = Create("SDE0024", "Integer division",
        "'{0}' divides integers, so C# truncates it ({1}); element-wise code and derived scalars divide doubles: write a double operand, such as 1.0 / 2");

    public static readonly DiagnosticDescriptor InvalidStateName = Create("SDE0025", "Invalid state name",
        "{0} does not name a valid state: {1}; a state's name becomes a parameter and a local of the generated kernels, so it must be a C# identifier that is not a keyword");

    public static readonly DiagnosticDescriptor RefStructModel = Create("SDE0026", "Model type cannot be a ref struct",
        "[SdeModel] type '{0}' is a ref struct; a model must be an ordinary struct, since the ensemble engine takes it as a type argument and Optimizer<T> stores it in a property");

    public static readonly DiagnosticDescriptor GeneratedMemberName = Create("SDE0027", "Member named like a generated member",
        "'{0}' {1}, which the generated code declares on the model; rename it");

    /// <summary>All descriptors, for the analyzer's SupportedDiagnostics.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        NotPartial, UnknownParameter, InputNotAllowed, StateWithoutDrift, DuplicateDrift, DiffusionForUnknownState,
        StateSetMismatch, StateNotByRef, UnsupportedSyntax, NotAnIntrinsic, WriteToReadOnly, NonDoubleType,
        DerivedDependsOnElement, LoopNotAllowed, AllocationNotAllowed, ExceptionHandlingNotAllowed, LambdaNotAllowed,
        MissingIterate, MultipleUpdates, InvalidHyper, NoHigherOrderIntegrators, ClassModel, RecursiveDerived, IntegerDivision,
        InvalidStateName, RefStructModel, GeneratedMemberName,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true,
            description: "See " + HelpLinkBase + id + ".md for a wrong and a fixed example of " + id + ".",
            helpLinkUri: HelpLinkBase + id + ".md");
}
