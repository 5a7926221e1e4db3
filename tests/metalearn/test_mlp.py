"""The MLP's forward pass, hand-written gradient and Hessian-vector product."""

import numpy as np
import pytest
from gradcheck import directional, dot, max_rel_error, numerical_grad

from metalearn.mlp import backward, forward, init_mlp, mse, mse_hvp, mse_loss_and_grads, predict

SMALL = (1, 6, 5, 1)


def data(rng, tasks=3, points=7, sizes=SMALL):
    x = rng.uniform(-5, 5, size=(tasks, points, sizes[0]))
    y = rng.standard_normal((tasks, points, sizes[-1]))
    return x, y


def test_init_shapes_and_official_distribution():
    params = init_mlp(np.random.default_rng(0))
    assert {k: v.shape for k, v in params.items()} == {
        "W1": (1, 40), "b1": (40,), "W2": (40, 40), "b2": (40,), "W3": (40, 1), "b3": (1,)}
    assert all(v.dtype == np.float64 for v in params.values())
    assert all(not params[f"b{i}"].any() for i in (1, 2, 3))
    w = params["W2"]
    assert np.abs(w).max() <= 0.02  # truncated at two standard deviations
    assert 0.0075 < w.std() < 0.0095  # std of N(0, 0.01²) truncated at ±2σ is 0.0088


def test_init_is_deterministic_and_he_scale():
    a, b = init_mlp(np.random.default_rng(5)), init_mlp(np.random.default_rng(5))
    assert all(np.array_equal(a[k], b[k]) for k in a)
    he = init_mlp(np.random.default_rng(0), (2, 400, 3), init="he")
    assert abs(he["W1"].std() - 1.0) < 0.05
    with pytest.raises(ValueError):
        init_mlp(np.random.default_rng(0), init="zeros")


def test_forward_shapes_shared_and_per_task():
    rng = np.random.default_rng(1)
    params = init_mlp(rng, SMALL, init="he")
    x, _ = data(rng, tasks=4, points=9)
    out, _ = forward(params, x)
    assert out.shape == (4, 9, 1)
    per_task = {k: np.broadcast_to(v, (4,) + v.shape).copy() for k, v in params.items()}
    out_batched, _ = forward(per_task, x)
    np.testing.assert_allclose(out_batched, out, rtol=1e-14)
    assert predict(params, np.linspace(-5, 5, 11)).shape == (11,)


def test_mse_is_a_mean_over_points():
    pred = np.zeros((2, 4, 1))
    y = np.ones((2, 4, 1)) * np.array([1.0, 2.0])[:, None, None]
    loss, dpred = mse(pred, y)
    np.testing.assert_allclose(loss, [1.0, 4.0])
    np.testing.assert_allclose(dpred[1], -2 * 2.0 / 4 * np.ones((4, 1)))


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_gradient_matches_central_differences(activation):
    rng = np.random.default_rng(2)
    params = init_mlp(rng, SMALL, init="he")
    x, y = data(rng)
    _, grads, _ = mse_loss_and_grads(params, x, y, activation)
    assert {k: g.shape for k, g in grads.items()} == {k: (3,) + p.shape for k, p in params.items()}
    total = {k: g.sum(axis=0) for k, g in grads.items()}

    def f(p):
        return float(mse(forward(p, x, activation)[0], y)[0].sum())

    assert max_rel_error(total, numerical_grad(f, params)) < 1e-7


