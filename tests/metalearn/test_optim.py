"""Adam: the textbook first step and convergence on a quadratic."""

import numpy as np

from metalearn.optim import adam_init, adam_step


def test_first_step_moves_each_coordinate_by_lr_against_the_gradient_sign():
    params = {"w": np.array([1.0, -2.0, 3.0])}
    grads = {"w": np.array([0.5, -1e-3, 40.0])}
    new, state = adam_step(params, grads, adam_init(params), lr=0.1)
    np.testing.assert_allclose(new["w"], params["w"] - 0.1 * np.sign(grads["w"]), rtol=1e-6)
    assert state.step == 1 and params["w"][0] == 1.0  # inputs untouched


def test_minimises_a_quadratic():
    target = np.array([[1.0, -2.0], [0.5, 3.0]])
    params, state = {"w": np.zeros((2, 2))}, None
    state = adam_init(params)
    for _ in range(2000):
        params, state = adam_step(params, {"w": 2 * (params["w"] - target)}, state, lr=0.01)
    np.testing.assert_allclose(params["w"], target, atol=1e-3)


def test_a_gradient_of_the_wrong_shape_is_a_value_error():
    import pytest

    params = {"w": np.zeros((2, 3))}
    with pytest.raises(ValueError, match=r"gradient w has shape \(3, 2\), parameter \(2, 3\)"):
        adam_step(params, {"w": np.zeros((3, 2))}, adam_init(params))
