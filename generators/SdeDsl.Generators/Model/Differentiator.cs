namespace SdeDsl.Generators.Model;

/// <summary>
/// Takes the derivatives of one model's terms and keeps the first that cannot be written, with the method it came
/// from; a failed derivative reads as 0 so that building can go on to the check that ends it.
/// </summary>
internal sealed class Differentiator
{
    /// <summary>The method whose expressions are being differentiated.</summary>
    public string Method { get; set; } = "";

    /// <summary>Why the first failed derivative cannot be written, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>The method of the first failed derivative.</summary>
    public string? FailedMethod { get; private set; }

    public Expr ByState(Expr expr, string state) => Take(Calculus.DifferentiateByState(expr, state));

    public Expr ByTime(Expr expr) => Take(Calculus.DifferentiateByTime(expr));

    private Expr Take(Derivative derivative)
    {
        if (derivative.Failure is null)
        {
            return derivative.Value!;
        }

        if (Failure is null)
        {
            Failure = derivative.Failure;
            FailedMethod = Method;
        }

        return Calculus.Number(0);
    }
}
