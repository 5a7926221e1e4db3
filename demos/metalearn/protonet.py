"""Prototypical networks (Snell, Swersky, Zemel 2017) with a hand-written gradient.

An MLP embeds every point; a class prototype is the mean embedded support point
of that class; a query point's class probabilities are a softmax over negative
squared Euclidean distances to the prototypes. Training minimises the query
cross-entropy over episodes (tasks), all tasks of a meta-batch at once.
"""

from __future__ import annotations

import numpy as np

from metalearn.mlp import Params, backward_task_sum, check_shared_shapes, forward, init_mlp
from metalearn.optim import Callback, train_with_adam
from metalearn.tasks import ClusterTasks, sample_cluster_tasks

EMBEDDING_SIZES = (2, 32, 32, 8)


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def prototypes(embedded_support: np.ndarray, n_way: int, k_shot: int) -> np.ndarray:
    """Class means (T, N, D) of class-sorted embedded support points (T, N·K, D)."""
    t, nk, d = embedded_support.shape
    if nk != n_way * k_shot:
        raise ValueError(f"support has {nk} points (shape {embedded_support.shape}), "
                         f"expected {n_way}×{k_shot}")
    return embedded_support.reshape(t, n_way, k_shot, d).mean(axis=2)


def log_probs(params: Params, x_support: np.ndarray, n_way: int, k_shot: int,
              x: np.ndarray, activation: str = "relu") -> np.ndarray:
    """Log class probabilities (T, M, N) of points x (T, M, 2) given a class-sorted support set."""
    emb_s, _ = forward(params, x_support, activation)
    emb_x, _ = forward(params, x, activation)
    c = prototypes(emb_s, n_way, k_shot)
    sq = ((emb_x[:, :, None, :] - c[:, None, :, :]) ** 2).sum(axis=-1)
    return _log_softmax(-sq)


def protonet_loss_and_grads(
    params: Params, tasks: ClusterTasks, activation: str = "relu"
) -> tuple[float, float, Params]:
    """Mean query cross-entropy, query accuracy, and the gradient wrt the shared ``params``."""
    n, k = tasks.n_way, tasks.k_shot
    x = np.concatenate([tasks.x_support, tasks.x_query], axis=1)
    emb, cache = forward(params, x, activation)
    n_support = n * k
    emb_s, emb_q = emb[:, :n_support], emb[:, n_support:]
    t, m, dim = emb_q.shape
    c = prototypes(emb_s, n, k)                                  # (T, N, D)
    diff = emb_q[:, :, None, :] - c[:, None, :, :]               # (T, M, N, D)
    logp = _log_softmax(-(diff * diff).sum(axis=-1))             # (T, M, N)
    onehot = np.eye(n)[tasks.y_query]                            # (T, M, N)
    loss = -(onehot * logp).sum(axis=-1).mean()
    accuracy = float((logp.argmax(axis=-1) == tasks.y_query).mean())
    # Backward: loss = mean over T·M of −log p[label]; logits = −squared distances.
    dlogits = (np.exp(logp) - onehot) / (t * m)                  # (T, M, N)
    ddiff = -2.0 * diff * dlogits[..., None]                     # (T, M, N, D)
    d_emb_q = ddiff.sum(axis=2)                                  # (T, M, D)
    d_proto = -ddiff.sum(axis=1)                                 # (T, N, D)
    d_emb_s = np.repeat(d_proto / k, k, axis=1)                  # (T, N·K, D), class-sorted
    # The parameters are shared by all tasks: their gradient is the sum of the tasks' parts.
    total = backward_task_sum(params, cache, np.concatenate([d_emb_s, d_emb_q], axis=1))
    check_shared_shapes("gradient", total, params)
    return float(loss), accuracy, total


def train_protonet(
    rng: np.random.Generator,
    iterations: int,
    *,
    params: Params | None = None,
    sizes: tuple[int, ...] = EMBEDDING_SIZES,
    meta_batch: int = 16,
    n_way: int = 5,
    k_shot: int = 5,
    n_query: int = 5,
    lr: float = 1e-3,
    callback: Callback | None = None,
) -> tuple[Params, np.ndarray]:
    """Episodic training with Adam on cluster tasks; returns embedding params and losses."""
    def objective(theta: Params, rng: np.random.Generator) -> tuple[float, Params]:
        loss, _, grads = protonet_loss_and_grads(
            theta, sample_cluster_tasks(rng, meta_batch, n_way, k_shot, n_query)
        )
        return loss, grads

    start = init_mlp(rng, sizes, init="he") if params is None else params
    return train_with_adam(rng, iterations, start, objective, lr, callback)


def accuracy(params: Params | None, tasks: ClusterTasks) -> float:
    """Query accuracy over all tasks; ``params=None`` classifies in the raw input space."""
    if params is None:
        c = prototypes(tasks.x_support, tasks.n_way, tasks.k_shot)
        sq = ((tasks.x_query[:, :, None, :] - c[:, None, :, :]) ** 2).sum(axis=-1)
        pred = sq.argmin(axis=-1)
    else:
        pred = log_probs(params, tasks.x_support, tasks.n_way, tasks.k_shot,
                         tasks.x_query).argmax(axis=-1)
    return float((pred == tasks.y_query).mean())
