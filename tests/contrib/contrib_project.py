"""Throw-away copies of the project for the contribution checks (used by conftest.py and tests).

The checks are the installed ``contentcheck`` package; ``scripts/`` (the scaffold) is imported
the way the command-line tools run it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from building import ROOT, copy_project

if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from contentcheck import Project  # noqa: E402  (installed; kept after the path for the scaffold)

SCAFFOLD_TITLE = "Ça marche: a first post"
SCAFFOLD_SLUG = "ca-marche-a-first-post"
LINKS_POST = "docs/blog/posts/links-throw-away.md"
LINKS_TEXT = """---
date: 2024-01-02
authors: [erick]
categories: [blogpost]
description: A throw-away post whose raw HTML links are broken, to check that lychee finds them.
---

# Broken raw links

<p>A <a href="../no-such-page/">raw link to nowhere</a> and an
<a href="#no-such-anchor">anchor that does not exist</a>.</p>
"""


def make_project(target: Path, *, own_demos: bool = False) -> Project:
    """A throw-away copy of the project: docs/ copied; demos/, tests/ and the codespell
    settings shared by symlink. With ``own_demos``, demos/ and tests/demos/ are real folders
    (holding symlinks), so a scaffolded demo lands in the copy and not in the repository."""
    copy_project(target)
    for name in ("pyproject.toml", ".codespell-words.txt"):
        (target / name).symlink_to(ROOT / name)
    if not own_demos:
        (target / "tests").symlink_to(ROOT / "tests")
        return Project(target)
    (target / "demos").unlink()
    _link_entries(ROOT / "demos", target / "demos")
    _link_entries(ROOT / "tests", target / "tests", real={"demos"})
    _link_entries(ROOT / "tests" / "demos", target / "tests" / "demos")
    return Project(target)


def _link_entries(source: Path, target: Path, real: set[str] = frozenset()) -> None:
    target.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        for entry in source.iterdir():
            if entry.name not in real:
                (target / entry.name).symlink_to(entry)
