using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>Builds the <see cref="KernelPlan"/> of the update and of each SDE integrator.</summary>
internal static class KernelPlanner
{
    private static readonly Expr Dt = Field("_dt"), SqrtDt = Field("_sqrtDt"), HalfDt = Field("_halfDt"), HalfDtSquared = Field("_halfDtSquared");

    public static KernelPlan Update(ModelSpec model, UpdateSpec update)
    {
        List<string> states = model.States.Select(static s => s.Name).ToList();
        var inputs = new List<string>(states);
        if (update.UsesGradient)
        {
            inputs.Add("g");
        }

        var written = new HashSet<string>(update.Body.Where(static s => !s.Declares).Select(static s => s.Target));
        return new KernelPlan(
            "UpdateKernel",
            inputs,
            states,
            new List<PlannedField>(),
            update.Body.Select(static s => new PlannedLocal(s.Target, s.Value, s.Declares, null)).ToList(),
            states.Where(written.Contains).Select(static s => (s, (IReadOnlyList<Expr>)new List<Expr>())).ToList());
    }

    /// <summary>The spans an SDE kernel reads, in its parameter order: the states, then the inputs it uses, then the
    /// increments of the diffused components.</summary>
    public static List<string> SdeInputs(ModelSpec model, SdeIntegrator integrator, HigherOrderTerms? terms)
    {
        var inputs = model.States.Select(static s => s.Name).ToList();
        if (UsesInput(model, "grad"))
        {
            inputs.Add("grad");
        }

        if (integrator != SdeIntegrator.EulerMaruyama && terms!.NeedsHessian)
        {
            inputs.Add(Calculus.Hessian);
        }

        if (UsesInput(model, "sigma"))
        {
            inputs.Add("sigma");
        }

        inputs.AddRange(model.States.Where(static s => s.Diffused).Select(static s => GeneratedNames.NoiseName(s.Name)));
        return inputs;
    }

