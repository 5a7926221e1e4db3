"""Make ``import metalearn`` work from a checkout (the package lives in demos/)."""

import sys
from pathlib import Path

DEMOS = Path(__file__).resolve().parents[2] / "demos"
if str(DEMOS) not in sys.path:
    sys.path.insert(0, str(DEMOS))
