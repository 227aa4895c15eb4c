using System;
using System.Linq;
using System.Reflection;
using SdeDsl.Generators.Model;
using Xunit;
using RuntimeIntegrator = SdeDsl.Ensembles.SdeIntegrator;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// The generator's <see cref="SdeIntegrator"/> and the runtime's <see cref="RuntimeIntegrator"/> are one enum kept in
/// two assemblies (the generator cannot reference the runtime): the same names with the same values, and every
/// integrator's step method is declared by the runtime's model interfaces.
/// </summary>
public sealed class IntegratorTableTests
{
    [Fact]
    public void GeneratorAndRuntimeIntegratorsAgree()
    {
        Assert.Equal(
            Enum.GetValues<RuntimeIntegrator>().Select(static i => (i.ToString(), (int)i)),
            Enum.GetValues<SdeIntegrator>().Select(static i => (i.ToString(), (int)i)));
    }

    [Fact]
    public void EveryIntegratorsStepMethodIsDeclaredByTheRuntime()
    {
        Type[] interfaces = { typeof(ISdeModel<>), typeof(IHigherOrderSdeModel<>) };
        foreach (SdeIntegrator integrator in Enum.GetValues<SdeIntegrator>())
        {
            string method = integrator.StepMethod();
            int overloads = interfaces.SelectMany(static t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)).Count(m => m.Name == method);
            Assert.True(overloads == 2, $"{method}: expected the float and double overloads in the runtime's interfaces, found {overloads}");
        }
    }
}
