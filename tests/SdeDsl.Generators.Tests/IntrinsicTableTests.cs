using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SdeDsl.Generators.Model;
using Xunit;

namespace SdeDsl.Generators.Tests;

/// <summary>
/// The generator's one table of intrinsics (<see cref="Intrinsics.All"/>) against everything else that lists them:
/// <see cref="SdeMath"/>'s public methods, <see cref="Kernels.VectorMath"/>'s, the intrinsics table of
/// docs/dsl-reference.md, and the calls of the <c>EveryIntrinsic</c> test model.
/// </summary>
public sealed class IntrinsicTableTests
{
    private static readonly SortedSet<string> TableNames = new(Intrinsics.All.Select(static i => i.Name), StringComparer.Ordinal);

    [Fact]
    public void TableEqualsSdeMathPublicSurface()
    {
        MethodInfo[] methods = typeof(SdeMath).GetMethods(BindingFlags.Public | BindingFlags.Static);
        Assert.Equal(TableNames, new SortedSet<string>(methods.Select(static m => m.Name), StringComparer.Ordinal));
        foreach (Intrinsic intrinsic in Intrinsics.All)
        {
            var parameterTypes = new List<Type>();
            if (intrinsic.HasDouble)
            {
                parameterTypes.Add(typeof(double));
                parameterTypes.Add(typeof(Vector<double>));
            }

            if (intrinsic.HasSingle)
            {
                parameterTypes.Add(typeof(float));
                parameterTypes.Add(typeof(Vector<float>));
            }

            foreach (Type type in parameterTypes)
            {
                MethodInfo? overload = typeof(SdeMath).GetMethod(intrinsic.Name, Enumerable.Repeat(type, intrinsic.Arity).ToArray());
                Assert.True(overload is not null && overload.ReturnType == type, $"SdeMath.{intrinsic.Name}({type.Name} × {intrinsic.Arity}) is missing");
            }

            Assert.Equal(parameterTypes.Count, methods.Count(m => m.Name == intrinsic.Name));
        }
    }

    [Fact]
    public void TableEqualsVectorMath()
    {
        MethodInfo[] methods = typeof(Kernels.VectorMath).GetMethods(BindingFlags.Public | BindingFlags.Static);
        Assert.Equal(TableNames, new SortedSet<string>(methods.Select(static m => m.Name), StringComparer.Ordinal));
        foreach (Intrinsic intrinsic in Intrinsics.All)
        {
            MethodInfo method = Assert.Single(methods, m => m.Name == intrinsic.Name && !TakesDegrees(m));
            Assert.Equal(intrinsic.Arity, method.GetParameters().Length);
        }

        // The intrinsics the table marks as taking degrees of freedom have a second overload taking ν resolved once
        // (generated kernels use it for a ν that does not vary); no other has.
        Assert.Equal(
            Intrinsics.All.Where(static i => i.TakesDegreesOfFreedom).Select(static i => i.Name).Order(StringComparer.Ordinal),
            methods.Where(TakesDegrees).Select(static m => m.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["StudentTCdf", "StudentTPdf"], Intrinsics.All.Where(static i => i.TakesDegreesOfFreedom).Select(static i => i.Name).Order(StringComparer.Ordinal));

        static bool TakesDegrees(MethodInfo m) => m.GetParameters().Any(static p => p.ParameterType.GetElementType() == typeof(Kernels.StudentTDegrees));
    }

    [Fact]
    public void VectorMath512HasEveryVectorMathFunction()
    {
        // The kernels' 512-bit body calls VectorMath512 wherever the one-vector body calls VectorMath: the same
        // functions, with Vector512<T> in place of Vector<T>.
        static string Signature(MethodInfo m) => m.Name + "(" + string.Join(", ", m.GetParameters().Select(static p =>
            p.ParameterType.IsGenericType ? p.ParameterType.GetGenericTypeDefinition().Name : p.ParameterType.Name)) + ")";
        var narrow = typeof(Kernels.VectorMath).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(Signature)
            .Select(static s => s.Replace("Vector`1", "V", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        var wide = typeof(Kernels.VectorMath512).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(Signature)
            .Select(static s => s.Replace("Vector512`1", "V", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(narrow, wide);
        Assert.True(narrow.Length >= 18, string.Join("; ", narrow));
    }

    [Fact]
    public void TableEqualsDslReference()
    {
        string reference = File.ReadAllText(Path.Combine(GeneratorHarness.SourceDirectory(), "..", "..", "docs", "dsl-reference.md"));
        string table = reference.Substring(reference.IndexOf("## Intrinsics", StringComparison.Ordinal));
        table = table.Substring(0, table.IndexOf("\n## ", 3, StringComparison.Ordinal) is int end and > 0 ? end : table.Length);
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string row in table.Split('\n').Where(static l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            string[] cells = Regex.Split(row, @"(?<!\\)\|"); // an escaped \| is inside a cell
            foreach (Match call in Regex.Matches(cells[1], @"`([A-Z][A-Za-z]*)\("))
            {
                documented.Add(call.Groups[1].Value);

                // The "also as" column names the Math method exactly where the parser accepts it (Math.Sign was
                // accepted and the table said "—").
                bool alias = Intrinsics.All.Single(i => i.Name == call.Groups[1].Value).MathAlias;
                Assert.True(alias == cells[3].Contains("`Math.", StringComparison.Ordinal), row);
            }
        }

        Assert.Equal(TableNames, documented);
    }

    [Fact]
    public void EveryIntrinsicModelCallsEveryEntry()
    {
        (Compilation output, GeneratorDriverRunResult result) = GeneratorHarness.Generate(GeneratorHarness.ModelSource("EveryIntrinsic.cs"));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning));
        string generated = GeneratorHarness.GeneratedSource(result, "SdeDsl.Tests.Models.EveryIntrinsic.g.cs");
        string euler = generated.Substring(generated.IndexOf("ref struct EulerMaruyamaKernel", StringComparison.Ordinal));
        euler = euler.Substring(0, euler.IndexOf("ref struct MilsteinKernel", StringComparison.Ordinal));
        var called = new SortedSet<string>(
            Regex.Matches(euler, @"(?:VectorMath|SdeMath)\.([A-Za-z]+)\(").Select(static m => m.Groups[1].Value), StringComparer.Ordinal);
        Assert.Equal(TableNames, called);
    }

    [Fact]
    public void MathAliasesResolveAndOthersDoNot()
    {
        foreach (Intrinsic intrinsic in Intrinsics.All)
        {
            Assert.Equal(intrinsic.Name, Intrinsics.Resolve(Intrinsics.SdeMathType, intrinsic.Name, intrinsic.Arity));
            Assert.Null(Intrinsics.Resolve(Intrinsics.SdeMathType, intrinsic.Name, intrinsic.Arity + 1));
            bool onMath = typeof(Math).GetMethod(intrinsic.Name, Enumerable.Repeat(typeof(double), intrinsic.Arity).ToArray()) is not null;
            Assert.True(!intrinsic.MathAlias || onMath, $"{intrinsic.Name} is marked as a Math alias, but System.Math has no such method");
            Assert.Equal(intrinsic.MathAlias ? intrinsic.Name : null, Intrinsics.Resolve("System.Math", intrinsic.Name, intrinsic.Arity));
            Assert.Equal(intrinsic.MathAlias ? intrinsic.Name : null, Intrinsics.Resolve("System.MathF", intrinsic.Name, intrinsic.Arity));
        }

        Assert.Null(Intrinsics.Resolve("System.Math", "Log", 2));
        Assert.Null(Intrinsics.Resolve("System.Math", "Cos", 1));
    }
}
