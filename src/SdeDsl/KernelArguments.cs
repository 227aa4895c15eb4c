using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace SdeDsl;

/// <summary>
/// Argument checks shared by every generated kernel, so that each throws the same <see cref="ArgumentException"/>s
/// naming the argument and the expected value. Called by generated code; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelArguments
{
    /// <summary>∛ε for double, ε = 2^−52.</summary>
    private const double CubeRootEpsilon = 6.0554544523933395e-6;

    /// <summary>Throws unless a span has the expected number of elements.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="expected">The length it must have.</param>
    /// <param name="paramName">The span's parameter name.</param>
    /// <param name="reference">What the expected length is (e.g. "the length of x").</param>
    public static void RequireLength(int actual, long expected, string paramName, string reference)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, paramName, reference);
        }
    }

    /// <summary>
    /// Throws unless two state spans are disjoint: a kernel writes every state component in place, one vector at a
    /// time, so components that share memory would read values the same pass has already written (and the result
    /// would depend on the vector width). Checked once per call.
    /// </summary>
    /// <param name="first">One state span.</param>
    /// <param name="firstName">Its parameter name.</param>
    /// <param name="second">Another state span.</param>
    /// <param name="secondName">Its parameter name.</param>
    public static void RequireDisjoint(ReadOnlySpan<double> first, string firstName, ReadOnlySpan<double> second, string secondName)
    {
        if (first.Overlaps(second))
        {
            ThrowOverlap(firstName, secondName);
        }
    }

    /// <inheritdoc cref="RequireDisjoint(ReadOnlySpan{double}, string, ReadOnlySpan{double}, string)"/>
    public static void RequireDisjoint(ReadOnlySpan<float> first, string firstName, ReadOnlySpan<float> second, string secondName)
    {
        if (first.Overlaps(second))
        {
            ThrowOverlap(firstName, secondName);
        }
    }

    /// <inheritdoc cref="RequireDisjoint(ReadOnlySpan{double}, string, ReadOnlySpan{double}, string)"/>
    /// <typeparam name="T">The element type.</typeparam>
    public static void RequireDisjoint<T>(Span<T> first, string firstName, Span<T> second, string secondName)
        where T : unmanaged
    {
        if (((ReadOnlySpan<T>)first).Overlaps(second))
        {
            ThrowOverlap(firstName, secondName);
        }
    }

    /// <summary>Throws unless <paramref name="k"/>, the 1-based step number, is at least 1.</summary>
    public static void RequireStepNumber(long k)
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k is the 1-based step number: it must be at least 1.");
        }
    }

    /// <summary>Throws unless the time <paramref name="t"/> is finite and the step <paramref name="dt"/> finite and positive.</summary>
    public static void RequireTimeStep(double t, double dt)
    {
        if (!double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The time t must be finite.");
        }

        if (!double.IsFinite(dt) || !(dt > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "The time step dt must be finite and > 0.");
        }
    }

    /// <summary>
    /// The step h of the central difference (F(a + h) − F(a − h)) / 2h by which the higher-order integrators take the
    /// slope of a derived scalar method (whose body the generator does not differentiate): ∛ε·max(|a|, 1e-3), which
    /// balances truncation (h²) against rounding (ε/h) for functions that vary on the scale of a.
    /// </summary>
    /// <param name="at">The point a.</param>
    /// <returns>The step h &gt; 0.</returns>
    public static double DifferenceStep(double at) => CubeRootEpsilon * Math.Max(Math.Abs(at), 1e-3);

    /// <summary>Throws the <see cref="ArgumentOutOfRangeException"/> of a hyperparameter unless it lies in its range.</summary>
    /// <param name="inRange">Whether the value is finite and within the range.</param>
    /// <param name="value">The hyperparameter's value.</param>
    /// <param name="paramName">The hyperparameter's name.</param>
    /// <param name="range">The range it must lie in, e.g. "finite and > 0".</param>
    public static void RequireHyperparameter(bool inRange, double value, string paramName, string range)
    {
        if (!inRange)
        {
            ThrowHyperparameter(value, paramName, range);
        }
    }

    /// <summary>Throws the <see cref="ArgumentOutOfRangeException"/> of a hyperparameter outside its range.</summary>
    /// <param name="value">The hyperparameter's value.</param>
    /// <param name="paramName">The hyperparameter's name.</param>
    /// <param name="range">The range it must lie in, e.g. "finite and > 0".</param>
    [DoesNotReturn]
    public static void ThrowHyperparameter(double value, string paramName, string range) =>
        throw new ArgumentOutOfRangeException(paramName, value, paramName + " must be " + range + ".");

    [DoesNotReturn]
    private static void ThrowOverlap(string firstName, string secondName) =>
        throw new ArgumentException(
            $"The state spans {firstName} and {secondName} overlap; each state component needs memory of its own, since the step writes them in place.",
            secondName);

    [DoesNotReturn]
    private static void ThrowLength(int actual, long expected, string paramName, string reference) =>
        throw new ArgumentException($"Expected {expected} elements ({reference}), got {actual}.", paramName);
}
