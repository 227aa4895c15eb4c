using System;
using System.Numerics;
using System.Runtime.InteropServices;
using SdeDsl.Tests.Models;

namespace SdeDsl.Benchmarks;

/// <summary>
/// The loops the generated AdamW step is measured against, shared by the BenchmarkDotNet class and the quick mode.
/// </summary>
public static class AdamWLoops
{
    /// <summary>Parameters per step: 10M floats.</summary>
    public const int Parameters = 10_000_000;

    /// <summary>The fixed step number: Pow(β, k) is hoisted out of the loop the same way in every variant.</summary>
    public const long K = 10;

    /// <summary>Bytes AdamW moves per parameter: reads x, m, v, g (16), writes x, m, v (12).</summary>
    public const int AdamWBytesPerParameter = 28;

    /// <summary>Bytes a STREAM triad moves per element: reads b, c (8), writes a (4).</summary>
    public const int TriadBytesPerElement = 12;

    /// <summary>Triad length such that the triad moves as many bytes as one AdamW step: 10M·28/12 ≈ 23.33M.</summary>
    public const int TriadLength = (int)(((long)Parameters * AdamWBytesPerParameter + TriadBytesPerElement / 2) / TriadBytesPerElement);

    /// <summary>Bytes one AdamW step moves (280 MB).</summary>
    public const long AdamWBytes = (long)Parameters * AdamWBytesPerParameter;

    /// <summary>Bytes one triad moves (≈ 280 MB).</summary>
    public const long TriadBytes = (long)TriadLength * TriadBytesPerElement;

    /// <summary>The triad's scalar s.</summary>
    public const float TriadScalar = 3.0f;

    /// <summary>The hyperparameters every variant uses.</summary>
    public static AdamW Model => new() { Eta = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 1e-2 };

