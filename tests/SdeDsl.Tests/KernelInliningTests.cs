using System;
using System.Linq;
using System.Numerics;
using System.Reflection;
using SdeDsl.Kernels;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// The vector functions a generated kernel calls must all be marked AggressiveInlining. The JIT raises a method's
/// inlining budget for an inline only while every method between it and the kernel's loop was a forced inline; one
/// unmarked method in the chain (say a public overload that only forwards) makes everything below it count against
/// the loop's small budget, and when that runs out the loop calls the logarithm, the exponential and the like with
/// their vectors passed through the stack. Measured on SignSgdStudentT at 512 bits: 3.5 instead of 1.9 ns per
/// element in about half the processes (where the stack slots straddled cache lines). The budget is a property of
/// the JIT that no test can time reliably, so this checks the attribute it depends on.
/// </summary>
public sealed class KernelInliningTests
{
    [Theory]
    [InlineData(typeof(SdeMath), 30)]
    [InlineData(typeof(VectorMath), 16)]
    [InlineData(typeof(VectorMath512), 16)]
    [InlineData(typeof(VectorKernel), 3)]
    [InlineData(typeof(WholeVector<float>), 2)]
    [InlineData(typeof(WideLoad<float>), 1)]
    [InlineData(typeof(WideLoadInHalves<float>), 1)]
    public void EveryVectorFunctionIsAForcedInline(Type type, int atLeast)
    {
        MethodInfo[] vectorFunctions = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(static m => IsVector(m.ReturnType) || m.GetParameters().Any(static p => IsVector(p.ParameterType)))
            .ToArray();

        // The number of vector functions today: fewer would mean the filter broke, not that the types shrank.
        Assert.True(vectorFunctions.Length >= atLeast, $"only {vectorFunctions.Length} vector functions found on {type.Name}");
        string[] unmarked = vectorFunctions
            .Where(static m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveInlining) == 0)
            .Select(static m => m.Name + "(" + string.Join(", ", m.GetParameters().Select(static p => p.ParameterType.Name)) + ")")
            .ToArray();
        Assert.True(unmarked.Length == 0, type.Name + " has vector functions without AggressiveInlining: " + string.Join("; ", unmarked));
    }

    private static bool IsVector(Type t) => t.IsGenericType
        && (t.GetGenericTypeDefinition() == typeof(Vector<>) || t.GetGenericTypeDefinition() == typeof(System.Runtime.Intrinsics.Vector512<>));
}
