#!/usr/bin/python3
"""Reference trajectories of torch.optim for the PyTorch parity tests (TorchParityTests.cs).

Run with Debian's PyTorch (apt-get install python3-torch), from any directory:

    /usr/bin/python3 tests/SdeDsl.Optimizers.Tests/Parity/make_reference.py

For every case it writes Data/<case>.bin, little-endian float32 without a header:

    initial x            d values
    gradients            steps * d values (row k-1 is the gradient of step k)
    x after each step    steps * d values (row k-1 is x after step k)

and Data/cases.json listing the cases (name, torch optimizer, hyperparameters, the SdeDsl model the test maps it
to, d, steps, seed, torch version). The gradients are drawn up front from a seeded torch.Generator, so they do not
depend on x: the C# test replays them exactly. Each coordinate i has its own scale s_i = 10^u_i, u_i uniform in
[-3, 0.5), and mean mu_i = 0.3 s_i z_i; g_k,i = mu_i + s_i n_k,i with z, n standard normal. Small scales make eps
matter, the means make x drift.
"""

import json
import os
import subprocess
import sys

import torch

D = 37
STEPS = 1000

# name, torch optimizer class, keyword arguments (besides the flags below), SdeDsl model
CASES = [
    ("sgd_lr0.1", "SGD", dict(lr=0.1), "Sgd"),
    ("rmsprop_lr1e-2", "RMSprop", dict(lr=1e-2, alpha=0.99, eps=1e-8), "RmsProp"),
    ("rmsprop_l2_lr1e-3", "RMSprop", dict(lr=1e-3, alpha=0.9, eps=1e-6, weight_decay=0.01), "RmsPropL2"),
    ("adam_lr1e-3", "Adam", dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8), "Adam"),
    ("adam_l2_lr1e-2", "Adam", dict(lr=1e-2, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.01), "AdamL2"),
    ("adamw_lr1e-3", "AdamW", dict(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01), "AdamW"),
    ("adamw_lr3e-3", "AdamW", dict(lr=3e-3, betas=(0.85, 0.995), eps=1e-7, weight_decay=0.1), "AdamW"),
]

# Plain single-tensor code paths, PyTorch's defaults otherwise.
FLAGS = {
    "SGD": dict(momentum=0, dampening=0, nesterov=False, maximize=False, foreach=False),
    "RMSprop": dict(momentum=0, centered=False, maximize=False, foreach=False),
    "Adam": dict(amsgrad=False, maximize=False, foreach=False),
    "AdamW": dict(amsgrad=False, maximize=False, foreach=False),
}


def run_case(index, name, optimizer, kwargs):
    seed = 20240700 + index
    gen = torch.Generator().manual_seed(seed)
    x0 = torch.randn(D, generator=gen, dtype=torch.float32)
    scale = torch.pow(10.0, torch.rand(D, generator=gen, dtype=torch.float64) * 3.5 - 3.0).to(torch.float32)
    mean = 0.3 * scale * torch.randn(D, generator=gen, dtype=torch.float32)
    grads = mean + scale * torch.randn(STEPS, D, generator=gen, dtype=torch.float32)
    assert grads.dtype == torch.float32

    param = torch.nn.Parameter(x0.clone())
    opt = getattr(torch.optim, optimizer)([param], **kwargs, **FLAGS[optimizer])
    trajectory = torch.empty(STEPS, D, dtype=torch.float32)
    for k in range(STEPS):
        param.grad = grads[k].clone()
        opt.step()
        trajectory[k] = param.detach()
    if not torch.isfinite(trajectory).all():
        raise RuntimeError(f"{name}: trajectory is not finite")

    blob = torch.cat([x0, grads.reshape(-1), trajectory.reshape(-1)]).numpy().astype("<f4").tobytes()
    return seed, blob


def debian_package_version():
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main():
    torch.set_num_threads(1)
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "Data")
    os.makedirs(data, exist_ok=True)
    listing = []
    for index, (name, optimizer, kwargs, model) in enumerate(CASES):
        seed, blob = run_case(index, name, optimizer, kwargs)
        with open(os.path.join(data, name + ".bin"), "wb") as f:
            f.write(blob)
        hyper = dict(kwargs)
        if "betas" in hyper:
            hyper["beta1"], hyper["beta2"] = hyper.pop("betas")
        hyper.setdefault("weight_decay", 0.0)
        listing.append({
            "name": name,
            "optimizer": optimizer,
            "model": model,
            "hyperparameters": hyper,
            "flags": FLAGS[optimizer],
            "d": D,
            "steps": STEPS,
            "seed": seed,
            "file": name + ".bin",
        })
        print(f"{name}: {len(blob)} bytes")
    doc = {
        "torch_version": torch.__version__,
        "python3_torch_package": debian_package_version(),
        "python_version": sys.version.split()[0],
        "format": "little-endian float32, no header: initial x (d), gradients (steps*d), x after each step (steps*d)",
        "cases": listing,
    }
    with open(os.path.join(data, "cases.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
