"""Pyodide's boot under Node with each standard-library zip: Pyodide's whole python_stdlib.zip,
the site's boot zip as sources and as bytecode (pyodide-build's py-compile, run by Pyodide).

    .venv/bin/python benchmarks/stdlib_boot.py [--rounds 9] [--site docs]

Needs a prepared docs folder (``make build`` or ``python -m livedemo prepare``). Every round
starts one fresh Node process per variant, in turn (interleaved, so machine load falls on all
alike); prints bytes, then boot and boot → numpy imported, median [min–max] in seconds, and the
load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from livedemo.bootstdlib import compiled  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--site", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    pyodide = ROOT / "node_modules" / "pyodide"
    served = args.site / "assets" / "pyodide"
    wheels = sorted(str(p) for p in served.glob("*.whl"))
    with tempfile.TemporaryDirectory() as work:
        bytecode = Path(work) / "boot-compiled.zip"
        bytecode.write_bytes(compiled((served / "python_stdlib_boot.zip").read_bytes(), pyodide))
        variants = {
            "python_stdlib.zip (Pyodide's, sources)": served / "python_stdlib.zip",
            "boot zip, sources": served / "python_stdlib_boot.zip",
            "boot zip, bytecode": bytecode,
        }
        print(f"load average before: {os.getloadavg()}")
        times: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
        for _ in range(args.rounds):
            for name, zip_path in variants.items():
                done = subprocess.run(["node", str(ROOT / "benchmarks/stdlib_boot.mjs"), str(pyodide), str(zip_path), *wheels],
                                      capture_output=True, text=True, check=True)
                times[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"load average after: {os.getloadavg()}")
        print(f"{'standard library':40} {'bytes':>10} {'boot s':>20} {'boot → numpy imported s':>26}")
        for name, zip_path in variants.items():
            cells = []
            for key in ("boot", "numpy"):
                values = [t[key] / 1000 for t in times[name]]
                cells.append(f"{statistics.median(values):.2f} [{min(values):.2f}–{max(values):.2f}]")
            print(f"{name:40} {zip_path.stat().st_size:>10,} {cells[0]:>20} {cells[1]:>26}")


if __name__ == "__main__":
    main()
