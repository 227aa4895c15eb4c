namespace SdeDsl.Objectives;

/// <summary>The per-example loss of an <see cref="Mlp"/> with output ŷ and target t.</summary>
public enum MlpLoss
{
    /// <summary>Regression: ½ (ŷ − t)², t any finite number; ∂/∂ŷ = ŷ − t.</summary>
    SquaredError,

    /// <summary>Binary classification: log(1 + exp(−t ŷ)), t ∈ {−1, +1}; ∂/∂ŷ = −t σ(−t ŷ).</summary>
    Logistic,
}
