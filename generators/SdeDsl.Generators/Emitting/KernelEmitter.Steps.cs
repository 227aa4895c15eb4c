using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SdeDsl.Generators.Model;

namespace SdeDsl.Generators.Emitting;

/// <summary>The public float and double overloads of each step (named and flat) and the generic core they call.</summary>
internal static partial class KernelEmitter
{
    private static void EmitUpdate(IndentedWriter w, ModelSpec model, UpdateSpec update)
    {
        var names = new GeneratedNames(model);
        List<string> states = model.States.Select(static s => s.Name).ToList();
        var parameters = states.Select(static s => (SpanKind.Span, s)).ToList();
        parameters.Add((SpanKind.ReadOnlySpan, "g"));
        parameters.Add((SpanKind.Long, "k"));

        var docs = new List<string> { "/// <summary>", "/// One discrete step (<c>" + update.MethodName + "</c>) of every coordinate, in place, in one fused pass over memory:" };
        docs.AddRange(Code(update.Source));
        docs.Add("/// </summary>");
        docs.AddRange(states.Select(static s => "/// <param name=\"" + s + "\">The state component " + s + (s == "x" ? " (the iterate)" : "") + ", updated in place.</param>"));
        docs.Add("/// <param name=\"g\">The stochastic gradient at x.</param>");
        docs.Add("/// <param name=\"k\">The 1-based step number.</param>");
        docs.Add("/// <exception cref=\"global::System.ArgumentException\">A span's length differs from x's" + (states.Count > 1 ? ", or two state spans overlap" : "") + ".</exception>");
        docs.Add("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">k &lt; 1, or a hyperparameter is out of range.</exception>");
        EmitOverloads(w, "Step", parameters, docs);

        if (states.Count > 1)
        {
            var flatDocs = new List<string>
            {
                "/// <summary>",
                "/// The same step over the flat layout: state component j (" + string.Join(", ", states) + ") occupies",
                "/// <c>states[j*n .. (j+1)*n)</c>, with n the length of <paramref name=\"g\"/>.",
                "/// </summary>",
                "/// <param name=\"states\">All state components, back to back, updated in place.</param>",
                "/// <param name=\"g\">The stochastic gradient at x.</param>",
                "/// <param name=\"k\">The 1-based step number.</param>",
            };
            var flat = new List<(SpanKind, string)> { (SpanKind.Span, "states"), (SpanKind.ReadOnlySpan, "g"), (SpanKind.Long, "k") };
            EmitFlatOverloads(w, "Step", flat, flatDocs, "g", new[] { (states.Count, "states", "state components") },
                states.Select((s, j) => Slice("states", j)).Append("g").Append("k"));
        }

        var inputs = new List<string>(states);
        if (update.UsesGradient)
        {
            inputs.Add("g");
        }

        var checks = new List<string>();
        checks.AddRange(states.Skip(1).Append("g").Select(s => RequireLength(s, names)));
        checks.AddRange(DisjointStates(states));
        checks.Add(Arguments + ".RequireStepNumber(k);");
        EmitCore(w, "Step", parameters, "The discrete step", checks, "UpdateKernel", "k", inputs, names);
    }

    /// <summary>The public float and double overloads of a step, which forward to its generic core (the float one
    /// inherits the double one's documentation).</summary>
    private static void EmitOverloads(IndentedWriter w, string method, List<(SpanKind Kind, string Name)> parameters, List<string> docs)
    {
        foreach (string type in ElementTypes.All.Select(static t => t.Keyword()))
        {
            EmitOverloadDocs(w, method, parameters, docs, type);
            w.Line(GeneratedCode);
            w.Line("public void " + method + "(" + Parameters(parameters, type) + ") => " + method + "<" + type + ">(" + string.Join(", ", parameters.Select(static p => p.Name)) + ");").Line();
        }
    }

    /// <summary>The double overload's documentation; the float one inherits it.</summary>
    private static void EmitOverloadDocs(IndentedWriter w, string method, List<(SpanKind Kind, string Name)> parameters, List<string> docs, string type)
    {
        if (type == ElementType.Double.Keyword())
        {
            docs.ForEach(line => w.Line(line));
        }
        else
        {
            w.Line("/// <inheritdoc cref=\"" + method + "(" + string.Join(", ", parameters.Select(static p => Type(p.Kind, ElementType.Double.Keyword()).Replace('<', '{').Replace('>', '}'))) + ")\"/>");
        }
    }

    /// <summary>The public float and double overloads over the flat layout: they check its length and slice it.</summary>
    private static void EmitFlatOverloads(IndentedWriter w, string method, List<(SpanKind Kind, string Name)> parameters, List<string> docs, string lengthOf,
        (int Count, string Span, string What)[] packed, IEnumerable<string> arguments)
    {
        foreach (string type in ElementTypes.All.Select(static t => t.Keyword()))
        {
            EmitOverloadDocs(w, method, parameters, docs, type);
            w.Line(GeneratedCode);
            w.Line("public void " + method + "(" + Parameters(parameters, type) + ")").Open();
            w.Line("int n = " + lengthOf + ".Length;");
            foreach ((int count, string span, string what) in packed)
            {
                w.Line(Arguments + ".RequireLength(" + span + ".Length, " + count + "L * n, nameof(" + span + "), \"" + count + " " + what + " times the length of " + lengthOf + "\");");
            }

            w.Line(method + "(" + string.Join(", ", arguments) + ");");
            w.Close().Line();
        }
    }

    /// <summary>
    /// The generic core of a step: checks the arguments once, then runs the kernel struct over the spans with the
    /// runtime's driver loop (<c>SdeDsl.Kernels.VectorKernel.Run</c>).
    /// </summary>
    private static void EmitCore(IndentedWriter w, string method, List<(SpanKind Kind, string Name)> parameters, string what, List<string> checks,
        string kernel, string scalarArguments, List<string> inputs, GeneratedNames names)
    {
        string t = names.TypeParameter, n = names.Local("n");
        kernel = names.Member(kernel);
        string kernelType = kernel + "<" + t + ">";
        w.Line("/// <summary>" + what + " over spans of " + t + ": checks the arguments, then runs <see cref=\"" + kernel + "{" + t + "}\"/> over them.</summary>");
        w.Line(GeneratedCode);
        // Not inlined into the overloads: compiled as a root of its own, it gets the JIT's inlining budget for the
        // whole kernel body (SdeMath's helpers included), which the small overload's budget does not cover.
        w.Line(NoInlining);
        w.Line("private void " + method + "<" + t + ">(" + Parameters(parameters, t) + ") where " + t + " : unmanaged").Open();
        w.Line("int " + n + " = x.Length;");
        checks.ForEach(line => w.Line(line));
        // "this.": a state may be called Validate, and its parameter would hide the method.
        w.Line("this.Validate();");
        w.Line(KernelsNamespace + ".VectorKernel.Run<" + t + ", " + kernelType + ">(new " + kernelType + "(this, " + scalarArguments + ", " + string.Join(", ", inputs) + "), " + n + ");");
        w.Close().Line();
    }

    private static string RequireLength(string span, GeneratedNames names) =>
        Arguments + ".RequireLength(" + span + ".Length, " + names.Local("n") + ", nameof(" + span + "), \"the length of x\");";

    /// <summary>The kernels write every state in place: two state spans over the same memory are refused, once per call.</summary>
    private static IEnumerable<string> DisjointStates(List<string> states)
    {
        for (int i = 0; i < states.Count; i++)
        {
            for (int j = i + 1; j < states.Count; j++)
            {
                yield return Arguments + ".RequireDisjoint(" + states[i] + ", nameof(" + states[i] + "), " + states[j] + ", nameof(" + states[j] + "));";
            }
        }
    }

    /// <summary>The kinds of parameter a step takes.</summary>
    private enum SpanKind
    {
        Span,
        ReadOnlySpan,
        Double,
        Long,
    }

    private static string Type(SpanKind kind, string element) => kind switch
    {
        SpanKind.Span => Span + "<" + element + ">",
        SpanKind.ReadOnlySpan => ReadOnlySpan + "<" + element + ">",
        SpanKind.Double => "double",
        _ => "long",
    };

    private static string Parameters(List<(SpanKind Kind, string Name)> parameters, string element) =>
        string.Join(", ", parameters.Select(p => Type(p.Kind, element) + " " + p.Name));

    private static string MethodName(SdeIntegrator scheme) => scheme.StepMethod();

    private static string SchemeTitle(SdeIntegrator scheme) => scheme switch
    {
        SdeIntegrator.EulerMaruyama => "Euler–Maruyama step",
        SdeIntegrator.Milstein => "Milstein step (strong order 1 for diagonal noise)",
        _ => "step of the simplified weak-order-2 Taylor scheme",
    };

    private static void EmitSdeStep(IndentedWriter w, ModelSpec model, SdeIntegrator scheme, HigherOrderTerms? terms)
    {
        var names = new GeneratedNames(model);
        List<string> states = model.States.Select(static s => s.Name).ToList();
        List<string> diffused = model.States.Where(static s => s.Diffused).Select(static s => s.Name).ToList();
        bool higher = scheme != SdeIntegrator.EulerMaruyama;
        bool readsHessian = higher && terms!.NeedsHessian;

        var parameters = states.Select(static s => (SpanKind.Span, s)).ToList();
        parameters.Add((SpanKind.ReadOnlySpan, "grad"));
        if (higher)
        {
            parameters.Add((SpanKind.ReadOnlySpan, "hess"));
        }

        parameters.Add((SpanKind.ReadOnlySpan, "sigma"));
        parameters.AddRange(diffused.Select(static s => (SpanKind.ReadOnlySpan, NoiseName(s))));
        parameters.Add((SpanKind.Double, "t"));
        parameters.Add((SpanKind.Double, "dt"));

        var docs = new List<string>
        {
            "/// <summary>",
            "/// One " + SchemeTitle(scheme) + " of the SDE, in place, in one fused pass over memory, with",
            "/// drifts a and diffusions b (and their derivatives) evaluated at the old state and time t, ΔW = √dt·ξ:",
            "/// <code>",
        };
        foreach (StateSpec state in model.States)
        {
            string s = state.Name;
            string line = s + " ← " + s + " + a_" + s + "·dt";
            if (scheme == SdeIntegrator.WeakOrder2)
            {
                line += " + ½·L₀a_" + s + "·dt²" + string.Concat(diffused.Select(j => " + ½·L_" + j + "a_" + s + "·dt·ΔW_" + j));
            }

            if (state.Diffused)
            {
                line += scheme switch
                {
                    SdeIntegrator.EulerMaruyama => " + b_" + s + "·ΔW_" + s,
                    SdeIntegrator.Milstein => " + b_" + s + "·ΔW_" + s + " + ½·b_" + s + "·∂b_" + s + "/∂" + s + "·(ΔW_" + s + "² − dt)",
                    _ => " + (b_" + s + " + ½·L₀b_" + s + "·dt)·ΔW_" + s + " + ½·b_" + s + "·∂b_" + s + "/∂" + s + "·(ΔW_" + s + "² − dt)",
                };
            }

            docs.Add("/// " + line);
        }

        docs.AddRange(model.Drifts.Select(static d => "/// a_" + d.State + " = " + Xml(OneLine(d.Source))));
        docs.AddRange(model.Diffusions.Select(static d => "/// b_" + d.State + " = " + Xml(OneLine(d.Source))));
        if (scheme == SdeIntegrator.WeakOrder2)
        {
            docs.Add("/// L_j g = b_j·∂g/∂j,  L₀g = ∂g/∂t + Σ_s a_s·∂g/∂s + ½·Σ_j b_j²·∂²g/∂j²  (j over the diffused components)");
        }

        docs.Add("/// </code>");
        if (higher)
        {
            docs.Add("/// The derivatives are the generator's, taken symbolically" + (readsHessian
                ? "; through grad, d/dx = ∂/∂x + hess·∂/∂grad, with the objective's third derivative taken as zero (exact for quadratics)."
                : "; this model's do not read the Hessian."));
        }

        docs.Add("/// </summary>");
        docs.AddRange(states.Select(static s => "/// <param name=\"" + s + "\">The state component " + s + ", updated in place.</param>"));
        docs.Add("/// <param name=\"grad\">The true gradient ∇f at x.</param>");
        if (higher)
        {
            docs.Add(readsHessian
                ? "/// <param name=\"hess\">The diagonal of the objective's Hessian at x.</param>"
                : "/// <param name=\"hess\">The diagonal of the objective's Hessian at x; not read by this model (NeedsHessian is false), so it may be empty.</param>");
        }

        docs.Add("/// <param name=\"sigma\">The noise scale: the square root of the diagonal of Σ.</param>");
        docs.AddRange(diffused.Select(static s => "/// <param name=\"" + NoiseName(s) + "\">Standard-normal increments ξ_" + s + " (ΔW_" + s + " = √dt·ξ_" + s + ").</param>"));
        docs.Add("/// <param name=\"t\">The time at the start of the step.</param>");
        docs.Add("/// <param name=\"dt\">The time step (finite, &gt; 0).</param>");
        docs.Add("/// <exception cref=\"global::System.ArgumentException\">A span's length differs from x's" + (states.Count > 1 ? ", or two state spans overlap" : "") + ".</exception>");
        docs.Add("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">t or dt, or a hyperparameter, is out of range.</exception>");
        EmitOverloads(w, MethodName(scheme), parameters, docs);

        bool sameAsFlat = states.Count == 1 && diffused.Count == 1;
        if (!sameAsFlat)
        {
            var flatDocs = new List<string>
            {
                "/// <summary>",
                "/// The same step over the flat layout: state component j (" + string.Join(", ", states) + ") occupies",
                "/// <c>states[j*n .. (j+1)*n)</c> and the increments of the diffused components (" + (diffused.Count == 0 ? "none" : string.Join(", ", diffused)) + ")",
                "/// follow one another in <paramref name=\"noise\"/>, with n the length of <paramref name=\"grad\"/>.",
                "/// </summary>",
                "/// <param name=\"states\">All state components, back to back, updated in place.</param>",
                "/// <param name=\"grad\">The true gradient ∇f at x.</param>",
            };
            if (higher)
            {
                flatDocs.Add("/// <param name=\"hess\">The diagonal of the objective's Hessian at x" + (readsHessian ? "" : " (not read: may be empty)") + ".</param>");
            }

            flatDocs.Add("/// <param name=\"sigma\">The noise scale: the square root of the diagonal of Σ.</param>");
            flatDocs.Add("/// <param name=\"noise\">The standard-normal increments of the diffused components, back to back.</param>");
            flatDocs.Add("/// <param name=\"t\">The time at the start of the step.</param>");
            flatDocs.Add("/// <param name=\"dt\">The time step (finite, &gt; 0).</param>");
            var flat = new List<(SpanKind, string)> { (SpanKind.Span, "states"), (SpanKind.ReadOnlySpan, "grad") };
            if (higher)
            {
                flat.Add((SpanKind.ReadOnlySpan, "hess"));
            }

            flat.Add((SpanKind.ReadOnlySpan, "sigma"));
            flat.Add((SpanKind.ReadOnlySpan, "noise"));
            flat.Add((SpanKind.Double, "t"));
            flat.Add((SpanKind.Double, "dt"));
            var arguments = states.Select((s, j) => Slice("states", j)).ToList();
            arguments.Add("grad");
            if (higher)
            {
                arguments.Add("hess");
            }

            arguments.Add("sigma");
            arguments.AddRange(diffused.Select((s, j) => Slice("noise", j)));
            arguments.Add("t");
            arguments.Add("dt");
            EmitFlatOverloads(w, MethodName(scheme), flat, flatDocs, "grad",
                new[] { (states.Count, "states", "state components"), (diffused.Count, "noise", "diffused components") }, arguments);
        }

        IEnumerable<string> checkedSpans = states.Skip(1).Append("grad");
        if (readsHessian)
        {
            checkedSpans = checkedSpans.Append("hess");
        }

        var checks = checkedSpans.Append("sigma").Concat(diffused.Select(NoiseName)).Select(s => RequireLength(s, names)).ToList();
        checks.AddRange(DisjointStates(states));
        checks.Add(Arguments + ".RequireTimeStep(t, dt);");
        EmitCore(w, MethodName(scheme), parameters, "The " + SchemeTitle(scheme), checks, KernelName(scheme), "t, dt", KernelPlanner.SdeInputs(model, scheme, terms), names);
    }
}
