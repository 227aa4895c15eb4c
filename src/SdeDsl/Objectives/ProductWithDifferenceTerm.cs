using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl.Objectives;

/// <summary>a·(b − c): the summand of a row of H times (x − c).</summary>
internal readonly struct ProductWithDifferenceTerm : ISummandTerm
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Invoke(double a, double b, double c) => a * (b - c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Invoke(Vector<double> a, Vector<double> b, Vector<double> c) => a * (b - c);
}
