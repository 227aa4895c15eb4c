using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>
/// Replaces, in an SDE kernel's expressions, every subexpression whose value is that of a model's own local (a local
/// of a drift or diffusion, assigned once) by a read of that local, so the kernel computes it once. Values are compared
/// with every read of an earlier such local expanded to its value, so <c>double a = grad / sigma; double b = Erf(a);</c>
/// matches <c>Erf(grad / sigma)</c> in another method. The local holds the same operations on the same operands, so the
/// result keeps its bits.
/// </summary>
internal sealed class LocalReuse
{
    private readonly List<PlannedLocal> _locals;
    private readonly Dictionary<string, Expr> _expanded = new();
    private readonly Dictionary<Expr, string> _byValue = new();

    public LocalReuse(List<PlannedLocal> locals)
    {
        _locals = locals;
    }

    /// <summary>The model's locals with each value rewritten to read the locals before it, registering each in turn.</summary>
    public List<PlannedLocal> RewriteLocals()
    {
        var assignments = _locals.GroupBy(static l => l.Name).ToDictionary(static g => g.Key, static g => g.Count());
        var result = new List<PlannedLocal>(_locals.Count);
        foreach (PlannedLocal local in _locals)
        {
            Expr value = Rewrite(local.Value);
            result.Add(new PlannedLocal(local.Name, value, local.Declares, local.Comment));
            if (local.Declares && assignments[local.Name] == 1)
            {
                Expr expanded = Expand(local.Value);
                _expanded[local.Name] = expanded;
                // A value that still reads a local after expansion reads one assigned more than once, whose value
                // may have changed by the time the same expression appears again: never reuse it.
                if (Candidate(expanded) && !CommonSubexpressions.LocalsRead(expanded).Any() && !_byValue.ContainsKey(expanded))
                {
                    _byValue[expanded] = local.Name;
                }
            }
        }

        return result;
    }

    /// <summary><paramref name="expr"/> with its largest subexpressions that equal a registered local's value read from it.</summary>
    public Expr Rewrite(Expr expr)
    {
        if (Candidate(expr) && _byValue.TryGetValue(Expand(expr), out string? name))
        {
            return new VariableExpr(name, VariableKind.Local);
        }

        return expr switch
        {
            UnaryExpr u => new UnaryExpr(u.Operator, Rewrite(u.Operand)),
            BinaryExpr b => new BinaryExpr(b.Operator, Rewrite(b.Left), Rewrite(b.Right)),
            ConditionalExpr c => new ConditionalExpr(Rewrite(c.Condition), Rewrite(c.WhenTrue), Rewrite(c.WhenFalse)),
            IntrinsicCallExpr call => new IntrinsicCallExpr(call.Name, new EquatableArray<Expr>(call.Arguments.Select(Rewrite))),
            _ => expr,
        };
    }

    private Expr Expand(Expr expr) => expr switch
    {
        VariableExpr { Kind: VariableKind.Local } local when _expanded.TryGetValue(local.Name, out Expr? value) => value,
        UnaryExpr u => new UnaryExpr(u.Operator, Expand(u.Operand)),
        BinaryExpr b => new BinaryExpr(b.Operator, Expand(b.Left), Expand(b.Right)),
        ConditionalExpr c => new ConditionalExpr(Expand(c.Condition), Expand(c.WhenTrue), Expand(c.WhenFalse)),
        IntrinsicCallExpr call => new IntrinsicCallExpr(call.Name, new EquatableArray<Expr>(call.Arguments.Select(Expand))),
        _ => expr,
    };

    private static bool Candidate(Expr expr) =>
        expr is not (VariableExpr or NumberExpr) && !ExprFacts.IsScalar(expr) && !ExprFacts.IsBoolean(expr);
}
