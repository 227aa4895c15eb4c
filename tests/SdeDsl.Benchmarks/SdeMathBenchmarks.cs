using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace SdeDsl.Benchmarks;

/// <summary>
/// Nanoseconds per element of the vector <see cref="SdeMath"/> transcendentals (Erf, Exp, Log, Tanh, Atan) over
/// 2^20-element float and double arrays, against a scalar loop of the same function (<see cref="Math"/> /
/// <see cref="MathF"/> where one exists, <see cref="SdeMath.Erf(double)"/> for erf). Each benchmark maps a whole array
/// (<c>OperationsPerInvoke = Count</c>, so the reported time is per element). Arguments: uniform on [−6, 6] for erf,
/// exp, tanh and atan; log-uniform on [1e-6, 1e6] for log.
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class SdeMathBenchmarks
{
    /// <summary>Elements per operation.</summary>
    public const int Count = 1 << 20;

    private double[] _argD = [];
    private double[] _posD = [];
    private double[] _outD = [];
    private float[] _argF = [];
    private float[] _posF = [];
    private float[] _outF = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(20240601);
        _argD = new double[Count];
        _posD = new double[Count];
        _outD = new double[Count];
        _argF = new float[Count];
        _posF = new float[Count];
        _outF = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            _argD[i] = -6.0 + (12.0 * rng.NextDouble());
            _posD[i] = Math.Exp(Math.Log(1e-6) + ((Math.Log(1e6) - Math.Log(1e-6)) * rng.NextDouble()));
            _argF[i] = (float)_argD[i];
            _posF[i] = (float)_posD[i];
        }
    }

    // ------------------------------------------------------------ Erf

    [Benchmark(OperationsPerInvoke = Count)]
    public void ErfVectorDouble() => Map<ErfOp>(_argD, _outD);

    [Benchmark(OperationsPerInvoke = Count)]
    public void ErfVectorFloat() => Map<ErfOp>(_argF, _outF);

    [Benchmark(OperationsPerInvoke = Count)]
    public void ErfScalarDouble()
    {
        double[] x = _argD, y = _outD;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = SdeMath.Erf(x[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void ErfScalarFloat()
    {
        float[] x = _argF, y = _outF;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = SdeMath.Erf(x[i]);
        }
    }

    // ------------------------------------------------------------ Exp

    [Benchmark(OperationsPerInvoke = Count)]
    public void ExpVectorDouble() => Map<ExpOp>(_argD, _outD);

    [Benchmark(OperationsPerInvoke = Count)]
    public void ExpVectorFloat() => Map<ExpOp>(_argF, _outF);

    [Benchmark(OperationsPerInvoke = Count)]
    public void ExpMathDouble()
    {
        double[] x = _argD, y = _outD;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Exp(x[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void ExpMathFloat()
    {
        float[] x = _argF, y = _outF;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = MathF.Exp(x[i]);
        }
    }

    // ------------------------------------------------------------ Log

    [Benchmark(OperationsPerInvoke = Count)]
    public void LogVectorDouble() => Map<LogOp>(_posD, _outD);

    [Benchmark(OperationsPerInvoke = Count)]
    public void LogVectorFloat() => Map<LogOp>(_posF, _outF);

    [Benchmark(OperationsPerInvoke = Count)]
    public void LogMathDouble()
    {
        double[] x = _posD, y = _outD;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Log(x[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void LogMathFloat()
    {
        float[] x = _posF, y = _outF;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = MathF.Log(x[i]);
        }
    }

    // ------------------------------------------------------------ Tanh

    [Benchmark(OperationsPerInvoke = Count)]
    public void TanhVectorDouble() => Map<TanhOp>(_argD, _outD);

    [Benchmark(OperationsPerInvoke = Count)]
    public void TanhVectorFloat() => Map<TanhOp>(_argF, _outF);

    [Benchmark(OperationsPerInvoke = Count)]
    public void TanhMathDouble()
    {
        double[] x = _argD, y = _outD;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Tanh(x[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void TanhMathFloat()
    {
        float[] x = _argF, y = _outF;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = MathF.Tanh(x[i]);
        }
    }

    // ------------------------------------------------------------ Atan

    [Benchmark(OperationsPerInvoke = Count)]
    public void AtanVectorDouble() => Map<AtanOp>(_argD, _outD);

    [Benchmark(OperationsPerInvoke = Count)]
    public void AtanVectorFloat() => Map<AtanOp>(_argF, _outF);

    [Benchmark(OperationsPerInvoke = Count)]
    public void AtanMathDouble()
    {
        double[] x = _argD, y = _outD;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Atan(x[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void AtanMathFloat()
    {
        float[] x = _argF, y = _outF;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = MathF.Atan(x[i]);
        }
    }

    // ------------------------------------------------------------ driver

    private static void Map<TOp>(double[] x, double[] y)
        where TOp : struct, IVectorOp
    {
        int i = 0;
        for (; i + Vector<double>.Count <= x.Length; i += Vector<double>.Count)
        {
            TOp.Invoke(new Vector<double>(x, i)).CopyTo(y, i);
        }
    }

    private static void Map<TOp>(float[] x, float[] y)
        where TOp : struct, IVectorOp
    {
        int i = 0;
        for (; i + Vector<float>.Count <= x.Length; i += Vector<float>.Count)
        {
            TOp.Invoke(new Vector<float>(x, i)).CopyTo(y, i);
        }
    }

    private interface IVectorOp
    {
        static abstract Vector<double> Invoke(Vector<double> x);

        static abstract Vector<float> Invoke(Vector<float> x);
    }

    private readonly struct ErfOp : IVectorOp
    {
        public static Vector<double> Invoke(Vector<double> x) => SdeMath.Erf(x);

        public static Vector<float> Invoke(Vector<float> x) => SdeMath.Erf(x);
    }

    private readonly struct ExpOp : IVectorOp
    {
        public static Vector<double> Invoke(Vector<double> x) => SdeMath.Exp(x);

        public static Vector<float> Invoke(Vector<float> x) => SdeMath.Exp(x);
    }

    private readonly struct LogOp : IVectorOp
    {
        public static Vector<double> Invoke(Vector<double> x) => SdeMath.Log(x);

        public static Vector<float> Invoke(Vector<float> x) => SdeMath.Log(x);
    }

    private readonly struct TanhOp : IVectorOp
    {
        public static Vector<double> Invoke(Vector<double> x) => SdeMath.Tanh(x);

        public static Vector<float> Invoke(Vector<float> x) => SdeMath.Tanh(x);
    }

    private readonly struct AtanOp : IVectorOp
    {
        public static Vector<double> Invoke(Vector<double> x) => SdeMath.Atan(x);

        public static Vector<float> Invoke(Vector<float> x) => SdeMath.Atan(x);
    }
}
