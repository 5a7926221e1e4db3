"""The library builds into a pure-Python wheel that carries the shipped parameters."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

DEMOS = Path(__file__).resolve().parents[2] / "demos"


def test_wheel_is_pure_python_and_contains_the_params(tmp_path):
    # Build from a copy so that setuptools' build/ and egg-info never land in the work tree.
    source = tmp_path / "src"
    source.mkdir()
    shutil.copy(DEMOS / "pyproject.toml", source)
    shutil.copytree(DEMOS / "metalearn", source / "metalearn",
                    ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "wheels"
    # No build isolation: use the setuptools installed here rather than fetching it from PyPI,
    # as the site's own wheel build does (livedemo/lockfile.py).
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    str(source), "-w", str(out)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = out.glob("*.whl")
    assert wheel.name == "metalearn-0.1.0-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"metalearn/params/{n}.npz" for n in ("maml", "reptile", "baseline")} <= names
    assert "metalearn/mlp.py" in names and "metalearn/shipped.py" in names
    metadata = next(n for n in names if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Requires-Python: >=3.11" in text and "Requires-Dist: numpy>=2" in text


def test_library_imports_only_numpy_and_small_stdlib_modules():
    """What Pyodide has: numpy and the standard library; no threads, processes or scipy."""
    import ast

    allowed = {"__future__", "collections", "dataclasses", "importlib", "io", "json", "typing",
               "numpy", "metalearn"}
    for path in (DEMOS / "metalearn").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert roots <= allowed, f"{path.name} imports {roots - allowed}"
