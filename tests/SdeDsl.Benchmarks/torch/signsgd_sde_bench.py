#!/usr/bin/python3
"""One Euler-Maruyama step of the SignSGD SDE written as PyTorch tensor ops, timed against SdeDsl's generated kernel.

The step (docs/math.md §SignSGD, the catalog's SignSgd, float32, n = 10M coordinates):

    Y  = grad / (sqrt(2) * sigma)
    x += -erf(Y) * dt + sqrt(eta) * sqrt(1 - erf(Y)^2) * sqrt(dt) * xi,    xi ~ N(0, 1)

in four forms, interleaved round-robin, median of --repeats calls each:

    expression           the formula as one tensor expression (erf computed once), xi precomputed
    expression+randn     the same with xi = torch.randn(n) drawn in the step
    in-place             out=/in-place ops on preallocated buffers (no temporaries), xi precomputed
    in-place+normal_     the same with xi drawn by buffer.normal_() in the step

with torch.set_num_threads(1) (the one-core comparison of docs/performance.md) and with every core. It prints ns/element and, given
the C# figures (--run-dotnet builds tests/SdeDsl.Benchmarks and runs its `--signsgd-sde --json` mode;
--csharp-json reads that output from a file), the ratios torch / C#. The targets (docs/performance.md), one thread: >= 5x torch's in-place form with the noise
precomputed, >= 8x its in-place form with the normals drawn in the step (the expression forms are for information:
their temporaries make torch slow for reasons that have nothing to do with the kernel).

Run with Debian's PyTorch (apt-get install python3-torch), not a pyenv python3 earlier on PATH:

    /usr/bin/python3 tests/SdeDsl.Benchmarks/torch/signsgd_sde_bench.py --run-dotnet
    /usr/bin/python3 tests/SdeDsl.Benchmarks/torch/signsgd_sde_bench.py --run-dotnet --tuned-malloc

--tuned-malloc restarts the script with glibc settings that keep freed memory for reuse (see torch_bench_common):
the expression forms' temporaries then cost no page faults.
"""

import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_bench_common as common  # noqa: E402

import torch  # noqa: E402

# Must match SignSgdSdeTiming.cs.
ETA = 0.01
DT = 0.01
SQRT2 = math.sqrt(2.0)
# Targets of torch / C# on one thread, by torch form (docs/performance.md).
TARGETS = {"in-place": 5, "in-place+normal_": 8}


