"""Build MkDocs projects for real in temporary folders, as an author would.

Builds use the project's own venv tools and the real plugin; nothing is mocked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout + stderr of `mkdocs build`
    site: Path

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
    """A throw-away copy of the real site (mkdocs.yml + docs/), sharing demos, vendor and node_modules."""
    shutil.copytree(ROOT / "docs", target / "docs")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(text, encoding="utf-8")
    (ROOT / ".cache").mkdir(exist_ok=True)  # shared, so demo outputs are computed once
    for shared in ("demos", "scripts", "vendor", "node_modules", ".cache"):
        (target / shared).symlink_to(ROOT / shared)
    return target / "mkdocs.yml"


