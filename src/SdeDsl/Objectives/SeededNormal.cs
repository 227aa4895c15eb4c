using System;

namespace SdeDsl.Objectives;

/// <summary>
/// Standard normal draws from a seeded <see cref="System.Random"/> by the Box–Muller transform, for building synthetic data
/// sets (set-up, not simulation: the simulation's own noise comes from the counter-based generator).
/// </summary>
internal static class SeededNormal
{
    /// <summary>One N(0, 1) draw: √(−2 ln u₁) cos(2π u₂), u₁ ∈ (0, 1], u₂ ∈ [0, 1).</summary>
    public static double Next(System.Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
