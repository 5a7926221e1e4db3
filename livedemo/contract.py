"""What the build and the page must agree on, read from ``contract.json``.

The page's bundle imports the same file (``assets/src/contract.js``), so a limit or a size
changed there changes both sides at once:

- ``output``: the caps on a run's output (``markup.capped`` at build time, ``output.js`` live);
- ``narrowScreen``: the widest screen, in CSS px, that gets the narrow plots (the build's
  ``<source media>``, ``page.js``, ``render.js``, ``plots.js``);
- ``pointsPlot``: the points input's drawing, proportions and margins in px (``input_markup.py``
  draws it statically, ``points-input.js`` live);
- ``errors``: the error types a run can end with besides Python's own, and the reasons of a
  fatal event (``protocol.js`` exports them).
 The twins that remain (output capping, line clipping, carriage
returns, tick choice, input value rules) run the same golden cases in pytest and in node's test
runner (``livedemo/assets/test/twins.json``).
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

ERROR_TYPES: Final[dict[str, str]] = CONTRACT["errors"]["types"]
