"""Reptile's update direction against an independent finite-difference SGD loop."""

import numpy as np
import pytest
from gradcheck import max_rel_error, numerical_grad

from metalearn.mlp import forward, init_mlp, mse
from metalearn.reptile import reptile_direction, train_reptile
from metalearn.tasks import sample_sine_tasks

SMALL = (1, 6, 5, 1)


def loss_fn(x, y):
    return lambda p: float(mse(forward(p, x)[0], y)[0][0])


def test_one_step_direction_is_lr_times_the_gradient():
    rng = np.random.default_rng(30)
    params = init_mlp(rng, SMALL, init="he")
    tasks = sample_sine_tasks(rng, 3, 5)
    lr = 0.02
    _, direction = reptile_direction(params, tasks, inner_lr=lr, inner_steps=1)
    expected = {k: np.zeros_like(p) for k, p in params.items()}
    for t in range(3):
        g = numerical_grad(loss_fn(tasks.x_support[t : t + 1], tasks.y_support[t : t + 1]), params)
        for k in expected:
            expected[k] += lr * g[k] / 3
    assert max_rel_error(direction, expected) < 1e-7


@pytest.mark.parametrize("steps", [2, 5])
def test_several_steps_match_sgd_with_numerical_gradients(steps):
    rng = np.random.default_rng(31)
    params = init_mlp(rng, SMALL, init="he")
    tasks = sample_sine_tasks(rng, 3, 5)
    lr = 0.02
    loss, direction = reptile_direction(params, tasks, inner_lr=lr, inner_steps=steps)
    assert {k: d.shape for k, d in direction.items()} == {k: p.shape for k, p in params.items()}
    expected = {k: np.zeros_like(p) for k, p in params.items()}
    first_losses = []
    for t in range(3):
        # Every inner step is a full-batch step on the same K points of the task (OpenAI's
        # sine code takes each step on a different minibatch of 10 of 50 points instead);
        # the query points are not used.
        support = loss_fn(tasks.x_support[t : t + 1], tasks.y_support[t : t + 1])
        phi = {k: v.copy() for k, v in params.items()}
        first_losses.append(support(phi))
        for j in range(steps):
            g = numerical_grad(support, phi)
            phi = {k: phi[k] - lr * g[k] for k in phi}
        for k in expected:
            expected[k] += (params[k] - phi[k]) / 3
    assert max_rel_error(direction, expected) < 1e-6
    assert loss == pytest.approx(np.mean(first_losses), rel=1e-12)


def test_training_sees_only_the_k_points_of_each_task():
    """train_reptile draws tasks with K points and no query points: its direction is the one
    reptile_direction computes on those K points."""
    params, losses = train_reptile(np.random.default_rng(32), 1, meta_batch=4, k=10, outer_lr=0.0)
    rng = np.random.default_rng(32)
    start = init_mlp(rng)
    tasks = sample_sine_tasks(rng, 4, 10, 0)
    loss, _ = reptile_direction(start, tasks)
    assert losses[0] == loss


def test_training_is_deterministic_and_reduces_the_loss():
    (p1, l1), (p2, _) = (train_reptile(np.random.default_rng(2), 600, meta_batch=10, outer_lr=3e-3)
                         for _ in range(2))
    assert all(np.array_equal(p1[k], p2[k]) for k in p1)
    assert l1[-100:].mean() < 0.9 * l1[:100].mean()
