using System;
using System.Threading.Tasks;
using SdeDsl.RandomNumbers;
using Xunit;

namespace SdeDsl.Tests.RandomNumbers;

/// <summary>
/// Determinism of <see cref="PhiloxStream"/> (same bits for any span offset, length, partition, thread or accessor),
/// the accuracy of its vectorized transforms against the same formulas evaluated with <see cref="Math"/> on the same
/// raw words, the open interval of its uniforms, zero allocation, and argument validation.
/// </summary>
public sealed class PhiloxStreamTests
{
    private const ulong Seed = 0x5DEECE66DUL;

    // The length classes of docs/contributing.md for an 8-lane vector (0, 1, Count − 1, Count, Count + 1, 8·Count + 3) and tile sizes.
    public static readonly TheoryData<int> Lengths = new() { 0, 1, 7, 8, 9, 67, 15, 16, 17, 31, 32, 33, 63, 64, 65, 200 };

    private delegate void Filler<T>(PhiloxStream stream, Span<T> destination, long path, long step, long firstElement);

    private delegate T Single<T>(PhiloxStream stream, long path, long step, long element);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EveryFillGivesTheSameBitsForAnyOffsetAndLength(int length)
    {
        AssertPartitionInvariant<uint>(static (s, d, p, k, e) => s.FillUInt32(d, p, k, e), static (s, p, k, e) => s.UInt32(p, k, e), length);
        AssertPartitionInvariant<ulong>(static (s, d, p, k, e) => s.FillUInt64(d, p, k, e), static (s, p, k, e) => s.UInt64(p, k, e), length);
        AssertPartitionInvariant<double>(static (s, d, p, k, e) => s.FillUniform(d, p, k, e), static (s, p, k, e) => s.Uniform(p, k, e), length);
        AssertPartitionInvariant<float>(static (s, d, p, k, e) => s.FillUniform(d, p, k, e), static (s, p, k, e) => s.UniformSingle(p, k, e), length);
        AssertPartitionInvariant<double>(static (s, d, p, k, e) => s.FillNormal(d, p, k, e), static (s, p, k, e) => s.Normal(p, k, e), length);
        AssertPartitionInvariant<float>(static (s, d, p, k, e) => s.FillNormal(d, p, k, e), static (s, p, k, e) => s.NormalSingle(p, k, e), length);
        foreach (double nu in new[] { 0.3, 1.0, 2.5, 30.0, double.PositiveInfinity })
        {
            AssertPartitionInvariant<double>((s, d, p, k, e) => s.FillStudentT(d, nu, p, k, e), (s, p, k, e) => s.StudentT(nu, p, k, e), length);
            AssertPartitionInvariant<float>((s, d, p, k, e) => s.FillStudentT(d, nu, p, k, e), (s, p, k, e) => s.StudentTSingle(nu, p, k, e), length);
        }
    }

    private static void AssertPartitionInvariant<T>(Filler<T> fill, Single<T> single, int length)
        where T : unmanaged, IEquatable<T>
    {
        var s = new PhiloxStream(Seed, 3);
        const long Path = 17, Step = 4;
        const int Span = 300;
        T[] reference = new T[Span];
        fill(s, reference, Path, Step, 0);

        // Every offset in the first two tiles, and some beyond, for this length.
        for (int offset = 0; offset + length <= Span; offset += offset < 70 ? 1 : 37)
        {
            T[] part = new T[length];
            fill(s, part, Path, Step, offset);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(reference[offset + i], part[i]);
            }
        }

        // A random partition of [0, Span) into pieces filled out of order.
        var random = new System.Random(length);
        T[] assembled = new T[Span];
        int start = 0;
        while (start < Span)
        {
            int count = Math.Min(Span - start, random.Next(0, 2 * length + 2));
            fill(s, assembled.AsSpan(start, count), Path, Step, start);
            start += count;
        }

