using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>A local of a kernel body: a name, its element-wise value, and a comment saying what it is.</summary>
/// <param name="Name">The local's name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Declares">False when it assigns a state or a local declared earlier (an update's <c>m = …</c>).</param>
/// <param name="Comment">What the value is (<c>a_x</c>, <c>L₀b_m</c>), or null.</param>
internal sealed record PlannedLocal(string Name, Expr Value, bool Declares, string? Comment);

/// <summary>A vector field of the kernel set from the call's scalars: <c>_dt</c>, <c>_sqrtDt</c>, ….</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Formula">What it holds, for its comment.</param>
/// <param name="Value">The scalar it broadcasts (reads <c>dt</c>).</param>
internal sealed record PlannedField(string Name, string Formula, Expr Value);

/// <summary>
/// One kernel's element-wise body, decided before emission: the spans it reads (in parameter order), the states it
/// writes, its fields, its locals in order (the methods' statements, the drifts and diffusions, the derivative terms and
/// the subexpressions they share), and what each written state becomes: its value plus the sum of its terms (an
/// update's states take their last assigned value: no terms). The emitter only prints it.
/// </summary>
internal sealed record KernelPlan(
    string Name,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> States,
    IReadOnlyList<PlannedField> Fields,
    IReadOnlyList<PlannedLocal> Locals,
    IReadOnlyList<(string State, IReadOnlyList<Expr> Terms)> Stores);

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

        locals.AddRange(model.States.Where(static s => s.Diffused)
            .Select(static s => new PlannedLocal(Increment(s.Name), Times(SqrtDt, Local(GeneratedNames.NoiseName(s.Name))), true, "ΔW_" + s.Name)));

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

    /// <summary>The local that holds ΔW of a diffused state.</summary>
    private static string Increment(string state) => "dW_" + state;

    private static bool UsesInput(ModelSpec model, string input) =>
        model.Drifts.Concat(model.Diffusions).Any(f => Calculus.Reads(f.Result, input) || f.Body.Any(s => Calculus.Reads(s.Value, input)));

    private static Expr Local(string name) => new VariableExpr(name, VariableKind.Local);

    private static Expr Field(string name) => new VariableExpr(name, VariableKind.Local);

    private static Expr Times(Expr a, Expr b) => new BinaryExpr(BinaryOperator.Multiply, a, b);
}
