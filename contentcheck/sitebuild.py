"""The strict build as ``make check`` runs it: drafts included, into a folder of its own.

``mkdocs build`` (``make build``, the site that is published) leaves ``draft: true`` posts
out, and authors open pull requests with drafts; so the check builds them too, through the
blog plugin's ``draft`` option (``BLOG_DRAFTS`` in mkdocs.yml). A failing build prints what
MkDocs said, without its progress lines.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .project import Project

QUIET = {"NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life notice, printed by every run


@dataclass
class BuildReport:
    returncode: int
    output: str

    @property
    def messages(self) -> list[str]:
        """MkDocs' warnings and errors (with their continuation lines), not its progress lines."""
        kept, aborted, keep = [], [], False
        for line in self.output.splitlines():
            if line.strip().startswith("Aborted with"):
                aborted.append(line.strip())
            elif line.startswith(("INFO", "DEBUG")):
                keep = False
            elif line.startswith(("WARNING", "ERROR")) or keep:
                keep = True
                kept.append(line)
        return kept + aborted


def build_site(project: Project, site: Path, *, drafts: bool = True) -> BuildReport:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
               str(project.root / "mkdocs.yml"), "-d", str(site)]
    env = {**os.environ, **QUIET, "BLOG_DRAFTS": "true" if drafts else "false"}
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root, env=env)
    return BuildReport(result.returncode, result.stdout + result.stderr)
