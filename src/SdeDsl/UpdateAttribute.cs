namespace SdeDsl;

/// <summary>
/// Marks the discrete optimizer step, written per coordinate in scalar <see cref="double"/>. Its <c>ref</c>
/// parameters are the model's state (<c>x</c> is the iterate); it may also read <c>g</c> (the stochastic gradient)
/// and <c>k</c> (the 1-based step number).
/// </summary>
[System.AttributeUsage(System.AttributeTargets.Method, Inherited = false)]
public sealed class UpdateAttribute : System.Attribute
{
}