    /// <summary>Fills x, m, g with uniform values in [-1, 1) and v with values in [1e-4, 1), from a fixed seed.</summary>
    public static void Fill(float[] x, float[] m, float[] v, float[] g, int seed)
    {
        var random = new System.Random(seed);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(2 * random.NextDouble() - 1);
            m[i] = (float)(0.1 * (2 * random.NextDouble() - 1));
            v[i] = (float)(1e-4 + (1 - 1e-4) * random.NextDouble());
            g[i] = (float)(2 * random.NextDouble() - 1);
        }
    }

    /// <summary>Fills the triad's arrays with seeded values.</summary>
    public static void FillTriad(float[] a, float[] b, float[] c, int seed)
    {
        var random = new System.Random(seed);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = 0f;
            b[i] = (float)random.NextDouble();
            c[i] = (float)random.NextDouble();
        }
    }

    /// <summary>
    /// AdamW's step written by hand over <see cref="Vector{T}"/>: the same operations in the same order as the
    /// generated <c>UpdateKernel&lt;float&gt;</c> (scalars computed in double, rounded to float once, broadcast;
    /// divisions kept as divisions), with the broadcasts in locals, and a scalar tail.
    /// </summary>
    public static void HandWrittenVector(Span<float> x, Span<float> m, Span<float> v, ReadOnlySpan<float> g, in AdamW model, long k)
    {
        int n = x.Length;
        if (m.Length != n || v.Length != n || g.Length != n)
        {
            throw new ArgumentException("All spans must have the length of x.", nameof(x));
        }

        float s0 = (float)model.Beta1;
        float s1 = (float)(1d - model.Beta1);
        float s2 = (float)model.Beta2;
        float s3 = (float)(1d - model.Beta2);
        float s4 = (float)(1d - SdeMath.Pow(model.Beta1, (double)k));
        float s5 = (float)(1d - SdeMath.Pow(model.Beta2, (double)k));
        float s6 = (float)model.Eta;
        float s7 = (float)model.Eps;
        float s8 = (float)model.WeightDecay;
        var c0 = new Vector<float>(s0);
        var c1 = new Vector<float>(s1);
        var c2 = new Vector<float>(s2);
        var c3 = new Vector<float>(s3);
        var c4 = new Vector<float>(s4);
        var c5 = new Vector<float>(s5);
        var c6 = new Vector<float>(s6);
        var c7 = new Vector<float>(s7);
        var c8 = new Vector<float>(s8);

        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float mRef = ref MemoryMarshal.GetReference(m);
        ref float vRef = ref MemoryMarshal.GetReference(v);
        ref float gRef = ref MemoryMarshal.GetReference(g);
        int width = Vector<float>.Count;
        int i = 0;
        for (; i <= n - width; i += width)
        {
            nuint offset = (nuint)i;
            var xv = Vector.LoadUnsafe(ref xRef, offset);
            var mv = Vector.LoadUnsafe(ref mRef, offset);
            var vv = Vector.LoadUnsafe(ref vRef, offset);
            var gv = Vector.LoadUnsafe(ref gRef, offset);
            mv = (c0 * mv) + (c1 * gv);
            vv = (c2 * vv) + ((c3 * gv) * gv);
            var mHat = mv / c4;
            var vHat = vv / c5;
            xv = xv - (c6 * ((mHat / (Vector.SquareRoot(vHat) + c7)) + (c8 * xv)));
            Vector.StoreUnsafe(xv, ref xRef, offset);
            Vector.StoreUnsafe(mv, ref mRef, offset);
            Vector.StoreUnsafe(vv, ref vRef, offset);
        }

        for (; i < n; i++)
        {
            float mi = (s0 * m[i]) + (s1 * g[i]);
            float vi = (s2 * v[i]) + ((s3 * g[i]) * g[i]);
            float mHat = mi / s4;
            float vHat = vi / s5;
            x[i] = x[i] - (s6 * ((mHat / (MathF.Sqrt(vHat) + s7)) + (s8 * x[i])));
            m[i] = mi;
            v[i] = vi;
        }
    }

    /// <summary>AdamW's step as a plain scalar float loop: the same formula and hoisted scalars, one coordinate at a time.</summary>
    public static void PlainScalar(float[] x, float[] m, float[] v, float[] g, in AdamW model, long k)
    {
        int n = x.Length;
        if (m.Length != n || v.Length != n || g.Length != n)
        {
            throw new ArgumentException("All arrays must have the length of x.", nameof(x));
        }

        float s0 = (float)model.Beta1;
        float s1 = (float)(1d - model.Beta1);
        float s2 = (float)model.Beta2;
        float s3 = (float)(1d - model.Beta2);
        float s4 = (float)(1d - SdeMath.Pow(model.Beta1, (double)k));
        float s5 = (float)(1d - SdeMath.Pow(model.Beta2, (double)k));
        float s6 = (float)model.Eta;
        float s7 = (float)model.Eps;
        float s8 = (float)model.WeightDecay;
        for (int i = 0; i < x.Length; i++)
        {
            float gi = g[i];
            float mi = (s0 * m[i]) + (s1 * gi);
            float vi = (s2 * v[i]) + ((s3 * gi) * gi);
            float mHat = mi / s4;
            float vHat = vi / s5;
            float xi = x[i];
            x[i] = xi - (s6 * ((mHat / (MathF.Sqrt(vHat) + s7)) + (s8 * xi)));
            m[i] = mi;
            v[i] = vi;
        }
    }

    /// <summary>STREAM triad a[i] = b[i] + s·c[i] over <see cref="Vector{T}"/>, with a scalar tail.</summary>
    public static void StreamTriad(Span<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, float s)
    {
        int n = a.Length;
        if (b.Length != n || c.Length != n)
        {
            throw new ArgumentException("All spans must have the length of a.", nameof(a));
        }

        var sv = new Vector<float>(s);
        ref float aRef = ref MemoryMarshal.GetReference(a);
        ref float bRef = ref MemoryMarshal.GetReference(b);
        ref float cRef = ref MemoryMarshal.GetReference(c);
        int width = Vector<float>.Count;
        int i = 0;
        for (; i <= n - width; i += width)
        {
            nuint offset = (nuint)i;
            var result = Vector.LoadUnsafe(ref bRef, offset) + (sv * Vector.LoadUnsafe(ref cRef, offset));
            Vector.StoreUnsafe(result, ref aRef, offset);
        }

        for (; i < n; i++)
        {
            a[i] = b[i] + (s * c[i]);
        }
    }
}
