"""Vega-Lite specifications (plain dicts) for the demos' plots.

Every function returns a complete spec for ``livedemo.show``; data are inlined as
small lists of records (a few hundred to ~2,000 rows) and the width follows the
page (``"width": "container"``). Each takes a required ``description``: the plot's text for
screen readers (``show`` refuses a plot without one), best written from the numbers the demo
computed, since only the demo knows what its curves show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
TRUE_COLOR = "#7f7f7f"
# At least 3:1 contrast on the site's light and dark backgrounds (livedemo/plot-theme.json).
PALETTE = ["#1f77b4", "#d95f02", "#2ca02c", "#d62728", "#9467bd", "#a05a4b"]
# Marks in the text colour use the theme's styles "ink" (fill) and "outline" (stroke), so
# they stay visible in the site's dark scheme too.
INK = "ink"
OUTLINE = "outline"
STEPS_AXIS = {"tickMinStep": 1, "format": "d"}  # counts: whole numbers only
Spec = dict[str, Any]


def _base(title: str | dict[str, str], description: str, height: int) -> Spec:
    if not isinstance(description, str) or not description.strip():
        raise ValueError("a plot needs a description: what it shows, for readers who cannot see it")
    return {"$schema": SCHEMA, "title": title, "description": description, "width": "container",
            "height": height}


def _num(v: Any) -> float | None:
    """A plain float for the spec; NaN and infinities (a diverged task) become null, a gap."""
    value = float(v)
    return round(value, 5) if np.isfinite(value) else None


def function_fit(
    x: np.ndarray,
    true_y: np.ndarray | None,
    points: tuple[np.ndarray, np.ndarray],
    fits: Mapping[str, np.ndarray],
    *,
    description: str,
    title: str = "Few-shot regression",
    height: int = 300,
) -> Spec:
    """True curve and fitted curves over ``x`` (G,), plus the support points (xs, ys).

    ``fits`` maps a legend label to predictions (G,) at ``x``; the true curve (omit it
    with ``true_y=None``, e.g. for the reader's own points) is drawn dashed, the
    support points as dots in the text colour.
    """
    x = np.ravel(x)
    lines = [] if true_y is None else [
        {"x": _num(a), "y": _num(b), "curve": "true function"} for a, b in zip(x, np.ravel(true_y))]
    for label, y in fits.items():
        y = np.ravel(y)
        if y.shape != x.shape:
            raise ValueError(f"fit {label!r} has {y.shape[0]} values for {x.shape[0]} x's")
        lines += [{"x": _num(a), "y": _num(b), "curve": label} for a, b in zip(x, y)]
    dots = [{"x": _num(a), "y": _num(b)} for a, b in zip(np.ravel(points[0]), np.ravel(points[1]))]
    labels = ([] if true_y is None else ["true function"]) + list(fits)
    colors = ([] if true_y is None else [TRUE_COLOR]) + [PALETTE[i % len(PALETTE)] for i in range(len(fits))]
    spec = _base(title, description, height)
    spec["layer"] = [
        {
            "data": {"values": lines},
            "mark": {"type": "line", "clip": True},
            "encoding": {
                "x": {"field": "x", "type": "quantitative", "title": "x"},
                "y": {"field": "y", "type": "quantitative", "title": "y",
                      "scale": {"domain": [-6, 6]}},
                "color": {"field": "curve", "type": "nominal", "title": None,
                          "scale": {"domain": labels, "range": colors},
                          "legend": {"labelLimit": 300}},
                "strokeDash": {
                    "condition": {"test": "datum.curve === 'true function'", "value": [4, 3]},
                    "value": [1, 0],
                },
            },
        },
        {
            "data": {"values": dots},
            "mark": {"type": "point", "filled": True, "size": 70, "style": INK},
            "encoding": {"x": {"field": "x", "type": "quantitative"},
                         "y": {"field": "y", "type": "quantitative"}},
        },
    ]
    return spec


def loss_curve(
    losses: Sequence[float] | np.ndarray,
    *,
    description: str,
    every: int = 1,
    title: str = "Meta-training loss",
    y_title: str = "query MSE after adaptation",
    max_points: int = 500,
    height: int = 220,
) -> Spec:
    """Loss against iteration; long runs are averaged into at most ``max_points`` bins."""
    values = np.asarray(losses, dtype=np.float64)
    n = len(values)
    width = max(1, -(-n // max_points))
    usable = n - n % width if n >= width else 0
    if usable:
        binned = values[:usable].reshape(-1, width).mean(axis=1)
        its = (np.arange(len(binned)) * width + (width - 1) / 2) * every
    else:
        binned, its = values, np.arange(n) * every
    rows = [{"iteration": _num(i), "loss": _num(v)} for i, v in zip(its, binned)]
    spec = _base(title, description, height)
    spec.update({
        "data": {"values": rows},
        "mark": {"type": "line"},
        "encoding": {
            "x": {"field": "iteration", "type": "quantitative", "title": "meta-iteration"},
            "y": {"field": "loss", "type": "quantitative", "title": y_title,
                  "scale": {"type": "log"}},
        },
    })
    return spec


def adaptation_curves(
    steps: Sequence[int],
    curves: Mapping[str, Sequence[float]],
    *,
    description: str,
    title: str = "Fine-tuning on new tasks",
    height: int = 260,
) -> Spec:
    """MSE against number of fine-tuning steps, one line per method."""
    rows = [{"steps": int(s), "mse": _num(v), "method": name}
            for name, values in curves.items() for s, v in zip(steps, values)]
    spec = _base(title, description, height)
    spec.update({
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "steps", "type": "quantitative", "title": "gradient steps on the new task",
                  "axis": STEPS_AXIS},
            "y": {"field": "mse", "type": "quantitative", "title": "query MSE"},
            "color": {"field": "method", "type": "nominal", "title": None},
        },
    })
    return spec


def protonet_regions(
    grid_x: np.ndarray,
    grid_y: np.ndarray,
    grid_class: np.ndarray,
    points: np.ndarray,
    labels: np.ndarray,
    prototypes: np.ndarray,
    *,
    description: str,
    support: np.ndarray | None = None,
    title: str | dict[str, str] = "Prototypical network: decision regions",
    height: int = 340,
) -> Spec:
    """Decision regions as a grid of coloured cells, with points and prototypes on top.

    grid_x (Gx,), grid_y (Gy,): cell centres; grid_class (Gy, Gx) predicted class per
    cell; points (P, 2) with integer labels (P,); prototypes (N, 2) drawn as crosses
    at the support means in input space (the prototypes themselves live in the
    embedding space); ``support`` (P,) bool marks which points are support points.
    """
    gx, gy = np.ravel(grid_x), np.ravel(grid_y)
    if grid_class.shape != (len(gy), len(gx)):
        raise ValueError(f"grid_class has shape {grid_class.shape}, expected {(len(gy), len(gx))}")
    dx, dy = (gx[1] - gx[0]) / 2, (gy[1] - gy[0]) / 2
    cells = [{"x0": _num(a - dx), "x1": _num(a + dx), "y0": _num(b - dy), "y1": _num(b + dy),
              "class": f"class {int(grid_class[j, i])}"}
             for j, b in enumerate(gy) for i, a in enumerate(gx)]
    kind = np.ones(len(points), bool) if support is None else np.asarray(support, bool)
    dots = [{"x": _num(p[0]), "y": _num(p[1]), "class": f"class {int(c)}",
             "role": "support" if s else "query"} for p, c, s in zip(points, labels, kind)]
    protos = [{"x": _num(p[0]), "y": _num(p[1]), "class": f"class {i}"}
              for i, p in enumerate(prototypes)]
    if len(cells) + len(dots) + len(protos) > 2500:  # keep the spec small for the browser
        raise ValueError(f"{len(cells) + len(dots) + len(protos)} marks: at most 2500")
    color = {"field": "class", "type": "nominal", "title": None}
    spec = _base(title, description, height)
    spec["layer"] = [
        {"data": {"values": cells}, "mark": {"type": "rect", "opacity": 0.25},
         "encoding": {"x": {"field": "x0", "type": "quantitative", "title": "x₁",
                            "scale": {"domain": [_num(gx[0] - dx), _num(gx[-1] + dx)], "nice": False}},
                      "x2": {"field": "x1"},
                      "y": {"field": "y0", "type": "quantitative", "title": "x₂",
                            "scale": {"domain": [_num(gy[0] - dy), _num(gy[-1] + dy)], "nice": False}},
                      "y2": {"field": "y1"}, "color": color}},
        {"data": {"values": dots}, "mark": {"type": "point", "filled": True, "style": OUTLINE,
                                            "strokeWidth": 0.5},
         "encoding": {"x": {"field": "x", "type": "quantitative"},
                      "y": {"field": "y", "type": "quantitative"}, "color": color,
                      "shape": {"field": "role", "type": "nominal", "title": None},
                      "size": {"condition": {"test": "datum.role === 'support'", "value": 90},
                               "value": 30}}},
        {"data": {"values": protos}, "mark": {"type": "point", "shape": "cross", "filled": True,
                                              "size": 300, "style": OUTLINE, "strokeWidth": 1},
         "encoding": {"x": {"field": "x", "type": "quantitative"},
                      "y": {"field": "y", "type": "quantitative"}, "color": color}},
    ]
    return spec
