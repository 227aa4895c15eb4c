using System;
using System.Diagnostics.CodeAnalysis;

namespace SdeDsl.Objectives;

/// <summary>
/// The argument checks shared by the objectives, so that each throws the same <see cref="ArgumentException"/>s naming
/// the argument and the expected value.
/// </summary>
internal static class ObjectiveArguments
{
    /// <summary>The number of points in a flat batch x of d-vectors of length <paramref name="xLength"/>; throws unless it is a
    /// multiple of d.</summary>
    public static int PointCount(int xLength, int d)
    {
        if (xLength % d != 0)
        {
            ThrowNotMultiple(xLength, d);
        }

        return xLength / d;
    }

    /// <summary>Throws unless an output span has the expected length and does not overlap the input.</summary>
    public static void RequireOutput<T>(ReadOnlySpan<T> x, Span<T> output, int expected, string paramName, string reference)
    {
        if (output.Length != expected)
        {
            ThrowLength(output.Length, expected, paramName, reference);
        }

        if (x.Overlaps(output))
        {
            ThrowOverlap(paramName);
        }
    }

    /// <summary>Throws unless a span has the expected length.</summary>
    public static void RequireLength(int actual, int expected, string paramName, string reference)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, paramName, reference);
        }
    }

    /// <summary>Throws unless every element of a parameter span is finite.</summary>
    public static void RequireFinite(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{paramName}[{i}] is {values[i]}; every element must be finite.", paramName);
            }
        }
    }

    /// <summary>Throws unless a scalar parameter is finite.</summary>
    public static void RequireFinite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, paramName + " must be finite.");
        }
    }

    /// <summary>Throws unless a scalar parameter is finite and ≥ 0.</summary>
    public static void RequireFiniteNonNegative(double value, string paramName)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, paramName + " must be finite and >= 0.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void RequireRange(int value, int min, int max, string paramName)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be in [{min}, {max}].");
        }
    }

    /// <summary>Throws unless every label is −1 or +1.</summary>
    public static void RequireSignLabels(ReadOnlySpan<double> labels, string paramName)
    {
        for (int j = 0; j < labels.Length; j++)
        {
            if (labels[j] != 1.0 && labels[j] != -1.0)
            {
                throw new ArgumentException($"{paramName}[{j}] is {labels[j]}; every label must be -1 or +1.", paramName);
            }
        }
    }

    [DoesNotReturn]
    private static void ThrowNotMultiple(int xLength, int d) =>
        throw new ArgumentException($"The length of x ({xLength}) must be a multiple of the dimension d = {d}.", "x");

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string paramName, string reference) =>
        throw new ArgumentException($"Expected {expected} elements ({reference}), got {actual}.", paramName);

    [DoesNotReturn]
    private static void ThrowOverlap(string paramName) =>
        throw new ArgumentException($"{paramName} must not overlap x.", paramName);
}
