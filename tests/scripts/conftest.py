"""The scripts under demos/scripts/ are run as files, not installed: put their folder on the
path so the tests import them as the scripts themselves do."""

from __future__ import annotations

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "demos" / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))
