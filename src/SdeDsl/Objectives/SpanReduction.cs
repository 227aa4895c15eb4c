using System.Numerics;
using System.Runtime.CompilerServices;

namespace SdeDsl.Objectives;

/// <summary>
/// Vectorized sums Σ_i t(a_i, b_i, c_i) in a fixed order for a given length: four <see cref="Vector{T}"/>
/// accumulators over the leading full vectors, combined as (acc0 + acc1) + (acc2 + acc3) and summed across lanes,
/// then a scalar tail. The result depends only on the inputs, the length and <see cref="Vector{T}.Count"/>, never on
/// where the spans sit in a batch.
/// </summary>
internal static class SpanReduction
{
    /// <summary>Σ_{i&lt;n} t(a_i, b_i, c_i). The callers have checked that a, b and c hold n elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum<TTerm>(ref double a, ref double b, ref double c, int n)
        where TTerm : struct, ISummandTerm
    {
        int k = Vector<double>.Count;
        int i = 0;
        double sum = 0;
        if (n >= k)
        {
            Vector<double> acc0 = Vector<double>.Zero, acc1 = Vector<double>.Zero, acc2 = Vector<double>.Zero, acc3 = Vector<double>.Zero;
            for (; i <= n - (4 * k); i += 4 * k)
            {
                acc0 += Term<TTerm>(ref a, ref b, ref c, i);
                acc1 += Term<TTerm>(ref a, ref b, ref c, i + k);
                acc2 += Term<TTerm>(ref a, ref b, ref c, i + (2 * k));
                acc3 += Term<TTerm>(ref a, ref b, ref c, i + (3 * k));
            }

            for (; i <= n - k; i += k)
            {
                acc0 += Term<TTerm>(ref a, ref b, ref c, i);
            }

            sum = Vector.Sum((acc0 + acc1) + (acc2 + acc3));
        }

        for (; i < n; i++)
        {
            sum += TTerm.Invoke(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), Unsafe.Add(ref c, i));
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Term<TTerm>(ref double a, ref double b, ref double c, int i)
        where TTerm : struct, ISummandTerm =>
        TTerm.Invoke(Vector.LoadUnsafe(ref a, (nuint)i), Vector.LoadUnsafe(ref b, (nuint)i), Vector.LoadUnsafe(ref c, (nuint)i));
}
