using System;

namespace SdeDsl.RandomNumbers;

/// <summary>ν, 2/ν, and whether ν = +∞ (then the Student-t variate is the normal of the same uniforms).</summary>
internal readonly struct StudentTParameters
{
    public StudentTParameters(double nu)
    {
        if (!(nu > 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(nu), nu, "The degrees of freedom ν must be > 0 (+∞ gives the normal).");
        }

        Nu = nu;
        IsNormal = double.IsPositiveInfinity(nu);
        TwoOverNu = IsNormal ? 0.0 : 2.0 / nu;
    }

    public double Nu { get; }

    public double TwoOverNu { get; }

    public bool IsNormal { get; }
}
