using System;

namespace SdeDsl.TestSupport;

/// <summary>The error of a float result in float ulps of a double reference, shared by the tests and the benchmarks.</summary>
public static class FloatUlps
{
    /// <summary>
    /// |y − reference| in units of the float spacing at the reference (2^-149 below the normal range); NaN where a
    /// special value disagrees: NaN against a number, ±∞ against a value that does not round to it, a zero of the
    /// wrong sign where the reference is zero.
    /// </summary>
    /// <param name="y">The float result.</param>
    /// <param name="reference">The reference value, good to far below a float ulp.</param>
    /// <returns>The error in ulps, or NaN.</returns>
    public static double Error(float y, double reference)
    {
        if (double.IsNaN(reference) || float.IsNaN(y))
        {
            return double.IsNaN(reference) && float.IsNaN(y) ? 0 : double.NaN;
        }

        float rounded = (float)reference;
        if (float.IsInfinity(rounded) || float.IsInfinity(y))
        {
            return rounded == y ? 0 : double.NaN;
        }

        if (reference == 0 && y == 0 && double.IsNegative(reference) != float.IsNegative(y))
        {
            return double.NaN;
        }

        int exponent = reference == 0 ? -126 : Math.Max(Math.ILogB(reference), -126);
        return Math.Abs(y - reference) / Math.ScaleB(1.0, exponent - 23);
    }
}
