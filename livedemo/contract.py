"""What the build and the page must agree on, read from ``contract.json``.

The page's bundle imports the same file (``assets/src/contract.js``), and the worker writes
both files beside ``display.py`` and ``runner.py`` in the browser's Python, so a limit, a size or
a name changed there changes every side at once:

- ``output``: the caps on a run's output (``markup.capped`` at build time, ``output-cap.js``
  live);
- ``narrowScreen``: the widest screen, in CSS px, that gets the narrow plots (the build's
  ``<source media>``, ``page.js``, ``render.js``, ``plots.js``);
- ``pointsPlot``: the points input's drawing, proportions and margins in px (``input_markup.py``
  draws it statically, ``points-input.js`` live);
- ``events``: the events Python sends (``display.py``, ``inputs.py``), which the build collects
  as output items (``outputs.py``) and the worker passes on to the page unchanged but for the
  run's id (``protocol.js``);
- ``errors``: the error types a run can end with besides Python's own, the reasons of a fatal
  event, and the message of a run stopped by KeyboardInterrupt (``runner.py``, ``worker.js``).

The twins that remain (output capping, line clipping, carriage returns, tick choice, input value
rules) run the same golden cases in pytest and in node's test runner
(``livedemo/assets/test/twins.json``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

CONTRACT: Final[dict[str, Any]] = json.loads(Path(__file__).with_name("contract.json").read_text(encoding="utf-8"))

OUTPUT: Final[dict[str, int]] = CONTRACT["output"]
HEAD_LINES: Final[int] = OUTPUT["headLines"]
TAIL_LINES: Final[int] = OUTPUT["tailLines"]
LINE_CHARS: Final[int] = OUTPUT["lineChars"]

NARROW_SCREEN: Final[str] = f"(max-width: {CONTRACT['narrowScreen']}px)"
"""The media query of the narrow plots, as the page writes it."""

POINTS_PLOT: Final[dict[str, int]] = CONTRACT["pointsPlot"]

EVENTS: Final[dict[str, str]] = CONTRACT["events"]
DISPLAY: Final[str] = EVENTS["display"]
"""``{"type": DISPLAY, "displayId": str | None, "spec": dict}``: a plot (same displayId: redrawn)."""
PROGRESS: Final[str] = EVENTS["progress"]
"""``{"type": PROGRESS, "progressId": str, "value": float, "total": float, "label": str}``."""
INPUT: Final[str] = EVENTS["input"]
"""``{"type": INPUT, "input": {"control", "name", "label", "default", "value", ...}}``: an input
declared, with the value this run used (``inputs.py``)."""

ERROR_TYPES: Final[dict[str, str]] = CONTRACT["errors"]["types"]
INTERRUPTED_MESSAGE: Final[str] = CONTRACT["errors"]["messages"]["interrupted"]
"""The message of a run that KeyboardInterrupt ended: Stop in place, or cancelled before it ran."""
