using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SdeDsl.Generators.Model;

namespace SdeDsl.Generators.Emitting;

/// <summary>The metadata (state names, NeedsHessian) and Validate().</summary>
internal static partial class KernelEmitter
{
    private static void EmitMetadata(IndentedWriter w, ModelSpec model, HigherOrderTerms? terms)
    {
        IEnumerable<string> Quoted(IEnumerable<StateSpec> states) => states.Select(static s => "\"" + s.Name + "\"");
        List<StateSpec> diffused = model.States.Where(static s => s.Diffused).ToList();
        var names = new GeneratedNames(model);
        string stateNames = names.Member("s_stateNames"), diffusedStateNames = names.Member("s_diffusedStateNames");
        w.Line("private static readonly global::System.Collections.ObjectModel.ReadOnlyCollection<string> " + stateNames + " =");
        w.Line("    global::System.Array.AsReadOnly(new string[] { " + string.Join(", ", Quoted(model.States)) + " });").Line();
        if (model.Drifts.Count > 0)
        {
            w.Line("private static readonly global::System.Collections.ObjectModel.ReadOnlyCollection<string> " + diffusedStateNames + " =");
            w.Line("    global::System.Array.AsReadOnly(new string[] { " + string.Join(", ", Quoted(diffused)) + " });").Line();
        }

        w.Line("/// <summary>The state components in kernel order: " + string.Join(", ", model.States.Select(static s => s.Name)) + ".</summary>");
        w.Line(GeneratedCode);
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> StateNames => " + stateNames + ";").Line();
        if (model.Drifts.Count > 0)
        {
            w.Line("/// <summary>The state components that have a diffusion: " + (diffused.Count == 0 ? "none" : string.Join(", ", diffused.Select(static s => s.Name))) + ".</summary>");
            w.Line(GeneratedCode);
            w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> DiffusedStateNames => " + diffusedStateNames + ";").Line();
        }

        if (terms is not null)
        {
            w.Line(terms.NeedsHessian
                ? "/// <summary>True: the Milstein and weak-order-2 steps read the objective's diagonal Hessian (the SDE reads grad).</summary>"
                : "/// <summary>False: the Milstein and weak-order-2 steps do not read the objective's Hessian.</summary>");
            w.Line(GeneratedCode);
            w.Line("public static bool NeedsHessian => " + (terms.NeedsHessian ? "true" : "false") + ";").Line();
        }
    }

    private static void EmitValidate(IndentedWriter w, ModelSpec model)
    {
        w.Line("/// <summary>Checks every hyperparameter: " + (model.Hypers.Count == 0 ? "this model has none." : string.Join("; ", model.Hypers.Select(static h => h.Name + " " + Xml(Range(h)))) + ".") + "</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A hyperparameter is out of range; the exception names it.</exception>");
        w.Line(GeneratedCode);
        w.Line(model.Shape.IsStruct ? "public readonly void Validate()" : "public void Validate()").Open();
        foreach (HyperSpec hyper in model.Hypers)
        {
            string name = GeneratedNames.Escaped(hyper.Name);
            var conditions = new List<string> { "double.IsFinite(" + name + ")" };
            if (!double.IsNegativeInfinity(hyper.Min))
            {
                conditions.Add(name + (hyper.ExclusiveMin ? " > " : " >= ") + ExpressionRenderer.Literal(hyper.Min));
            }

            if (!double.IsPositiveInfinity(hyper.Max))
            {
                conditions.Add(name + (hyper.ExclusiveMax ? " < " : " <= ") + ExpressionRenderer.Literal(hyper.Max));
            }

            w.Line(Arguments + ".RequireHyperparameter(" + string.Join(" && ", conditions) + ", " + name + ", nameof(" + name + "), \"" + Range(hyper) + "\");");
        }

        w.Close().Line();
    }

    private static string Range(HyperSpec hyper)
    {
        string range = "finite";
        if (!double.IsNegativeInfinity(hyper.Min))
        {
            range += (hyper.ExclusiveMin ? " and > " : " and >= ") + hyper.Min.ToString("R", CultureInfo.InvariantCulture);
        }

        if (!double.IsPositiveInfinity(hyper.Max))
        {
            range += (hyper.ExclusiveMax ? " and < " : " and <= ") + hyper.Max.ToString("R", CultureInfo.InvariantCulture);
        }

        return range;
    }
}
