"""The pretrained baseline: joint training and the step size tuned on validation tasks."""

import numpy as np

from metalearn.baseline import tune_finetune_lr, train_baseline
from metalearn.evaluate import finetune_curve
from metalearn.mlp import init_mlp, mse_loss_and_grads
from metalearn.optim import adam_init, adam_step
from metalearn.tasks import sample_sine_tasks


def test_training_is_deterministic_and_lowers_the_pooled_loss():
    p1, l1 = train_baseline(np.random.default_rng(60), 600, meta_batch=10, lr=3e-3)
    p2, _ = train_baseline(np.random.default_rng(60), 600, meta_batch=10, lr=3e-3)
    assert all(np.array_equal(p1[k], p2[k]) for k in p1)
    assert l1[-100:].mean() < 0.9 * l1[:100].mean()


def test_training_uses_the_k_support_points_of_each_task_like_pretrain_op():
    """Adam on the pooled MSE of K points per task, K = 10: the official code's pretrain_op."""
    params, losses = train_baseline(np.random.default_rng(63), 3, meta_batch=4, k=10, lr=1e-2)
    rng = np.random.default_rng(63)
    theta = init_mlp(rng)
    state = adam_init(theta)
    for i in range(3):
        tasks = sample_sine_tasks(rng, 4, 10, 0)
        assert tasks.x_support.shape == (4, 10, 1)
        loss, grads, _ = mse_loss_and_grads(theta, tasks.x_support, tasks.y_support)
        assert losses[i] == loss.mean()
        theta, state = adam_step(theta, {k: g.mean(axis=0) for k, g in grads.items()}, state, 1e-2)
    assert all(np.array_equal(params[k], theta[k]) for k in theta)


def test_tuned_step_size_is_the_best_validation_score():
    params, _ = train_baseline(np.random.default_rng(60), 600, meta_batch=10, lr=3e-3)
    candidates = (1e-4, 0.01, 0.03, 0.1, 5.0)
    best, scores = tune_finetune_lr(params, np.random.default_rng(62), k=5, n_tasks=40,
                                    candidates=candidates)
    assert set(scores) == set(candidates)
    assert scores[best] == min(scores.values())
    assert best not in (1e-4, 5.0)  # too small barely moves, far too large diverges
    assert scores[5.0] > 100 * scores[best]


def test_the_score_is_the_mean_so_diverging_tasks_count():
    params, _ = train_baseline(np.random.default_rng(60), 600, meta_batch=10, lr=3e-3)
    candidates = (0.003, 0.05, 0.2, 0.3)
    best, scores = tune_finetune_lr(params, np.random.default_rng(62), k=5, n_tasks=40,
                                    candidates=candidates)
    tasks = sample_sine_tasks(np.random.default_rng(62), 40, 5, 100)
    per_task = {}
    with np.errstate(over="ignore", invalid="ignore"):
        for lr in candidates:
            per_task[lr] = finetune_curve(params, tasks, lr=lr, steps=(0, 1, 5, 10))[:, 1:].mean(axis=1)
            assert scores[lr] == np.mean(np.where(np.isfinite(per_task[lr]), per_task[lr], np.inf))
    # On these tasks the median prefers 0.05 (and 0.3, where one task's MSE explodes, over 0.2);
    # the mean keeps the tasks that fine-tuning hurts or blows up in the score.
    medians = {lr: np.median(v) for lr, v in per_task.items()}
    assert min(medians, key=medians.get) == 0.05 and medians[0.3] < medians[0.2]
    assert best == 0.003 and scores[0.3] > 1e100 * scores[0.2]
