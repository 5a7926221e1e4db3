"""benchmarks/returning_breakdown.py turns one visit's probe events into its steps."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "benchmarks"))


def _module():
    spec = importlib.util.spec_from_file_location("returning_breakdown", ROOT / "benchmarks" / "returning_breakdown.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader
    spec.loader.exec_module(module)
    return module


def test_steps_are_the_gaps_between_the_probes_events() -> None:
    events = [
        {"at": 1000.0, "what": "click"},
        {"at": 1100.0, "what": "worker start"},
        {"at": 1500.0, "start": 1480.0, "what": "instantiate module"},
        {"at": 2000.0, "what": "event ready"},
        {"at": 2010.0, "what": "event loading", "phase": "runtime"},  # not the package load
        {"at": 2020.0, "what": "event loading", "phase": "packages"},
        {"at": 2600.0, "start": 2500.0, "mid": 2560.0, "what": "instantiate bytes"},
        {"at": 2700.0, "start": 2650.0, "mid": 2690.0, "what": "instantiate bytes"},
        {"at": 2750.0, "what": "event running"},
        {"at": 3500.0, "what": "output"},
    ]
    steps = _module().steps(events)
    assert steps == {
        "click → output": 2500, "click → worker start": 100, "worker start → ready": 900,
        "package load (loading → running)": 730, "running → output (import numpy, run)": 750,
        ".so count": 2, ".so compile total": 100, ".so instantiate total": 50,
        "first .so start → last .so end": 200, "loading → first .so (fetch, unpack)": 480,
        "last .so → running": 50, "pyodide.asm instantiate": 20, "asm instantiated → ready (restore/boot)": 500,
    }