def test_per_task_gradients_are_each_tasks_own():
    rng = np.random.default_rng(3)
    params = init_mlp(rng, SMALL, init="he")
    x, y = data(rng, tasks=3)
    _, grads, _ = mse_loss_and_grads(params, x, y)
    for t in range(3):
        _, alone, _ = mse_loss_and_grads(params, x[t : t + 1], y[t : t + 1])
        for k in params:
            np.testing.assert_allclose(grads[k][t], alone[k][0], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
@pytest.mark.parametrize("per_task_params", [False, True])
def test_hvp_matches_differences_of_the_gradient(activation, per_task_params):
    rng = np.random.default_rng(4)
    tasks = 3
    params = init_mlp(rng, SMALL, init="he")
    if per_task_params:
        params = {k: v + 0.1 * rng.standard_normal((tasks,) + v.shape) for k, v in params.items()}
    x, y = data(rng, tasks=tasks)
    v = {k: rng.standard_normal((tasks,) + p.shape[-p.ndim + (1 if per_task_params else 0):])
         for k, p in params.items()}
    out, cache = forward(params, x, activation)
    hv = mse_hvp(params, cache, y, v)
    eps = 1e-6

    def grad_at(p):
        return mse_loss_and_grads(p, x, y, activation)[1]

    # H_t v_t for each task t: perturb task t's parameters along v_t only.
    for t in range(tasks):
        def shifted(sign):
            if per_task_params:
                p = {k: params[k].copy() for k in params}
                for k in p:
                    p[k][t] += sign * eps * v[k][t]
            else:
                p = {k: params[k] + sign * eps * v[k][t] for k in params}
            return grad_at(p)

        up, down = shifted(+1), shifted(-1)
        numeric = {k: (up[k][t] - down[k][t]) / (2 * eps) for k in params}
        analytic = {k: hv[k][t] for k in params}
        assert max_rel_error(analytic, numeric) < 1e-6


def test_hvp_is_symmetric():
    rng = np.random.default_rng(6)
    params = init_mlp(rng, SMALL, init="he")
    x, y = data(rng, tasks=1)
    _, cache = forward(params, x, "tanh")
    u = {k: rng.standard_normal((1,) + p.shape) for k, p in params.items()}
    w = {k: rng.standard_normal((1,) + p.shape) for k, p in params.items()}
    hu, hw = mse_hvp(params, cache, y, u), mse_hvp(params, cache, y, w)
    assert abs(dot(hu, w) - dot(hw, u)) < 1e-10 * (1 + abs(dot(hu, w)))


def test_directional_derivative_full_size_network():
    rng = np.random.default_rng(7)
    params = init_mlp(rng, init="he")
    x, y = data(rng, tasks=5, points=10, sizes=(1, 40, 40, 1))
    _, grads, _ = mse_loss_and_grads(params, x, y)
    total = {k: g.sum(axis=0) for k, g in grads.items()}
    for _ in range(3):
        u = {k: rng.standard_normal(p.shape) for k, p in params.items()}
        numeric = directional(lambda p: float(mse(forward(p, x)[0], y)[0].sum()), params, u, 1e-6)
        assert abs(dot(total, u) - numeric) < 1e-6 * max(1.0, abs(numeric))


def test_shape_errors_are_value_errors_that_name_the_shapes():
    rng = np.random.default_rng(8)
    params = init_mlp(rng, SMALL, init="he")
    per_task = {k: np.broadcast_to(v, (4,) + v.shape).copy() for k, v in params.items()}
    one_task = rng.uniform(-5, 5, size=(1, 9, 1))
    # One task's points must not silently run through four tasks' parameters.
    with pytest.raises(ValueError, match=r"W1 \(4, 1, 6\).*1 tasks of x \(1, 9, 1\)"):
        forward(per_task, one_task)
    with pytest.raises(ValueError, match=r"\(9, 1\)"):
        forward(params, one_task[0])
    with pytest.raises(ValueError, match=r"2 features \(shape \(1, 9, 2\)\).*\(1, 6\)"):
        forward(params, np.zeros((1, 9, 2)))
    with pytest.raises(ValueError, match=r"\(1, 9, 1\).*\(1, 8, 1\)"):
        mse(np.zeros((1, 9, 1)), np.zeros((1, 8, 1)))
    # predict evaluates per-task parameters at the same points for every task.
    grid = np.linspace(-5, 5, 11)
    assert predict(per_task, grid).shape == (4, 11)
    np.testing.assert_allclose(predict(per_task, grid)[2], predict(params, grid), rtol=1e-14)
