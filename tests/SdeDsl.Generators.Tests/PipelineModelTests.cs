using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>The values that flow through the pipeline hold no Roslyn object that would defeat caching or pin memory.</summary>
public sealed class PipelineModelTests
{
    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SemanticModel), typeof(Compilation), typeof(Location), typeof(SyntaxTree),
    };

    [Theory]
    [InlineData("AdamW.cs")]
    [InlineData("SignSgd.cs")]
    [InlineData("ClippedMomentum.cs")]
    public void NoRoslynObjectIsReachableFromTheModel(string file)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(GeneratorHarness.ModelSource(file)));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        object spec = result.TrackedSteps[SdeModelGenerator.ValidModelStep].Single().Outputs.Single().Value;

        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        int count = Walk(spec, "spec", visited);

        // The walk really went through the model: states, statements and expression nodes.
        Assert.True(count > 50, "walked only " + count + " objects");
    }

    [Fact]
    public void TheWalkFindsARoslynObjectWhenThereIsOne()
    {
        var holder = new { Inner = new object[] { Location.None } };
        Assert.ThrowsAny<Exception>(() => Walk(holder, "holder", new HashSet<object>(ReferenceEqualityComparer.Instance)));
    }

    private static int Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return 0;
        }

        Type type = value.GetType();
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), path + " is a " + type.FullName);
        if (!type.IsValueType && !visited.Add(value))
        {
            return 0;
        }

        int count = 1;
        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                count += Walk(item, path + "[" + index++ + "]", visited);
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Assert.False(Forbidden.Any(f => f.IsAssignableFrom(field.FieldType)), path + "." + field.Name + " has type " + field.FieldType);
                count += Walk(field.GetValue(value), path + "." + field.Name, visited);
            }
        }

        return count;
    }
}
