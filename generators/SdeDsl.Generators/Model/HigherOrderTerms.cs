using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>
/// The derivative terms of the Milstein and the simplified weak-order-2 Taylor scheme for one model (Kloeden and
/// Platen, <i>Numerical Solution of Stochastic Differential Equations</i>, 1992, §10.3 and §14.2), derived
/// symbolically from the drift and diffusion expressions by <see cref="Calculus"/>.
/// </summary>
/// <remarks>
/// Noise is diagonal: the diffused component s of coordinate i has its own Brownian motion W_s. With the operators
/// L_j g = b_j ∂g/∂s_j and L₀ g = ∂g/∂t + Σ_s a_s ∂g/∂s + ½ Σ_j b_j² ∂²g/∂s_j², and ΔW = √Δ·ξ, the schemes are
/// <code>
/// Milstein:  s ← s + a_s Δ + b_s ΔW_s + ½ L_s b_s (ΔW_s² − Δ)
/// weak 2:    s ← s + a_s Δ + ½ L₀a_s Δ² + Σ_j ½ L_j a_s Δ ΔW_j + (b_s + ½ L₀b_s Δ) ΔW_s + ½ L_s b_s (ΔW_s² − Δ)
/// </code>
/// Both need each diffusion to depend on no other diffused component (L_j b_s = 0 for j ≠ s): otherwise the noise is
/// not commutative and the schemes need Lévy areas, which the generator does not write; such a model gets
/// Euler–Maruyama only, and SDE0021 says why. The terms refer to the kernel's locals <c>drift_s</c> and
/// <c>diffusion_s</c>, which the kernel computes first.
/// </remarks>
internal sealed class HigherOrderTerms
{
    private HigherOrderTerms(List<StateTerms> states, bool needsHessian)
    {
        States = states;
        NeedsHessian = needsHessian;
    }

    /// <summary>The terms of every state component, in kernel order.</summary>
    public IReadOnlyList<StateTerms> States { get; }

    /// <summary>True when a term reads the objective's diagonal Hessian (a drift or diffusion reads grad).</summary>
    public bool NeedsHessian { get; }

    /// <summary>The local that holds the drift of <paramref name="state"/> in a kernel.</summary>
    public static string DriftLocal(string state) => "drift_" + state;

    /// <summary>The local that holds the diffusion of <paramref name="state"/> in a kernel.</summary>
    public static string DiffusionLocal(string state) => "diffusion_" + state;

