"""Fixtures for the contribution checks: throw-away projects, a scaffolded post's site, a browser page.

The browser and the served real site come from tests/conftest.py (``browser``, ``site_url``):
one Chromium and one local server for the whole session, shared with the other browser tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

from building import BuildResult, mkdocs_build
from contrib_project import LINKS_POST, LINKS_TEXT, SCAFFOLD_TITLE, Project, make_project
from new_post import scaffold  # scripts/ is on sys.path through contrib_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A throw-away copy of the project, sharing demos and tests with the repository."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def scaffold_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, list[Path], BuildResult]:
    """A copy with a post made by ``make post ... DEMO=1`` (as it is, a draft) and a post with
    broken raw HTML links, built strictly once. Drafts are built, as ``make check`` does."""
    work = tmp_path_factory.mktemp("scaffold")
    project = make_project(work / "project", own_demos=True)
    written = scaffold(project.root, SCAFFOLD_TITLE, demo=True)
    (project.root / LINKS_POST).write_text(LINKS_TEXT, encoding="utf-8")
    return project, written, mkdocs_build(project.root / "mkdocs.yml", work / "site", drafts=True)


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
