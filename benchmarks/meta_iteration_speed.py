"""Milliseconds per meta-iteration: our numpy MAML / first-order MAML / Reptile vs PyTorch.

Setting: sine tasks, meta-batch 25, K = 10 support + 10 query points, 1-40-40-1 ReLU,
one inner step at α = 0.01 for MAML (Reptile: 5 steps at 0.02), Adam outer step.
A meta-iteration = sample the tasks + meta-gradient + Adam update. Single thread.

Run:  python benchmarks/meta_iteration_speed.py            (numpy only)
      /tmp/torch-venv/bin/python benchmarks/meta_iteration_speed.py   (adds PyTorch)

The PyTorch versions are written here, batched over tasks the same way (per-task
weights as an expanded view of the shared ones, per-task gradients from one
``autograd.grad`` call, ``create_graph=True`` for second order): the fastest PyTorch
formulation we know for this size; the Python loop over tasks that many MAML codes
use is timed too, for second-order MAML only.
Everything is timed twice: with glibc's default malloc settings, and after
``native_malloc.keep_freed_memory()`` (see that file).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
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


def numpy_step_fn(algorithm: str):
    rng = np.random.default_rng(0)
    params = init_mlp(rng)
    state = adam_init(params)

    def step() -> None:
        nonlocal params, state
        tasks = sample_sine_tasks(rng, META_BATCH, K)
        if algorithm == "reptile":
            _, grads = reptile_direction(params, tasks, inner_lr=0.02, inner_steps=5)
        else:
            _, grads = maml_gradient(params, tasks, inner_lr=0.01, first_order=algorithm == "fomaml")
        params, state = adam_step(params, grads, state, 1e-3)

    return step


def torch_step_fn(algorithm: str, dtype):
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    params = [torch.tensor(v, dtype=dtype, requires_grad=True) for v in init_mlp(rng).values()]
    opt = torch.optim.Adam(params, lr=1e-3)

    def forward(ps, x):
        w1, b1, w2, b2, w3, b3 = ps
        h = torch.relu(x @ w1 + b1.unsqueeze(-2))
        h = torch.relu(h @ w2 + b2.unsqueeze(-2))
        return h @ w3 + b3.unsqueeze(-2)

    def task_losses(ps, x, y):  # (T,) mean squared error per task
        return ((forward(ps, x) - y) ** 2).mean(dim=(1, 2))

    def step() -> None:
        tasks = sample_sine_tasks(rng, META_BATCH, K)
        xs, ys, xq, yq = (torch.from_numpy(a).to(dtype) for a in
                          (tasks.x_support, tasks.y_support, tasks.x_query, tasks.y_query))
        per_task = [p.expand(META_BATCH, *p.shape) for p in params]
        if algorithm == "reptile":
            phi = [p.detach().clone().requires_grad_(True) for p in per_task]
            batches = [(xs, ys), (xq, yq)]
            for j in range(5):
                grads = torch.autograd.grad(task_losses(phi, *batches[j % 2]).sum(), phi)
                with torch.no_grad():
                    phi = [(p - 0.02 * g).requires_grad_(True) for p, g in zip(phi, grads)]
            with torch.no_grad():
                for p, q in zip(params, phi):
                    p.grad = p - q.mean(dim=0)
        else:
            second = algorithm == "maml"
            grads = torch.autograd.grad(task_losses(per_task, xs, ys).sum(), per_task,
                                        create_graph=second)
            adapted = [p - 0.01 * g for p, g in zip(per_task, grads)]
            loss = task_losses(adapted, xq, yq).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
        opt.step()

    return step


def torch_loop_step_fn(dtype):
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


def ms_per_iteration(step, iterations: int, repeats: int = 3) -> float:
    for _ in range(max(20, iterations // 10)):
        step()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(iterations):
            step()
        best = min(best, (time.perf_counter() - start) / iterations)
    return best * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=300, help="timed iterations per repeat")
    parser.add_argument("--demo-iterations", type=int, default=2000,
                        help="length of the browser-sized MAML run to time")
    args = parser.parse_args()

    algorithms = {"maml": "MAML (2nd order)", "fomaml": "first-order MAML", "reptile": "Reptile (5 steps)"}
    impls = {"numpy (ours, float64)": lambda a: numpy_step_fn(a)}
    if torch is not None:
        impls[f"torch {torch.__version__} float64"] = lambda a: torch_step_fn(a, torch.float64)
        impls[f"torch {torch.__version__} float32"] = lambda a: torch_step_fn(a, torch.float32)

    results: dict[tuple[str, str, str], float] = {}
    for setting in ("default malloc", "kept memory"):
        if setting == "kept memory" and not keep_freed_memory():
            print("(could not change malloc settings: not glibc)")
            break
        for impl, make in impls.items():
            for algo in algorithms:
                results[setting, impl, algo] = ms_per_iteration(make(algo), args.iterations)

    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}, 1 thread; "
          f"meta-batch {META_BATCH}, K={K}, 1-40-40-1 ReLU; ms per meta-iteration (best of 3)")
    settings = sorted({s for s, _, _ in results}, key=["default malloc", "kept memory"].index)
    header = f"{'implementation':<28}{'malloc':<16}" + "".join(f"{n:>20}" for n in algorithms.values())
    print(header)
    print("-" * len(header))
    for setting in settings:
        for impl in impls:
            row = "".join(f"{results[setting, impl, a]:>20.3f}" for a in algorithms)
            print(f"{impl:<28}{setting:<16}{row}")
    if torch is not None:
        loop = ms_per_iteration(torch_loop_step_fn(torch.float64), max(10, args.iterations // 10))
        print(f"torch float64, Python loop over the 25 tasks, 2nd-order MAML (kept memory): {loop:.3f} ms")
    for setting in settings:
        ours = results[setting, "numpy (ours, float64)", "maml"]
        for impl in impls:
            if impl.startswith("torch"):
                print(f"speed-up of ours over {impl} for 2nd-order MAML ({setting}): "
                      f"{results[setting, impl, 'maml'] / ours:.1f}x")
        print(f"estimated 70,000 MAML meta-iterations ({setting}): {ours * 70:.0f} s")

    start = time.perf_counter()
    train_maml(np.random.default_rng(0), args.demo_iterations, outer_lr=3e-3)
    print(f"browser-sized run: {args.demo_iterations} MAML meta-iterations (meta-batch 25) "
          f"took {time.perf_counter() - start:.2f} s natively (kept memory)")


if __name__ == "__main__":
    main()
