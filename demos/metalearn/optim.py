"""Adam (Kingma & Ba 2015) for the outer loop, as pure functions over parameter dicts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from metalearn.mlp import Params


@dataclass(frozen=True)
class AdamState:
    """First and second moment estimates (same shapes as the parameters) and step count."""

    m: Params
    v: Params
    step: int


def adam_init(params: Params) -> AdamState:
    """Zero moments for ``params``."""
    zeros = {k: np.zeros_like(p) for k, p in params.items()}
    return AdamState(m=zeros, v={k: z.copy() for k, z in zeros.items()}, step=0)


def adam_step(
    params: Params,
    grads: Params,
    state: AdamState,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[Params, AdamState]:
    """One Adam step; returns new parameters and state (inputs are not modified)."""
    step = state.step + 1
    c1, c2 = 1.0 - beta1**step, 1.0 - beta2**step
    new_params, m, v = {}, {}, {}
    for k, p in params.items():
        g = grads[k]
        if g.shape != p.shape:
            raise ValueError(f"gradient {k} has shape {g.shape}, parameter {p.shape}")
        m[k] = beta1 * state.m[k] + (1.0 - beta1) * g
        v[k] = beta2 * state.v[k] + (1.0 - beta2) * (g * g)
        new_params[k] = p - (lr / c1) * m[k] / (np.sqrt(v[k] / c2) + eps)
    return new_params, AdamState(m=m, v=v, step=step)


Callback = Callable[[int, float], None]
Objective = Callable[[Params, np.random.Generator], tuple[float, Params]]


def train_with_adam(
    rng: np.random.Generator,
    iterations: int,
    params: Params,
    objective: Objective,
    lr: float,
    callback: Callback | None = None,
) -> tuple[Params, np.ndarray]:
    """The outer loop every trainer shares: ``objective`` samples a batch of tasks from ``rng``
    and returns ``(loss, grads)``; Adam takes one step. Returns the parameters and the loss
    per iteration, shape (iterations,). ``callback(i, loss)`` runs after every iteration, for
    progress bars and live plots."""
    state = adam_init(params)
    losses = np.empty(iterations)
    for i in range(iterations):
        losses[i], grads = objective(params, rng)
        params, state = adam_step(params, grads, state, lr)
        if callback is not None:
            callback(i, float(losses[i]))
    return params, losses
