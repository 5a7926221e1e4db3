"""Draw MAML in parameter space from a real two-parameter problem, as light and dark SVG.

    python demos/scripts/maml_parameter_space.py [--out DIR]

writes ``maml-parameter-space.svg`` and ``maml-parameter-space-dark.svg`` (default folder:
``docs/blog/posts/images/``). Nothing is drawn by hand: three tasks have quadratic losses
L_i(θ) = ½ (θ − θ*_i)ᵀ A_i (θ − θ*_i) over two parameters θ, with optimum θ*_i and curvature
A_i. MAML's objective is the sum of the task losses after ``STEPS`` inner gradient steps of
size ``ALPHA`` from a shared θ; the figure shows

- the meta-training path: gradient descent on that objective, with the meta-gradient computed
  by the chain rule through the inner steps (as MAML does), from ``START`` to the shared
  initialization θ, which is the objective's exact minimiser (a linear solve for quadratics);
- from θ, each task's inner steps θ → θ − α∇L_i(θ) → ..., each arrow along minus that task's
  gradient, ending at the adapted parameters θ′_i;
- each task's optimum θ*_i inside two contour lines of its loss.

The point of the picture: θ is the optimum of no task, but a few steps from it get close to
every task's optimum. ``tests/scripts/test_maml_parameter_space.py`` checks that the committed
files are what this script writes and that the geometry is right.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

try:  # a sibling module, on sys.path when this file runs as a script (and in the tests)
    from svgfigure import SCHEMES, Drawing, Figure, num, points
except ImportError as exc:  # imported some other way: it is a script, not a module of a package
    raise ImportError("run it as a script: python demos/scripts/maml_parameter_space.py") from exc

ALPHA = 0.45  # inner step size α
STEPS = 3  # inner gradient steps per task
START = np.array([-3.4, -2.7])  # where meta-training starts
META_LR = 6.0  # step size of the meta-training gradient descent
META_ITERATIONS = 14


def _curvature(eigenvalues: tuple[float, float], angle_degrees: float) -> np.ndarray:
    """A symmetric positive definite 2×2 matrix: its eigenvalues, axes turned by the angle."""
    a = np.radians(angle_degrees)
    rotation = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return rotation @ np.diag(eigenvalues) @ rotation.T


@dataclass(frozen=True)
class Task:
    """L(θ) = ½ (θ − optimum)ᵀ curvature (θ − optimum)."""

    optimum: np.ndarray  # (2,)
    curvature: np.ndarray  # (2, 2), symmetric positive definite

    def loss(self, theta: np.ndarray) -> float:
        d = theta - self.optimum
        return float(0.5 * d @ self.curvature @ d)

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        return self.curvature @ (theta - self.optimum)


TASKS = (
    Task(np.array([-2.6, 1.3]), _curvature((1.5, 0.8), 60)),
    Task(np.array([2.7, 1.4]), _curvature((1.5, 0.8), -60)),
    Task(np.array([0.3, -2.3]), _curvature((1.5, 0.8), 0)),
)


def inner_steps(task: Task, theta: np.ndarray, alpha: float = ALPHA, steps: int = STEPS) -> list[np.ndarray]:
    """θ, then each of ``steps`` gradient steps on the task's loss: the adaptation path."""
    path = [np.asarray(theta, dtype=np.float64)]
    for _ in range(steps):
        path.append(path[-1] - alpha * task.gradient(path[-1]))
    return path


def meta_objective(theta: np.ndarray, tasks: tuple[Task, ...] = TASKS) -> float:
    """MAML's objective: the tasks' losses after their inner steps from θ."""
    return sum(task.loss(inner_steps(task, theta)[-1]) for task in tasks)


def meta_gradient(theta: np.ndarray, tasks: tuple[Task, ...] = TASKS) -> np.ndarray:
    """∇ of ``meta_objective``: each task's gradient at θ′_i, back through the inner steps,
    each of which multiplies it by (I − α A_i) (the Hessian of a quadratic is A_i)."""
    total = np.zeros(2)
    for task in tasks:
        g = task.gradient(inner_steps(task, theta)[-1])
        for _ in range(STEPS):
            g = g - ALPHA * task.curvature @ g
        total += g
    return total


