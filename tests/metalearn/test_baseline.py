"""The pretrained baseline: joint training and the step size tuned on validation tasks."""

import numpy as np

from metalearn.baseline import tune_finetune_lr, train_baseline


def test_training_is_deterministic_and_lowers_the_pooled_loss():
    p1, l1 = train_baseline(np.random.default_rng(60), 600, meta_batch=10, lr=3e-3)
    p2, _ = train_baseline(np.random.default_rng(60), 600, meta_batch=10, lr=3e-3)
    assert all(np.array_equal(p1[k], p2[k]) for k in p1)
    assert l1[-100:].mean() < 0.9 * l1[:100].mean()


def test_tuned_step_size_is_the_best_validation_score():
    params, _ = train_baseline(np.random.default_rng(60), 600, meta_batch=10, lr=3e-3)
    candidates = (1e-4, 0.01, 0.03, 0.1, 5.0)
    best, scores = tune_finetune_lr(params, np.random.default_rng(62), k=5, n_tasks=40,
                                    candidates=candidates)
    assert set(scores) == set(candidates)
    assert scores[best] == min(scores.values())
    assert best not in (1e-4, 5.0)  # too small barely moves, far too large diverges
    assert scores[5.0] > 100 * scores[best]
