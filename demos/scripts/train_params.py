"""Train the shipped meta-parameters and write them to ``demos/metalearn/params/``.

    python demos/scripts/train_params.py [--iterations 70000] [--out DIR]

Seeded and reproducible (same numpy, same output). Writes maml.npz, reptile.npz and
baseline.npz (about 15 KB each). Settings follow the MAML paper's sine protocol
(Finn et al. 2017, appendix C.1): 1-40-40-1 ReLU, official init, meta-batch 25,
K = 10 support + 10 query points, Adam 1e-3, 70,000 meta-iterations.

- maml: one inner SGD step, α = 0.01, exact second-order meta-gradient;
- reptile: 5 inner SGD steps at 0.02 (OpenAI's sine step count and size), every step on
  the same 10 points of the task, Adam on the direction; OpenAI's sine code instead takes
  each of its 5 steps on a different minibatch of 10 out of the task's 50 points;
- baseline: joint training on the 10 support points of each task (no meta-objective,
  as ``pretrain_op`` in the MAML authors' code); its fine-tuning step size is then tuned
  per K (5 and 10) on 200 validation tasks drawn from a separate seed (never test
  tasks), by the mean validation MSE, and stored in the file.

Every file's info also holds the same held-out measurement for all three models
(``pre_update_loss``, ``post_update_loss``: 1,000 tasks of seed 5, K = 10 support and 10
query points, one SGD step at the model's step size), so they compare like for like.

Timing here (2-core AMD EPYC, 1 thread): see ``seconds`` in each file's info.
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

DEMOS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(DEMOS))

from metalearn.baseline import train_baseline, tune_finetune_lr  # noqa: E402
from metalearn.evaluate import finetune_curve  # noqa: E402
from metalearn.maml import train_maml  # noqa: E402
from metalearn.reptile import train_reptile  # noqa: E402
from metalearn.shipped import save_params  # noqa: E402
from metalearn.tasks import sample_sine_tasks  # noqa: E402

SEEDS = {"maml": 1, "reptile": 2, "baseline": 3, "baseline-validation": 4, "heldout": 5}
HELDOUT = {"tasks": 1000, "k": 10, "query_points": 10}


def heldout_losses(params: dict, lr: float) -> tuple[float, float]:
    """Mean query MSE over the held-out tasks before and after one SGD step at ``lr``."""
    tasks = sample_sine_tasks(np.random.default_rng(SEEDS["heldout"]), HELDOUT["tasks"],
                              HELDOUT["k"], HELDOUT["query_points"])
    curve = finetune_curve(params, tasks, lr=lr, steps=(0, 1))
    return float(curve[:, 0].mean()), float(curve[:, 1].mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=70_000)
    parser.add_argument("--out", type=Path, default=DEMOS / "metalearn" / "params")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    common = {"iterations": args.iterations, "meta_batch": 25, "k": 10, "optimizer": "adam",
              "outer_lr": 1e-3, "init": "official", "architecture": "1-40-40-1 relu",
              "numpy": np.__version__,
              "loss_protocol": f"pre_update_loss, post_update_loss: mean query MSE over "
                               f"{HELDOUT['tasks']} held-out tasks (seed {SEEDS['heldout']}, "
                               f"K = {HELDOUT['k']} support points, {HELDOUT['query_points']} query "
                               f"points) before and after one SGD step at finetune_lr[{HELDOUT['k']}]"}
    total = time.perf_counter()

    def save(name: str, params: dict, losses: np.ndarray, started: float, info: dict) -> None:
        seconds = round(time.perf_counter() - started, 1)
        pre, post = heldout_losses(params, info["finetune_lr"][str(HELDOUT["k"])])
        info = {**common, **info, "seed": SEEDS[name], "train_loss": float(losses[-1000:].mean()),
                "pre_update_loss": pre, "post_update_loss": post, "seconds": seconds}
        save_params(str(args.out / f"{name}.npz"), params, info)
        print(name, info)

    start = time.perf_counter()
    params, losses = train_maml(np.random.default_rng(SEEDS["maml"]), args.iterations)
    save("maml", params, losses, start, {
        "algorithm": "maml (second order)", "inner_lr": 0.01, "inner_steps": 1,
        "finetune_lr": {"5": 0.01, "10": 0.01},
        "train_loss_is": "query MSE after the inner step, mean of the last 1000 meta-iterations"})

    start = time.perf_counter()
    params, losses = train_reptile(np.random.default_rng(SEEDS["reptile"]), args.iterations)
    save("reptile", params, losses, start, {
        "algorithm": "reptile", "inner_lr": 0.02, "inner_steps": 5,
        "finetune_lr": {"5": 0.02, "10": 0.02},
        "train_loss_is": "MSE on the task's 10 points before the inner steps (pre-update), "
                         "mean of the last 1000 meta-iterations"})

    start = time.perf_counter()
    params, losses = train_baseline(np.random.default_rng(SEEDS["baseline"]), args.iterations)
    validation = np.random.default_rng(SEEDS["baseline-validation"])
    tuned = {k: tune_finetune_lr(params, validation, k=k)[0] for k in (5, 10)}
    save("baseline", params, losses, start, {
        "algorithm": "pretrained baseline (joint training on the K support points)", "lr": 1e-3,
        "finetune_lr": {str(k): v for k, v in tuned.items()},
        "finetune_lr_tuned_on": "200 validation tasks per K (seed 4), 100 query points, mean over "
                                "tasks (non-finite counts as inf) of the MSE averaged over 1, 5, "
                                "10 steps",
        "train_loss_is": "pooled MSE on the 10 support points (no adaptation), mean of the last "
                         "1000 meta-iterations"})
    print(f"total {time.perf_counter() - total:.0f} s")


if __name__ == "__main__":
    main()
