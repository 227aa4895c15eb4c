using System;
using System.Numerics;
using SdeDsl.Tests.Models;
using SdeDsl.Tests.Objectives;
using Xunit;

namespace SdeDsl.Tests;

/// <summary>
/// Every generated kernel allocates nothing on the heap: after a warm-up (tiering, static constructors, first-call
/// caches), <see cref="GC.GetAllocatedBytesForCurrentThread"/> is exactly the same before and after 100 calls (in one of
/// three windows: <see cref="ObjectiveChecks.AssertNoAllocation"/>).
/// Lengths are 8·Count+3, so the stack-copied tail runs in every call, and for one test long enough for the loop that
/// prefetches.
/// </summary>
/// <remarks>
/// The calls go through an <see cref="Action"/> built before the measurement; invoking a delegate does not allocate,
/// so any byte counted is the kernel's. The counter is per thread, so other tests running in parallel cannot
/// disturb it.
/// </remarks>
public sealed class AllocationTests
{
    private static readonly AdamW AdamWModel = new() { Eta = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8, WeightDecay = 0.01 };
    private static readonly SignSgd SignSgdModel = new() { Eta = 0.01 };
    private static readonly ClippedMomentum ClippedMomentumModel = new() { Eta = 0.05, Beta = 0.9, Clip = 1.0 };

    [Fact]
    public void AdamWStepDoesNotAllocate()
    {
        AdamW model = AdamWModel;
        int nd = Length<double>(), nf = Length<float>();
        double[] xd = Filled(nd, 0.5), md = new double[nd], vd = new double[nd], gd = Filled(nd, 0.25);
        float[] xf = FilledSingle(nf, 0.5f), mf = new float[nf], vf = new float[nf], gf = FilledSingle(nf, 0.25f);
        double[] statesD = Filled(3 * nd, 0.5);
        float[] statesF = FilledSingle(3 * nf, 0.5f);

        AssertNoAllocation("AdamW.Step(double, named)", () => model.Step(xd, md, vd, gd, 3));
        AssertNoAllocation("AdamW.Step(float, named)", () => model.Step(xf, mf, vf, gf, 3));
        AssertNoAllocation("AdamW.Step(double, flat)", () => model.Step(statesD, gd, 3));
        AssertNoAllocation("AdamW.Step(float, flat)", () => model.Step(statesF, gf, 3));
    }

    [Fact]
    public void AdamWEulerMaruyamaStepDoesNotAllocate()
    {
        AdamW model = AdamWModel;
        int nd = Length<double>(), nf = Length<float>();
        double[] xd = Filled(nd, 0.5), md = Filled(nd, 0.1), vd = Filled(nd, 1.0), gd = Filled(nd, 0.25), sd = Filled(nd, 0.5), zd = Filled(nd, 0.3);
        float[] xf = FilledSingle(nf, 0.5f), mf = FilledSingle(nf, 0.1f), vf = FilledSingle(nf, 1f), gf = FilledSingle(nf, 0.25f), sf = FilledSingle(nf, 0.5f), zf = FilledSingle(nf, 0.3f);
        double[] statesD = Filled(3 * nd, 0.5);
        float[] statesF = FilledSingle(3 * nf, 0.5f);

        AssertNoAllocation("AdamW.EulerMaruyamaStep(double, named)", () => model.EulerMaruyamaStep(xd, md, vd, gd, sd, zd, 0.5, 1e-6));
        AssertNoAllocation("AdamW.EulerMaruyamaStep(float, named)", () => model.EulerMaruyamaStep(xf, mf, vf, gf, sf, zf, 0.5, 1e-6));
        AssertNoAllocation("AdamW.EulerMaruyamaStep(double, flat)", () => model.EulerMaruyamaStep(statesD, gd, sd, zd, 0.5, 1e-6));
        AssertNoAllocation("AdamW.EulerMaruyamaStep(float, flat)", () => model.EulerMaruyamaStep(statesF, gf, sf, zf, 0.5, 1e-6));
    }

