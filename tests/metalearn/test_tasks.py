"""Task samplers: shapes, ranges, labels and determinism."""

import numpy as np

from metalearn.tasks import sample_cluster_tasks, sample_sine_tasks, sine, sine_task


def test_sine_tasks_shapes_ranges_and_targets():
    tasks = sample_sine_tasks(np.random.default_rng(0), 500, 5, 7)
    assert tasks.x_support.shape == tasks.y_support.shape == (500, 5, 1)
    assert tasks.x_query.shape == tasks.y_query.shape == (500, 7, 1)
    assert tasks.amplitude.shape == tasks.phase.shape == (500,)
    assert 0.1 <= tasks.amplitude.min() and tasks.amplitude.max() <= 5.0
    assert 0.0 <= tasks.phase.min() and tasks.phase.max() <= np.pi
    assert -5 <= tasks.x_support.min() and tasks.x_query.max() <= 5
    a, p = tasks.amplitude[3], tasks.phase[3]
    np.testing.assert_allclose(tasks.y_query[3], a * np.sin(tasks.x_query[3] - p))
    np.testing.assert_allclose(tasks.curve(tasks.x_support), tasks.y_support)
    assert sample_sine_tasks(np.random.default_rng(0), 2, 10).x_query.shape == (2, 10, 1)


def test_sine_tasks_deterministic_per_seed():
    a = sample_sine_tasks(np.random.default_rng(1), 4, 3)
    b = sample_sine_tasks(np.random.default_rng(1), 4, 3)
    c = sample_sine_tasks(np.random.default_rng(2), 4, 3)
    assert np.array_equal(a.x_query, b.x_query) and np.array_equal(a.amplitude, b.amplitude)
    assert not np.array_equal(a.x_query, c.x_query)


def test_single_given_task():
    task = sine_task(2.0, 0.5, [0.0, 1.0], np.linspace(-5, 5, 4))
    assert task.x_support.shape == (1, 2, 1) and task.x_query.shape == (1, 4, 1)
    np.testing.assert_allclose(task.y_support[0, :, 0], sine(2.0, 0.5, np.array([0.0, 1.0])))


def test_cluster_tasks_are_class_sorted_with_the_documented_noise():
    rng = np.random.default_rng(3)
    tasks = sample_cluster_tasks(rng, 2000, n_way=3, k_shot=4, n_query=6)
    assert tasks.x_support.shape == (2000, 12, 2) and tasks.y_support.shape == (2000, 12)
    assert tasks.x_query.shape == (2000, 18, 2) and tasks.centers.shape == (2000, 3, 2)
    assert np.array_equal(tasks.y_support[0], np.repeat(np.arange(3), 4))
    assert np.array_equal(tasks.y_query[5], np.repeat(np.arange(3), 6))
    offsets = tasks.x_query - tasks.centers[np.arange(2000)[:, None], tasks.y_query]
    std = offsets.reshape(-1, 2).std(axis=0)
    np.testing.assert_allclose(std, [1.2, 0.3], rtol=0.02)
    assert np.abs(tasks.centers).max() <= 3.0