def maml_initialization(tasks: tuple[Task, ...] = TASKS) -> np.ndarray:
    """The minimiser of ``meta_objective``: θ′_i − θ*_i = M_i (θ − θ*_i) with
    M_i = (I − α A_i)^STEPS, so the objective is quadratic and its gradient is zero where
    Σ M_i A_i M_i (θ − θ*_i) = 0."""
    eye = np.eye(2)
    lhs, rhs = np.zeros((2, 2)), np.zeros(2)
    for task in tasks:
        m = np.linalg.matrix_power(eye - ALPHA * task.curvature, STEPS)
        b = m @ task.curvature @ m
        lhs += b
        rhs += b @ task.optimum
    return np.linalg.solve(lhs, rhs)


def meta_training_path(start: np.ndarray = START) -> list[np.ndarray]:
    """Gradient descent on MAML's objective from ``start``, then the exact minimiser."""
    path = [np.asarray(start, dtype=np.float64)]
    for _ in range(META_ITERATIONS):
        path.append(path[-1] - META_LR * meta_gradient(path[-1]))
    return path + [maml_initialization()]


# The drawing: parameter space [X0, X1] × [Y0, Y1] onto the plot area of the SVG.
WIDTH, HEIGHT = 600, 480
X0, X1, Y0, Y1 = -4.0, 4.0, -3.7, 2.9  # low enough that the bottom task's outer contour stays above the key
LEFT, RIGHT, TOP, BOTTOM = 16, 584, 16, 400  # the plot area, in SVG units


def to_svg(p: np.ndarray) -> tuple[float, float]:
    """Parameter space to SVG coordinates (y grows downwards in SVG)."""
    x = LEFT + (p[0] - X0) / (X1 - X0) * (RIGHT - LEFT)
    y = TOP + (Y1 - p[1]) / (Y1 - Y0) * (BOTTOM - TOP)
    return float(x), float(y)


def from_svg(x: float, y: float) -> np.ndarray:
    """SVG coordinates back to parameter space (the inverse of ``to_svg``)."""
    return np.array([X0 + (x - LEFT) / (RIGHT - LEFT) * (X1 - X0),
                     Y1 - (y - TOP) / (BOTTOM - TOP) * (Y1 - Y0)])


def contour(task: Task, level: float, n: int = 72) -> list[tuple[float, float]]:
    """The closed curve L(θ) = level: an ellipse along the curvature's eigenvectors."""
    values, vectors = np.linalg.eigh(task.curvature)
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    radii = np.sqrt(2 * level / values)
    ellipse = (vectors @ (radii[:, None] * np.stack([np.cos(t), np.sin(t)]))).T + task.optimum
    return [to_svg(p) for p in ellipse]


# Where each task's labels go, relative to its points, in SVG units: (dx, dy, anchor).
OPTIMUM_LABEL = ((-14, -12, "end"), (14, -12, "start"), (16, 8, "start"))
ADAPTED_LABEL = ((0, -14, "middle"), (8, 28, "start"), (-14, 4, "end"))


def description() -> str:
    """The figure's <desc>: what it shows, in words, with where things are."""
    return (
        "A plane of two model parameters. Each of three tasks has a loss whose contour lines "
        "are ellipses around that task's optimum, marked with a cross and labelled theta star "
        "1, 2 and 3: upper left, upper right and bottom. A dashed path, meta-training, runs "
        "from the lower left to the shared initialization theta, a dot between the three "
        "optima that is the optimum of none of them. From theta, each task takes "
        f"{STEPS} gradient steps on its own loss, drawn as arrows in the task's colour, each "
        "one along minus that task's gradient; they end at the adapted parameters theta prime "
        "1, 2 and 3, each much nearer its task's optimum than theta is. Computed from real "
        "quadratic losses, not drawn by hand."
    )


