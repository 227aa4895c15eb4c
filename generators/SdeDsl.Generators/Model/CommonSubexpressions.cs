using System.Collections.Generic;
using System.Linq;

namespace SdeDsl.Generators.Model;

/// <summary>
/// Names the element-wise subexpressions that occur more than once in an SDE kernel (its drifts, diffusions and
/// derivative terms), so that the kernel computes each once (the JIT does not merge repeated calls of <c>SdeMath</c>
/// functions) and reads better: SignSGD's drift and diffusion share <c>Erf(grad / (√2·sigma))</c>, and their symbolic
/// derivatives repeat it and the Gaussian factor many times. Scalar subexpressions are left alone (they are hoisted out
/// of the loop anyway), and so are truth values.
/// </summary>
internal sealed class CommonSubexpressions
{
    private readonly Dictionary<Expr, int> _counts = new();
    private readonly Dictionary<Expr, string> _names = new();
    private readonly string _prefix;

    private CommonSubexpressions(string prefix) => _prefix = prefix;

    /// <summary>The locals to declare, in dependency order, before the rewritten expressions.</summary>
    public List<(string Name, Expr Value)> Locals { get; } = new();

    /// <summary>Rewrites <paramref name="expressions"/> with every repeated subexpression replaced by a local.</summary>
    public static (List<(string Name, Expr Value)> Locals, List<Expr> Rewritten) Extract(IReadOnlyList<Expr> expressions, string prefix)
    {
        var cse = new CommonSubexpressions(prefix);
        foreach (Expr expr in expressions)
        {
            cse.Count(expr);
        }

        List<Expr> rewritten = expressions.Select(cse.Rewrite).ToList();
        return (cse.Locals, rewritten);
    }

    private static bool Candidate(Expr expr) =>
        expr is not (VariableExpr or NumberExpr) && !ExprFacts.IsScalar(expr) && !ExprFacts.IsBoolean(expr);

    private void Count(Expr expr)
    {
        if (ExprFacts.IsScalar(expr))
        {
            return;
        }

        if (Candidate(expr))
        {
            _counts[expr] = _counts.TryGetValue(expr, out int count) ? count + 1 : 1;
            if (count > 0)
            {
                return; // its children were counted at its first occurrence; they are reused through it
            }
        }

        foreach (Expr child in Children(expr))
        {
            Count(child);
        }
    }

    private Expr Rewrite(Expr expr)
    {
        if (ExprFacts.IsScalar(expr))
        {
            return expr;
        }

        if (_names.TryGetValue(expr, out string? existing))
        {
            return new VariableExpr(existing, VariableKind.Local);
        }

        Expr rebuilt = expr switch
        {
            UnaryExpr u => new UnaryExpr(u.Operator, Rewrite(u.Operand)),
            BinaryExpr b => new BinaryExpr(b.Operator, Rewrite(b.Left), Rewrite(b.Right)),
            ConditionalExpr c => new ConditionalExpr(Rewrite(c.Condition), Rewrite(c.WhenTrue), Rewrite(c.WhenFalse)),
            IntrinsicCallExpr call => new IntrinsicCallExpr(call.Name, new EquatableArray<Expr>(call.Arguments.Select(Rewrite))),
            _ => expr,
        };
        if (Candidate(expr) && _counts.TryGetValue(expr, out int count) && count > 1)
        {
            string name = _prefix + Locals.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _names[expr] = name;
            Locals.Add((name, rebuilt));
            return new VariableExpr(name, VariableKind.Local);
        }

        return rebuilt;
    }

    /// <summary>The locals <paramref name="expr"/> reads, in the order it reads them, each once.</summary>
    public static IEnumerable<string> LocalsRead(Expr expr)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<Expr>();
        stack.Push(expr);
        var order = new List<string>();
        while (stack.Count > 0)
        {
            Expr next = stack.Pop();
            if (next is VariableExpr { Kind: VariableKind.Local } local)
            {
                if (seen.Add(local.Name))
                {
                    order.Add(local.Name);
                }

                continue;
            }

            foreach (Expr child in Children(next).Reverse())
            {
                stack.Push(child);
            }
        }

        return order;
    }

    private static IEnumerable<Expr> Children(Expr expr) => expr switch
    {
        UnaryExpr u => new[] { u.Operand },
        BinaryExpr b => new[] { b.Left, b.Right },
        ConditionalExpr c => new[] { c.Condition, c.WhenTrue, c.WhenFalse },
        IntrinsicCallExpr call => call.Arguments,
        _ => Enumerable.Empty<Expr>(),
    };
}
