using SdeDsl.Optimizers;

namespace SdeDsl.Benchmarks;

/// <summary>
/// The catalog's discrete steps as the quick mode <c>--catalog</c> and <see cref="CatalogStepBenchmarks"/> measure
/// them: float, 10M parameters, one core, the generated flat-layout <c>Step(states, g, k)</c>. Every model of
/// <c>src/SdeDsl.Optimizers</c> with an <c>[Update]</c> is here except <c>SignSgdStudentT</c>, whose update is
/// SignSgd's (x ← x − η sign(g)); only its SDE differs.
/// </summary>
/// <remarks>
/// Bytes are the kernel's own loads and stores per parameter, 4 bytes per float: every state component is read and
/// written (x included), g is read. Hoisted scalars cost nothing per parameter. Each count is written out below from
/// the model's update and checked at construction against (2·states + 1)·4, so a catalog change that adds a state
/// fails loudly instead of inflating a bandwidth.
/// </remarks>
public static class CatalogSteps
{
    /// <summary>Parameters per step: 10M floats, 40 MB per state component.</summary>
    public const int Parameters = 10_000_000;

    /// <summary>The fixed step number (bias corrections Pow(β, k) are hoisted scalars, so k does not change the
    /// per-parameter work).</summary>
    public const long K = 10;

    /// <summary>x ← x − η g: reads x, g (8); writes x (4).</summary>
    public const int SgdBytes = 12;

    /// <summary>x ← x − η sign(g): reads x, g (8); writes x (4).</summary>
    public const int SignSgdBytes = 12;

    /// <summary>RMSprop, RMSprop with coupled L2, RMSpropW: reads x, v, g (12); writes x, v (8).</summary>
    public const int RmsPropBytes = 20;

    /// <summary>Adam, Adam with coupled L2, AdamW: reads x, m, v, g (16); writes x, m, v (12).</summary>
    public const int AdamBytes = 28;

    /// <summary>The names of the models, in table order.</summary>
    public static readonly string[] Names = ["Sgd", "SignSgd", "RmsProp", "RmsPropL2", "RmsPropW", "Adam", "AdamL2", "AdamW"];

    /// <summary>The bytes one parameter's step of the model called <paramref name="name"/> loads and stores.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    public static int BytesPerParameter(string name) => name switch
    {
        "Sgd" => SgdBytes,
        "SignSgd" => SignSgdBytes,
        "RmsProp" or "RmsPropL2" or "RmsPropW" => RmsPropBytes,
        "Adam" or "AdamL2" or "AdamW" => AdamBytes,
        _ => throw new System.ArgumentException($"Unknown catalog model '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// The step of the model called <paramref name="name"/>, with PyTorch-default-like hyperparameters (η = 1e-3,
    /// RMSprop's β = 0.99, Adam's β1 = 0.9 and β2 = 0.999, ε = 1e-8, γ = 0.01), on buffers of its own.
    /// </summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="parameters">The number of parameters.</param>
    public static ITimedLoop Create(string name, int parameters = Parameters)
    {
        const double eta = 1e-3, beta = 0.99, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, decay = 1e-2;
        int seed = 1000 + System.Array.IndexOf(Names, name);
        return name switch
        {
            "Sgd" => new CatalogStepLoop<Sgd>(name, new Sgd { Eta = eta }, BytesPerParameter(name), parameters, seed),
            "SignSgd" => new CatalogStepLoop<SignSgd>(name, new SignSgd { Eta = eta }, BytesPerParameter(name), parameters, seed),
            "RmsProp" => new CatalogStepLoop<RmsProp>(name, new RmsProp { Eta = eta, Beta = beta, Eps = eps }, BytesPerParameter(name), parameters, seed),
            "RmsPropL2" => new CatalogStepLoop<RmsPropL2>(
                name, new RmsPropL2 { Eta = eta, Beta = beta, Eps = eps, WeightDecay = decay }, BytesPerParameter(name), parameters, seed),
            "RmsPropW" => new CatalogStepLoop<RmsPropW>(
                name, new RmsPropW { Eta = eta, Beta = beta, Eps = eps, WeightDecay = decay }, BytesPerParameter(name), parameters, seed),
            "Adam" => new CatalogStepLoop<Adam>(name, new Adam { Eta = eta, Beta1 = beta1, Beta2 = beta2, Eps = eps }, BytesPerParameter(name), parameters, seed),
            "AdamL2" => new CatalogStepLoop<AdamL2>(
                name, new AdamL2 { Eta = eta, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = decay }, BytesPerParameter(name), parameters, seed),
            "AdamW" => new CatalogStepLoop<AdamW>(
                name, new AdamW { Eta = eta, Beta1 = beta1, Beta2 = beta2, Eps = eps, WeightDecay = decay }, BytesPerParameter(name), parameters, seed),
            _ => throw new System.ArgumentException($"Unknown catalog model '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