    [Fact]
    public void SignSgdKernelsDoNotAllocate()
    {
        SignSgd model = SignSgdModel;
        int nd = Length<double>(), nf = Length<float>();
        double[] xd = Filled(nd, 0.5), gd = Filled(nd, -0.25), sd = Filled(nd, 0.5), zd = Filled(nd, 0.3);
        float[] xf = FilledSingle(nf, 0.5f), gf = FilledSingle(nf, -0.25f), sf = FilledSingle(nf, 0.5f), zf = FilledSingle(nf, 0.3f);

        AssertNoAllocation("SignSgd.Step(double)", () => model.Step(xd, gd, 1));
        AssertNoAllocation("SignSgd.Step(float)", () => model.Step(xf, gf, 1));
        AssertNoAllocation("SignSgd.EulerMaruyamaStep(double)", () => model.EulerMaruyamaStep(xd, gd, sd, zd, 0.0, 1e-3));
        AssertNoAllocation("SignSgd.EulerMaruyamaStep(float)", () => model.EulerMaruyamaStep(xf, gf, sf, zf, 0.0, 1e-3));
    }

    [Fact]
    public void ClippedMomentumKernelsDoNotAllocate()
    {
        ClippedMomentum model = ClippedMomentumModel;
        int nd = Length<double>(), nf = Length<float>();
        double[] xd = Filled(nd, 0.5), md = Filled(nd, 0.1), gd = Filled(nd, 2.0), sd = Filled(nd, 0.5), zd = Filled(nd, 0.3);
        float[] xf = FilledSingle(nf, 0.5f), mf = FilledSingle(nf, 0.1f), gf = FilledSingle(nf, 2f), sf = FilledSingle(nf, 0.5f), zf = FilledSingle(nf, 0.3f);
        double[] statesD = Filled(2 * nd, 0.5);
        float[] statesF = FilledSingle(2 * nf, 0.5f);

        AssertNoAllocation("ClippedMomentum.Step(double, named)", () => model.Step(xd, md, gd, 2));
        AssertNoAllocation("ClippedMomentum.Step(float, named)", () => model.Step(xf, mf, gf, 2));
        AssertNoAllocation("ClippedMomentum.Step(double, flat)", () => model.Step(statesD, gd, 2));
        AssertNoAllocation("ClippedMomentum.Step(float, flat)", () => model.Step(statesF, gf, 2));
        AssertNoAllocation("ClippedMomentum.EulerMaruyamaStep(double, named)", () => model.EulerMaruyamaStep(xd, md, gd, sd, zd, 0.0, 1e-3));
        AssertNoAllocation("ClippedMomentum.EulerMaruyamaStep(float, named)", () => model.EulerMaruyamaStep(xf, mf, gf, sf, zf, 0.0, 1e-3));
        AssertNoAllocation("ClippedMomentum.EulerMaruyamaStep(double, flat)", () => model.EulerMaruyamaStep(statesD, gd, sd, zd, 0.0, 1e-3));
        AssertNoAllocation("ClippedMomentum.EulerMaruyamaStep(float, flat)", () => model.EulerMaruyamaStep(statesF, gf, sf, zf, 0.0, 1e-3));
    }

    [Fact]
    public void HigherOrderSdeStepsDoNotAllocate()
    {
        AdamW adamW = AdamWModel;
        SignSgd signSgd = SignSgdModel;
        int nd = Length<double>(), nf = Length<float>();
        double[] xd = Filled(nd, 0.5), md = Filled(nd, 0.1), vd = Filled(nd, 1.0), gd = Filled(nd, 0.25), hd = Filled(nd, 2.0), sd = Filled(nd, 0.5), zd = Filled(nd, 0.3);
        float[] xf = FilledSingle(nf, 0.5f), mf = FilledSingle(nf, 0.1f), vf = FilledSingle(nf, 1f), gf = FilledSingle(nf, 0.25f), hf = FilledSingle(nf, 2f), sf = FilledSingle(nf, 0.5f), zf = FilledSingle(nf, 0.3f);
        double[] statesD = Filled(3 * nd, 0.5);
        float[] statesF = FilledSingle(3 * nf, 0.5f);

        AssertNoAllocation("AdamW.MilsteinStep(double, named)", () => adamW.MilsteinStep(xd, md, vd, gd, hd, sd, zd, 0.5, 1e-6));
        AssertNoAllocation("AdamW.MilsteinStep(float, flat)", () => adamW.MilsteinStep(statesF, gf, hf, sf, zf, 0.5, 1e-6));
        AssertNoAllocation("AdamW.WeakOrder2Step(double, flat)", () => adamW.WeakOrder2Step(statesD, gd, hd, sd, zd, 0.5, 1e-6));
        AssertNoAllocation("AdamW.WeakOrder2Step(float, named)", () => adamW.WeakOrder2Step(xf, mf, vf, gf, hf, sf, zf, 0.5, 1e-6));
        AssertNoAllocation("SignSgd.MilsteinStep(double)", () => signSgd.MilsteinStep(xd, gd, hd, sd, zd, 0.0, 1e-3));
        AssertNoAllocation("SignSgd.WeakOrder2Step(float)", () => signSgd.WeakOrder2Step(xf, gf, hf, sf, zf, 0.0, 1e-3));
    }