def draw(scheme: str) -> str:
    """The figure for ``scheme`` ("light" or "dark") as an SVG document."""
    d = Drawing(WIDTH, HEIGHT, "MAML in parameter space: one initialization, a few steps to each task",
                description(), "maml-space", scheme)
    c = d.colour
    task_colours = [c[f"task{i}"] for i in (1, 2, 3)]
    theta = maml_initialization()

    for i, task in enumerate(TASKS):  # contour lines first, under everything else
        for level, opacity in ((0.3, "0.9"), (1.0, "0.55")):
            d.add(f'<path d="{points(contour(task, level))} Z" fill="none" stroke="{task_colours[i]}" '
                  f'stroke-width="1.5" stroke-opacity="{opacity}"/>')

    meta = [to_svg(p) for p in meta_training_path()]
    d.add(f'<path class="meta-path" d="{points(meta)}" fill="none" stroke="{c["muted"]}" '
          f'stroke-width="2.5" stroke-dasharray="7 6" marker-end="{d.arrowhead("meta", c["muted"])}"/>')
    sx, sy = meta[0]
    d.add(f'<circle cx="{num(sx)}" cy="{num(sy)}" r="5" fill="none" stroke="{c["muted"]}" stroke-width="2"/>')
    for x, y in meta[1:-3]:  # one dot per meta-iteration (the last ones merge into θ)
        d.add(f'<circle cx="{num(x)}" cy="{num(y)}" r="3" fill="{c["muted"]}"/>')
    d.text(sx + 14, sy + 7, "meta-training", colour=c["muted"], size=20, italic=True)

    for i, task in enumerate(TASKS):
        colour, n = task_colours[i], str(i + 1)
        head = d.arrowhead(f"task{n}", colour)
        path = inner_steps(task, theta)
        for j, (a, b) in enumerate(zip(path, path[1:])):
            (ax, ay), (bx, by) = to_svg(a), to_svg(b)
            d.add(f'<line class="step" data-task="{n}" data-step="{j + 1}" x1="{num(ax)}" y1="{num(ay)}" '
                  f'x2="{num(bx)}" y2="{num(by)}" stroke="{colour}" stroke-width="3" marker-end="{head}"/>')
        ax, ay = to_svg(path[-1])
        d.add(f'<circle class="adapted" data-task="{n}" cx="{num(ax)}" cy="{num(ay)}" r="6" '
              f'fill="{d.colour["background"]}" stroke="{colour}" stroke-width="3"/>')
        dx, dy, anchor = ADAPTED_LABEL[i]
        d.text(ax + dx, ay + dy, "θ′", colour=colour, sub=n, anchor=anchor, weight="600", size=22)
        ox, oy = to_svg(task.optimum)
        d.add(f'<path class="optimum" data-task="{n}" d="M{num(ox - 8)},{num(oy - 8)} L{num(ox + 8)},{num(oy + 8)} '
              f'M{num(ox - 8)},{num(oy + 8)} L{num(ox + 8)},{num(oy - 8)}" stroke="{colour}" stroke-width="3.5"/>')
        dx, dy, anchor = OPTIMUM_LABEL[i]
        d.text(ox + dx, oy + dy, "θ*", colour=colour, sub=n, anchor=anchor, weight="600", size=22)

    tx, ty = to_svg(theta)
    d.add(f'<circle class="initialization" cx="{num(tx)}" cy="{num(ty)}" r="8" fill="{c["ink"]}"/>')
    d.text(tx - 14, ty + 8, "θ", colour=c["ink"], size=26, anchor="end", weight="700")

    # The key, below the plot: what the marks are.
    y = BOTTOM + 36
    d.add(f'<line x1="24" y1="{y - 6}" x2="60" y2="{y - 6}" stroke="{c["ink"]}" stroke-width="3" '
          f'marker-end="{d.arrowhead("key", c["ink"])}"/>')
    d.text(70, y, f"{STEPS} gradient steps on one task, from the shared θ", colour=c["ink"], size=20)
    y += 32
    d.add(f'<path d="M28,{y - 14} L40,{y - 2} M28,{y - 2} L40,{y - 14}" stroke="{c["ink"]}" stroke-width="3"/>')
    d.text(50, y, "task optimum θ*", colour=c["ink"], size=20, sub="i")
    d.add(f'<circle cx="{250}" cy="{y - 8}" r="6" fill="none" stroke="{c["ink"]}" stroke-width="3"/>')
    d.text(264, y, "adapted θ′", colour=c["ink"], size=20, sub="i")
    return d.svg()


FIGURE = Figure("maml-parameter-space", draw, "demos/scripts/maml_parameter_space.py")

if __name__ == "__main__":
    FIGURE.main(__doc__)
