using System;
using SdeDsl.RandomNumbers;
using Xunit;

namespace SdeDsl.Tests.RandomNumbers;

/// <summary>
/// Sample correlations of normals between neighbouring counters: adjacent paths, adjacent steps, adjacent stream
/// ids, adjacent seeds and adjacent elements. Each uses N = 10^6 pairs (1,000 paths × 1,000 elements); under
/// independence the sample correlation has standard error 1/√N = 10^−3, and must lie within 5/√N of 0.
/// </summary>
public sealed class CorrelationTests
{
    private const int Paths = 1000;
    private const int Elements = 1000;
    private const double Bound = 5.0 / 1000.0; // 5/√N, N = 10^6

    public static readonly TheoryData<string> Neighbours = new() { "path", "step", "stream", "seed", "element" };

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void DoubleNormalsOfNeighbouringCountersAreUncorrelated(string neighbour)
    {
        double[] a = new double[Elements + 1], b = new double[Elements + 1];
        var c = new Correlation();
        for (int p = 0; p < Paths; p++)
        {
            var s = new PhiloxStream(1000, 7);
            s.FillNormal(a, p, 50);
            switch (neighbour)
            {
                case "path": s.FillNormal(b, p + 1, 50); break;
                case "step": s.FillNormal(b, p, 51); break;
                case "stream": new PhiloxStream(1000, 8).FillNormal(b, p, 50); break;
                case "seed": new PhiloxStream(1001, 7).FillNormal(b, p, 50); break;
                default: s.FillNormal(b, p, 50, 1); break;
            }

            for (int e = 0; e < Elements; e++)
            {
                c.Add(a[e], b[e]);
            }
        }

        double r = c.Value;
        Assert.True(Math.Abs(r) <= Bound, $"{neighbour}: r = {r}, bound 5/√N = {Bound}");
    }

    [Theory]
    [MemberData(nameof(Neighbours))]
    public void FloatNormalsOfNeighbouringCountersAreUncorrelated(string neighbour)
    {
        float[] a = new float[Elements + 1], b = new float[Elements + 1];
        var c = new Correlation();
        for (int p = 0; p < Paths; p++)
        {
            var s = new PhiloxStream(2000, 7);
            s.FillNormal(a, p, 50);
            switch (neighbour)
            {
                case "path": s.FillNormal(b, p + 1, 50); break;
                case "step": s.FillNormal(b, p, 51); break;
                case "stream": new PhiloxStream(2000, 8).FillNormal(b, p, 50); break;
                case "seed": new PhiloxStream(2001, 7).FillNormal(b, p, 50); break;
                default: s.FillNormal(b, p, 50, 1); break;
            }

            for (int e = 0; e < Elements; e++)
            {
                c.Add(a[e], b[e]);
            }
        }

        double r = c.Value;
        Assert.True(Math.Abs(r) <= Bound, $"{neighbour}: r = {r}, bound 5/√N = {Bound}");
    }

    /// <summary>The cos and sin outputs of one Box–Muller pair are uncorrelated too (and so are the squares).</summary>
    [Fact]
    public void BoxMullerPartnersAreUncorrelated()
    {
        var s = new PhiloxStream(3000);
        double[] d = new double[32 * 31250]; // 10^6 pairs
        s.FillNormal(d, 0, 0);
        var c = new Correlation();
        var c2 = new Correlation();
        for (int t = 0; t < d.Length; t += 32)
        {
            for (int j = 0; j < 16; j++)
            {
                c.Add(d[t + j], d[t + 16 + j]);
                c2.Add(d[t + j] * d[t + j], d[t + 16 + j] * d[t + 16 + j]);
            }
        }

        Assert.True(Math.Abs(c.Value) <= Bound, $"r = {c.Value}");
        // The squares of an independent N(0,1) pair are independent χ²₁: same standard error 1/√N.
        Assert.True(Math.Abs(c2.Value) <= Bound, $"r(squares) = {c2.Value}");
    }

    private sealed class Correlation
    {
        private double _sx, _sy, _sxx, _syy, _sxy;
        private long _n;

        public double Value
        {
            get
            {
                double n = _n;
                double cov = (_sxy / n) - (_sx / n * (_sy / n));
                double vx = (_sxx / n) - (_sx / n * (_sx / n));
                double vy = (_syy / n) - (_sy / n * (_sy / n));
                return cov / Math.Sqrt(vx * vy);
            }
        }

        public void Add(double x, double y)
        {
            _sx += x;
            _sy += y;
            _sxx += x * x;
            _syy += y * y;
            _sxy += x * y;
            _n++;
        }
    }
}
