"""What the build and the page must agree on, read from ``contract.json`` (the page's bundle
imports it too; the worker writes both files into the browser's Python). Each part, and who
reads it, is listed in livedemo/README.md. Kept short: the worker bundle carries this file.
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

POINTS_PLOT: Final[dict[str, int]] = CONTRACT["pointsPlot"]

EVENTS: Final[dict[str, str]] = CONTRACT["events"]
DISPLAY: Final[str] = EVENTS["display"]
PROGRESS: Final[str] = EVENTS["progress"]
INPUT: Final[str] = EVENTS["input"]

ERROR_TYPES: Final[dict[str, str]] = CONTRACT["errors"]["types"]
INTERRUPTED_MESSAGE: Final[str] = CONTRACT["errors"]["messages"]["interrupted"]
