#!/usr/bin/python3
"""torch.optim.AdamW's step on 10M float32 parameters, timed against SdeDsl's generated AdamW step.

Times optimizer.step() of torch.optim.AdamW (lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 1e-2, the C#
--catalog mode's hyperparameters) with foreach=False (the single-tensor loop) and foreach=True, interleaved
round-robin, median of --repeats steps each, with torch.set_num_threads(1) (the one-core comparison of docs/performance.md) and with
every core. Given the C# figures (--run-dotnet builds tests/SdeDsl.Benchmarks and runs its
`--catalog --json` mode; --csharp-json reads that output from a file) it prints torch / C# for the catalog's AdamW.
The target (docs/performance.md) is >= 5x.

Run with Debian's PyTorch (apt-get install python3-torch), not a pyenv python3 earlier on PATH:

    /usr/bin/python3 tests/SdeDsl.Benchmarks/torch/adamw_bench.py --run-dotnet
    /usr/bin/python3 tests/SdeDsl.Benchmarks/torch/adamw_bench.py --run-dotnet --tuned-malloc

torch 1.13's AdamW step allocates two 40 MB temporaries per step (exp_avg_sq.sqrt() and its division by the bias
correction); --tuned-malloc restarts the script with glibc settings that reuse freed memory (see torch_bench_common).
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_bench_common as common  # noqa: E402

import torch  # noqa: E402

# Must match CatalogSteps.cs.
LR, BETAS, EPS, WEIGHT_DECAY = 1e-3, (0.9, 0.999), 1e-8, 1e-2


def make_optimizer(n, foreach, seed):
    """A parameter x uniform in [-1, 1) with a fixed gradient uniform in [-1, 1), and AdamW over it."""
    gen = torch.Generator().manual_seed(seed)
    param = torch.nn.Parameter(torch.rand(n, generator=gen, dtype=torch.float32) * 2 - 1)
    param.grad = torch.rand(n, generator=gen, dtype=torch.float32) * 2 - 1
    opt = torch.optim.AdamW([param], lr=LR, betas=BETAS, eps=EPS, weight_decay=WEIGHT_DECAY,
                            amsgrad=False, maximize=False, foreach=foreach)
    opt.step()  # creates exp_avg and exp_avg_sq, so that no timed step allocates the state
    return opt


def measure(n, threads, repeats):
    torch.set_num_threads(threads)
    opts = {"AdamW foreach=False": make_optimizer(n, False, 1), "AdamW foreach=True": make_optimizer(n, True, 2)}
    seconds = common.time_round_robin({name: opt.step for name, opt in opts.items()}, repeats)
    return {name: {"ms": common.median(s) * 1e3, "ms_min": min(s) * 1e3, "ms_max": max(s) * 1e3}
            for name, s in seconds.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parameters", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=9, help="timed steps per variant and thread count")
    parser.add_argument("--threads", default=f"1,{os.cpu_count()}", help="comma-separated thread counts")
    parser.add_argument("--run-dotnet", action="store_true", help="run the C# --catalog --json mode first")
    parser.add_argument("--csharp-json", help="a file holding the C# --catalog --json output")
    parser.add_argument("--tuned-malloc", action="store_true", help="restart with glibc settings that reuse freed memory")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")
    args = parser.parse_args()
    if args.tuned_malloc:
        common.reexec_with_tuned_malloc()

    default_threads = torch.get_num_threads()

    def measure_torch():
        loads = [common.load_average()]
        timed = {threads: measure(args.parameters, threads, args.repeats) for threads in [int(t) for t in args.threads.split(",")]}
        return timed, loads + [common.load_average()]

    csharp_runs = []
    if args.run_dotnet:
        # C# before and after torch (never at the same time); the ratios use the mean of the two runs.
        (results, (load_before, load_after)), csharp_runs = common.run_dotnet_around("--catalog", measure_torch)
    else:
        results, (load_before, load_after) = measure_torch()
        if args.csharp_json:
            csharp_runs = [common.read_json_file(args.csharp_json)]
    csharp = {"runs": csharp_runs} if csharp_runs else None

    print(f"torch {torch.__version__}, {os.cpu_count()} cores, default threads {default_threads}, "
          f"allocator: {common.allocator_label()}")
    print(f"torch.optim.AdamW step, float32, {args.parameters:,} parameters; medians of {args.repeats} interleaved "
          f"steps. Load average: {load_before} before, {load_after} after.")
    print()
    print("| torch | threads | ms/step (min .. max) |")
    print("|---|---:|---:|")
    for threads, variants in results.items():
        for name, r in variants.items():
            print(f"| {name} | {threads} | {r['ms']:.2f} ({r['ms_min']:.2f} .. {r['ms_max']:.2f}) |")

    ratios = []
    if csharp is not None:
        print()
        print("C# generated AdamW (one core), per run:")
        ms = []
        for i, run in enumerate(csharp["runs"]):
            adamw = next(loop for loop in run["loops"] if loop["name"] == "AdamW")
            ms.append(adamw["ms_median"] * args.parameters / adamw["elements"])
            print(f"  run {i + 1}: {ms[-1]:.2f} ms/step ({adamw['gb_per_s']:.1f} GB/s, {adamw['ratio_to_triad']:.2f} x the "
                  f"triad's bandwidth); load {run.get('load_before', '?')} before, {run.get('load_after', '?')} after")
        cs_ms = sum(ms) / len(ms)
        csharp["adamw_ms"] = cs_ms
        print(f"  the ratios use the mean, {cs_ms:.2f} ms/step")
        print()
        print("| torch | threads | torch / C# | target |")
        print("|---|---:|---:|---|")
        for threads, variants in results.items():
            for name, r in variants.items():
                ratio = r["ms"] / cs_ms
                ratios.append({"threads": threads, "torch": name, "ratio": ratio})
                target = (">= 5 met" if ratio >= 5 else ">= 5 MISSED") if threads == 1 else "(information)"
                print(f"| {name} | {threads} | {ratio:.2f} | {target} |")

    if args.json:
        print(json.dumps({"mode": "torch-adamw", "torch": torch.__version__, "allocator": common.allocator_label(),
                          "parameters": args.parameters, "load_before": load_before, "load_after": load_after,
                          "results": results, "csharp": csharp, "ratios": ratios}))


if __name__ == "__main__":
    main()
