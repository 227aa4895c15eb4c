using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.Objectives;

/// <summary>a·((b − c)·(b − c)): the summand of a weighted squared distance.</summary>
internal readonly struct WeightedSquaredDifferenceTerm : ISummandTerm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Invoke(double a, double b, double c)
    {
        double y = b - c;
        return a * (y * y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> a, Vector256<double> b, Vector256<double> c)
    {
        Vector256<double> y = b - c;
        return a * (y * y);
    }
}
