"""The HTML of a block's inputs as the build declared them: real form controls, disabled.

Without JavaScript the reader sees each input at its default value, next to the output
computed with those defaults. The page script (``assets/src/inputs.js``; the points input is
``points-input.js``) reads each input's declaration from ``data-input`` and replaces the control
with a live one of the same shape (same classes and ids), so the layout does not move. All text
is escaped here.
"""

from __future__ import annotations

import json
import math
from html import escape
from typing import Any

from livedemo.contract import POINTS_PLOT
from livedemo.outputs import Item

# The points plot (contract.json's "pointsPlot"), drawn again by points-input.js at the width of
# the page: same margins, same ticks.
PLOT_WIDTH, PLOT_HEIGHT = POINTS_PLOT["width"], POINTS_PLOT["height"]
MARGIN = {side: POINTS_PLOT[side] for side in ("left", "right", "top", "bottom")}
NOTE = "These controls change the demo when JavaScript runs; the output below is for the values shown."
POINTS_HINT = ("Click the plot to add a point, drag a point to move it, double-click one to remove it; "
               "or use the list.")  # as points-input.js writes it


def _attr(value: Any) -> str:
    return escape(str(value), quote=True)


def _number(value: float, places: int | None) -> str:
    """As the page writes it: fixed decimals when the input has a grid, else shortest."""
    if places is None:
        return repr(float(value)) if isinstance(value, float) else str(value)
    return f"{value:.{places}f}"


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """About ``count`` round tick values in [low, high] (1, 2 or 5 times a power of ten apart)."""
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    first = math.ceil(low / step - 1e-9)
    ticks = []
    n = first
    while n * step <= high + 1e-9 * step:
        ticks.append(round(n * step, 10))
        n += 1
    return ticks


def _tick_label(value: float) -> str:
    text = f"{value:g}"
    return text.replace("-", "\u2212")


def points_svg(spec: Item, points: list[list[float]]) -> str:
    """A static drawing of ``points`` on the input's axes (the live one is drawn by points-input.js)."""
    (x0, x1), (y0, y1) = spec["x"], spec["y"]
    left, top = MARGIN["left"], MARGIN["top"]
    width = PLOT_WIDTH - MARGIN["left"] - MARGIN["right"]
    height = PLOT_HEIGHT - MARGIN["top"] - MARGIN["bottom"]

    def sx(v: float) -> float:
        return round(left + (v - x0) / (x1 - x0) * width, 2)

    def sy(v: float) -> float:
        return round(top + (y1 - v) / (y1 - y0) * height, 2)

    parts = [f'<rect class="livedemo-points-frame" x="{left}" y="{top}" width="{width}" height="{height}"/>']
    for tick in nice_ticks(x0, x1):
        cls = "livedemo-points-zero" if tick == 0 else "livedemo-points-grid"
        parts.append(f'<line class="{cls}" x1="{sx(tick)}" x2="{sx(tick)}" y1="{top}" y2="{top + height}"/>')
        parts.append(f'<text class="livedemo-points-tick" x="{sx(tick)}" y="{top + height + 18}" '
                     f'text-anchor="middle" font-size="15">{_tick_label(tick)}</text>')
    for tick in nice_ticks(y0, y1):
        cls = "livedemo-points-zero" if tick == 0 else "livedemo-points-grid"
        parts.append(f'<line class="{cls}" x1="{left}" x2="{left + width}" y1="{sy(tick)}" y2="{sy(tick)}"/>')
        parts.append(f'<text class="livedemo-points-tick" x="{left - 6}" y="{sy(tick) + 5}" '
                     f'text-anchor="end" font-size="15">{_tick_label(tick)}</text>')
    for a, b in points:
        parts.append(f'<circle class="livedemo-points-dot" cx="{sx(a)}" cy="{sy(b)}" r="6"/>')
    return (f'<svg class="livedemo-points-plot" viewBox="0 0 {PLOT_WIDTH} {PLOT_HEIGHT}" '
            f'aria-hidden="true" focusable="false">{"".join(parts)}</svg>')


