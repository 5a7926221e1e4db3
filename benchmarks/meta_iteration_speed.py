"""Milliseconds per meta-iteration: our numpy MAML / first-order MAML / Reptile vs PyTorch.

Setting: sine tasks, meta-batch 25, K = 10 support + 10 query points, 1-40-40-1 ReLU,
one inner step at α = 0.01 for MAML (Reptile: 5 steps at 0.02 on the 10 support points),
Adam outer step. A meta-iteration = sample the tasks + meta-gradient + Adam update.
One thread everywhere.

Run:  python benchmarks/meta_iteration_speed.py                      (numpy only)
      /tmp/torch-venv/bin/python benchmarks/meta_iteration_speed.py  (adds PyTorch, see README)

Every (implementation, algorithm) pair is timed ``--repeats`` times, interleaved (one
block of ``--iterations`` meta-iterations of each pair in turn, so that load from other
processes hits all of them alike); the table shows the median and the range over the
blocks. The headline is glibc's default malloc, as a user runs the library. One more row
runs in a child process after ``native_malloc.keep_freed_memory()`` (process-wide
``mallopt`` tuning), labelled as such: not what a user gets.

PyTorch is written two ways, both batched over tasks (per-task weights as an expanded
view of the shared ones, per-task gradients from one ``autograd.grad`` call,
``create_graph=True`` for second order): ``matmul`` (broadcasting ``@``) and ``bmm``
(``torch.baddbmm``). The speed-up is against the faster of the two for each dtype. The
Python loop over tasks that many MAML codes use is timed too, for second-order MAML.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import ctypes  # noqa: E402
import glob  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demos"))
from native_malloc import keep_freed_memory  # noqa: E402

from metalearn.maml import maml_gradient, train_maml  # noqa: E402
from metalearn.mlp import init_mlp  # noqa: E402
from metalearn.optim import adam_init, adam_step  # noqa: E402
from metalearn.reptile import reptile_direction  # noqa: E402
from metalearn.tasks import sample_sine_tasks  # noqa: E402

try:
    import torch
except ImportError:
    torch = None

META_BATCH, K = 25, 10
ALGORITHMS = {"maml": "MAML (2nd order)", "fomaml": "first-order MAML", "reptile": "Reptile (5 steps)"}
Step = Callable[[], None]


def numpy_step_fn(algorithm: str) -> Step:
    rng = np.random.default_rng(0)
    params = init_mlp(rng)
    state = adam_init(params)

    def step() -> None:
        nonlocal params, state
        if algorithm == "reptile":
            tasks = sample_sine_tasks(rng, META_BATCH, K, 0)
            _, grads = reptile_direction(params, tasks, inner_lr=0.02, inner_steps=5)
        else:
            tasks = sample_sine_tasks(rng, META_BATCH, K)
            _, grads = maml_gradient(params, tasks, inner_lr=0.01, first_order=algorithm == "fomaml")
        params, state = adam_step(params, grads, state, 1e-3)

    return step


def torch_step_fn(algorithm: str, dtype, formulation: str) -> Step:
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    params = [torch.tensor(v, dtype=dtype, requires_grad=True) for v in init_mlp(rng).values()]
    opt = torch.optim.Adam(params, lr=1e-3)

    if formulation == "bmm":
        def forward(ps, x):  # per-task ps: W (T, in, out), b (T, out)
            w1, b1, w2, b2, w3, b3 = ps
            h = torch.relu(torch.baddbmm(b1.unsqueeze(1), x, w1))
            h = torch.relu(torch.baddbmm(b2.unsqueeze(1), h, w2))
            return torch.baddbmm(b3.unsqueeze(1), h, w3)
    else:
        def forward(ps, x):
            w1, b1, w2, b2, w3, b3 = ps
            h = torch.relu(x @ w1 + b1.unsqueeze(-2))
            h = torch.relu(h @ w2 + b2.unsqueeze(-2))
            return h @ w3 + b3.unsqueeze(-2)

    def task_losses(ps, x, y):  # (T,) mean squared error per task
        return ((forward(ps, x) - y) ** 2).mean(dim=(1, 2))

    def step() -> None:
        if algorithm == "reptile":
            tasks = sample_sine_tasks(rng, META_BATCH, K, 0)
            xs, ys = (torch.from_numpy(a).to(dtype) for a in (tasks.x_support, tasks.y_support))
            phi = [p.detach().expand(META_BATCH, *p.shape).clone().requires_grad_(True) for p in params]
            for _ in range(5):
                grads = torch.autograd.grad(task_losses(phi, xs, ys).sum(), phi)
                with torch.no_grad():
                    phi = [(p - 0.02 * g).requires_grad_(True) for p, g in zip(phi, grads)]
            with torch.no_grad():
                for p, q in zip(params, phi):
                    p.grad = p - q.mean(dim=0)
        else:
            tasks = sample_sine_tasks(rng, META_BATCH, K)
            xs, ys, xq, yq = (torch.from_numpy(a).to(dtype) for a in
                              (tasks.x_support, tasks.y_support, tasks.x_query, tasks.y_query))
            per_task = [p.expand(META_BATCH, *p.shape) for p in params]
            grads = torch.autograd.grad(task_losses(per_task, xs, ys).sum(), per_task,
                                        create_graph=algorithm == "maml")
            adapted = [p - 0.01 * g for p, g in zip(per_task, grads)]
            loss = task_losses(adapted, xq, yq).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
        opt.step()

    return step


def torch_loop_step_fn(dtype) -> Step:
    """Second-order MAML the way many PyTorch implementations write it: a loop over tasks."""
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    params = [torch.tensor(v, dtype=dtype, requires_grad=True) for v in init_mlp(rng).values()]
    opt = torch.optim.Adam(params, lr=1e-3)

    def forward(ps, x):
        w1, b1, w2, b2, w3, b3 = ps
        return torch.relu(torch.relu(x @ w1 + b1) @ w2 + b2) @ w3 + b3

    def step() -> None:
        tasks = sample_sine_tasks(rng, META_BATCH, K)
        opt.zero_grad(set_to_none=True)
        total = 0.0
        for t in range(META_BATCH):
            xs, ys, xq, yq = (torch.from_numpy(a[t]).to(dtype) for a in
                              (tasks.x_support, tasks.y_support, tasks.x_query, tasks.y_query))
            grads = torch.autograd.grad(((forward(params, xs) - ys) ** 2).mean(), params, create_graph=True)
            adapted = [p - 0.01 * g for p, g in zip(params, grads)]
            total = total + ((forward(adapted, xq) - yq) ** 2).mean() / META_BATCH
        total.backward()
        opt.step()

    return step


def interleaved(steps: dict[str, Step], iterations: int, repeats: int) -> dict[str, list[float]]:
    """ms per meta-iteration of every step function, ``repeats`` blocks each, interleaved."""
    for step in steps.values():  # warm-up: caches, allocator, lazy initialisation
        for _ in range(max(20, iterations // 5)):
            step()
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeats):
        for name, step in steps.items():
            start = time.perf_counter()
            for _ in range(iterations):
                step()
            times[name].append((time.perf_counter() - start) / iterations * 1e3)
    return times


def cell(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.2f}-{max(values):.2f})"


def blas_description() -> str:
    """numpy's BLAS, the kernel it picked for this CPU, and OPENBLAS_CORETYPE."""
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    text = f"{blas.get('name')} {blas.get('version')}"
    libs = glob.glob(str(Path(np.__file__).parent.parent / "numpy.libs" / "*openblas*"))
    for lib in libs:
        for symbol in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
            try:
                corename = getattr(ctypes.CDLL(lib), symbol)
            except (OSError, AttributeError):
                continue
            corename.restype = ctypes.c_char_p
            text += f", kernel {corename().decode()}"
            break
    return text + f"; OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=200, help="meta-iterations per timed block")
    parser.add_argument("--repeats", type=int, default=7, help="timed blocks per row (median and range shown)")
    parser.add_argument("--demo-iterations", type=int, default=2000,
                        help="length of the browser-sized MAML run to time")
    parser.add_argument("--malloc-tuned-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.malloc_tuned_child:  # the labelled extra row: numpy after process-wide mallopt
        tuned = keep_freed_memory()
        steps = {a: numpy_step_fn(a) for a in ALGORITHMS}
        print(json.dumps({"tuned": tuned, "times": interleaved(steps, args.iterations, args.repeats)}))
        return

    steps: dict[str, Step] = {}
    rows = {"numpy (ours, float64)": "numpy"}
    for algo in ALGORITHMS:
        steps[f"numpy/{algo}"] = numpy_step_fn(algo)
    if torch is not None:
        for dtype in (torch.float64, torch.float32):
            for formulation in ("matmul", "bmm"):
                name = f"torch {str(dtype).split('.')[-1]} {formulation}"
                rows[f"{name} (batched)"] = name
                for algo in ALGORITHMS:
                    steps[f"{name}/{algo}"] = torch_step_fn(algo, dtype, formulation)
    times = interleaved(steps, args.iterations, args.repeats)
    child = subprocess.run([sys.executable, __file__, "--malloc-tuned-child", "--iterations",
                            str(args.iterations), "--repeats", str(args.repeats)],
                           check=True, capture_output=True, text=True)
    tuned = json.loads(child.stdout)

    print(f"Python {sys.version.split()[0]}, numpy {np.__version__} ({blas_description()}), 1 thread")
    if torch is not None:
        blas_info = next((part.split("=")[1] for part in torch.__config__.show().replace(",", "\n").split()
                          if part.startswith("BLAS_INFO=")), "?")
        print(f"torch {torch.__version__}, BLAS {blas_info}, CPU capability "
              f"{torch.backends.cpu.get_cpu_capability()}")
    print(f"meta-batch {META_BATCH}, K = {K}, 1-40-40-1 ReLU; ms per meta-iteration, median (range) of "
          f"{args.repeats} interleaved blocks of {args.iterations}; glibc default malloc unless labelled")
    header = f"{'implementation':<36}" + "".join(f"{n:>24}" for n in ALGORITHMS.values())
    print(header)
    print("-" * len(header))
    for label, key in rows.items():
        print(f"{label:<36}" + "".join(f"{cell(times[f'{key}/{a}']):>24}" for a in ALGORITHMS))
    if tuned["tuned"]:
        print(f"{'numpy, mallopt-tuned (not default)':<36}"
              + "".join(f"{cell(tuned['times'][a]):>24}" for a in ALGORITHMS))

    ours = times["numpy/maml"]
    if torch is not None:
        loop = interleaved({"loop": torch_loop_step_fn(torch.float64)}, 20, 3)["loop"]
        print(f"torch float64, Python loop over the 25 tasks, 2nd-order MAML: {cell(loop)} ms")
        for dtype in ("float64", "float32"):
            best = min((f"torch {dtype} {f}" for f in ("matmul", "bmm")),
                       key=lambda name: statistics.median(times[f"{name}/maml"]))
            theirs = times[f"{best}/maml"]
            per_block = [t / o for t, o in zip(theirs, ours)]  # same block index: same moment
            print(f"2nd-order MAML, ours vs the faster batched torch {dtype} ({best.split()[-1]}): "
                  f"{statistics.median(theirs) / statistics.median(ours):.2f}x faster "
                  f"(per interleaved block {min(per_block):.2f}-{max(per_block):.2f}x)")
    print(f"estimated 70,000 MAML meta-iterations: {statistics.median(ours) * 70:.0f} s")

    start = time.perf_counter()
    train_maml(np.random.default_rng(0), args.demo_iterations, outer_lr=3e-3)
    print(f"browser-sized run: {args.demo_iterations} MAML meta-iterations (meta-batch 25) took "
          f"{time.perf_counter() - start:.2f} s natively")


if __name__ == "__main__":
    main()