        Assert.Equal(reference, assembled);
        for (int e = 0; e < Span; e += 13)
        {
            Assert.Equal(reference[e], single(s, Path, Step, e));
        }
    }

    [Fact]
    public void PathsFilledOnManyThreadsEqualPathsFilledOnOne()
    {
        var s = new PhiloxStream(Seed);
        const int Paths = 64, Length = 1000;
        float[] sequential = new float[Paths * Length];
        for (int p = 0; p < Paths; p++)
        {
            s.FillNormal(sequential.AsSpan(p * Length, Length), p, 9);
        }

        float[] parallel = new float[Paths * Length];
        Parallel.For(0, Paths, new ParallelOptions { MaxDegreeOfParallelism = 4 }, p =>
        {
            // Each path in two pieces split at a path-dependent point.
            int split = (p * 37) % Length;
            s.FillNormal(parallel.AsSpan(p * Length, split), p, 9, 0);
            s.FillNormal(parallel.AsSpan((p * Length) + split, Length - split), p, 9, split);
        });
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void DifferentSeedsStreamsPathsStepsAndElementsGiveDifferentWords()
    {
        uint Word(ulong seed, uint stream, long path, long step, long element) => new PhiloxStream(seed, stream).UInt32(path, step, element);
        uint baseline = Word(1, 0, 0, 0, 0);
        Assert.NotEqual(baseline, Word(2, 0, 0, 0, 0));
        Assert.NotEqual(baseline, Word(1ul << 32 | 1, 0, 0, 0, 0));
        Assert.NotEqual(baseline, Word(1, 1, 0, 0, 0));
        Assert.NotEqual(baseline, Word(1, 0, 1, 0, 0));
        Assert.NotEqual(baseline, Word(1, 0, 0, 1, 0));
        Assert.NotEqual(baseline, Word(1, 0, 0, 0, 1));
    }

    [Fact]
    public void UniformsLieInTheOpenUnitIntervalOnTheirDocumentedGrids()
    {
        var s = new PhiloxStream(Seed);
        const int N = 1 << 16;
        uint[] words = new uint[N];
        float[] uf = new float[N];
        s.FillUInt32(words, 2, 3);
        s.FillUniform(uf, 2, 3);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(((words[i] >> 9) + 0.5f) * (1f / 8388608f), uf[i]);
        }

        ulong[] wide = new ulong[N];
        double[] ud = new double[N];
        s.FillUInt64(wide, 2, 3);
        s.FillUniform(ud, 2, 3);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(((wide[i] >> 12) + 0.5) * (1.0 / 4503599627370496.0), ud[i]);
        }

        // The grid ends: the extreme words map strictly inside (0, 1).
        Assert.True((0 + 0.5f) * (1f / 8388608f) > 0f);
        Assert.True(((uint.MaxValue >> 9) + 0.5f) * (1f / 8388608f) < 1f);
        Assert.True(((ulong.MaxValue >> 12) + 0.5) * (1.0 / 4503599627370496.0) < 1.0);
    }

    /// <summary>
    /// Float normals against Box–Muller in double on the same words: u as the kernel forms it (exact in float),
    /// r = √(−2 ln u), θ = 2π·x_a/2^32. Bound: 8·2^−24·max(r, 1) absolute — the Cephes logf/sinf/cosf kernels' few ulp
    /// plus the rounding of φ to float; measured maximum is printed in the assertion message on failure.
    /// </summary>
    [Fact]
    public void FloatNormalsMatchBoxMullerInDoubleOnTheSameWords()
    {
        var s = new PhiloxStream(Seed, 1);
        const int Tiles = 1 << 14; // 2^20 normals
        uint[] words = new uint[64 * Tiles];
        float[] normals = new float[64 * Tiles];
        s.FillUInt32(words, 5, 6);
        s.FillNormal(normals, 5, 6);
        double worst = 0;
        for (int t = 0; t < Tiles; t++)
        {
            for (int pair = 0; pair < 2; pair++)
            {
                for (int j = 0; j < 16; j++)
                {
                    int radius = (64 * t) + (32 * pair) + j, angle = radius + 16;
                    float u = MathF.FusedMultiplyAdd((int)(words[radius] >> 1), 1f / 2147483648f, 1f / 4294967296f);
                    double r = Math.Sqrt(-2.0 * Math.Log(u));
                    double theta = 2.0 * Math.PI * (words[angle] / 4294967296.0);
                    double tolerance = 8.0 / 16777216.0 * Math.Max(r, 1.0);
                    worst = Math.Max(worst, Math.Abs(normals[radius] - (r * Math.Cos(theta))) / tolerance);
                    worst = Math.Max(worst, Math.Abs(normals[angle] - (r * Math.Sin(theta))) / tolerance);
                }
            }
        }

        Assert.True(worst <= 1.0, $"worst error / bound = {worst}");
    }

    /// <summary>
    /// Double normals against Box–Muller with <see cref="Math"/> on the same 64-bit words. Bound: 2^−49·max(r, 1)
    /// absolute (a few ulp of the fdlibm log/sin/cos kernels plus the reference's own rounding of θ).
    /// </summary>
    [Fact]
    public void DoubleNormalsMatchBoxMullerWithMathOnTheSameWords()
    {
        var s = new PhiloxStream(Seed, 2);
        const int Tiles = 1 << 14; // 2^19 normals
        ulong[] words = new ulong[32 * Tiles];
        double[] normals = new double[32 * Tiles];
        s.FillUInt64(words, 5, 6);
        s.FillNormal(normals, 5, 6);
        double worst = 0;
        for (int t = 0; t < Tiles; t++)
        {
            for (int j = 0; j < 16; j++)
            {
                int radius = (32 * t) + j, angle = radius + 16;
                double u = Math.FusedMultiplyAdd((long)(words[radius] >> 1), 1.0 / 9223372036854775808.0, 1.0 / 18446744073709551616.0);
                double r = Math.Sqrt(-2.0 * Math.Log(u));
                double theta = 2.0 * Math.PI * (words[angle] / 18446744073709551616.0);
                double tolerance = Math.Max(r, 1.0) / 562949953421312.0;
                worst = Math.Max(worst, Math.Abs(normals[radius] - (r * Math.Cos(theta))) / tolerance);
                worst = Math.Max(worst, Math.Abs(normals[angle] - (r * Math.Sin(theta))) / tolerance);
            }
        }

        Assert.True(worst <= 1.0, $"worst error / bound = {worst}");
    }

    /// <summary>
    /// Double Student-t against T = cos θ·√(ν(W^(−2/ν) − 1)) on the same words (W and θ as documented), the reference
    /// evaluated with <see cref="Math"/> as cos θ·√(ν·expm1(−2 ln W/ν)), expm1 by its Taylor series below 1/2. Bound:
    /// 10^−12·√(ν(W^(−2/ν) − 1)) absolute, i.e. relative to the variate's radius (|T| ≤ the radius).
    /// </summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(1e6)]
    public void DoubleStudentTMatchesBaileysFormulaOnTheSameWords(double nu)
    {
        var s = new PhiloxStream(Seed, 4);
        const int Tiles = 1 << 12;
        ulong[] words = new ulong[32 * Tiles];
        double[] t = new double[16 * Tiles];
        s.FillUInt64(words, 8, 9);
        s.FillStudentT(t, nu, 8, 9);
        double worst = 0;
        for (int tile = 0; tile < Tiles; tile++)
        {
            for (int j = 0; j < 16; j++)
            {
                double w = Math.FusedMultiplyAdd((long)(words[(32 * tile) + j] >> 1), 1.0 / 9223372036854775808.0, 1.0 / 18446744073709551616.0);
                double theta = 2.0 * Math.PI * (words[(32 * tile) + 16 + j] / 18446744073709551616.0);
                double radius = Math.Sqrt(nu * ExpM1(-2.0 * Math.Log(w) / nu));
                double expected = Math.Cos(theta) * radius;
                worst = Math.Max(worst, Math.Abs(t[(16 * tile) + j] - expected) / (1e-12 * Math.Max(radius, 1e-300)));
            }
        }

        Assert.True(worst <= 1.0, $"ν = {nu}: worst error / bound = {worst}");
    }

    /// <summary>e^y − 1 for y ≥ 0 to a few ulp: the Taylor series (30 terms) for y &lt; ½, else exp − 1.</summary>
    private static double ExpM1(double y)
    {
        if (y >= 0.5)
        {
            return Math.Exp(y) - 1.0;
        }

        double term = y, sum = 0;
        for (int n = 2; n <= 31; n++)
        {
            sum += term;
            term *= y / n;
        }

        return sum;
    }

    [Fact]
    public void StudentTWithInfiniteNuIsSlotZeroOfTheDoubleNormal()
    {
        var s = new PhiloxStream(Seed, 5);
        double[] normals = new double[32 * 10];
        double[] t = new double[16 * 10];
        s.FillNormal(normals, 1, 2);
        s.FillStudentT(t, double.PositiveInfinity, 1, 2);
        for (int tile = 0; tile < 10; tile++)
        {
            for (int j = 0; j < 16; j++)
            {
                Assert.Equal(normals[(32 * tile) + j], t[(16 * tile) + j]);
            }
        }
    }

    [Fact]
    public void HeavyTailsStayFinite()
    {
        var s = new PhiloxStream(Seed);
        double[] d = new double[1 << 16];
        float[] f = new float[1 << 16];
        foreach (double nu in new[] { 1e-3, 0.05, 0.2, 1.0 })
        {
            s.FillStudentT(d, nu, 0, 0);
            s.FillStudentT(f, nu, 0, 0);
            Assert.All(d, static v => Assert.True(double.IsFinite(v)));
            Assert.All(f, static v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void FillsDoNotAllocate()
    {
        var s = new PhiloxStream(Seed);
        float[] f = new float[8 * 8 + 3];
        double[] d = new double[8 * 8 + 3];
        uint[] u = new uint[67];
        ulong[] w = new ulong[67];
        void All()
        {
            s.FillUInt32(u, 1, 2, 5);
            s.FillUInt64(w, 1, 2, 5);
            s.FillUniform(f, 1, 2, 5);
            s.FillUniform(d, 1, 2, 5);
            s.FillNormal(f, 1, 2, 5);
            s.FillNormal(d, 1, 2, 5);
            s.FillStudentT(f, 2.5, 1, 2, 5);
            s.FillStudentT(d, 2.5, 1, 2, 5);
            _ = s.Normal(1, 2, 3) + s.NormalSingle(1, 2, 3) + s.StudentT(3.0, 1, 2, 3) + s.Uniform(1, 2, 3);
        }

        for (int i = 0; i < 300; i++)
        {
            All();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            All();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        var s = new PhiloxStream(Seed);
        double[] d = new double[10];
        Assert.Equal("path", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillNormal(d, -1, 0)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillNormal(d, 1L << 32, 0)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillNormal(d, 0, -1)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillNormal(d, 0, 1L << 32)).ParamName);
        Assert.Equal("firstElement", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillNormal(d, 0, 0, -1)).ParamName);
        Assert.Equal("firstElement", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillNormal(d, 0, 0, (1L << 33) - 5)).ParamName);
        Assert.Equal("firstElement", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillStudentT(d, 2, 0, 0, (1L << 32) - 5)).ParamName);
        Assert.Equal("nu", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillStudentT(d, 0.0, 0, 0)).ParamName);
        Assert.Equal("nu", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillStudentT(d, -1.0, 0, 0)).ParamName);
        Assert.Equal("nu", Assert.Throws<ArgumentOutOfRangeException>(() => s.FillStudentT(d, double.NaN, 0, 0)).ParamName);
        s.FillNormal(d, uint.MaxValue, uint.MaxValue, (1L << 33) - 10);
        s.FillUInt32(new uint[10], 0, 0, (1L << 34) - 10);
    }
}
