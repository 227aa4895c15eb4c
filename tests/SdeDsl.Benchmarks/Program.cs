using System;
using BenchmarkDotNet.Running;

namespace SdeDsl.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        bool json = Array.IndexOf(args, "--json") >= 0;
        if (Array.IndexOf(args, "--quick") >= 0)
        {
            return QuickRatios.Run();
        }

        if (Array.IndexOf(args, "--catalog") >= 0)
        {
            return CatalogBandwidth.Run(json);
        }

        if (Array.IndexOf(args, "--signsgd-sde") >= 0)
        {
            return SignSgdSdeTiming.Run(json);
        }

        if (Array.IndexOf(args, "--spans-from-memory") >= 0)
        {
            return SpansFromMemory.Run();
        }

        if (Array.IndexOf(args, "--streaming") >= 0)
        {
            return StreamingMemory.Run(args);
        }

        if (Array.IndexOf(args, "--targets") >= 0)
        {
            return Targets.Run(args);
        }

        if (Array.IndexOf(args, "--sde-ratios") >= 0)
        {
            return SdeStepRatios.Run(args);
        }

        if (Array.IndexOf(args, "--float-accuracy") >= 0)
        {
            return FloatAccuracy.Run(args);
        }

        if (Array.IndexOf(args, "--pow-accuracy") >= 0)
        {
            return PowAccuracy.Run(args);
        }

        if (Array.IndexOf(args, "--ensemble-phases") >= 0)
        {
            return EnsemblePhases.Run();
        }

        if (Array.IndexOf(args, "--student-t-accuracy") >= 0)
        {
            return StudentTAccuracy.Run(args);
        }

        if (Array.IndexOf(args, "--intrinsic-spread") >= 0)
        {
            return IntrinsicSpread.Run(args);
        }

        if (Array.IndexOf(args, "--normals") >= 0)
        {
            return NormalRatios.Run();
        }

        if (Array.IndexOf(args, "--ensemble") >= 0)
        {
            return EnsembleThroughput.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