    /// <summary>Derives the terms, or returns null and says why (and in which method) the schemes cannot be written.</summary>
    public static HigherOrderTerms? TryBuild(ModelSpec model, out string? failedMethod, out string? reason)
    {
        failedMethod = null;
        reason = null;
        if (model.Drifts.Count == 0)
        {
            return null;
        }

        var drifts = model.Drifts.ToDictionary(static d => d.State, static d => Calculus.Inline(d.Body, d.Result));
        var diffusions = model.Diffusions.ToDictionary(static d => d.State, static d => Calculus.Inline(d.Body, d.Result));
        List<string> states = model.States.Select(static s => s.Name).ToList();
        List<string> diffused = model.States.Where(static s => s.Diffused).Select(static s => s.Name).ToList();
        var d = new Differentiator();
        foreach (SdeFunctionSpec diffusion in model.Diffusions)
        {
            d.Method = diffusion.MethodName;
            foreach (string other in diffused.Where(o => o != diffusion.State))
            {
                Expr cross = d.ByState(diffusions[diffusion.State], other);
                if (d.Failure is not null)
                {
                    return Fail(d, out failedMethod, out reason);
                }

                if (!Calculus.IsZero(cross))
                {
                    failedMethod = diffusion.MethodName;
                    reason = "the diffusion of '" + diffusion.State + "' depends on '" + other + "', which is diffused too (non-commutative noise needs Lévy areas)";
                    return null;
                }
            }
        }

        var result = new List<StateTerms>();
        foreach (string state in states)
        {
            d.Method = model.Drifts.First(f => f.State == state).MethodName;
            Expr drift = drifts[state];
            Expr l0Drift = GeneratorL0(d, drift, states, diffused, drifts.Keys);
            var byNoise = new List<(string Noise, Expr Term)>();
            foreach (string j in diffused)
            {
                Expr term = Calculus.Mul(Diffusion(j), d.ByState(drift, j));
                if (!Calculus.IsZero(term))
                {
                    byNoise.Add((j, term));
                }
            }

            Expr? milstein = null, l0Diffusion = null;
            if (d.Failure is null && diffusions.TryGetValue(state, out Expr? diffusion))
            {
                d.Method = model.Diffusions.First(f => f.State == state).MethodName;
                // b·∂b/∂s written as ½·∂(b²)/∂s: a diffusion under a square root that reaches 0 (SignSGD's, once
                // |∇f| ≫ σ) has ∂b/∂s = 0/0 there, while ∂(b²)/∂s has no root left to differentiate.
                milstein = Calculus.Mul(Calculus.Number(0.5), d.ByState(Calculus.Square(diffusion), state));

                // L₀b reads ∂b/∂s and ∂²b/∂s², which are 0/0 or 1/0 where a diffusion under a root is 0 (the
                // square-root diffusions'); there L₀b is taken as 0. Only there: a diffusion that crosses 0 with a
                // slope (σ·x at x = 0) has a finite L₀b, which the scheme needs.
                Expr l0 = GeneratorL0(d, diffusion, states, diffused, drifts.Keys);
                Expr undefined = new BinaryExpr(
                    BinaryOperator.And,
                    new BinaryExpr(BinaryOperator.Equal, Diffusion(state), Calculus.Number(0)),
                    new UnaryExpr(UnaryOperator.Not, new BinaryExpr(BinaryOperator.Less, Calculus.Call("Abs", l0), Calculus.Number(double.PositiveInfinity))));
                l0Diffusion = Calculus.IsZero(l0) ? l0 : new ConditionalExpr(undefined, Calculus.Number(0), l0);
            }

            if (d.Failure is not null)
            {
                return Fail(d, out failedMethod, out reason);
            }

            result.Add(new StateTerms(state, l0Drift, byNoise, milstein, l0Diffusion));
        }

        bool needsHessian = result.Any(static s =>
            Reads(s.L0Drift) || s.DriftByNoise.Any(static n => Reads(n.Term)) || Reads(s.Milstein) || Reads(s.L0Diffusion));
        return new HigherOrderTerms(result, needsHessian);

        static bool Reads(Expr? expr) => expr is not null && Calculus.Reads(expr, Calculus.Hessian);
    }

    private static HigherOrderTerms? Fail(Differentiator d, out string? failedMethod, out string? reason)
    {
        failedMethod = d.FailedMethod;
        reason = d.Failure;
        return null;
    }

    private static Expr Drift(string state) => new VariableExpr(DriftLocal(state), VariableKind.Local);

    private static Expr Diffusion(string state) => new VariableExpr(DiffusionLocal(state), VariableKind.Local);

    /// <summary>L₀ g = ∂g/∂t + Σ_s a_s ∂g/∂s + ½ Σ_j b_j² ∂²g/∂s_j².</summary>
    private static Expr GeneratorL0(Differentiator d, Expr g, List<string> states, List<string> diffused, IEnumerable<string> withDrift)
    {
        Expr total = d.ByTime(g);
        var drifted = new HashSet<string>(withDrift);
        foreach (string s in states.Where(drifted.Contains))
        {
            total = Calculus.Add(total, Calculus.Mul(Drift(s), d.ByState(g, s)));
        }

        foreach (string j in diffused)
        {
            Expr second = d.ByState(d.ByState(g, j), j);
            if (!Calculus.IsZero(second))
            {
                total = Calculus.Add(total, Calculus.Mul(Calculus.Mul(Calculus.Number(0.5), Calculus.Square(Diffusion(j))), second));
            }
        }

        return total;
    }
}

/// <summary>The derivative terms of one state component s.</summary>
/// <param name="State">The component's name.</param>
/// <param name="L0Drift">L₀a_s.</param>
/// <param name="DriftByNoise">L_j a_s for each diffused j where it is not zero.</param>
/// <param name="Milstein">L_s b_s = b_s ∂b_s/∂s = ½ ∂(b_s²)/∂s, or null when s has no diffusion.</param>
/// <param name="L0Diffusion">L₀b_s (0 on lanes where b_s = 0), or null when s has no diffusion.</param>
internal sealed record StateTerms(string State, Expr L0Drift, IReadOnlyList<(string Noise, Expr Term)> DriftByNoise, Expr? Milstein, Expr? L0Diffusion);