def _points(spec: Item, ident: str) -> str:
    value = spec["value"]
    places = spec["decimals"]
    rows = []
    for index, (a, b) in enumerate(value, 1):
        cells = "".join(
            f'<label class="livedemo-points-coordinate"><span aria-hidden="true">{axis}</span>'
            f'<input type="number" value="{_attr(_number(v, places))}" step="{_attr(spec["step"])}" '
            f'min="{_attr(low)}" max="{_attr(high)}" aria-label="{axis} of point {index}" disabled></label>'
            for axis, v, (low, high) in (("x", a, spec["x"]), ("y", b, spec["y"]))
        )
        remove = (f'<button type="button" class="livedemo-button livedemo-points-remove" '
                  f'aria-label="Remove point {index}" disabled>Remove</button>')
        rows.append(f'<li class="livedemo-points-row"><span class="livedemo-points-number">{index}</span>'
                    f"{cells}{remove}</li>")
    count = len(value)
    return (
        f'<fieldset class="livedemo-input livedemo-points" id="{_attr(ident)}" data-control="points" '
        f'data-input="{_attr(json.dumps(spec, separators=(",", ":")))}">'
        f'<legend class="livedemo-input-label">{escape(spec["label"])}</legend>'
        f'<div class="livedemo-points-static">{points_svg(spec, value)}</div>'
        f'<p class="livedemo-points-hint">{escape(POINTS_HINT)}</p>'
        f'<p class="livedemo-points-count">{count} {"point" if count == 1 else "points"} '
        f'(from {spec["min"]} to {spec["max"]})</p>'
        f'<ol class="livedemo-points-list">{"".join(rows)}</ol>'
        '<button type="button" class="livedemo-button livedemo-points-add" disabled>Add a point</button>'
        "</fieldset>"
    )


def _control(spec: Item, ident: str) -> str:
    control = spec["control"]
    if control == "points":
        return _points(spec, ident)
    data = _attr(json.dumps(spec, separators=(",", ":")))
    field = f"{ident}-field"
    label = f'<label class="livedemo-input-label" for="{_attr(field)}">{escape(spec["label"])}</label>'
    if control == "slider":
        places = spec["decimals"]
        widget = (
            f'<input class="livedemo-input-range" type="range" id="{_attr(field)}" name="{_attr(spec["name"])}" '
            f'min="{_attr(spec["low"])}" max="{_attr(spec["high"])}" step="{_attr(spec["step"])}" '
            f'value="{_attr(_number(spec["value"], places))}" disabled>'
            f'<output class="livedemo-input-value" for="{_attr(field)}">{escape(_number(spec["value"], places))}</output>'
        )
    elif control == "number":
        bounds = "".join(f' {key}="{_attr(spec[attr])}"' for key, attr in (("min", "low"), ("max", "high"))
                         if spec[attr] is not None)
        step = spec["step"] if spec["step"] is not None else "any"
        widget = (
            f'<input class="livedemo-input-number" type="number" id="{_attr(field)}" name="{_attr(spec["name"])}"'
            f'{bounds} step="{_attr(step)}" value="{_attr(_number(spec["value"], spec["decimals"]))}" disabled>'
        )
    elif control == "choice":
        options = "".join(
            f'<option value="{index}"{" selected" if option == spec["value"] and type(option) is type(spec["value"]) else ""}>'
            f"{escape(str(option))}</option>"
            for index, option in enumerate(spec["options"])
        )
        widget = (f'<select class="livedemo-input-choice" id="{_attr(field)}" name="{_attr(spec["name"])}" disabled>'
                  f"{options}</select>")
    else:
        raise ValueError(f"unknown input control {control!r}")
    return (f'<div class="livedemo-input" id="{_attr(ident)}" data-control="{_attr(control)}" '
            f'data-input="{data}">{label}{widget}</div>')


def render_inputs(block_id: str, specs: list[Item]) -> str:
    """The inputs a block's build-time run declared (their ``input`` events' specs), in order;
    "" when there are none."""
    if not specs:
        return ""
    controls = "".join(_control(spec, f"{block_id}-input-{spec['name']}") for spec in specs)
    return f'<div class="livedemo-inputs"><p class="livedemo-inputs-note">{NOTE}</p>{controls}</div>'
