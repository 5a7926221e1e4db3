"""MAML (Finn, Abbeel, Levine 2017): exact second-order and first-order meta-gradients.

Inner loop, per task t: θ_{j+1} = θ_j − α ∇L_t^support(θ_j), j = 0 … n−1.
Meta-objective: mean over tasks of L_t^query(θ_n). Its gradient wrt θ = θ_0 is
found by walking the inner steps backwards:

    v_n = ∇L_t^query(θ_n),   v_j = v_{j+1} − α H_t^support(θ_j) v_{j+1},

and the meta-gradient is the task mean of v_0. The Hessian-vector products come
from ``mlp.mse_hvp``; first-order MAML drops them (v_0 = v_n).
"""

from __future__ import annotations

import numpy as np

from metalearn.mlp import (
    Params, backward, check_shared_shapes, forward, init_mlp, mse, mse_hvp, sgd_step,
)
from metalearn.optim import Callback, train_with_adam
from metalearn.tasks import SineTasks, sample_sine_tasks


def maml_gradient(
    params: Params,
    tasks: SineTasks,
    *,
    inner_lr: float = 0.01,
    inner_steps: int = 1,
    first_order: bool = False,
    activation: str = "relu",
) -> tuple[float, Params]:
    """Mean post-update query MSE over the meta-batch and its meta-gradient wrt ``params``.

    ``params`` are shared (no task axis); the returned gradient has their shapes.
    """
    xs, ys = tasks.x_support, tasks.y_support
    theta, steps = params, []
    for _ in range(inner_steps):
        out, cache = forward(theta, xs, activation)
        _, dout = mse(out, ys)
        steps.append((theta, cache))
        theta = sgd_step(theta, backward(theta, cache, dout), inner_lr)
    out, cache = forward(theta, tasks.x_query, activation)
    loss, dout = mse(out, tasks.y_query)
    v = backward(theta, cache, dout)
    if not first_order:
        for theta_j, cache_j in reversed(steps):
            hv = mse_hvp(theta_j, cache_j, ys, v)
            v = {k: v[k] - inner_lr * hv[k] for k in v}
    grads = {k: g.mean(axis=0) for k, g in v.items()}
    check_shared_shapes("meta-gradient", grads, params)
    return float(loss.mean()), grads



def train_maml(
    rng: np.random.Generator,
    iterations: int,
    *,
    params: Params | None = None,
    meta_batch: int = 25,
    k: int = 10,
    inner_lr: float = 0.01,
    inner_steps: int = 1,
    outer_lr: float = 1e-3,
    first_order: bool = False,
    activation: str = "relu",
    callback: Callback | None = None,
) -> tuple[Params, np.ndarray]:
    """Meta-train on sine tasks with Adam; returns parameters and the loss per iteration.

    Defaults follow the paper's sine protocol (appendix C.1). ``callback(i, loss)`` is
    called after every iteration (for progress bars and live plots).
    """
    def objective(theta: Params, rng: np.random.Generator) -> tuple[float, Params]:
        return maml_gradient(
            theta, sample_sine_tasks(rng, meta_batch, k), inner_lr=inner_lr,
            inner_steps=inner_steps, first_order=first_order, activation=activation,
        )

    start = init_mlp(rng) if params is None else params
    return train_with_adam(rng, iterations, start, objective, outer_lr, callback)
