using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl.Objectives;

/// <summary>a·(b·b) (c unused): the summand of a weighted sum of squares.</summary>
internal readonly struct WeightedSquareTerm : ISummandTerm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Invoke(double a, double b, double c) => a * (b * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Invoke(Vector<double> a, Vector<double> b, Vector<double> c) => a * (b * b);
}
