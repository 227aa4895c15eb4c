namespace SdeDsl;

/// <summary>
/// Marks a public <see cref="double"/> field as a hyperparameter. Generated validation checks that its value is
/// finite and lies within the optional bounds given here, and throws an
/// <see cref="System.ArgumentOutOfRangeException"/> naming the field otherwise.
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Field, Inherited = false)]
public sealed class HyperAttribute : System.Attribute
{
    /// <summary>Lower bound (inclusive unless <see cref="ExclusiveMin"/>); negative infinity when absent.</summary>
    public double Min { get; set; } = double.NegativeInfinity;

    /// <summary>Upper bound (inclusive unless <see cref="ExclusiveMax"/>); positive infinity when absent.</summary>
    public double Max { get; set; } = double.PositiveInfinity;

    /// <summary>When <see langword="true"/>, the value must be strictly greater than <see cref="Min"/>.</summary>
    public bool ExclusiveMin { get; set; }

    /// <summary>When <see langword="true"/>, the value must be strictly less than <see cref="Max"/>.</summary>
    public bool ExclusiveMax { get; set; }
}
