using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>
/// The names the generated code declares for itself (the cores' locals, the kernels' span references and parameters, the type
/// parameter of the kernels and of <c>Optimizer&lt;T&gt;</c>, the properties of the latter), chosen so that they never collide with a name of the model:
/// a state may be called <c>n</c>, <c>i</c>, <c>T</c> or <c>model</c>. For a model whose names do not collide they are
/// the plain names (<c>n</c>, <c>xRef</c>, <c>T</c>), so the usual generated code reads as before.
/// </summary>
internal sealed class GeneratedNames
{
    private static readonly string[] DriverLocals = { "n", "i", "model", "TLanes", "TWide" };
    private static readonly string[] OwnerMembers = { "Model", "ParameterCount", "StepCount", "Step", "Reset", "Optimizer" };

    private readonly string _suffix;
    private readonly Dictionary<string, string> _properties = new();
    private readonly HashSet<string> _members;

    public GeneratedNames(ModelSpec model)
    {
        _members = new HashSet<string>(model.MemberNames);
        var states = model.States.Select(static s => s.Name).ToList();
        // Every name the model brings into the generated methods: states, their noise spans, inputs, and locals.
        // The model's own name too: a type parameter T would hide a model called T.
        var taken = new HashSet<string>(states) { "g", "k", "grad", "hess", "sigma", "t", "dt", "states", "noise", model.TypeName };
        taken.UnionWith(model.States.Select(static s => NoiseName(s.Name)));
        IEnumerable<Statement> statements = (model.Update?.Body ?? default).Concat(model.Drifts.Concat(model.Diffusions).SelectMany(static f => f.Body));
        taken.UnionWith(statements.Select(static s => s.Target));
        var spans = taken.ToList();

        // One suffix for all of them, the shortest that makes every generated name free.
        _suffix = "";
        while (DriverLocals.Any(l => taken.Contains(l + _suffix))
            || spans.Any(s => taken.Contains(s + "Ref" + _suffix)))
        {
            _suffix += "_";
        }

        TypeParameter = "T";
        var capitalized = new HashSet<string>(states.Select(Capitalize));
        while (taken.Contains(TypeParameter) || capitalized.Contains(TypeParameter))
        {
            TypeParameter += "_";
        }

        var members = new HashSet<string>(OwnerMembers) { TypeParameter };
        foreach (string state in states.Where(static s => s != "x"))
        {
            string property = Capitalize(state);
            while (!members.Add(property))
            {
                property += "State";
            }

            _properties[state] = property;
        }
    }

    /// <summary>
    /// A private member of the generated part (<c>s_stateNames</c>, the kernel structs <c>UpdateKernel</c>, …): its
    /// plain name, or with '_' appended until no member the user declares has it.
    /// </summary>
    public string Member(string name)
    {
        while (_members.Contains(name))
        {
            name += "_";
        }

        return name;
    }

    /// <summary>A name of the model (a type, hyperparameter or local) as C# source: a reserved keyword (declared as
    /// <c>@event</c>) takes its <c>@</c> back.</summary>
    public static string Escaped(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? name : "@" + name;

    /// <summary>The type parameter of <c>Optimizer&lt;T&gt;</c>: <c>T</c> unless a state is called so.</summary>
    public string TypeParameter { get; }

    /// <summary>A name of a step's core or of a kernel struct: <c>n</c>, <c>i</c>, <c>model</c>, <c>TLanes</c>,
    /// <c>TWide</c>.</summary>
    public string Local(string name) => name + _suffix;

    /// <summary>The kernel struct's reference to the start of a span.</summary>
    public string Ref(string span) => span + "Ref" + _suffix;

    /// <summary>The property of <c>Optimizer&lt;T&gt;</c> that exposes a state component other than x.</summary>
    public string Property(string state) => _properties[state];

    public static string NoiseName(string state) => "noise" + Capitalize(state);

    public static string Capitalize(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);
}
