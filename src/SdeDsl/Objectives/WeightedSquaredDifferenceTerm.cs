using System.Numerics;
using System.Runtime.CompilerServices;

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
    public static Vector<double> Invoke(Vector<double> a, Vector<double> b, Vector<double> c)
    {
        Vector<double> y = b - c;
        return a * (y * y);
    }
}
