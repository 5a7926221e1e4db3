"""Fixtures for the contribution checks: throw-away projects, a scaffolded post's site, a browser page.

The browser and the served real site come from tests/conftest.py (``browser``, ``site_url``):
one Chromium and one local server for the whole session, shared with the other browser tests.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page

from building import ROOT, BuildResult, copy_project, mkdocs_build

sys.path.insert(0, str(ROOT / "scripts"))

from contentcheck import Project  # noqa: E402
from new_post import scaffold  # noqa: E402

MakeProject = Callable[..., Project]
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


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A throw-away copy of the project, sharing demos and tests with the repository."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def scaffold_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[Path], BuildResult]:
    """A copy with a post made by ``make post ... DEMO=1`` (as it is, a draft) and a post with
    broken raw HTML links, built strictly once. Drafts are rendered, as ``make serve`` does."""
    work = tmp_path_factory.mktemp("scaffold")
    project = make_project(work / "project", own_demos=True)
    written = scaffold(project.root, SCAFFOLD_TITLE, demo=True)
    (project.root / LINKS_POST).write_text(LINKS_TEXT, encoding="utf-8")
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      blog_dir: blog\n" in text, "mkdocs.yml's blog plugin settings moved: update this fixture"
    config.write_text(text.replace("      blog_dir: blog\n", "      blog_dir: blog\n      draft: true\n"),
                      encoding="utf-8")
    return project, written, mkdocs_build(config, work / "site")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser page that may reach only the local site (no request leaves the machine)."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                  else route.abort())
    page = context.new_page()
    yield page
    context.close()