    /// <summary>Spans long enough for the loop that prefetches (<see cref="KernelLengths.Prefetched{T}"/>).</summary>
    [Fact]
    public void LongSpansDoNotAllocate()
    {
        AdamW model = AdamWModel;
        int nd = KernelLengths.Prefetched<double>(), nf = KernelLengths.Prefetched<float>();
        double[] xd = Filled(nd, 0.5), md = Filled(nd, 0.1), vd = Filled(nd, 1.0), gd = Filled(nd, 0.25), sd = Filled(nd, 0.5), zd = Filled(nd, 0.3);
        float[] xf = FilledSingle(nf, 0.5f), mf = FilledSingle(nf, 0.1f), vf = FilledSingle(nf, 1f), gf = FilledSingle(nf, 0.25f), sf = FilledSingle(nf, 0.5f), zf = FilledSingle(nf, 0.3f);

        AssertNoAllocation("AdamW.Step(double, long)", () => model.Step(xd, md, vd, gd, 3));
        AssertNoAllocation("AdamW.Step(float, long)", () => model.Step(xf, mf, vf, gf, 3));
        AssertNoAllocation("AdamW.EulerMaruyamaStep(double, long)", () => model.EulerMaruyamaStep(xd, md, vd, gd, sd, zd, 0.5, 1e-6));
        AssertNoAllocation("AdamW.EulerMaruyamaStep(float, long)", () => model.EulerMaruyamaStep(xf, mf, vf, gf, sf, zf, 0.5, 1e-6));
    }

    [Fact]
    public void OptimizerStepDoesNotAllocate()
    {
        int nd = Length<double>(), nf = Length<float>();
        var adamWDouble = new AdamW.Optimizer<double>(AdamWModel, nd);
        var adamWSingle = new AdamW.Optimizer<float>(AdamWModel, nf);
        var signSgdDouble = new SignSgd.Optimizer<double>(SignSgdModel, nd);
        var signSgdSingle = new SignSgd.Optimizer<float>(SignSgdModel, nf);
        var clippedDouble = new ClippedMomentum.Optimizer<double>(ClippedMomentumModel, nd);
        var clippedSingle = new ClippedMomentum.Optimizer<float>(ClippedMomentumModel, nf);
        double[] pd = Filled(nd, 0.5), gd = Filled(nd, 0.25);
        float[] pf = FilledSingle(nf, 0.5f), gf = FilledSingle(nf, 0.25f);

        AssertNoAllocation("AdamW.Optimizer<double>.Step", () => adamWDouble.Step(pd, gd));
        AssertNoAllocation("AdamW.Optimizer<float>.Step", () => adamWSingle.Step(pf, gf));
        AssertNoAllocation("SignSgd.Optimizer<double>.Step", () => signSgdDouble.Step(pd, gd));
        AssertNoAllocation("SignSgd.Optimizer<float>.Step", () => signSgdSingle.Step(pf, gf));
        AssertNoAllocation("ClippedMomentum.Optimizer<double>.Step", () => clippedDouble.Step(pd, gd));
        AssertNoAllocation("ClippedMomentum.Optimizer<float>.Step", () => clippedSingle.Step(pf, gf));
        // The delegate really ran: the warm-up, then one to three windows of measured calls.
        Assert.Equal(0, (adamWDouble.StepCount - ObjectiveChecks.WarmUpCalls) % ObjectiveChecks.MeasuredCalls);
        Assert.InRange(adamWDouble.StepCount, ObjectiveChecks.WarmUpCalls + ObjectiveChecks.MeasuredCalls,
            ObjectiveChecks.WarmUpCalls + (ObjectiveChecks.MeasuredWindows * ObjectiveChecks.MeasuredCalls));
    }

    private static void AssertNoAllocation(string kernel, Action call) => ObjectiveChecks.AssertNoAllocation(kernel, call);

    private static int Length<T>()
        where T : unmanaged => KernelLengths.EveryPath<T>();

    private static double[] Filled(int n, double value)
    {
        var values = new double[n];
        Array.Fill(values, value);
        return values;
    }

    private static float[] FilledSingle(int n, float value)
    {
        var values = new float[n];
        Array.Fill(values, value);
        return values;
    }
}
