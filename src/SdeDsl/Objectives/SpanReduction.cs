using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SdeDsl.Objectives;

/// <summary>
/// Vectorized sums Σ_i t(a_i, b_i, c_i) in a fixed order for a given length: four accumulators of four lanes
/// (<see cref="Vector256{T}"/>, whatever the machine's <see cref="System.Numerics.Vector{T}"/> width) over the leading
/// blocks of 16, then blocks of four into the first, combined as (acc0 + acc1) + (acc2 + acc3) and summed across lanes
/// as (l0 + l1) + (l2 + l3), then a scalar tail. The result depends only on the inputs and the length: not on where
/// the spans sit in a batch, nor on the vector width of the machine (AVX2, AVX-512 with any
/// <c>DOTNET_MaxVectorTBitWidth</c>, or 128-bit NEON give the same bits), so that a run gives the same numbers on
/// every machine of a cluster.
/// </summary>
internal static class SpanReduction
{
    private const int Lanes = 4;

    /// <summary>Σ_{i&lt;n} t(a_i, b_i, c_i). The callers have checked that a, b and c hold n elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum<TTerm>(ref double a, ref double b, ref double c, int n)
        where TTerm : struct, ISummandTerm
    {
        int i = 0;
        double sum = 0;
        if (n >= Lanes)
        {
            Vector256<double> acc0 = Vector256<double>.Zero, acc1 = Vector256<double>.Zero, acc2 = Vector256<double>.Zero, acc3 = Vector256<double>.Zero;
            for (; i <= n - (4 * Lanes); i += 4 * Lanes)
            {
                acc0 += Term<TTerm>(ref a, ref b, ref c, i);
                acc1 += Term<TTerm>(ref a, ref b, ref c, i + Lanes);
                acc2 += Term<TTerm>(ref a, ref b, ref c, i + (2 * Lanes));
                acc3 += Term<TTerm>(ref a, ref b, ref c, i + (3 * Lanes));
            }

            for (; i <= n - Lanes; i += Lanes)
            {
                acc0 += Term<TTerm>(ref a, ref b, ref c, i);
            }

            Vector256<double> total = (acc0 + acc1) + (acc2 + acc3);
            sum = (total.GetElement(0) + total.GetElement(1)) + (total.GetElement(2) + total.GetElement(3));
        }

        for (; i < n; i++)
        {
            sum += TTerm.Invoke(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i), Unsafe.Add(ref c, i));
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Term<TTerm>(ref double a, ref double b, ref double c, int i)
        where TTerm : struct, ISummandTerm =>
        TTerm.Invoke(Vector256.LoadUnsafe(ref a, (nuint)i), Vector256.LoadUnsafe(ref b, (nuint)i), Vector256.LoadUnsafe(ref c, (nuint)i));
}
