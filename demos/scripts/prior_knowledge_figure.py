"""Draw the introduction's Figure 1 as light and dark SVG: a prior skill speeds up a new one.

    python demos/scripts/prior_knowledge_figure.py [--out DIR]

writes ``prior-knowledge.svg`` and ``prior-knowledge-dark.svg`` (default folder:
``docs/blog/posts/images/``). It replaces a GIF of a baby's first steps that the post
hot-linked from another site, and makes the same point with two learning curves: learning to
walk from scratch, and with the skill of standing already learnt. The curves are an
illustration, not data, and the figure says so; they are exponential approaches to full
skill, s(t) = 1 − (1 − s₀) e^(−t/τ), the one with the prior skill starting higher (s₀) and
learning faster (smaller τ), so it reaches the "walks" level sooner.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

try:  # a sibling module, on sys.path when this file runs as a script (and in the tests)
    from svgfigure import SCHEMES, Drawing, Figure, num, points
except ImportError as exc:  # imported some other way: it is a script, not a module of a package
    raise ImportError("run it as a script: python demos/scripts/prior_knowledge_figure.py") from exc

GOAL = 0.8  # the skill at which the child walks unaided
PRACTICE = 10.0  # the practice shown on the horizontal axis (arbitrary units)


@dataclass(frozen=True)
class Curve:
    """s(t) = 1 − (1 − start) e^(−t/tau): skill after practice t."""

    label: str
    start: float
    tau: float

    def skill(self, t: float) -> float:
        return 1 - (1 - self.start) * math.exp(-t / self.tau)

    def reaches(self, level: float) -> float:
        """The practice after which the skill reaches ``level``."""
        return -self.tau * math.log((1 - level) / (1 - self.start))


PRIOR = Curve("already able to stand", 0.3, 2.0)
SCRATCH = Curve("from scratch", 0.0, 5.0)

WIDTH, HEIGHT = 600, 400
LEFT, RIGHT, TOP, BOTTOM = 64, 572, 56, 330  # the plot area, in SVG units


def to_svg(t: float, s: float) -> tuple[float, float]:
    return LEFT + t / PRACTICE * (RIGHT - LEFT), BOTTOM - s * (BOTTOM - TOP)


def description() -> str:
    return (
        "An illustration, not data: two learning curves of walking skill against practice. "
        "The curve of a child already able to stand starts higher and rises faster; it crosses "
        "the dashed level at which a child walks after about "
        f"{PRIOR.reaches(GOAL) / SCRATCH.reaches(GOAL):.0%} of the practice that the curve "
        "from scratch needs."
    )


def draw(scheme: str) -> str:
    """The figure for ``scheme`` ("light" or "dark") as an SVG document."""
    d = Drawing(WIDTH, HEIGHT, "Prior knowledge speeds up learning a new skill", description(),
                "prior-knowledge", scheme)
    c = d.colour
    d.text(24, 34, "Illustration, not data", colour=c["muted"], size=19, italic=True)

    axis = d.arrowhead("axis", c["ink"])
    d.add(f'<path d="M{LEFT},{BOTTOM} L{RIGHT + 14},{BOTTOM}" stroke="{c["ink"]}" stroke-width="2" '
          f'marker-end="{axis}"/>')
    d.add(f'<path d="M{LEFT},{BOTTOM} L{LEFT},{TOP - 10}" stroke="{c["ink"]}" stroke-width="2" '
          f'marker-end="{axis}"/>')
    d.text((LEFT + RIGHT) / 2, BOTTOM + 40, "practice", colour=c["ink"], size=20, anchor="middle")
    d.text(0, 0, "skill at walking", colour=c["ink"], size=20, anchor="middle",
           extra=f' transform="translate({LEFT - 22},{(TOP + BOTTOM) / 2}) rotate(-90)"')

    _, gy = to_svg(0, GOAL)
    d.add(f'<path d="M{LEFT},{num(gy)} L{RIGHT},{num(gy)}" stroke="{c["faint"]}" stroke-width="2" '
          f'stroke-dasharray="6 5"/>')
    middle = (to_svg(PRIOR.reaches(GOAL), 0)[0] + to_svg(SCRATCH.reaches(GOAL), 0)[0]) / 2
    d.text(middle, gy - 9, "walks unaided", colour=c["muted"], size=19, anchor="middle")

    styles = ((PRIOR, c["task1"], ""), (SCRATCH, c["task2"], ' stroke-dasharray="12 6"'))
    for curve, colour, dash in styles:
        ts = [PRACTICE * i / 80 for i in range(81)]
        d.add(f'<path class="curve" data-label="{curve.label}" d="{points(to_svg(t, curve.skill(t)) for t in ts)}" '
              f'fill="none" stroke="{colour}" stroke-width="4"{dash}/>')
        x, y = to_svg(curve.reaches(GOAL), GOAL)
        d.add(f'<circle cx="{num(x)}" cy="{num(y)}" r="6" fill="{colour}"/>')
        d.add(f'<path d="M{num(x)},{num(y + 8)} L{num(x)},{BOTTOM}" stroke="{colour}" stroke-width="1.5" '
              f'stroke-dasharray="2 4"/>')

    # Labels beside the curves, where they are far apart.
    x, y = to_svg(2.0, PRIOR.skill(2.0))
    d.text(x + 6, y + 34, "already able to stand", colour=c["task1"], size=20, weight="600")
    x, y = to_svg(5.0, SCRATCH.skill(5.0))
    d.text(x + 6, y + 34, "from scratch", colour=c["task2"], size=20, weight="600")
    # How much sooner: an arrow along the practice axis between the two crossings.
    (x0, _), (x1, _) = to_svg(SCRATCH.reaches(GOAL), GOAL), to_svg(PRIOR.reaches(GOAL), GOAL)
    y = BOTTOM - 16
    d.add(f'<path d="M{num(x0 - 4)},{y} L{num(x1 + 6)},{y}" stroke="{c["ink"]}" stroke-width="2" '
          f'marker-end="{axis}"/>')
    d.text((x0 + x1) / 2, y - 10, "walks sooner", colour=c["ink"], size=19, anchor="middle")
    return d.svg()


FIGURE = Figure("prior-knowledge", draw, "demos/scripts/prior_knowledge_figure.py")

if __name__ == "__main__":
    FIGURE.main(__doc__)
