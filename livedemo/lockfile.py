"""Pyodide's lock file for the site: Pyodide's own packages plus the project's demo wheel.

The demo package under ``demos/`` is built into a pure-Python wheel with ``pip wheel``
and added with ``pyodide lockfile add-wheels`` (package ``pyodide-lock[wheel]``), so
``import metalearn`` works in the browser. Pyodide's own packages (numpy, ...) are
self-hosted when a folder of Pyodide wheels is given and a wheel's sha256 matches the
lock; every other entry points at the pinned CDN, since the npm package ships none.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


SKIPPED = ("build", "dist", "*.egg-info", "__pycache__", "*.pyc")


class LockfileError(RuntimeError):
    """The wheel or the lock file could not be made; the message says which step failed."""


@dataclass
class Lock:
    """The lock file's JSON and the local files it needs beside it in the site."""

    data: dict
    files: dict[str, Path] = field(default_factory=dict)  # file name in the site -> source
    self_hosted: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # for the build log (warnings)

    def package_names(self) -> set[str]:
        return set(self.data["packages"])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-3000:]
        raise LockfileError(f"{what} failed ({' '.join(command[:4])} ...):\n{output}")


def build_wheel(project: Path, out_dir: Path) -> Path:
    """Build ``project`` (a folder with pyproject.toml) into a py3-none-any wheel.

    It builds from a copy, because setuptools writes ``build/`` and ``*.egg-info`` into
    the folder it builds, and the author's tree should stay as it is.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="livedemo-wheel-") as tmp:
        source = Path(tmp) / "project"
        shutil.copytree(project, source, ignore=shutil.ignore_patterns(*SKIPPED))
        _run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
             "--quiet", "-w", str(out_dir), str(source)],
            f"building the demo wheel from {project}",
        )
    wheels = sorted(out_dir.glob("*.whl"))
    if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
        raise LockfileError(f"expected one pure-Python wheel from {project}, got {wheels}")
    return wheels[0]


def add_wheels(base_lock: Path, wheels: list[Path], out: Path) -> dict:
    """Run ``pyodide lockfile add-wheels`` and return the new lock's JSON."""
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    command = [str(pyodide_cli) if pyodide_cli.exists() else "pyodide"]
    _run(
        [*command, "lockfile", "add-wheels", "--input", str(base_lock), "--output", str(out),
         "--base-path", str(wheels[0].parent), *map(str, wheels)],
        "pyodide lockfile add-wheels",
    )
    return json.loads(out.read_text(encoding="utf-8"))


def make_lock(
    base_lock: Path, wheels: list[Path], work_dir: Path, cdn_url: str,
    local_wheels: Path | None = None,
) -> Lock:
    """The site's lock: our wheels and verified local Pyodide wheels relative, the rest on the CDN."""
    if wheels:
        data = add_wheels(base_lock, wheels, work_dir / "pyodide-lock.json")
    else:
        data = json.loads(base_lock.read_text(encoding="utf-8"))
    lock = Lock(data)
    ours = {w.name: w for w in wheels}
    for name, package in sorted(data["packages"].items()):
        file_name = package["file_name"]
        if "://" in file_name:
            continue
        if file_name in ours:
            lock.files[file_name] = ours[file_name]
            continue
        candidate = local_wheels / file_name if local_wheels else None
        if candidate is not None and candidate.is_file():
            if sha256(candidate) == package["sha256"]:
                lock.files[file_name] = candidate
                lock.self_hosted.append(name)
                continue
            lock.problems.append(
                f"{candidate} does not match the sha256 in Pyodide's lock file; "
                f"{name} will load from the CDN instead"
            )
        package["file_name"] = cdn_url.rstrip("/") + "/" + file_name
    return lock
