using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdeDsl.Checks;

/// <summary>
/// Sums of y, y², y³, y⁴ with y = value − shift, kept per slot: element e of a span goes to slot e mod P, where the
/// period P is the length of the shift and of each sum. Every slot adds its own values one by one in element order
/// with the same operations whether it sits in a vector lane or in the scalar remainder, so the sums have the same
/// bits whatever <see cref="Vector{T}.Count"/> is.
/// </summary>
internal static class PowerSums
{
    /// <summary>Small dimensions get a period that is a multiple of this, so that whole rows run in vectors.</summary>
    public const int LaneMultiple = 8;

    /// <summary>Adds the powers of values − shift (shift tiled with period P = shift.Length) to the four sums.</summary>
    /// <param name="values">The values, element e in slot e mod P.</param>
    /// <param name="shift">The shift of each slot (length P).</param>
    /// <param name="sums">Four consecutive runs of P sums: Σy, Σy², Σy³, Σy⁴.</param>
    public static void Add(ReadOnlySpan<double> values, ReadOnlySpan<double> shift, Span<double> sums)
    {
        int period = shift.Length;
        ref double s1 = ref MemoryMarshal.GetReference(sums);
        ref double s2 = ref Unsafe.Add(ref s1, period);
        ref double s3 = ref Unsafe.Add(ref s2, period);
        ref double s4 = ref Unsafe.Add(ref s3, period);
        ref double k = ref MemoryMarshal.GetReference(shift);
        ref double v0 = ref MemoryMarshal.GetReference(values);
        int w = Vector<double>.Count;
        int vectorSlots = period - (period % w);
        for (int offset = 0; offset < values.Length; offset += period)
        {
            ref double v = ref Unsafe.Add(ref v0, offset);
            int row = Math.Min(period, values.Length - offset);
            int q = 0;
            if (row == period)
            {
                for (; q < vectorSlots; q += w)
                {
                    Vector<double> y = Vector.LoadUnsafe(ref v, (nuint)q) - Vector.LoadUnsafe(ref k, (nuint)q);
                    Vector<double> y2 = y * y;
                    (Vector.LoadUnsafe(ref s1, (nuint)q) + y).StoreUnsafe(ref s1, (nuint)q);
                    (Vector.LoadUnsafe(ref s2, (nuint)q) + y2).StoreUnsafe(ref s2, (nuint)q);
                    (Vector.LoadUnsafe(ref s3, (nuint)q) + (y2 * y)).StoreUnsafe(ref s3, (nuint)q);
                    (Vector.LoadUnsafe(ref s4, (nuint)q) + (y2 * y2)).StoreUnsafe(ref s4, (nuint)q);
                }
            }

            // The rest of the row (and a last, partial row): the same arithmetic, one slot at a time.
            for (; q < row; q++)
            {
                double y = Unsafe.Add(ref v, q) - Unsafe.Add(ref k, q);
                double y2 = y * y;
                Unsafe.Add(ref s1, q) += y;
                Unsafe.Add(ref s2, q) += y2;
                Unsafe.Add(ref s3, q) += y2 * y;
                Unsafe.Add(ref s4, q) += y2 * y2;
            }
        }
    }

    /// <summary>Adds y_a·y_b and (y_a·y_b)² per slot, y = value − shift of each span (period P = the shifts' length),
    /// one slot at a time in element order, so the sums do not depend on the vector width.</summary>
    /// <param name="first">The first state's values.</param>
    /// <param name="second">The second state's values, element for element.</param>
    /// <param name="firstShift">The first state's shift per slot.</param>
    /// <param name="secondShift">The second state's shift per slot.</param>
    /// <param name="sums">Two consecutive runs of P sums: Σ y_a·y_b, Σ (y_a·y_b)².</param>
    public static void AddProducts(ReadOnlySpan<double> first, ReadOnlySpan<double> second, ReadOnlySpan<double> firstShift,
        ReadOnlySpan<double> secondShift, Span<double> sums)
    {
        int period = firstShift.Length;
        Span<double> products = sums[..period], squares = sums.Slice(period, period);
        for (int offset = 0; offset < first.Length; offset += period)
        {
            int row = Math.Min(period, first.Length - offset);
            for (int q = 0; q < row; q++)
            {
                double product = (first[offset + q] - firstShift[q]) * (second[offset + q] - secondShift[q]);
                products[q] += product;
                squares[q] += product * product;
            }
        }
    }
}
