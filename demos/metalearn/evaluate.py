"""Few-shot evaluation: fine-tuning curves over held-out tasks and their summary statistics."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from metalearn.mlp import Params, forward, mse, mse_loss_and_grads, sgd_step
from metalearn.tasks import SineTasks

DEFAULT_STEPS = (0, 1, 5, 10)
DIVERGENCE_FACTOR = 10.0


def adapt(
    params: Params, x: np.ndarray, y: np.ndarray, *, lr: float, steps: int, activation: str = "relu"
) -> Params:
    """Fine-tune with ``steps`` plain SGD steps on (x, y) of shape (T, K, 1); per-task params."""
    for _ in range(steps):
        _, grads, _ = mse_loss_and_grads(params, x, y, activation)
        params = sgd_step(params, grads, lr)
    return params


def finetune_curve(
    params: Params,
    tasks: SineTasks,
    *,
    lr: float,
    steps: tuple[int, ...] = DEFAULT_STEPS,
    activation: str = "relu",
) -> np.ndarray:
    """Query MSE of every task after each number of SGD steps on its support set.

    Returns (tasks, len(steps)). All tasks adapt at once (one batched pass per step).
    """
    if list(steps) != sorted(steps):
        raise ValueError(f"steps must be increasing, got {tuple(steps)}")
    curve = np.empty((tasks.x_support.shape[0], len(steps)))
    theta, done = params, 0
    with np.errstate(over="ignore", invalid="ignore"):
        for col, n in enumerate(steps):
            theta = adapt(theta, tasks.x_support, tasks.y_support, lr=lr, steps=n - done,
                          activation=activation)
            done = n
            out, _ = forward(theta, tasks.x_query, activation)
            curve[:, col] = mse(out, tasks.y_query)[0]
    return curve


@dataclass(frozen=True)
class Summary:
    """Statistics of one column of a fine-tuning curve over n tasks.

    ci95 is the half-width 1.96·std/√n of the normal-approximation interval of the
    mean. A task counts as diverged when its MSE is not finite, or more than
    ``DIVERGENCE_FACTOR`` (10) times both its MSE before fine-tuning and the MSE of
    predicting zero everywhere (when given): overfitting a few points in a few small
    steps cannot do that, an unstable step size (curvature above 2/α) can. One such
    task dominates the mean, hence the median and ``mean_without_diverged`` beside it.
    """

    mean: float
    ci95: float
    median: float
    diverged: int
    n: int
    mean_without_diverged: float

    def __str__(self) -> str:
        return f"{self.mean:.3f} ± {self.ci95:.3f} (median {self.median:.3f}, {self.diverged} div.)"


def zero_mse(tasks: SineTasks) -> np.ndarray:
    """Per-task query MSE (T,) of the constant prediction 0: the scale of each task."""
    return np.mean(tasks.y_query**2, axis=(1, 2))


def summarize(curve: np.ndarray, zero: np.ndarray | None = None) -> list[Summary]:
    """One ``Summary`` per column of ``finetune_curve``'s output (column 0 = before fine-tuning).

    ``zero``: optional per-task MSE of predicting 0 (``zero_mse(tasks)``), see ``Summary``.
    """
    n = curve.shape[0]
    before = curve[:, 0] if zero is None else np.maximum(curve[:, 0], zero)
    out = []
    for col in curve.T:
        with np.errstate(over="ignore", invalid="ignore"):
            diverged = ~np.isfinite(col) | (col > DIVERGENCE_FACTOR * before)
            mean = float(np.mean(col))
            ci = float(1.96 * np.std(col, ddof=1) / np.sqrt(n)) if n > 1 else float("nan")
        kept = float(np.mean(col[~diverged])) if (~diverged).any() else float("nan")
        # A task whose MSE overflowed to inf and then became nan is as bad as inf: the median
        # must rank it last, not turn into nan (np.median of anything with a nan is nan).
        ranked = np.where(np.isnan(col), np.inf, col)
        out.append(Summary(mean, ci, float(np.median(ranked)), int(diverged.sum()), n, kept))
    return out
