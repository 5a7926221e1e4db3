"""The display API that demo code calls: plots and progress bars.

The same file runs at build time under CPython and in the reader's browser under
Pyodide (the worker bundle inlines it), so a demo produces the same outputs in both
places. It only builds events (``contract.py`` says their fields, the same at build time, in the worker and
on the page); whoever runs the code installs a *sink* that turns them into HTML (build time)
or worker messages (browser). With no sink installed,
for example when a demo runs under plain ``python``, events are dropped.

Plots are Vega-Lite specifications given as plain dicts (no altair needed).
"""

from __future__ import annotations

import json
import math
from typing import Any, Callable

from livedemo.contract import DISPLAY, PROGRESS

Event = dict[str, Any]
Sink = Callable[[Event], None]

_sink: Sink | None = None


def set_sink(sink: Sink | None) -> Sink | None:
    """Install the function that receives display events; return the previous one."""
    global _sink
    previous, _sink = _sink, sink
    return previous


def _to_builtin(value: Any) -> Any:
    """JSON fallback for numpy arrays and scalars, without importing numpy."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"show(): cannot put a {type(value).__name__} into a Vega-Lite spec")


def _emit(event: Event) -> None:
    if _sink is not None:
        _sink(event)


MAX_PLOT_VALUES = 5_000
"""Data values one plot may carry: drawing more freezes the reader's page for seconds."""


def _count_values(node: Any) -> int:
    """Inline data values in a spec: every ``data.values`` list and ``datasets`` entry."""
    if isinstance(node, list):
        return sum(_count_values(item) for item in node)
    if not isinstance(node, dict):
        return 0
    count = 0
    for key, value in node.items():
        if key == "data" and isinstance(value, dict) and isinstance(value.get("values"), list):
            count += len(value["values"])
        elif key == "datasets" and isinstance(value, dict):
            count += sum(len(v) for v in value.values() if isinstance(v, list))
        elif isinstance(value, (dict, list)):
            count += _count_values(value)
    return count


def show(spec: dict[str, Any], *, id: str | None = None) -> None:
    """Display a Vega-Lite plot.

    ``spec`` is a Vega-Lite specification (a dict; numpy arrays inside it are
    converted to lists) with at most ``MAX_PLOT_VALUES`` inline data values and a top-level
    ``description``: the plot's text for screen readers, required, since a plot without one
    is an empty picture to them. Calling ``show`` again with the same ``id`` redraws that
    plot in place, which is how a loss curve updates while a model trains.
    """
    if not isinstance(spec, dict):
        raise TypeError(f"show() takes a Vega-Lite spec as a dict, not {type(spec).__name__}")
    if id is not None and not isinstance(id, str):
        raise TypeError("show(): id must be a string")
    plain = json.loads(json.dumps(spec, default=_to_builtin, allow_nan=False))
    values = _count_values(plain)
    if values > MAX_PLOT_VALUES:
        raise ValueError(
            f"show(): this plot has {values:,} data values, more than the {MAX_PLOT_VALUES:,} a "
            "plot may draw (more would freeze the reader's page). Aggregate first: plot one "
            f"point in {-(-values // MAX_PLOT_VALUES)}, or summarize, e.g. counts in bins "
            "(np.histogram or np.histogram2d) drawn as bars or a heatmap."
        )
    description = plain.get("description")
    if not isinstance(description, str) or not description.strip():
        raise ValueError(
            "show(): this plot has no \"description\". Add one to the spec, a sentence that says "
            "what the plot shows for readers who cannot see it (the lines or points, and what "
            "they show), e.g. spec[\"description\"] = \"Loss falling from 2.1 to 0.3 over 500 "
            "steps\"; the page reads it out in place of the picture."
        )
    # The figure carries the plot's accessible name (its "description"); per-mark ARIA labels
    # would drown a screen reader in thousands of points and double the size of the SVG.
    config = plain.setdefault("config", {})
    if isinstance(config, dict):
        config.setdefault("aria", False)
    _emit({"type": DISPLAY, "displayId": id, "spec": plain})


def progress(value: float, total: float = 1.0, *, label: str = "", id: str = "progress") -> None:
    """Show a progress bar at ``value`` out of ``total``; the same ``id`` updates one bar."""
    value, total = float(value), float(total)
    if not (math.isfinite(value) and math.isfinite(total)) or total <= 0:
        raise ValueError("progress(): value and total must be finite and total > 0")
    if not 0 <= value <= total:
        raise ValueError(f"progress(): value {value:g} is outside [0, {total:g}]")
    _emit({"type": PROGRESS, "progressId": id, "value": value, "total": total, "label": str(label)})
