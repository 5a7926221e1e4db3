"""Build projects for real in temporary folders, as an author would, with MkDocs or Zensical.

Builds use the project's own venv tools and the real plugin; nothing is mocked.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GENERATED = shutil.ignore_patterns("livedemo", "pyodide")  # docs/assets/ written by the prepare step


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout + stderr of `mkdocs build` (or of the Zensical steps)
    site: Path
    seconds: float = 0.0

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def mkdocs_build(config: Path, site: Path, *, strict: bool = True, drafts: bool = False) -> BuildResult:
    """Run `mkdocs build` on ``config`` into ``site`` and capture what an author would see, as
    `make build` runs it (``drafts``: as `make check` does, with the blog's drafts built)."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BLOG_DRAFTS": "true" if drafts else "false"}
    result = subprocess.run(command, capture_output=True, text=True, cwd=config.parent, env=env)
    return BuildResult(result.returncode, result.stdout + result.stderr, site)


def copy_project(target: Path) -> Path:
    """A throw-away copy of the real site (mkdocs.yml + docs/ without what the prepare step
    writes), sharing demos, vendor, node_modules, the content checks (its hook) and the cache."""
    shutil.copytree(ROOT / "docs", target / "docs", ignore=GENERATED)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    (ROOT / ".cache").mkdir(exist_ok=True)  # shared, so demo outputs are computed once
    for shared in ("demos", "scripts", "contentcheck", "vendor", "node_modules", ".cache"):
        (target / shared).symlink_to(ROOT / shared)
    return target / "mkdocs.yml"




ANSI = re.compile(r"\x1b\[[0-9;]*m")


def zensical_build(project: Path) -> BuildResult:
    """Build ``project`` (a folder with mkdocs.yml) with Zensical, strictly, as `make
    zensical-build` does: the content checks, the prepare step, then `zensical build --strict`
    into ``project/site``. The steps stop at the first that fails, as make does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "BLOG_DRAFTS": "false"}
    bin_dir = Path(sys.executable).parent
    steps = [
        [sys.executable, "-m", "contentcheck", "prebuild", "--strict"],
        [sys.executable, "-m", "livedemo", "prepare"],
        [str(bin_dir / "zensical"), "build", "--strict", "-f", "mkdocs.yml"],
    ]
    output, started = "", time.monotonic()
    for command in steps:
        result = subprocess.run(command, capture_output=True, text=True, cwd=project, env=env)
        output += ANSI.sub("", result.stdout + result.stderr)
        if result.returncode:
            return BuildResult(result.returncode, output, project / "site", time.monotonic() - started)
    return BuildResult(0, output, project / "site", time.monotonic() - started)


def copy_project_for_zensical(target: Path) -> Path:
    """A throw-away copy of the real site for Zensical: like ``copy_project``, but Zensical's
    own page cache stays in the copy (``.cache/``) while the demo outputs are shared."""
    shutil.copytree(ROOT / "docs", target / "docs", ignore=GENERATED)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    shared_cache = ROOT / ".cache" / "livedemo"
    shared_cache.mkdir(parents=True, exist_ok=True)
    text = text.replace("  - livedemo.extension:\n", f"  - livedemo.extension:\n      cache_dir: {shared_cache}\n")
    assert str(shared_cache) in text
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    for shared in ("demos", "contentcheck", "vendor", "node_modules"):
        (target / shared).symlink_to(ROOT / shared)
    return target
