"""The numpy operations the article demos spend their time in, timed inside the pinned Pyodide.

Pyodide's numpy has no BLAS and its loops cost differently from CPython's, so the choices in
``metalearn.mlp`` and ``metalearn.maml`` (einsum or matmul for a product, ``np.where`` or
``np.maximum`` for a ReLU) are measured where they run: Python code on stdin of
``scripts/pyodide-node.mjs`` (the pinned Pyodide under Node, V8 as in Chromium), with the
vendored numpy wheel. Every case runs in interleaved rounds and its best round counts (the
machine may be loaded; the minimum is what the code costs). With ``--before REV`` the
metalearn training steps of this checkout run beside those of git revision ``REV`` (extracted
with ``git archive``), in the same rounds. Run from the repository root:

    .venv/bin/python benchmarks/pyodide_kernels.py [--rounds 20] [--before REV]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WHEEL = next((ROOT / "vendor" / "pyodide-wheels").glob("numpy-*.whl"))

HARNESS = '''
import io, sys, time
import numpy as np
OUT = io.StringIO()

def compare(title, cases, rounds=ROUNDS, target=0.004):
    """Interleaved rounds; each case's best time per call."""
    reps = {}
    for name, f in cases:
        f(); t = time.perf_counter(); f(); dt = time.perf_counter() - t
        reps[name] = max(1, int(target / max(dt, 1e-7)))
    best = {name: float("inf") for name, _ in cases}
    for _ in range(rounds):
        for name, f in cases:
            n = reps[name]; t = time.perf_counter()
            for _ in range(n): f()
            best[name] = min(best[name], (time.perf_counter() - t) / n)
    OUT.write(f"--- {title}\\n")
    first = best[cases[0][0]]
    for name, _ in cases:
        OUT.write(f"  {name:<58} {best[name] * 1e6:9.1f} us  {best[name] / first:5.2f}x\\n")

def kernels():
    rng = np.random.default_rng(0)
    for R, n, m in [(250, 40, 40), (800, 32, 32), (800, 8, 32), (800, 2, 32)]:
        a = rng.standard_normal((R, n)); w_t = rng.standard_normal((m, n)); o = np.empty((R, m))
        compare(f"product ({R}, {n}) x ({n}, {m}), inner width {n}", [
            ("np.matmul(a, w_t.T, out=o)", lambda: np.matmul(a, w_t.T, out=o)),
            ("np.einsum('rn,mn->rm', a, w_t, out=o)", lambda: np.einsum("rn,mn->rm", a, w_t, out=o)),
        ])
    for shape in [(25, 10, 40), (16, 50, 32)]:
        z = rng.standard_normal(shape); mask = z > 0; d = rng.standard_normal(shape); o = np.empty(shape)
        compare(f"ReLU and its backward gate on {shape}", [
            ("np.maximum(z, 0.0, out=o)", lambda: np.maximum(z, 0.0, out=o)),
            ("np.where(z <= 0.0, 0.0, z)  (mlp.relu)", lambda: np.where(z <= 0.0, 0.0, z)),
            ("np.multiply(d, mask, out=o)  (float x bool)", lambda: np.multiply(d, mask, out=o)),
            ("np.where(mask, d, 0.0)  (mlp.gate)", lambda: np.where(mask, d, 0.0)),
        ])

kernels()  # once to let V8 tier the hot wasm functions up, untimed
OUT = io.StringIO()
kernels()


def load(root):
    for k in [k for k in sys.modules if k.startswith("metalearn")]:
        del sys.modules[k]
    sys.path.insert(0, root)
    import metalearn, metalearn.protonet, metalearn.reptile, metalearn.tasks
    sys.path.remove(root)
    return metalearn

versions = [("now", load("/now"))] + ([("before", load("/before"))] if BEFORE else [])
M = versions[0][1]
sine = M.sample_sine_tasks(np.random.default_rng(2), 25, 10)
sine_k = M.sample_sine_tasks(np.random.default_rng(2), 25, 10, 0)
clusters = M.sample_cluster_tasks(np.random.default_rng(1), 16, 5, 5, 5)
theta = M.init_mlp(np.random.default_rng(0))
phi = M.init_mlp(np.random.default_rng(0), (2, 32, 32, 8), init="he")
cases = []
for label, lib in versions:
    cases += [
        (f"{label}: maml_gradient, second order", lambda lib=lib: lib.maml_gradient(theta, sine)),
        (f"{label}: maml_gradient, first order", lambda lib=lib: lib.maml_gradient(theta, sine, first_order=True)),
        (f"{label}: reptile_direction", lambda lib=lib: lib.reptile_direction(theta, sine_k)),
        (f"{label}: protonet_loss_and_grads", lambda lib=lib: lib.protonet_loss_and_grads(phi, clusters)),
    ]
for _ in range(50):  # let V8 tier the hot wasm functions up before timing
    for _, f in cases:
        f()
order = sorted(cases, key=lambda c: c[0].split(": ")[1])
compare("one training step: 25 sine tasks K = Q = 10 (1-40-40-1); 16 5-way 5-shot episodes (2-32-32-8)", order)
OUT.getvalue()
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--before", help="a git revision whose demos/metalearn runs beside this checkout's")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        mounts = ["--mount", f"{ROOT / 'demos'}=/now"]
        if args.before:
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before, "demos/metalearn"],
                                     check=True, capture_output=True).stdout
            Path(tmp, "a.tar").write_bytes(archive)
            with tarfile.open(Path(tmp, "a.tar")) as tar:
                tar.extractall(tmp, filter="data")
            mounts += ["--mount", f"{Path(tmp, 'demos')}=/before"]
        code = HARNESS.replace("ROUNDS", str(args.rounds)).replace("BEFORE", str(bool(args.before)))
        load = os.getloadavg()[0]
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        result = subprocess.run(["node", str(ROOT / "scripts" / "pyodide-node.mjs"), "--wheel", str(WHEEL), *mounts],
                                input=code, capture_output=True, text=True, cwd=ROOT)
        if result.returncode:
            sys.exit(f"benchmarks/pyodide_kernels.py: Pyodide under Node failed:\n{result.stderr}")
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
        print(f"# Pyodide under Node ({WHEEL.name}), commit {rev}"
              + (f" beside {args.before}" if args.before else "") + f", {started}")
        print(f"# best of {args.rounds} interleaved rounds per case; load: {load:.2f} at the start, "
              f"{os.getloadavg()[0]:.2f} at the end (1-minute averages, {os.cpu_count()} CPUs)")
        print(result.stdout)


if __name__ == "__main__":
    main()
