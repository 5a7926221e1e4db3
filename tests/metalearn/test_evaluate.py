"""Fine-tuning curves and their summary statistics."""

import numpy as np
import pytest

from metalearn.evaluate import Summary, adapt, finetune_curve, summarize, zero_mse
from metalearn.mlp import forward, init_mlp, mse, mse_loss_and_grads
from metalearn.tasks import sample_sine_tasks


def test_curve_matches_step_by_step_sgd():
    rng = np.random.default_rng(50)
    params = init_mlp(rng, (1, 10, 10, 1), init="he")
    tasks = sample_sine_tasks(rng, 6, 5, 20)
    curve = finetune_curve(params, tasks, lr=0.01, steps=(0, 1, 3))
    assert curve.shape == (6, 3)
    np.testing.assert_allclose(curve[:, 0], mse(forward(params, tasks.x_query)[0], tasks.y_query)[0])
    theta = params
    for n in range(3):
        _, g, _ = mse_loss_and_grads(theta, tasks.x_support, tasks.y_support)
        theta = {k: theta[k] - 0.01 * g[k] for k in theta}
        if n + 1 in (1, 3):
            col = 1 if n == 0 else 2
            np.testing.assert_allclose(curve[:, col], mse(forward(theta, tasks.x_query)[0], tasks.y_query)[0])
    adapted = adapt(params, tasks.x_support, tasks.y_support, lr=0.01, steps=3)
    assert adapted["W2"].shape == (6, 10, 10)


def test_fine_tuning_lowers_support_and_query_error_on_average():
    rng = np.random.default_rng(51)
    params = init_mlp(rng, init="he")
    tasks = sample_sine_tasks(rng, 50, 10, 50)
    curve = finetune_curve(params, tasks, lr=0.002, steps=(0, 10))
    assert curve[:, 1].mean() < curve[:, 0].mean()


def test_summary_statistics_and_divergence_count():
    curve = np.array([[1.0, 0.5], [2.0, 19.0], [3.0, 31.0], [4.0, np.inf]])
    before, after = summarize(curve)
    assert before == Summary(mean=2.5, ci95=pytest.approx(1.96 * np.std([1, 2, 3, 4], ddof=1) / 2),
                             median=2.5, diverged=0, n=4, mean_without_diverged=2.5)
    assert after.diverged == 2 and after.median == pytest.approx(25.0) and after.n == 4
    assert after.mean_without_diverged == pytest.approx(9.75)
    assert not np.isfinite(after.mean)
    assert "div." in str(before)
    # A tiny-amplitude task whose error grows tenfold from almost nothing has not diverged.
    tiny = np.array([[0.001, 0.02], [2.0, 30.0]])
    assert summarize(tiny)[1].diverged == 2
    assert summarize(tiny, zero=np.array([0.005, 1.0]))[1].diverged == 1


def test_zero_mse_is_the_mean_square_of_the_targets():
    tasks = sample_sine_tasks(np.random.default_rng(52), 4, 3, 5)
    np.testing.assert_allclose(zero_mse(tasks), (tasks.y_query**2).mean(axis=(1, 2)))


def test_median_ranks_a_nan_task_as_diverged_instead_of_returning_nan():
    # Task 3's MSE overflowed (inf - inf = nan): the median of the other values still exists.
    curve = np.array([[1.0, 0.2], [2.0, 0.4], [3.0, 0.6], [4.0, np.nan], [5.0, np.inf]])
    after = summarize(curve)[1]
    assert after.median == pytest.approx(0.6)  # 0.2, 0.4, 0.6, inf, inf
    assert after.diverged == 2 and after.mean_without_diverged == pytest.approx(0.4)
    assert summarize(np.array([[1.0, np.nan], [1.0, np.nan]]))[1].median == np.inf