    public static KernelPlan Sde(ModelSpec model, SdeIntegrator integrator, HigherOrderTerms? terms)
    {
        var locals = new List<PlannedLocal>();
        string suffix = LocalSuffix(model);

        // The methods' own locals first (prefixed with the method's name, so they cannot clash), then the drifts and
        // diffusions and the derivative terms, which may share subexpressions.
        foreach (SdeFunctionSpec function in model.Drifts.Concat(model.Diffusions))
        {
            locals.AddRange(function.Body.Select(static s => new PlannedLocal(s.Target, s.Value, s.Declares, null)));
        }

        var named = new List<(string Local, string Comment, Expr Value)>();
        named.AddRange(model.Drifts.Select(static d => (HigherOrderTerms.DriftLocal(d.State), "a_" + d.State, d.Result)));
        named.AddRange(model.Diffusions.Select(static d => (HigherOrderTerms.DiffusionLocal(d.State), "b_" + d.State, d.Result)));

        var stores = new List<(string State, IReadOnlyList<Expr> Terms)>();
        foreach (StateSpec state in model.States)
        {
            string s = state.Name;
            var increments = new List<Expr> { Times(Local(HigherOrderTerms.DriftLocal(s)), Dt) };
            StateTerms? derived = terms?.States.First(t => t.State == s);
            if (integrator == SdeIntegrator.WeakOrder2)
            {
                if (!Calculus.IsZero(derived!.L0Drift))
                {
                    named.Add(("l0Drift_" + s, "L₀a_" + s, derived.L0Drift));
                    increments.Add(Times(HalfDtSquared, Local("l0Drift_" + s)));
                }

                foreach ((string j, Expr term) in derived.DriftByNoise)
                {
                    string local = "l" + GeneratedNames.Capitalize(j) + "Drift_" + s;
                    named.Add((local, "L_" + j + "a_" + s, term));
                    increments.Add(Times(Times(HalfDt, Local(local)), Local(Increment(j))));
                }
            }

            if (state.Diffused)
            {
                Expr diffusion = Local(HigherOrderTerms.DiffusionLocal(s));
                if (integrator == SdeIntegrator.WeakOrder2 && !Calculus.IsZero(derived!.L0Diffusion!))
                {
                    named.Add(("l0Diffusion_" + s, "L₀b_" + s, derived.L0Diffusion!));
                    increments.Add(Times(new BinaryExpr(BinaryOperator.Add, diffusion, Times(HalfDt, Local("l0Diffusion_" + s))), Local(Increment(s))));
                }
                else
                {
                    increments.Add(Times(diffusion, Local(Increment(s))));
                }

                if (integrator != SdeIntegrator.EulerMaruyama && !Calculus.IsZero(derived!.Milstein!))
                {
                    named.Add(("milstein_" + s, "b_" + s + "·∂b_" + s + "/∂" + s, derived.Milstein!));
                    Expr xi = Local(GeneratedNames.NoiseName(s));
                    increments.Add(Times(Times(HalfDt, Local("milstein_" + s)), new BinaryExpr(BinaryOperator.Subtract, Times(xi, xi), Calculus.Number(1))));
                }
            }

            stores.Add((s, increments));
        }

        // A drift, diffusion or derivative term that repeats the value of a model's own local (SignSGD-type models
        // compute 2·Cdf(…) − 1 in the diffusion's local and again in the drift) reads that local instead.
        var reuse = new LocalReuse(locals);
        locals = reuse.RewriteLocals();
        named = named.Select(n => (n.Local, n.Comment, reuse.Rewrite(n.Value))).ToList();

        // Repeated element-wise subexpressions are computed once, into locals declared just before their first use
        // (one may read a drift or diffusion local, so it cannot come first).
        (List<(string Name, Expr Value)> common, List<Expr> rewritten) = CommonSubexpressions.Extract(named.Select(static t => t.Value).ToList(), "sub");
        var commonValues = common.ToDictionary(static c => c.Name, static c => c.Value);
        var declared = new HashSet<string>();
        void Declare(Expr uses)
        {
            foreach (string name in CommonSubexpressions.LocalsRead(uses).Where(commonValues.ContainsKey))
            {
                if (declared.Add(name))
                {
                    Declare(commonValues[name]);
                    locals.Add(new PlannedLocal(name, commonValues[name], true, null));
                }
            }
        }

        for (int i = 0; i < named.Count; i++)
        {
            Declare(rewritten[i]);
            locals.Add(new PlannedLocal(named[i].Local, rewritten[i], true, named[i].Comment));
        }

        if (suffix.Length > 0)
        {
            // A model name collides with a local of the kernel: every one of them takes the suffix, drift_x → drift_x_.
            var own = new HashSet<string>(locals.Where(static l => l.Declares).Select(static l => l.Name).Concat(model.States.Where(static s => s.Diffused).Select(static s => Increment(s.Name))));
            own.ExceptWith(model.Drifts.Concat(model.Diffusions).SelectMany(static f => f.Body).Select(static b => b.Target));
            locals = locals.Select(l => new PlannedLocal(own.Contains(l.Name) ? l.Name + suffix : l.Name, Rename(l.Value, own, suffix), l.Declares, l.Comment)).ToList();
            stores = stores.Select(st => (st.State, (IReadOnlyList<Expr>)st.Terms.Select(t => Rename(t, own, suffix)).ToList())).ToList();
            locals.AddRange(model.States.Where(static s => s.Diffused)
                .Select(s => new PlannedLocal(Increment(s.Name) + suffix, Times(SqrtDt, Local(GeneratedNames.NoiseName(s.Name))), true, "ΔW_" + s.Name)));
        }
        else
        {
            locals.AddRange(model.States.Where(static s => s.Diffused)
                .Select(static s => new PlannedLocal(Increment(s.Name), Times(SqrtDt, Local(GeneratedNames.NoiseName(s.Name))), true, "ΔW_" + s.Name)));
        }

        Expr dt = new VariableExpr("dt", VariableKind.Time);
        var fields = new List<PlannedField>
        {
            new("_dt", "dt", dt),
            new("_sqrtDt", "√dt", new IntrinsicCallExpr("Sqrt", new EquatableArray<Expr>(new[] { dt }))),
        };
        if (integrator != SdeIntegrator.EulerMaruyama)
        {
            fields.Add(new("_halfDt", "dt/2", new BinaryExpr(BinaryOperator.Multiply, Calculus.Number(0.5), dt)));
        }

        if (integrator == SdeIntegrator.WeakOrder2)
        {
            fields.Add(new("_halfDtSquared", "dt²/2", new BinaryExpr(BinaryOperator.Multiply, new BinaryExpr(BinaryOperator.Multiply, Calculus.Number(0.5), dt), dt)));
        }

        return new KernelPlan(integrator + "Kernel", SdeInputs(model, integrator, terms), model.States.Select(static s => s.Name).ToList(), fields, locals, stores);
    }

