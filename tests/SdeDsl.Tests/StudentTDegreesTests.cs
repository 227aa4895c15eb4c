using System;
using System.Numerics;
using SdeDsl.Kernels;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// Generated kernels pass a hyperparameter ν to the Student-t intrinsics as a <see cref="StudentTDegrees"/> resolved once
/// per call, instead of a broadcast vector (docs/generated-code.md). The two forms must give the same bits, for float and
/// double, for every ν: each path of the float kernel (the two polynomials of the integral ν up to 4, the power tail
/// below 2.5, the table above, the table of 1e7 from 1e7 on, ∞ included) and the ν that have no table (0, negative,
/// NaN), at ordinary and special points.
/// </summary>
public sealed class StudentTDegreesTests
{
    private static readonly double[] Nus = [0.05, 0.7, 1, 2, 2.4999, 2.5, 3, 4, 5, 30, 9.9e6, 1e7, 2e7, double.PositiveInfinity, 0, -1, double.NaN, 1e300];

    [Fact]
    public void TheResolvedFormGivesTheBitsOfTheBroadcastForm()
    {
        Check<float>();
        Check<double>();

        static void Check<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            T[] points = Points<T>();
            foreach (double nu in Nus)
            {
                StudentTDegrees resolved = StudentTDegrees.Of<T>(nu);
                var broadcast = VectorKernel.Broadcast<T>(nu);
                for (int i = 0; i + Vector<T>.Count <= points.Length; i += Vector<T>.Count)
                {
                    var x = new Vector<T>(points, i);
                    AssertSameBits(VectorMath.StudentTCdf(x, broadcast), VectorMath.StudentTCdf(x, resolved), "StudentTCdf", nu);
                    AssertSameBits(VectorMath.StudentTPdf(x, broadcast), VectorMath.StudentTPdf(x, resolved), "StudentTPdf", nu);
                }
            }
        }
    }

    /// <summary>Every ν &gt; 0 has a float table, so that a kernel's loop has no call on any path; ν ≥ 1e7 shares that of
    /// 1e7 (the normal limit within 1.6e-8, docs/accuracy.md).</summary>
    [Fact]
    public void EveryPositiveNuGetsAFloatTable()
    {
        Assert.Equal(3f, StudentTDegrees.Of<float>(3).Table!.Nu);
        Assert.Null(StudentTDegrees.Of<double>(3).Table);
        foreach (double large in new[] { 1e7, 2e7, 1e300, double.PositiveInfinity })
        {
            Assert.Equal(1e7f, StudentTDegrees.Of<float>(large).Table!.Nu);
        }

        Assert.Null(StudentTDegrees.Of<float>(0).Table);
        Assert.Null(StudentTDegrees.Of<float>(-1).Table);
        Assert.Null(StudentTDegrees.Of<float>(double.NaN).Table);
        Assert.Equal(3f, StudentTDegrees.Of<float>(3).Single);
    }

    /// <summary>Ordinary points across the tails, and 0, ±0, ±∞, NaN, the extremes of the type.</summary>
    private static T[] Points<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(20261206);
        var points = new T[64 * Vector<T>.Count];
        T[] special = [T.Zero, T.NegativeZero, T.PositiveInfinity, T.NegativeInfinity, T.NaN, T.Epsilon, T.CreateTruncating(1e30), T.CreateTruncating(-1e30)];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = i < special.Length
                ? special[i]
                : T.CreateTruncating((random.Next(2) == 0 ? -1 : 1) * Math.Exp((random.NextDouble() * 12) - 6));
        }

        return points;
    }

    private static void AssertSameBits<T>(Vector<T> expected, Vector<T> actual, string function, double nu)
        where T : unmanaged
    {
        Vector<ulong> e = Vector.AsVectorUInt64(expected), a = Vector.AsVectorUInt64(actual);
        Assert.True(e == a, $"{function}<{typeof(T).Name}>, ν = {nu}: {expected} against {actual}");
    }
}
