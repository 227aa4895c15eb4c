using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.Objectives;

/// <summary>a·(b − c): the summand of a row of H times (x − c).</summary>
internal readonly struct ProductWithDifferenceTerm : ISummandTerm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Invoke(double a, double b, double c) => a * (b - c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Invoke(Vector256<double> a, Vector256<double> b, Vector256<double> c) => a * (b - c);
}
