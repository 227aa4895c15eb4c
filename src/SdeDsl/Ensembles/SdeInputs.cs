using System;
using SdeDsl.Noise;
using SdeDsl.Objectives;

namespace SdeDsl.Ensembles;

/// <summary>
/// What an SDE step reads besides the state: grad = ∇f(X), the diagonal Hessian when the step needs it, and σ from the
/// noise model, in the chunk's precision. A single-precision chunk calls the float paths of an
/// <see cref="ISinglePrecisionObjective"/> (gradient) and an <see cref="ISinglePrecisionNoiseModel"/> (σ); for the
/// others it widens x to double once and rounds their double outputs to float.
/// </summary>
internal readonly struct SdeInputs(IObjective objective, INoiseModel noise)
{
    private readonly ISinglePrecisionObjective? _singleObjective = objective as ISinglePrecisionObjective;
    private readonly ISinglePrecisionNoiseModel? _singleNoise = noise as ISinglePrecisionNoiseModel;

    private readonly bool _constantSigma = noise is IStateIndependentScales;

    public void Evaluate(Chunk chunk, bool withHessian)
    {
        if (!chunk.IsSingle)
        {
            Gradient(chunk, withHessian);
        }
        else
        {
            ISinglePrecisionObjective? singleObjective = withHessian ? null : _singleObjective;
            if (singleObjective is null || _singleNoise is null)
            {
                chunk.WidenX();
            }

            if (singleObjective is not null)
            {
                singleObjective.Gradient(chunk.SingleX, chunk.SingleGradient);
            }
            else
            {
                Gradient(chunk, withHessian);
                SingleConversion.Narrow(chunk.Gradient, chunk.SingleGradient);
                if (withHessian)
                {
                    SingleConversion.Narrow(chunk.Hessian, chunk.SingleHessian);
                }
            }
        }

        // σ that does not depend on the state is written once per chunk: nothing else writes its buffer.
        if (_constantSigma && ReferenceEquals(chunk.SigmaWrittenBy, noise))
        {
            return;
        }

        if (!chunk.IsSingle)
        {
            noise.Sigma(objective, chunk.X, chunk.Sigma);
        }
        else if (_singleNoise is not null)
        {
            _singleNoise.Sigma(objective, chunk.SingleX, chunk.SingleSigma);
        }
        else
        {
            noise.Sigma(objective, chunk.X, chunk.Sigma);
            SingleConversion.Narrow(chunk.Sigma, chunk.SingleSigma);
        }

        chunk.SigmaWrittenBy = _constantSigma ? noise : null;
    }

    private void Gradient(Chunk chunk, bool withHessian)
    {
        if (withHessian)
        {
            objective.GradientAndDiagonalHessian(chunk.X, chunk.Gradient, chunk.Hessian);
        }
        else
        {
            objective.Gradient(chunk.X, chunk.Gradient);
        }
    }
}
