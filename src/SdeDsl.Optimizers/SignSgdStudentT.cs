using SdeDsl;
using static SdeDsl.SdeMath;

namespace SdeDsl.Optimizers;

/// <summary>
/// SignSGD under Student-t gradient noise Z_i = σ_i T_i, T_i ~ t_ν (docs/math.md §SignSGD). Update: x ← x − η sign(g).
/// SDE: dX = −2Ξ_ν(Y) dt + √η √(1 − (2Ξ_ν(Y))²) dW, Y = ∇f(X) / σ element-wise, with
/// 2Ξ_ν(y) = 2 F_ν(y) − 1 and F_ν the Student-t CDF (<see cref="SdeMath.StudentTCdf(double, double)"/>).
/// Well defined for every ν &gt; 0; ν = 1 is Cauchy noise, 2Ξ_1(y) = (2/π) arctan y.
/// Source: Compagnoni et al., <i>Adaptive Methods through the Lens of SDEs</i>, ICLR 2025 (arXiv 2411.15958).
/// </summary>
[SdeModel]
public partial struct SignSgdStudentT
{
    /// <summary>The learning rate η &gt; 0.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Eta;

    /// <summary>The degrees of freedom ν &gt; 0 of the Student-t noise.</summary>
    [Hyper(Min = 0, ExclusiveMin = true)] public double Nu;

    [Update] void Step(ref double x, double g) => x -= Eta * Sign(g);

    [Drift("x")] double DriftX(double grad, double sigma) => -(2 * StudentTCdf(grad / sigma, Nu) - 1);

    [Diffusion("x")]
    double DiffusionX(double grad, double sigma)
    {
        double twoXi = 2 * StudentTCdf(grad / sigma, Nu) - 1;
        return Sqrt(Eta) * Sqrt(1 - twoXi * twoXi);
    }
}
