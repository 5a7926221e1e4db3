"""The pretrained baseline: one network trained jointly on all tasks, fine-tuned at test time.

This is transfer learning, not meta-learning: training minimises the ordinary
regression loss pooled over tasks, on the K points of each (on sine tasks it learns
roughly the mean function, near zero), with no meta-objective. At test time it is fine-tuned with
plain SGD, at a step size chosen on separate validation tasks (never the test
tasks), as in the MAML paper's "pretrained" row.
"""

from __future__ import annotations

import numpy as np

from metalearn.evaluate import finetune_curve

from metalearn.mlp import Params, init_mlp, mse_loss_and_grads
from metalearn.optim import Callback, train_with_adam
from metalearn.tasks import sample_sine_tasks

LR_CANDIDATES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1)


def train_baseline(
    rng: np.random.Generator,
    iterations: int,
    *,
    params: Params | None = None,
    meta_batch: int = 25,
    k: int = 10,
    lr: float = 1e-3,
    activation: str = "relu",
    callback: Callback | None = None,
) -> tuple[Params, np.ndarray]:
    """Joint training with Adam on the K points of each sampled task (as ``pretrain_op`` in the
    MAML authors' code, which uses the K support points); returns params and losses."""
    def objective(theta: Params, rng: np.random.Generator) -> tuple[float, Params]:
        tasks = sample_sine_tasks(rng, meta_batch, k, 0)
        loss, grads, _ = mse_loss_and_grads(theta, tasks.x_support, tasks.y_support, activation)
        return float(loss.mean()), {n: g.mean(axis=0) for n, g in grads.items()}

    start = init_mlp(rng) if params is None else params
    return train_with_adam(rng, iterations, start, objective, lr, callback)


def tune_finetune_lr(
    params: Params,
    rng: np.random.Generator,
    *,
    k: int,
    n_tasks: int = 200,
    n_query: int = 100,
    steps: tuple[int, ...] = (0, 1, 5, 10),
    candidates: tuple[float, ...] = LR_CANDIDATES,
    activation: str = "relu",
) -> tuple[float, dict[float, float]]:
    """Pick the fine-tuning step size with the lowest validation MSE.

    The score of a step size is the mean over ``n_tasks`` validation tasks (drawn
    from ``rng``, which must not be the test tasks' generator) of the query MSE
    averaged over the fine-tuning steps in ``steps`` after the first; a task whose MSE
    is not finite counts as +inf. A mean, not a median: the test reports the mean, and
    a step size that makes a few tasks diverge must lose, not hide them in the tail.
    Returns the best step size and every score.
    """
    tasks = sample_sine_tasks(rng, n_tasks, k, n_query)
    scores = {}
    for lr in candidates:
        curve = finetune_curve(params, tasks, lr=lr, steps=steps, activation=activation)
        with np.errstate(over="ignore", invalid="ignore"):
            per_task = curve[:, 1:].mean(axis=1)
            per_task = np.where(np.isfinite(per_task), per_task, np.inf)
            scores[lr] = float(np.mean(per_task))
    return min(scores, key=scores.get), scores
