namespace SdeDsl.Generators.Model;

/// <summary>The generated names of an integrator.</summary>
internal static class SdeIntegrators
{
    /// <summary>The step method, e.g. <c>EulerMaruyamaStep</c>, which the runtime's interfaces declare.</summary>
    public static string StepMethod(this SdeIntegrator integrator) => integrator + "Step";
}
