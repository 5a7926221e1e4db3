"""Task distributions: few-shot sine regression and few-shot 2-D classification.

Every sampler takes an explicit ``rng: np.random.Generator`` and returns whole
meta-batches as arrays with a leading task axis, so the algorithms can process
all tasks with one set of array operations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

AMPLITUDE_RANGE = (0.1, 5.0)
PHASE_RANGE = (0.0, np.pi)
X_RANGE = (-5.0, 5.0)


@dataclass(frozen=True)
class SineTasks:
    """A meta-batch of sine tasks ``y = A·sin(x − φ)``.

    x_support, y_support: (tasks, K, 1); x_query, y_query: (tasks, Q, 1);
    amplitude, phase: (tasks,).
    """

    x_support: np.ndarray
    y_support: np.ndarray
    x_query: np.ndarray
    y_query: np.ndarray
    amplitude: np.ndarray
    phase: np.ndarray

    def curve(self, x: np.ndarray) -> np.ndarray:
        """True outputs of every task at points ``x`` of shape (tasks, N, 1) or (N, 1)."""
        return sine(self.amplitude[:, None, None], self.phase[:, None, None], x)


def sine(amplitude: np.ndarray | float, phase: np.ndarray | float, x: np.ndarray) -> np.ndarray:
    """``A·sin(x − φ)``, broadcasting."""
    return amplitude * np.sin(x - phase)


def sample_sine_tasks(
    rng: np.random.Generator, n_tasks: int, k_support: int, k_query: int | None = None
) -> SineTasks:
    """Sample ``n_tasks`` sine tasks as in Finn et al. (2017, §5.1).

    A ~ U[0.1, 5.0], φ ~ U[0, π], x ~ U[−5, 5]; each task gets ``k_support``
    support points and ``k_query`` fresh query points (default: as many as support).
    """
    k_query = k_support if k_query is None else k_query
    amplitude = rng.uniform(*AMPLITUDE_RANGE, size=n_tasks)
    phase = rng.uniform(*PHASE_RANGE, size=n_tasks)
    x = rng.uniform(*X_RANGE, size=(n_tasks, k_support + k_query, 1))
    y = sine(amplitude[:, None, None], phase[:, None, None], x)
    return SineTasks(
        x_support=x[:, :k_support],
        y_support=y[:, :k_support],
        x_query=x[:, k_support:],
        y_query=y[:, k_support:],
        amplitude=amplitude,
        phase=phase,
    )


def sine_task(amplitude: float, phase: float, x_support: np.ndarray, x_query: np.ndarray) -> SineTasks:
    """One given sine task as a meta-batch of size 1 (x arrays of shape (K,) or (K, 1))."""
    xs = np.asarray(x_support, dtype=np.float64).reshape(1, -1, 1)
    xq = np.asarray(x_query, dtype=np.float64).reshape(1, -1, 1)
    return SineTasks(
        x_support=xs,
        y_support=sine(amplitude, phase, xs),
        x_query=xq,
        y_query=sine(amplitude, phase, xq),
        amplitude=np.array([amplitude], dtype=np.float64),
        phase=np.array([phase], dtype=np.float64),
    )


# --- few-shot 2-D classification ---------------------------------------------------

CENTER_BOX = 3.0
NOISE_STD = (1.2, 0.3)


@dataclass(frozen=True)
class ClusterTasks:
    """A meta-batch of N-way K-shot 2-D classification tasks.

    x_support: (tasks, N·K, 2), sorted by class (class c fills rows c·K … c·K+K−1);
    y_support: (tasks, N·K) int; x_query: (tasks, N·Q, 2); y_query: (tasks, N·Q) int;
    centers: (tasks, N, 2).
    """

    x_support: np.ndarray
    y_support: np.ndarray
    x_query: np.ndarray
    y_query: np.ndarray
    centers: np.ndarray
    n_way: int
    k_shot: int


def sample_cluster_tasks(
    rng: np.random.Generator,
    n_tasks: int,
    n_way: int,
    k_shot: int,
    n_query: int,
    *,
    center_box: float = CENTER_BOX,
    noise_std: tuple[float, float] = NOISE_STD,
) -> ClusterTasks:
    """Sample N-way K-shot tasks whose classes are 2-D Gaussian clusters.

    There is no canonical 2-D few-shot benchmark, so this one is our own choice:
    each task places its N class centres uniformly in [−3, 3]²; points scatter
    around their centre with Gaussian noise of std 1.2 along x and 0.3 along y.
    The centres change from task to task and are only known through the support
    set; the noise shape is shared by all tasks. That shared shape is what a
    prototypical network can meta-learn: an embedding that shrinks the noisy x
    direction makes nearest-prototype classification better than plain Euclidean
    distance in the input space.
    """
    centers = rng.uniform(-center_box, center_box, size=(n_tasks, n_way, 2))
    std = np.asarray(noise_std, dtype=np.float64)

    def draw(per_class: int) -> tuple[np.ndarray, np.ndarray]:
        noise = rng.standard_normal((n_tasks, n_way, per_class, 2)) * std
        x = (centers[:, :, None, :] + noise).reshape(n_tasks, n_way * per_class, 2)
        y = np.broadcast_to(np.repeat(np.arange(n_way), per_class), (n_tasks, n_way * per_class))
        return x, y.copy()

    x_support, y_support = draw(k_shot)
    x_query, y_query = draw(n_query)
    return ClusterTasks(x_support, y_support, x_query, y_query, centers, n_way, k_shot)
