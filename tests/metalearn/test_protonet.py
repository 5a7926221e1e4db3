"""Prototypical networks: loss gradient against central differences, training, accuracy."""

import numpy as np
import pytest
from gradcheck import max_rel_error, numerical_grad

from metalearn.mlp import init_mlp
from metalearn.protonet import accuracy, log_probs, protonet_loss_and_grads, train_protonet
from metalearn.tasks import sample_cluster_tasks


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_loss_gradient_matches_central_differences(activation):
    rng = np.random.default_rng(40)
    params = init_mlp(rng, (2, 7, 6, 3), init="he")
    tasks = sample_cluster_tasks(rng, 3, n_way=3, k_shot=2, n_query=4)
    loss, acc, grads = protonet_loss_and_grads(params, tasks, activation)
    assert {k: g.shape for k, g in grads.items()} == {k: p.shape for k, p in params.items()}
    assert 0.0 <= acc <= 1.0 and loss > 0
    numeric = numerical_grad(lambda p: protonet_loss_and_grads(p, tasks, activation)[0], params)
    assert max_rel_error(grads, numeric) < 1e-6
    # distances ignore a shift of all embeddings, so the last bias gets no gradient
    np.testing.assert_allclose(grads["b3"], 0.0, atol=1e-12)


def test_log_probs_shapes_and_normalisation():
    rng = np.random.default_rng(41)
    params = init_mlp(rng, (2, 8, 4), init="he")
    tasks = sample_cluster_tasks(rng, 2, n_way=4, k_shot=3, n_query=5)
    lp = log_probs(params, tasks.x_support, 4, 3, tasks.x_query)
    assert lp.shape == (2, 20, 4)
    np.testing.assert_allclose(np.exp(lp).sum(axis=-1), 1.0, rtol=1e-12)


def test_training_lowers_loss_and_beats_euclidean_distance_in_input_space():
    params, losses = train_protonet(np.random.default_rng(42), 500)
    assert losses[-100:].mean() < 0.7 * losses[:100].mean()
    test = sample_cluster_tasks(np.random.default_rng(43), 300, n_way=3, k_shot=5, n_query=10)
    assert accuracy(params, test) > accuracy(None, test) + 0.03


def test_training_is_deterministic():
    a, la = train_protonet(np.random.default_rng(7), 20)
    b, lb = train_protonet(np.random.default_rng(7), 20)
    assert np.array_equal(la, lb) and all(np.array_equal(a[k], b[k]) for k in a)
