using System;
using SdeDsl.Objectives;
using Xunit;

namespace SdeDsl.Tests.Objectives;

/// <summary>
/// The objectives' sums run in one documented order, whatever the machine's vector width: sixteen partial sums s_0 …
/// s_15 (element i of each full block of 16 into s_(i mod 16)), then blocks of four into s_0 … s_3, combined as
/// ((s_l + s_(4+l)) + (s_(8+l) + s_(12+l))) per lane l, the four lanes as (l0 + l1) + (l2 + l3), then the tail one by
/// one. Here that order is written out in scalar code and compared bit for bit, for every length up to 41, so that a
/// change of order (for example back to this machine's Vector&lt;T&gt; lanes) fails on any machine, not only on one whose
/// width differs.
/// </summary>
public sealed class SpanReductionTests
{
    [Fact]
    public void SumFollowsTheDocumentedOrderAtEveryLength()
    {
        var random = new Random(31);
        for (int n = 0; n <= 41; n++)
        {
            double[] a = new double[n], b = new double[n];
            for (int i = 0; i < n; i++)
            {
                // Magnitudes over 12 decades, so that the order of the additions shows in the bits.
                a[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 6));
                b[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 6));
            }

            double expected = Reference(a, b);
            double actual = n == 0 ? 0 : SpanReduction.Sum<ProductTerm>(ref a[0], ref b[0], ref b[0], n);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"n = {n}: {actual:R}, expected {expected:R}");
        }
    }

    private static double Reference(double[] a, double[] b)
    {
        int n = a.Length, i = 0;
        double sum = 0;
        if (n >= 4)
        {
            var partial = new double[16];
            for (; i <= n - 16; i += 16)
            {
                for (int j = 0; j < 16; j++)
                {
                    partial[j] += a[i + j] * b[i + j];
                }
            }

            for (; i <= n - 4; i += 4)
            {
                for (int j = 0; j < 4; j++)
                {
                    partial[j] += a[i + j] * b[i + j];
                }
            }

            var lane = new double[4];
            for (int l = 0; l < 4; l++)
            {
                lane[l] = (partial[l] + partial[4 + l]) + (partial[8 + l] + partial[12 + l]);
            }

            sum = (lane[0] + lane[1]) + (lane[2] + lane[3]);
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
