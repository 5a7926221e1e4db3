"""Reptile (Nichol, Achiam, Schulman 2018): move the initialisation towards adapted weights.

Per task, run a few SGD steps from θ to φ_t; the update direction is θ − mean_t φ_t,
which we hand to Adam as if it were a gradient (the paper does so for its
classification experiments). No second derivatives, no support/query split: every
inner step is a full-batch step on the same K points of the task (``x_support``, 10 in
training); query points, if the tasks have any, are not used. OpenAI's sine code (the
gist of the Reptile blog post) differs here: each task has 50 evenly spaced points, and
its 5 inner steps at 0.02 are one pass over them in a random order, each step on a
different minibatch of 10 of the 50. Here every step sees the same K points: the
few-shot setting in which the demos then test all three models.
"""

from __future__ import annotations

import numpy as np

from metalearn.mlp import Params, check_shared_shapes, init_mlp, mse_loss_and_grads, sgd_step
from metalearn.optim import Callback, train_with_adam
from metalearn.tasks import SineTasks, sample_sine_tasks


def reptile_direction(
    params: Params,
    tasks: SineTasks,
    *,
    inner_lr: float = 0.02,
    inner_steps: int = 5,
    activation: str = "relu",
) -> tuple[float, Params]:
    """Mean pre-update MSE on the K points and the Reptile direction θ − mean_t φ_t (params'
    shapes); every inner step uses the tasks' K points (T, K, 1)."""
    if inner_steps < 1:
        raise ValueError(f"Reptile needs at least one inner step, got inner_steps={inner_steps}")
    x, y = tasks.x_support, tasks.y_support                  # (T, K, 1) each
    loss, grads, _ = mse_loss_and_grads(params, x, y, activation)
    first_loss = float(loss.mean())
    phi = sgd_step(params, grads, inner_lr)                  # shared θ → per-task φ_t: W (T, in, out)
    for _ in range(inner_steps - 1):
        _, grads, _ = mse_loss_and_grads(phi, x, y, activation)
        for k, g in grads.items():                           # φ_t ← φ_t − α g_t, in place:
            g *= inner_lr                                    # no new (T, 40, 40) arrays per step
            phi[k] -= g
    direction = {k: params[k] - phi[k].mean(axis=0) for k in params}
    check_shared_shapes("direction", direction, params)
    return first_loss, direction


def train_reptile(
    rng: np.random.Generator,
    iterations: int,
    *,
    params: Params | None = None,
    meta_batch: int = 25,
    k: int = 10,
    inner_lr: float = 0.02,
    inner_steps: int = 5,
    outer_lr: float = 1e-3,
    activation: str = "relu",
    callback: Callback | None = None,
) -> tuple[Params, np.ndarray]:
    """Meta-train on sine tasks with Adam on the Reptile direction; returns params and losses
    (the loss is the pre-update MSE on each meta-batch's K points per task)."""
    def objective(theta: Params, rng: np.random.Generator) -> tuple[float, Params]:
        return reptile_direction(
            theta, sample_sine_tasks(rng, meta_batch, k, 0), inner_lr=inner_lr,
            inner_steps=inner_steps, activation=activation,
        )

    start = init_mlp(rng) if params is None else params
    return train_with_adam(rng, iterations, start, objective, outer_lr, callback)
