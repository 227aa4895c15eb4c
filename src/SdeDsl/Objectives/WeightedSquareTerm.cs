using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.Objectives;

/// <summary>a·(b·b) (c unused): the summand of a weighted sum of squares.</summary>
internal readonly struct WeightedSquareTerm : ISummandTerm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Invoke(double a, double b, double c) => a * (b * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> a, Vector256<double> b, Vector256<double> c) => a * (b * b);
}
