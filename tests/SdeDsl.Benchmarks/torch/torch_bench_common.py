"""Helpers shared by the optional PyTorch comparison scripts of SdeDsl.Benchmarks (see ../README.md).

Nothing here is needed by the test suites: the scripts are run by hand with Debian's PyTorch
(/usr/bin/python3, package python3-torch).
"""

import json
import os
import statistics
import subprocess
import sys
import time

# glibc serves allocations above 32 MB (the ceiling of its dynamic mmap threshold) with a fresh mmap and returns
# them with munmap, so every 40 MB temporary tensor is page-faulted in anew. These settings keep freed memory in
# the heap for reuse: the cost of temporaries without page faults (a lower bound of torch's time).
TUNED_MALLOC = {"MALLOC_MMAP_MAX_": "0", "MALLOC_TRIM_THRESHOLD_": str(1 << 40), "MALLOC_TOP_PAD_": str(1 << 28)}

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROJECT = os.path.join(REPO, "tests", "SdeDsl.Benchmarks")
ASSEMBLY = os.path.join(PROJECT, "bin", "Release", "net10.0", "SdeDsl.Benchmarks.dll")


def reexec_with_tuned_malloc():
    """Restarts this script with TUNED_MALLOC in the environment (glibc reads it only at process start)."""
    if all(os.environ.get(k) == v for k, v in TUNED_MALLOC.items()):
        return
    env = dict(os.environ, **TUNED_MALLOC)
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def allocator_label():
    """'tuned' when TUNED_MALLOC is in effect, else 'glibc default'."""
    tuned = all(os.environ.get(k) == v for k, v in TUNED_MALLOC.items())
    return "tuned (MALLOC_MMAP_MAX_=0, no trim: temporaries reuse heap memory)" if tuned else "glibc default (40 MB temporaries are fresh mmaps)"


def load_average():
    """The 1, 5 and 15 minute load averages, as /proc/loadavg gives them."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def time_round_robin(forms, repeats, warmup=1):
    """Seconds per call of each form (a dict name -> callable), interleaved: every round calls each form once,
    starting at a different form each round. Returns name -> list of seconds."""
    names = list(forms)
    for _ in range(warmup):
        for name in names:
            forms[name]()
    seconds = {name: [] for name in names}
    for r in range(repeats):
        for k in range(len(names)):
            name = names[(r + k) % len(names)]
            start = time.perf_counter()
            forms[name]()
            seconds[name].append(time.perf_counter() - start)
    return seconds


def median(values):
    return statistics.median(values)


def run_dotnet(mode):
    """Builds the benchmarks (Release), then runs the built assembly's quick mode `mode` with --json and returns its
    JSON object; build output and the C# table go to this script's standard error.

    The assembly is run directly rather than through `dotnet run`, so that no CLI process is alive during the
    measurement, and with the environment without the TUNED_MALLOC settings, which are torch's.
    """
    env = {k: v for k, v in os.environ.items() if k not in TUNED_MALLOC}
    build = ["dotnet", "build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false", PROJECT]
    print("running: " + " ".join(build), file=sys.stderr, flush=True)
    subprocess.run(build, stdout=sys.stderr, stderr=None, env=env, check=True)
    time.sleep(2)  # let the build's processes exit
    cmd = ["dotnet", ASSEMBLY, mode, "--json"]
    print("running: " + " ".join(cmd), file=sys.stderr, flush=True)
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=None, text=True, env=env, check=True)
    return parse_json_output(done.stdout)


def run_dotnet_around(mode, measure):
    """Runs the C# mode, then measure(), then the C# mode again: on this VM a process's speed can shift by a third
    from one run to the next (other tenants), so the C# figure a ratio uses is the mean of one run before and one
    after the torch measurement. Returns (measure()'s result, [C# JSON before, C# JSON after])."""
    before = run_dotnet(mode)
    result = measure()
    after = run_dotnet(mode)
    return result, [before, after]


def parse_json_output(text):
    """The last line of `text` that is a JSON object (dotnet run may print build lines before it)."""
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON object in the C# output")


def read_json_file(path):
    with open(path, encoding="utf-8") as f:
        return parse_json_output(f.read())
