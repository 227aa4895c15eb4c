using System;
using System.Numerics;
using System.Runtime.InteropServices;
using SdeDsl.Optimizers;

namespace SdeDsl.Benchmarks;

/// <summary>
/// SignSGD's Euler–Maruyama step written by hand over <see cref="Vector{T}"/>, as an engineer would: the generated
/// kernel's operations in the same order and precision (scalars computed in double and rounded to float once,
/// <see cref="SdeMath.Erf(Vector{float})"/>), with Erf(grad/(√2σ)), which the drift and the diffusion share, computed
/// once. Same bits as the generated kernel, which names that common subexpression too (it used to compute it twice, at
/// 1.8× this loop's time): the ratio of the two is the generator's overhead.
/// </summary>
public static class SignSgdSdeHandWritten
{
    /// <summary>x ← x − e·dt + √η·√(1 − e²)·(√dt·ξ), e = Erf(grad/(√2 σ)), over spans of one length.</summary>
    public static void EulerMaruyamaStep(Span<float> x, ReadOnlySpan<float> grad, ReadOnlySpan<float> sigma, ReadOnlySpan<float> noise, in SignSgd model, double dt)
    {
        int n = x.Length;
        if (grad.Length != n || sigma.Length != n || noise.Length != n)
        {
            throw new ArgumentException("All spans must have the length of x.", nameof(x));
        }

        float sDt = (float)dt;
        float sSqrtDt = (float)Math.Sqrt(dt);
        float sSqrt2 = (float)SdeMath.Sqrt(2d);
        float sSqrtEta = (float)SdeMath.Sqrt(model.Eta);
        var cDt = new Vector<float>(sDt);
        var cSqrtDt = new Vector<float>(sSqrtDt);
        var cSqrt2 = new Vector<float>(sSqrt2);
        var cSqrtEta = new Vector<float>(sSqrtEta);
        var one = Vector<float>.One;

        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float gradRef = ref MemoryMarshal.GetReference(grad);
        ref float sigmaRef = ref MemoryMarshal.GetReference(sigma);
        ref float noiseRef = ref MemoryMarshal.GetReference(noise);
        int width = Vector<float>.Count;
        int i = 0;
        for (; i <= n - width; i += width)
        {
            nuint offset = (nuint)i;
            var xv = Vector.LoadUnsafe(ref xRef, offset);
            var e = SdeMath.Erf(Vector.LoadUnsafe(ref gradRef, offset) / (cSqrt2 * Vector.LoadUnsafe(ref sigmaRef, offset)));
            var drift = -e;
            var diffusion = cSqrtEta * Vector.SquareRoot(one - (e * e));
            Vector.StoreUnsafe(xv + (drift * cDt) + (diffusion * (cSqrtDt * Vector.LoadUnsafe(ref noiseRef, offset))), ref xRef, offset);
        }

        for (; i < n; i++)
        {
            float e = SdeMath.Erf(grad[i] / (sSqrt2 * sigma[i]));
            float drift = -e;
            float diffusion = sSqrtEta * MathF.Sqrt(1f - (e * e));
            x[i] = x[i] + (drift * sDt) + (diffusion * (sSqrtDt * noise[i]));
        }
    }
}
