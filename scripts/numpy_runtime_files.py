"""Which files of the numpy wheel Python opens in Pyodide: the evidence for the slim wheel's list.

Runs the pinned Pyodide under Node (``scripts/pyodide-node.mjs``) with the wheel given (by default
Pyodide's own, as vendored), records every file under ``site-packages/numpy`` that Python opens
(an audit hook on ``open``): first while it imports numpy and runs every demo of the site's pages,
in page order, one namespace per page (the demo library and ``livedemo``'s display API mounted from
this checkout), then while it imports every public submodule (no ``_`` in any part of the name).

    .venv/bin/python scripts/numpy_runtime_files.py [WHEEL]

It prints what was opened, the public submodules that failed to import, the demos that failed, and,
for each rule of ``livedemo/slimwheel.py`` and each phase, how many of the entries it removes were
opened (the demos must open none; of the public submodules only f2py, which the list removes). Slow under load: the longest demo trains for a while.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from livedemo import slimwheel  # noqa: E402

VENDORED = ROOT / "vendor/pyodide-wheels/numpy-2.4.3-cp314-cp314-pyemscripten_2026_0_wasm32.whl"
SITE = "/lib/python3.14/site-packages"
FENCE = re.compile(r"^```pyodide(?P<info>[^\n]*)\n(?P<body>.*?)^```\s*$", re.M | re.S)
FILE_OPTION = re.compile(r'\bfile="([^"]+)"')

PROBE = r"""
import importlib, json, pkgutil, sys, traceback
sys.dont_write_bytecode = True  # nothing written into the mounted folders of the checkout
opened = {"demos": set(), "public submodules": set()}
phase = "demos"
def _hook(event, args):
    if event == "open" and isinstance(args[0], str) and args[0].startswith(SITE + "/numpy/"):
        opened[phase].add(args[0][len(SITE) + 1:])
sys.addaudithook(_hook)
import numpy
failed_demos = {}
for page, blocks in PAGES:
    namespace = {"__name__": "__main__"}
    for index, code in enumerate(blocks):
        try:
            exec(compile(code, f"{page}#{index}", "exec"), namespace)
        except Exception:
            failed_demos[f"{page}#{index}"] = traceback.format_exc(limit=-2)
phase = "public submodules"
failed_imports = {}
for info in pkgutil.walk_packages(numpy.__path__, "numpy."):
    if any(part.startswith("_") for part in info.name.split(".")) or ".tests" in info.name:
        continue
    try:
        importlib.import_module(info.name)
    except Exception as exc:
        failed_imports[info.name] = f"{type(exc).__name__}: {exc}"
json.dumps({"opened": {k: sorted(v) for k, v in opened.items()}, "failed_imports": failed_imports,
            "failed_demos": failed_demos})
"""


def pages() -> list[tuple[str, list[str]]]:
    """Every page's demo code, in page order: inline bodies or the demo files they name."""
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        blocks = []
        for fence in FENCE.finditer(page.read_text(encoding="utf-8")):
            file = FILE_OPTION.search(fence["info"])
            blocks.append((ROOT / "demos" / file[1]).read_text(encoding="utf-8") if file else fence["body"])
        if blocks:
            found.append((page.relative_to(ROOT).as_posix(), blocks))
    return found


def probe(wheel: Path) -> dict:
    livedemo = ROOT / "livedemo"
    code = f"SITE = {SITE!r}\nPAGES = {pages()!r}\n{PROBE}"
    result = subprocess.run(
        ["node", str(ROOT / "scripts/pyodide-node.mjs"), "--wheel", str(wheel),
         "--mount", f"{ROOT / 'demos/metalearn'}={SITE}/metalearn",
         "--mount", f"{livedemo}={SITE}/livedemo"],
        input=code, capture_output=True, text=True, check=False,
    )
    if result.returncode:
        raise SystemExit(f"pyodide-node.mjs failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def main() -> None:
    wheel = Path(sys.argv[1]) if len(sys.argv) > 1 else VENDORED
    found = probe(wheel)
    removals = slimwheel.removals_for(wheel)
    for phase, names in found["opened"].items():
        files = sorted({re.sub(r"__pycache__/(.*)\.cpython-\d+\.pyc$", r"\1.py", n) for n in names})
        print(f"opened under numpy/ by {phase} ({len(files)} files, sources and bytecode merged):")
        print("  " + " ".join(files))
        for rule in removals:
            hits = [n for n in names if slimwheel.removal_of(n, (rule,))]
            print(f"  rule {rule.pattern!r}: {len(hits)} opened {hits[:3]}")
    print(f"public submodules that failed to import: {found['failed_imports'] or 'none'}")
    print(f"demos that failed: {found['failed_demos'] or 'none'}")


if __name__ == "__main__":
    main()
