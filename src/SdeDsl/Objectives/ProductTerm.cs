using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.Objectives;

/// <summary>a·b (c unused): the summand of a dot product.</summary>
internal readonly struct ProductTerm : ISummandTerm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Invoke(double a, double b, double c) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> a, Vector256<double> b, Vector256<double> c) => a * b;
}
