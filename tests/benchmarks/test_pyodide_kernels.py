"""The Pyodide kernel benchmark runs the real Pyodide under Node and times both checkouts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_case_is_timed_for_now_and_before():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "pyodide_kernels.py"), "--rounds", "1",
                          "--before", "HEAD"], check=True, capture_output=True, text=True, timeout=600).stdout
    assert out.startswith("# Pyodide under Node (numpy-") and "beside HEAD" in out
    times = dict(re.findall(r"^  (\S.*?\S)\s+([\d.]+) us\s+[\d.]+x$", out, re.M))
    for width in (40, 32, 8, 2):
        assert f"--- product ({'250' if width == 40 else '800'}, {width}) x" in out
    for step in ("maml_gradient, second order", "maml_gradient, first order", "reptile_direction",
                 "protonet_loss_and_grads"):
        assert float(times[f"now: {step}"]) > 0 and float(times[f"before: {step}"]) > 0, step
    assert float(times["np.where(mask, d, 0.0)  (mlp.gate)"]) > 0
