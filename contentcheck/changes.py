"""What an author changed: the pages and demos ``make check`` looks at closely.

The changes are the files that differ from where the branch left the base branch
(``git merge-base``), committed or not, plus new files git does not ignore. Outside a git
checkout, or with ``--all``, everything counts as changed.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .demos import tests_for
from .project import Project

BASES = ("origin/HEAD", "origin/main", "main")


@dataclass
class Changes:
    files: list[str] | None  # paths from the project's root; None: everything
    base: str | None = None  # what they were compared with, e.g. "main"

    def pages(self, project: Project) -> list[str]:
        """Changed Markdown pages that exist, e.g. "docs/blog/posts/my-post.md"."""
        every = [project.rel(p) for p in project.pages()]
        return every if self.files is None else [p for p in every if p in self.files]

    def demo_tests(self, project: Project) -> list[Path]:
        """The tests of every changed demo folder, and changed test files of tests/demos/."""
        demos = project.root / "demos"
        if self.files is None:
            folders = sorted(d.name for d in demos.iterdir() if d.is_dir()) if demos.is_dir() else []
        else:
            folders = sorted({f.split("/")[1] for f in self.files
                              if f.startswith("demos/") and f.count("/") >= 2})
        tests = [t for name in folders for t in tests_for(project, name)]
        if self.files is None:
            tests += sorted((project.root / "tests" / "demos").glob("test_*.py"))
        else:
            tests += [project.root / f for f in self.files
                      if f.startswith("tests/demos/") and f.endswith(".py") and (project.root / f).is_file()]
        return sorted(set(tests))


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def changes(project: Project, base: str | None = None) -> Changes:
    """The files changed since the branch left ``base`` (default: the first of ``BASES``
    that exists); everything when this is not a git checkout or no base is found."""
    top = _git(project.root, "rev-parse", "--show-toplevel")
    if top is None or Path(top.strip()).resolve() != project.root:
        return Changes(None)
    for candidate in [base] if base else BASES:
        fork = _git(project.root, "merge-base", "HEAD", candidate)
        if fork:
            break
    else:
        return Changes(None)
    changed = _git(project.root, "diff", "--name-only", "--no-renames", fork.strip()) or ""
    new = _git(project.root, "ls-files", "--others", "--exclude-standard") or ""
    files = sorted({line for line in (changed + new).splitlines() if line.strip()})
    return Changes(files, candidate)