def inputs(n, seed):
    """x uniform in [-1, 1), grad in [-2, 2), sigma in [0.5, 1.5), xi standard normal: the C# mode's ranges."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.rand(n, generator=gen, dtype=torch.float32) * 2 - 1
    grad = torch.rand(n, generator=gen, dtype=torch.float32) * 4 - 2
    sigma = torch.rand(n, generator=gen, dtype=torch.float32) + 0.5
    noise = torch.randn(n, generator=gen, dtype=torch.float32)
    return x, grad, sigma, noise


def expression(x, grad, sigma, noise):
    e = torch.erf(grad / (SQRT2 * sigma))
    x += -e * DT + math.sqrt(ETA) * torch.sqrt(1 - e * e) * math.sqrt(DT) * noise


def expression_randn(x, grad, sigma):
    expression(x, grad, sigma, torch.randn(x.shape[0], dtype=torch.float32))


class InPlace:
    """The step with no temporaries: two preallocated buffers, out= and in-place ops."""

    def __init__(self, n):
        self.e = torch.empty(n, dtype=torch.float32)
        self.b = torch.empty(n, dtype=torch.float32)
        self.xi = torch.empty(n, dtype=torch.float32)
        self.scale = math.sqrt(ETA) * math.sqrt(DT)

    def __call__(self, x, grad, sigma, noise):
        e, b = self.e, self.b
        torch.mul(sigma, SQRT2, out=e)
        torch.div(grad, e, out=e)
        torch.erf(e, out=e)                      # e = erf(Y)
        torch.mul(e, e, out=b)
        b.neg_().add_(1).sqrt_().mul_(noise).mul_(self.scale)   # b = sqrt(eta) sqrt(1 - e^2) sqrt(dt) xi
        x.add_(e, alpha=-DT).add_(b)

    def with_normal(self, x, grad, sigma):
        self.xi.normal_()
        self(x, grad, sigma, self.xi)


def check_forms():
    """The expression and in-place forms against a float64 evaluation of the formula, at n = 1003."""
    x, grad, sigma, noise = inputs(1003, seed=7)
    ref = x.double()
    e = torch.erf(grad.double() / (SQRT2 * sigma.double()))
    ref = ref - e * DT + math.sqrt(ETA) * torch.sqrt(1 - e * e) * math.sqrt(DT) * noise.double()
    a, b = x.clone(), x.clone()
    expression(a, grad, sigma, noise)
    InPlace(1003)(b, grad, sigma, noise)
    err = max((a.double() - ref).abs().max().item(), (b.double() - ref).abs().max().item())
    if not err < 1e-6:
        raise SystemExit(f"torch forms disagree with the float64 formula: max |error| = {err}")
    return err


def measure(n, threads, repeats):
    torch.set_num_threads(threads)
    x0, grad, sigma, noise = inputs(n, seed=4242)
    xs = {k: x0.clone() for k in ("expression", "expression+randn", "in-place", "in-place+normal_")}
    in_place = InPlace(n)
    forms = {
        "expression": lambda: expression(xs["expression"], grad, sigma, noise),
        "expression+randn": lambda: expression_randn(xs["expression+randn"], grad, sigma),
        "in-place": lambda: in_place(xs["in-place"], grad, sigma, noise),
        "in-place+normal_": lambda: in_place.with_normal(xs["in-place+normal_"], grad, sigma),
    }
    seconds = common.time_round_robin(forms, repeats)
    return {name: {"ns_per_element": common.median(s) / n * 1e9,
                   "ns_min": min(s) / n * 1e9, "ns_max": max(s) / n * 1e9} for name, s in seconds.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--elements", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=9, help="timed calls per form and thread count")
    parser.add_argument("--threads", default=f"1,{os.cpu_count()}", help="comma-separated thread counts")
    parser.add_argument("--run-dotnet", action="store_true", help="run the C# --signsgd-sde --json mode first")
    parser.add_argument("--csharp-json", help="a file holding the C# --signsgd-sde --json output")
    parser.add_argument("--tuned-malloc", action="store_true", help="restart with glibc settings that reuse freed memory")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")
    args = parser.parse_args()
    if args.tuned_malloc:
        common.reexec_with_tuned_malloc()

    err = check_forms()
    default_threads = torch.get_num_threads()

    def measure_torch():
        loads = [common.load_average()]
        timed = {threads: measure(args.elements, threads, args.repeats) for threads in [int(t) for t in args.threads.split(",")]}
        return timed, loads + [common.load_average()]

    csharp_runs = []
    if args.run_dotnet:
        # C# before and after torch (never at the same time); the ratios use the mean of the two runs.
        (results, (load_before, load_after)), csharp_runs = common.run_dotnet_around("--signsgd-sde", measure_torch)
    else:
        results, (load_before, load_after) = measure_torch()
        if args.csharp_json:
            csharp_runs = [common.read_json_file(args.csharp_json)]
    csharp = None
    if csharp_runs:
        keys = csharp_runs[0]["ns_per_element"].keys()
        csharp = {"ns_per_element": {k: sum(r["ns_per_element"][k] for r in csharp_runs) / len(csharp_runs) for k in keys},
                  "runs": csharp_runs}

    print(f"torch {torch.__version__}, {os.cpu_count()} cores, default threads {default_threads}, "
          f"allocator: {common.allocator_label()}")
    print(f"SignSGD SDE EM step, float32, n = {args.elements:,}, eta = {ETA}, dt = {DT}; medians of {args.repeats} "
          f"interleaved calls; forms agree with a float64 evaluation to {err:.1e}. "
          f"Load average: {load_before} before, {load_after} after.")
    print()
    print("| torch form | threads | ns/element (min .. max) |")
    print("|---|---:|---:|")
    for threads, forms in results.items():
        for name, r in forms.items():
            print(f"| {name} | {threads} | {r['ns_per_element']:.3f} ({r['ns_min']:.3f} .. {r['ns_max']:.3f}) |")

    ratios = []
    if csharp is not None:
        cs = csharp["ns_per_element"]
        print()
        print("C# (one core), ns/element: median of each run (min), and the mean of the runs the ratios use:")
        for key, value in cs.items():
            runs = ", ".join(f"{r['ns_per_element'][key]:.3f} ({r.get('ns_min_per_element', {}).get(key, float('nan')):.3f})"
                             for r in csharp["runs"])
            print(f"  {key}: {runs} -> {value:.3f}")
        for i, r in enumerate(csharp["runs"]):
            print(f"  run {i + 1}: load {r.get('load_before', '?')} before, {r.get('load_after', '?')} after")
        print()
        print("| torch form | threads | C# variant | torch / C# | target |")
        print("|---|---:|---|---:|---|")
        pairs = [("expression", "em_precomputed_noise"), ("in-place", "em_precomputed_noise"),
                 ("expression+randn", "fill_normal_then_em"), ("in-place+normal_", "fill_normal_then_em"),
                 ("expression+randn", "chunked_fill_normal_and_em")]
        for threads, forms in results.items():
            for torch_form, cs_variant in pairs:
                ratio = forms[torch_form]["ns_per_element"] / cs[cs_variant]
                ratios.append({"threads": threads, "torch": torch_form, "csharp": cs_variant, "ratio": ratio})
                bound = TARGETS.get(torch_form) if threads == 1 else None
                target = f">= {bound}" if bound else "(information)"
                met = "" if not bound else (" met" if ratio >= bound else " MISSED")
                print(f"| {torch_form} | {threads} | {cs_variant} | {ratio:.2f} | {target}{met} |")

    if args.json:
        print(json.dumps({"mode": "torch-signsgd-sde", "torch": torch.__version__, "allocator": common.allocator_label(),
                          "elements": args.elements, "load_before": load_before, "load_after": load_after,
                          "results": results, "csharp": csharp, "ratios": ratios}))


if __name__ == "__main__":
    main()