    /// <summary>
    /// The suffix of the SDE kernels' own locals (<c>drift_x</c>, <c>sub0</c>, <c>dW_m</c>, …): empty, unless a name
    /// of the model (a state, or a local of a drift or diffusion) is one of them; then the shortest run of '_' that
    /// makes them all free, so that no legal model name is reserved.
    /// </summary>
    private static string LocalSuffix(ModelSpec model)
    {
        var taken = new HashSet<string>(model.States.Select(static s => s.Name));
        taken.UnionWith(model.Drifts.Concat(model.Diffusions).SelectMany(static f => f.Body).Select(static b => b.Target));
        taken.UnionWith(model.States.Select(static s => GeneratedNames.NoiseName(s.Name)));
        string suffix = "";
        while (taken.Any(name => IsKernelLocal(name, suffix)))
        {
            suffix += "_";
        }

        return suffix;
    }

    /// <summary>True when <paramref name="name"/> has the form of a kernel local with that suffix.</summary>
    private static bool IsKernelLocal(string name, string suffix)
    {
        if (!name.EndsWith(suffix, System.StringComparison.Ordinal))
        {
            return false;
        }

        string stem = name.Substring(0, name.Length - suffix.Length);
        if (stem.StartsWith("sub", System.StringComparison.Ordinal) && stem.Length > 3 && stem.Skip(3).All(char.IsDigit))
        {
            return true;
        }

        int underscore = stem.IndexOf('_');
        string head = underscore > 0 ? stem.Substring(0, underscore) : "";
        return head is "drift" or "diffusion" or "dW" or "milstein" or "l0Drift" or "l0Diffusion"
            || (head.Length > 6 && head[0] == 'l' && char.IsUpper(head[1]) && head.EndsWith("Drift", System.StringComparison.Ordinal));
    }

    /// <summary>Renames the kernel's own locals in <paramref name="expr"/>.</summary>
    private static Expr Rename(Expr expr, HashSet<string> own, string suffix) => expr switch
    {
        VariableExpr { Kind: VariableKind.Local } local when own.Contains(local.Name) => new VariableExpr(local.Name + suffix, VariableKind.Local),
        UnaryExpr u => new UnaryExpr(u.Operator, Rename(u.Operand, own, suffix)),
        BinaryExpr b => new BinaryExpr(b.Operator, Rename(b.Left, own, suffix), Rename(b.Right, own, suffix)),
        ConditionalExpr c => new ConditionalExpr(Rename(c.Condition, own, suffix), Rename(c.WhenTrue, own, suffix), Rename(c.WhenFalse, own, suffix)),
        IntrinsicCallExpr call => new IntrinsicCallExpr(call.Name, new EquatableArray<Expr>(call.Arguments.Select(a => Rename(a, own, suffix)))),
        _ => expr,
    };

    /// <summary>The local that holds ΔW of a diffused state.</summary>
    private static string Increment(string state) => "dW_" + state;

    private static bool UsesInput(ModelSpec model, string input) =>
        model.Drifts.Concat(model.Diffusions).Any(f => Calculus.Reads(f.Result, input) || f.Body.Any(s => Calculus.Reads(s.Value, input)));

    private static Expr Local(string name) => new VariableExpr(name, VariableKind.Local);

    private static Expr Field(string name) => new VariableExpr(name, VariableKind.Local);

    private static Expr Times(Expr a, Expr b) => new BinaryExpr(BinaryOperator.Multiply, a, b);
}
