using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>
/// The kernel body run on two consecutive vectors of coordinates (<c>InvokePair</c>): each local and each store twice,
/// the second copy's names suffixed, and every call of an intrinsic that has a two-vector form in
/// <c>SdeDsl.Kernels.VectorMath</c> lifted into a pair of locals computed by one call for both copies. Where
/// <c>Vector&lt;T&gt;</c> is 256 bits wide on a processor with AVX-512, that call evaluates both vectors in one 512-bit
/// pass; every lane gets the bits of the one-vector body, so a coordinate's result does not depend on which path
/// computed it.
/// </summary>
internal sealed class KernelPairing
{
    /// <summary>The intrinsics with a two-vector form in <c>VectorMath</c>: those whose float kernel has a 512-bit body.</summary>
    public static readonly IReadOnlyCollection<string> PairedIntrinsics = new[] { "Erf" };

    private static readonly HashSet<string> Paired = new(PairedIntrinsics);

    private readonly HashSet<string> _perElement;
    private readonly HashSet<string> _taken;
    private int _lifted;

    /// <param name="plan">The kernel.</param>
    /// <param name="taken">Every other name the body uses: its driver locals, fields and span references.</param>
    private KernelPairing(KernelPlan plan, IEnumerable<string> taken)
    {
        _perElement = new HashSet<string>(plan.Inputs.Concat(plan.Locals.Select(static l => l.Name)));
        _taken = new HashSet<string>(_perElement.Concat(taken));
        Suffix = "_2";
        while (_perElement.Any(name => _taken.Contains(name + Suffix)))
        {
            Suffix += "_";
        }

        _taken.UnionWith(_perElement.Select(name => name + Suffix));
    }

    /// <summary>Appended to the names of the second copy.</summary>
    public string Suffix { get; }

    /// <summary>True when the body calls an intrinsic with a two-vector form on element-wise arguments: only then is
    /// the paired body worth its length; otherwise InvokePair runs the one-vector body twice.</summary>
    public static bool Pays(KernelPlan plan) =>
        plan.Locals.Any(static l => CallsPaired(l.Value)) || plan.Stores.Any(static s => s.Terms.Any(CallsPaired));

    /// <summary>The paired body, line by line, for <paramref name="plan"/>.</summary>
    /// <param name="plan">The kernel.</param>
    /// <param name="taken">Every other name the body uses.</param>
    /// <param name="render">Renders an element-wise expression (the kernel's <c>ExpressionRenderer.Element</c>).</param>
    /// <param name="load">The load of a span's vector: (input, second copy?) → the expression.</param>
    /// <param name="store">The store of a state's vector: (value, state, second copy?) → the statement.</param>
    /// <param name="pairCall">The call of an intrinsic's two-vector form: (intrinsic, first argument, second argument) → the expression.</param>
    public static List<string> Body(
        KernelPlan plan,
        IEnumerable<string> taken,
        System.Func<Expr, string> render,
        System.Func<string, bool, string> load,
        System.Func<string, string, bool, string> store,
        System.Func<string, string, string, string> pairCall)
    {
        var pairing = new KernelPairing(plan, taken);
        string second = pairing.Suffix;
        var lines = new List<string>();
        foreach (string input in plan.Inputs)
        {
            lines.Add("var " + input + " = " + load(input, false) + ";");
            lines.Add("var " + input + second + " = " + load(input, true) + ";");
        }

        foreach (PlannedLocal local in plan.Locals)
        {
            if (local.Declares && local.Value is IntrinsicCallExpr call && IsPaired(call))
            {
                // The local is the call itself: the pair of locals is the local and its second copy.
                Expr argument = pairing.Lift(call.Arguments[0], lines, render, pairCall);
                lines.Add("var (" + local.Name + ", " + local.Name + second + ") = " + pairCall(call.Name, render(argument), render(pairing.Second(argument))) + ";"
                    + (local.Comment is null ? "" : " // " + local.Comment));
                continue;
            }

            Expr value = pairing.Lift(local.Value, lines, render, pairCall);
            string declare = local.Declares ? "var " : "";
            lines.Add(declare + local.Name + " = " + render(value) + ";" + (local.Comment is null ? "" : " // " + local.Comment));
            lines.Add(declare + local.Name + second + " = " + render(pairing.Second(value)) + ";");
        }

        foreach (var (state, terms) in plan.Stores)
        {
            var lifted = terms.Select(term => pairing.Lift(term, lines, render, pairCall)).ToList();
            lines.Add(store(string.Join(" + ", lifted.Select(render).Prepend(state)), state, false));
            lines.Add(store(string.Join(" + ", lifted.Select(term => render(pairing.Second(term))).Prepend(state + second)), state, true));
        }

        return lines;
    }

    private static bool CallsPaired(Expr expr) => (expr is IntrinsicCallExpr call && IsPaired(call)) || ExprFacts.Children(expr).Any(CallsPaired);

    /// <summary>A call of an intrinsic with a two-vector form on an element-wise argument.</summary>
    private static bool IsPaired(IntrinsicCallExpr call) => Paired.Contains(call.Name) && !ExprFacts.IsScalar(call);

    /// <summary>
    /// <paramref name="expr"/> with every element-wise call of a paired intrinsic replaced by a local, innermost first,
    /// each pair of locals declared (for both copies) in <paramref name="lines"/>.
    /// </summary>
    private Expr Lift(Expr expr, List<string> lines, System.Func<Expr, string> render, System.Func<string, string, string, string> pairCall)
    {
        Expr lifted = ExprFacts.MapChildren(expr, child => Lift(child, lines, render, pairCall));
        if (lifted is not IntrinsicCallExpr call || !IsPaired(call))
        {
            return lifted;
        }

        string stem = call.Name.ToLowerInvariant();
        string first = stem + (_lifted++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (_taken.Contains(first) || _taken.Contains(first + Suffix))
        {
            first += "_";
        }

        _taken.Add(first);
        _taken.Add(first + Suffix);
        _perElement.Add(first);
        Expr argument = call.Arguments[0];
        lines.Add("var (" + first + ", " + first + Suffix + ") = " + pairCall(call.Name, render(argument), render(Second(argument))) + ";");
        return new VariableExpr(first, VariableKind.Local);
    }

    /// <summary>The second copy of <paramref name="expr"/>: the body's element-wise names suffixed.</summary>
    private Expr Second(Expr expr) => expr is VariableExpr variable && _perElement.Contains(variable.Name) && !ExprFacts.IsScalar(variable)
        ? new VariableExpr(variable.Name + Suffix, variable.Kind)
        : ExprFacts.MapChildren(expr, Second);
}
