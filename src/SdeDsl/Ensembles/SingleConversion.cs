using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SdeDsl.Ensembles;

/// <summary>
/// The boundary between a single-precision run's float buffers and the double spans of objectives and noise models:
/// element-wise, so an element's bits do not depend on its place in the span. Narrowing rounds to nearest (ties to
/// even), as the scalar cast does; widening is exact.
/// </summary>
internal static class SingleConversion
{
    /// <summary>destination[i] = (float)source[i].</summary>
    public static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        int n = source.Length, k = Vector<double>.Count, i = 0;
        ref double s = ref MemoryMarshal.GetReference(source);
        ref float t = ref MemoryMarshal.GetReference(destination[..n]);
        for (; i <= n - (2 * k); i += 2 * k)
        {
            Vector.Narrow(Vector.LoadUnsafe(ref s, (nuint)i), Vector.LoadUnsafe(ref s, (nuint)(i + k))).StoreUnsafe(ref t, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref t, i) = (float)Unsafe.Add(ref s, i);
        }
    }

    /// <summary>destination[i] = source[i], exactly.</summary>
    public static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        int n = source.Length, k = Vector<float>.Count, i = 0;
        ref float s = ref MemoryMarshal.GetReference(source);
        ref double t = ref MemoryMarshal.GetReference(destination[..n]);
        for (; i <= n - k; i += k)
        {
            Vector.Widen(Vector.LoadUnsafe(ref s, (nuint)i), out Vector<double> low, out Vector<double> high);
            low.StoreUnsafe(ref t, (nuint)i);
            high.StoreUnsafe(ref t, (nuint)(i + Vector<double>.Count));
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref t, i) = Unsafe.Add(ref s, i);
        }
    }
}
