using SdeDsl.Noise;
using SdeDsl.Objectives;

namespace SdeDsl.Ensembles;

/// <summary>
/// What an SDE step reads besides the state: grad = ∇f(X), the diagonal Hessian when the step needs it, and σ from the
/// noise model, in the chunk's precision. A single-precision chunk widens x once and rounds the double outputs to
/// float, except the gradient of an <see cref="ISinglePrecisionObjective"/>, which is computed in float.
/// </summary>
internal readonly struct SdeInputs(IObjective objective, INoiseModel noise)
{
    private readonly ISinglePrecisionObjective? _singleObjective = objective as ISinglePrecisionObjective;

    public void Evaluate(Chunk chunk, bool withHessian)
    {
        if (!chunk.IsSingle)
        {
            Gradient(chunk.X, chunk, withHessian);
            noise.Sigma(objective, chunk.X, chunk.Sigma);
            return;
        }

        chunk.WidenX();
        if (_singleObjective is { } single && !withHessian)
        {
            single.Gradient(chunk.SingleX, chunk.SingleGradient);
        }
        else
        {
            Gradient(chunk.X, chunk, withHessian);
            SingleConversion.Narrow(chunk.Gradient, chunk.SingleGradient);
            if (withHessian)
            {
                SingleConversion.Narrow(chunk.Hessian, chunk.SingleHessian);
            }
        }

        noise.Sigma(objective, chunk.X, chunk.Sigma);
        SingleConversion.Narrow(chunk.Sigma, chunk.SingleSigma);
    }

    private void Gradient(System.ReadOnlySpan<double> x, Chunk chunk, bool withHessian)
    {
        if (withHessian)
        {
            objective.GradientAndDiagonalHessian(x, chunk.Gradient, chunk.Hessian);
        }
        else
        {
            objective.Gradient(x, chunk.Gradient);
        }
    }
}
