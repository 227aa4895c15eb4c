using System;
using System.Numerics;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// The single-precision StudentTCdf and StudentTPdf kernels (ν the same in every lane, the generated kernels' case):
/// every lane equals the scalar overload, a coordinate's bits do not depend on its position in a span, the error
/// against the double overloads stays within the bounds docs/accuracy.md states (measured over 10^8 samples by the
/// benchmarks' --student-t-accuracy; here 20,000 points per ν, so a regression of the fit or of the tail factor fails),
/// and the special values.
/// </summary>
public sealed class StudentTSingleTests
{
    public static readonly TheoryData<float> Nus = new() { 0.05f, 0.7f, 1f, 2.4999f, 2.5f, 3f, 10f, 30f, 1e3f, 1e5f, 9.9e6f, 1e7f, float.PositiveInfinity };

    [Theory]
    [MemberData(nameof(Nus))]
    public void LanesEqualTheScalarAtEveryPositionAndStayWithinTheBounds(float nu)
    {
        var random = new Random(4711);
        int width = Vector<float>.Count;
        const int N = 20_000;
        float[] x = new float[N + width];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.Next(3) switch
            {
                0 => (float)((random.NextDouble() * 12) - 6),
                1 => (float)((random.Next(2) == 0 ? -1 : 1) * Math.Exp((random.NextDouble() * 60) - 30)),
                _ => (float)((random.NextDouble() * 0.2) - 0.1),
            };
        }

        double maxAbs = 0, maxPdfRel = 0;
        var vnu = new Vector<float>(nu);
        for (int i = 0; i < N; i++)
        {
            // The vector starting at i and the one starting at i − (i mod width) hold x[i] in different lanes.
            int shift = i % width;
            Vector<float> cdfHere = SdeMath.StudentTCdf(new Vector<float>(x, i), vnu);
            Vector<float> cdfThere = SdeMath.StudentTCdf(new Vector<float>(x, i - shift), vnu);
            Vector<float> pdfHere = SdeMath.StudentTPdf(new Vector<float>(x, i), vnu);
            float cdf = SdeMath.StudentTCdf(x[i], nu);
            float pdf = SdeMath.StudentTPdf(x[i], nu);
            Assert.Equal(BitConverter.SingleToUInt32Bits(cdf), BitConverter.SingleToUInt32Bits(cdfHere[0]));
            Assert.Equal(BitConverter.SingleToUInt32Bits(cdf), BitConverter.SingleToUInt32Bits(cdfThere[shift]));
            Assert.Equal(BitConverter.SingleToUInt32Bits(pdf), BitConverter.SingleToUInt32Bits(pdfHere[0]));

            double reference = SdeMath.StudentTCdf((double)x[i], nu);
            maxAbs = Math.Max(maxAbs, Math.Abs(cdf - reference));
            double density = SdeMath.StudentTPdf((double)x[i], nu);
            if (density > 1e-30 && Math.Abs(x[i]) < 8)
            {
                maxPdfRel = Math.Max(maxPdfRel, Math.Abs(pdf - density) / density);
            }
        }

        // Measured over 10^8 samples: ≤ 1.26e-7 absolute for the CDF; ≤ 1.65e-5 relative for the density below ν = 1e7
        // (for ν ≥ 1e7 the normal density, within x⁴/(4ν) ≤ 1.1e-4 relative for |x| < 8).
        Assert.True(maxAbs <= 1.5e-7, $"nu = {nu}: CDF absolute error {maxAbs}");
        Assert.True(maxPdfRel <= (nu >= 1e7f ? 2e-4 : 2.5e-5), $"nu = {nu}: density relative error {maxPdfRel}");
    }

    [Fact]
    public void SpecialValues()
    {
        foreach (float nu in new[] { 0.3f, 1f, 3f, 1e4f, 1e8f })
        {
            Assert.Equal(0.5f, SdeMath.StudentTCdf(0f, nu));
            Assert.Equal(0.5f, SdeMath.StudentTCdf(-0f, nu));
            Assert.Equal(1f, SdeMath.StudentTCdf(float.PositiveInfinity, nu));
            Assert.Equal(0f, SdeMath.StudentTCdf(float.NegativeInfinity, nu));
            Assert.True(float.IsNaN(SdeMath.StudentTCdf(float.NaN, nu)));
            Assert.Equal(0f, SdeMath.StudentTPdf(float.PositiveInfinity, nu));
            Assert.True(float.IsNaN(SdeMath.StudentTPdf(float.NaN, nu)));
        }

        // Cauchy: F(1) = ¾; heavy tails stay representable: F(−1e30; ν = 0.3) = 1.76e-10 (double reference).
        Assert.Equal(0.75f, SdeMath.StudentTCdf(1f, 1f), 1e-7f);
        double deep = SdeMath.StudentTCdf(-1e30, 0.30000001192092896);
        Assert.Equal(deep, SdeMath.StudentTCdf(-1e30f, 0.3f), deep * 1e-4);
        Assert.True(float.IsNaN(SdeMath.StudentTCdf(1f, 0f)));
        Assert.True(float.IsNaN(SdeMath.StudentTCdf(1f, -2f)));
        Assert.True(float.IsNaN(SdeMath.StudentTCdf(1f, float.NaN)));
        Assert.True(float.IsNaN(SdeMath.StudentTPdf(1f, 0f)));
    }

    /// <summary>Two ν whose tables hash to the same cache slot, looked up in turn (a model with two degrees of freedom):
    /// each keeps its one table. Before, each evicted the other, so every kernel call refitted a table (a polynomial
    /// fit and an allocation inside the kernel).</summary>
    [Fact]
    public void TwoDegreesOfFreedomSharingASlotKeepTheirTables()
    {
        static uint Slot(float nu) => (BitConverter.SingleToUInt32Bits(nu) * 0x9E3779B9u) >> 26; // the cache's hash
        float first = 4.25f, second = first;
        do
        {
            second = MathF.BitIncrement(second);
        }
        while (Slot(second) != Slot(first));

        object firstTable = SdeMath.StudentTTableOf(first), secondTable = SdeMath.StudentTTableOf(second);
        Assert.NotSame(firstTable, secondTable);
        for (int i = 0; i < 4; i++)
        {
            Assert.Same(firstTable, SdeMath.StudentTTableOf(first));
            Assert.Same(secondTable, SdeMath.StudentTTableOf(second));
        }
    }
}
