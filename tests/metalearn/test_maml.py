"""MAML's meta-gradient (exact second order and first order) against central differences."""

import numpy as np
import pytest
from gradcheck import directional, dot, max_rel_error, numerical_grad

from metalearn.maml import maml_gradient, train_maml
from metalearn.mlp import forward, init_mlp, mse, mse_loss_and_grads
from metalearn.tasks import sample_sine_tasks

SMALL = (1, 6, 5, 1)


def meta_objective(params, tasks, alpha, steps, activation):
    """The MAML objective computed task by task with a plain loop (independent of maml.py)."""
    losses = []
    for t in range(tasks.x_support.shape[0]):
        xs, ys = tasks.x_support[t : t + 1], tasks.y_support[t : t + 1]
        theta = params
        for _ in range(steps):
            _, g, _ = mse_loss_and_grads(theta, xs, ys, activation)
            theta = {k: theta[k] - alpha * g[k][0] for k in theta}
        out, _ = forward(theta, tasks.x_query[t : t + 1], activation)
        losses.append(mse(out, tasks.y_query[t : t + 1])[0][0])
    return float(np.mean(losses))


@pytest.mark.parametrize("activation", ["relu", "tanh"])
@pytest.mark.parametrize("steps", [1, 3])
def test_second_order_meta_gradient_matches_central_differences(activation, steps):
    rng = np.random.default_rng(10 + steps)
    params = init_mlp(rng, SMALL, init="he")
    tasks = sample_sine_tasks(rng, 4, 5)
    alpha = 0.05  # large enough that the second-order term is far above the tolerance
    loss, grads = maml_gradient(params, tasks, inner_lr=alpha, inner_steps=steps, activation=activation)
    assert {k: g.shape for k, g in grads.items()} == {k: p.shape for k, p in params.items()}
    assert loss == pytest.approx(meta_objective(params, tasks, alpha, steps, activation), rel=1e-12)
    numeric = numerical_grad(lambda p: meta_objective(p, tasks, alpha, steps, activation), params)
    assert max_rel_error(grads, numeric) < 1e-6
    # The check can tell first from second order: first-order MAML is far off here.
    _, fo = maml_gradient(params, tasks, inner_lr=alpha, inner_steps=steps, first_order=True,
                          activation=activation)
    assert max_rel_error(fo, numeric) > 1e-3


def test_meta_gradient_full_size_network_official_protocol():
    """1-40-40-1, α = 0.01, K = 10, meta-batch 25: directional derivatives along random directions."""
    rng = np.random.default_rng(20)
    params = init_mlp(rng, init="he")
    tasks = sample_sine_tasks(rng, 25, 10)
    for steps in (1, 2):
        _, grads = maml_gradient(params, tasks, inner_lr=0.01, inner_steps=steps)
        for _ in range(2):
            u = {k: rng.standard_normal(p.shape) for k, p in params.items()}
            numeric = directional(lambda p: meta_objective(p, tasks, 0.01, steps, "relu"), params, u, 1e-6)
            assert abs(dot(grads, u) - numeric) < 1e-5 * max(1.0, abs(numeric))


def test_first_order_is_the_query_gradient_at_the_adapted_parameters():
    rng = np.random.default_rng(21)
    params = init_mlp(rng, SMALL, init="he")
    tasks = sample_sine_tasks(rng, 3, 5)
    alpha = 0.05
    _, fo = maml_gradient(params, tasks, inner_lr=alpha, inner_steps=2, first_order=True)
    expected = {k: np.zeros_like(p) for k, p in params.items()}
    for t in range(3):
        theta = params
        for _ in range(2):
            _, g, _ = mse_loss_and_grads(theta, tasks.x_support[t : t + 1], tasks.y_support[t : t + 1])
            theta = {k: theta[k] - alpha * g[k][0] for k in theta}
        # gradient wrt the adapted parameters, by central differences
        numeric = numerical_grad(
            lambda p: float(mse(forward(p, tasks.x_query[t : t + 1])[0], tasks.y_query[t : t + 1])[0][0]),
            {k: v.copy() for k, v in theta.items()},
        )
        for k in expected:
            expected[k] += numeric[k] / 3
    assert max_rel_error(fo, expected) < 1e-6


def test_training_is_deterministic_and_reduces_the_loss():
    def run(seed):
        return train_maml(np.random.default_rng(seed), 600, meta_batch=10, outer_lr=3e-3)

    (p1, l1), (p2, l2) = run(0), run(0)
    assert all(np.array_equal(p1[k], p2[k]) for k in p1)
    assert np.array_equal(l1, l2)
    assert l1.shape == (600,)
    assert l1[-100:].mean() < 0.9 * l1[:100].mean()
    p3, _ = run(1)
    assert not np.array_equal(p1["W2"], p3["W2"])


def test_per_task_parameters_are_refused_with_their_shapes():
    rng = np.random.default_rng(22)
    params = init_mlp(rng, SMALL, init="he")
    tasks = sample_sine_tasks(rng, 3, 5)
    per_task = {k: np.broadcast_to(v, (3,) + v.shape).copy() for k, v in params.items()}
    with pytest.raises(ValueError, match=r"needs shared parameters.*W1 \(3, 1, 6\)"):
        maml_gradient(per_task, tasks)
    with pytest.raises(ValueError, match=r"W1 has shape \(1, 6\), parameter W1 \(3, 1, 6\)"):
        maml_gradient(per_task, tasks, inner_steps=2)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
@pytest.mark.parametrize("first_order", [False, True])
def test_fused_one_step_path_equals_the_unrolled_one(activation, first_order):
    """The fused path (one inner step) and the general one compute the same numbers."""
    from metalearn.maml import _unrolled_gradient

    rng = np.random.default_rng(23)
    params = init_mlp(rng, (1, 40, 40, 1), init="he")
    tasks = sample_sine_tasks(rng, 25, 10)
    loss, grads = maml_gradient(params, tasks, inner_lr=0.05, first_order=first_order,
                                activation=activation)
    ref_loss, ref = _unrolled_gradient(params, tasks, 0.05, 1, first_order, activation)
    assert loss == pytest.approx(ref_loss, rel=1e-13)
    assert max_rel_error(grads, ref) < 1e-12


@pytest.mark.parametrize("first_order", [False, True])
def test_einsum_and_matmul_kernels_give_the_same_meta_gradient(first_order, monkeypatch):
    """The browser's kernel (einsum, numpy without BLAS) and CPython's (BLAS matmul) differ
    only by rounding on the full-size network, so build-time and live outputs agree."""
    from metalearn import mlp

    rng = np.random.default_rng(31)
    params = init_mlp(rng, (1, 40, 40, 1), init="he")
    tasks = sample_sine_tasks(rng, 25, 10)
    results = {}
    for kernel in (False, True):
        monkeypatch.setattr(mlp, "INNER_PRODUCT_LOOPS", kernel)
        results[kernel] = maml_gradient(params, tasks, first_order=first_order)
    (loss_a, grads_a), (loss_b, grads_b) = results[False], results[True]
    assert loss_a == pytest.approx(loss_b, rel=1e-13)
    assert max_rel_error(grads_a, grads_b) < 1e-12
