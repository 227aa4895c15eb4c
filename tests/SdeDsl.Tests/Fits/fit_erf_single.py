"""Fits the float Erf's table (SdeMath.Single.cs, ErfPieceCoefficients) and prints its rows.

Eight pieces of width 1/2 on [0, 4): in piece j, with t = |x| - j/2, erf|x| = c_j + t*P_j(t), P_j of degree 6;
in piece 0, erf x = x + x*P_0(x), for relative precision near 0. c_j is erf(j/2) rounded to float. Each P_j is a
least-squares fit at 4,000 Chebyshev nodes of the piece (weighted to relative error in piece 0, absolute elsewhere);
its coefficients are rounded to float one at a time from the constant term up, the others refitted each time.

The script then evaluates the table as the kernel does (float operations, fused multiply-adds, Estrin's scheme) on
about 4.4M arguments and prints the largest error in ulps per piece. That is a quick check only: the figures in
docs/accuracy.md come from `SdeDsl.Benchmarks --float-accuracy Erf`, over all 2^32 floats.

Needs numpy (Debian: python3-numpy). Run: python3 fit_erf_single.py
"""
import math

import numpy as np

erf = np.frompyfunc(math.erf, 1, 1)
f32 = np.float32
PIECES, WIDTH, DEGREE = 8, 0.5, 6
SATURATION = f32(3.95)  # |x| is clamped here, where the last piece rounds to 1


def fma32(a, b, c):
    # a*b is exact in double for float a and b; one rounding to float after the add (a double rounding is rare
    # enough not to matter for a fit).
    return (a.astype(np.float64) * b.astype(np.float64) + c.astype(np.float64)).astype(np.float32)


def chebyshev_nodes(a, b, n):
    k = np.arange(n)
    return (a + b) / 2 + (b - a) / 2 * np.cos((2 * k + 1) * np.pi / (2 * n))


def fit_piece(j):
    lo, hi = j * WIDTH, min((j + 1) * WIDTH, float(SATURATION))
    x = chebyshev_nodes(max(lo, 1e-6), hi, 4000)
    e = np.array(erf(x), dtype=np.float64)
    if j == 0:
        c, t = 0.0, x
        target, weight = (e - x) / x, x / e
    else:
        c = float(f32(math.erf(lo)))
        t = x - lo
        target, weight = (e - c) / t, t
    coefficients = []
    for k in range(DEGREE + 1):
        fixed = sum(cf * t ** i for i, cf in enumerate(coefficients)) if coefficients else 0.0
        basis = np.stack([t ** i for i in range(k, DEGREE + 1)], axis=1) * weight[:, None]
        solution, *_ = np.linalg.lstsq(basis, (target - fixed) * weight, rcond=None)
        coefficients.append(float(f32(solution[0])))
    return c, coefficients


def evaluate(x, rows):
    x = x.astype(np.float32)
    ax = np.minimum(np.abs(x), SATURATION)
    piece = (ax * f32(PIECES / 4)).astype(np.int32)
    t = fma32(piece.astype(np.float32), np.full_like(ax, f32(-4 / PIECES)), ax)
    row = lambda k: rows[k][piece]
    t2 = (t * t).astype(np.float32)
    p01 = fma32(row(2), t, row(1))
    p23 = fma32(row(4), t, row(3))
    p45 = fma32(row(6), t, row(5))
    p = fma32(fma32(fma32(row(7), t2, p45), t2, p23), t2, p01)
    constant = np.where(piece == 0, t, row(0))
    return np.copysign(fma32(p, t, constant), x)


def ulps(x, y):
    reference = np.array(erf(x.astype(np.float64)), dtype=np.float64)
    ulp = np.spacing(np.abs(reference.astype(np.float32))).astype(np.float64)
    return np.abs(y.astype(np.float64) - reference) / ulp


def literal(v):
    v = f32(v)
    if v != 0 and abs(v) < 1e-3:
        return np.format_float_scientific(v, unique=True, trim="-").replace("e-0", "e-") + "f"
    return np.format_float_positional(v, unique=True, trim="-") + "f"


def main():
    rows = [[0.0] * PIECES for _ in range(DEGREE + 2)]
    for j in range(PIECES):
        c, coefficients = fit_piece(j)
        rows[0][j] = c
        for k, v in enumerate(coefficients):
            rows[k + 1][j] = v
    table = [np.array(r, dtype=np.float32) for r in rows]

    rng = np.random.default_rng(1)
    xs = np.concatenate([rng.uniform(0, 4.2, 3_000_000), 10 ** rng.uniform(-8, 0, 1_000_000),
                         np.arange(0, 4.2, 1e-5)]).astype(np.float32)
    errors = ulps(xs, evaluate(xs, table))
    pieces = (np.minimum(xs, SATURATION) * (PIECES / 4)).astype(int)
    for j in range(PIECES):
        print(f"// piece {j}: max {errors[pieces == j].max():.3f} ulp (sampled)")
    for r in rows:
        print("        " + ", ".join(literal(v) for v in r) + ",")


if __name__ == "__main__":
    main()
