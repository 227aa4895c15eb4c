using System;
using System.Globalization;
using SdeDsl.Objectives;

namespace SdeDsl.Runs;

/// <summary>
/// An objective written as a short string, the form the <c>sdedsl</c> tool and a <see cref="RunDescription"/> use:
/// <list type="bullet">
/// <item><c>quadratic:λ1,λ2,…</c> — f = ½ Σ λ_i x_i² (<see cref="DiagonalQuadratic"/>); an item <c>λ*n</c> repeats λ n
/// times, e.g. <c>quadratic:1*32</c>;</item>
/// <item><c>rosenbrock:d</c> or <c>rosenbrock:d:a:b</c> (<see cref="Rosenbrock"/>, a = 1, b = 100 by default);</item>
/// <item><c>logistic:n:d</c> or <c>logistic:n:d:seed</c> or <c>logistic:n:d:seed:l2</c> — logistic regression on a
/// seeded synthetic data set of n examples in d dimensions (<see cref="LogisticRegression.Synthetic"/>);</item>
/// <item><c>mlp:n:inputs:hidden</c> or <c>mlp:n:inputs:hidden:seed</c> — a one-hidden-layer tanh network with squared
/// error on a seeded synthetic teacher data set (<see cref="Mlp.Synthetic"/>).</item>
/// </list>
/// </summary>
public static class ObjectiveSpec
{
    /// <summary>The grammar, for messages and help.</summary>
    public const string Grammar = "quadratic:λ1,λ2,… (λ*n repeats) | rosenbrock:d[:a:b] | logistic:n:d[:seed[:l2]] | mlp:n:inputs:hidden[:seed]";

    /// <summary>Builds the objective a spec describes.</summary>
    /// <param name="spec">The spec, e.g. <c>quadratic:1,2,4</c>.</param>
    /// <param name="argument">The argument name used in error messages.</param>
    /// <exception cref="ArgumentException">The spec is malformed or a value is out of range; the message names
    /// <paramref name="argument"/> and what is allowed.</exception>
    public static IObjective Create(string spec, string argument = "objective")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var reader = new SpecReader(spec, argument, Grammar);
        try
        {
            return Build(reader);
        }
        catch (ArgumentException e) when (e.ParamName != argument)
        {
            // An objective's own refusal (logistic:100000000:1000 is too large for one array) was named "--n".
            throw reader.Error(ArgumentMessages.Text(e).TrimEnd('.'));
        }
    }

    private static IObjective Build(SpecReader reader)
    {
        switch (reader.Kind)
        {
            case "quadratic":
                reader.RequireParts(2, 2);
                return new DiagonalQuadratic(reader.List(1, "λ", 0, exclusiveMin: true));
            case "rosenbrock":
                if (reader.Parts.Length != 2 && reader.Parts.Length != 4)
                {
                    throw reader.Error("give d, or d:a:b");
                }

                int d = reader.Integer(1, "d", 2);
                return reader.Parts.Length == 2 ? new Rosenbrock(d) : new Rosenbrock(d, reader.Number(2, "a"), reader.Number(3, "b", 0, exclusiveMin: true));
            case "logistic":
                reader.RequireParts(3, 5);
                return LogisticRegression.Synthetic(reader.Integer(1, "n", 1), reader.Integer(2, "d", 1),
                    reader.Parts.Length > 3 ? reader.Integer(3, "seed", 0) : 1, l2: reader.Parts.Length > 4 ? reader.Number(4, "l2", 0) : 0.0);
            case "mlp":
                reader.RequireParts(4, 5);
                int hidden = reader.Integer(3, "hidden", 1);
                if (hidden > Mlp.MaxHidden)
                {
                    throw reader.Error($"hidden = {hidden} must be at most {Mlp.MaxHidden.ToString(CultureInfo.InvariantCulture)}");
                }

                return Mlp.Synthetic(reader.Integer(1, "n", 1), reader.Integer(2, "inputs", 1), hidden, MlpLoss.SquaredError,
                    reader.Parts.Length > 4 ? reader.Integer(4, "seed", 0) : 1);
            default:
                throw reader.Error($"unknown objective '{reader.Parts[0]}'");
        }
    }
}
