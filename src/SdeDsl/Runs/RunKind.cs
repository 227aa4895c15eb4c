namespace SdeDsl.Runs;

/// <summary>What a run simulates.</summary>
public enum RunKind
{
    /// <summary>The discrete optimizer (the model's <c>[Update]</c>) with stochastic gradients.</summary>
    Optimizer,

    /// <summary>The model's SDE, integrated with the run's <see cref="RunDescription.Integrator"/>.</summary>
    Sde,
}
