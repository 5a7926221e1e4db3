"""Fixtures for the live-demo browser tests: the built demo site, served, and shared pages.

The demo fixture site (tests/fixtures/demo-site) is built once with the real MkDocs plugin
(``built_demo_site`` in tests/conftest.py). One Chromium serves the whole session; pages are
shared where that saves Pyodide boots (~3-4 s each). Requests to other hosts are aborted:
the tests never depend on the network.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from livedemo.bootstdlib import BROWSER_MODULES

from browsing import serve
from livepage import offline_context

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "livedemo" / "assets"


def _frontend_is_stale() -> bool:
    built = ASSETS / "dist" / "page.js"
    if not built.exists():
        return True
    inlined = [ROOT / "livedemo" / name for name in BROWSER_MODULES]
    newest = max(p.stat().st_mtime for p in [*(ASSETS / "src").rglob("*"), ASSETS / "build.mjs", *inlined])
    return newest > built.stat().st_mtime


@pytest.fixture(scope="session")
def frontend() -> Path:
    """livedemo/assets/dist, rebuilt first if a source is newer than the bundle."""
    if _frontend_is_stale():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("livedemo/assets/dist is missing or stale and npm is not installed")
        subprocess.run([npm, "run", "--silent", "build"], cwd=ROOT, check=True)
    return ASSETS / "dist"


@pytest.fixture(scope="session")
def demo_site(frontend: Path, request: pytest.FixtureRequest) -> Path:
    """The demo fixture site, built with the real plugin and this front end."""
    return request.getfixturevalue("built_demo_site").site


@pytest.fixture(scope="session")
def demo_url(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def isolated_url(demo_site: Path) -> Iterator[str]:
    """The same site with COOP/COEP headers, so pages are cross-origin isolated."""
    with serve(demo_site, isolated=True) as url:
        yield url


@pytest.fixture(scope="session")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    context = offline_context(browser)
    yield context
    context.close()


@pytest.fixture(scope="session")
def demos(shared_context: BrowserContext, demo_url: str) -> Page:
    """The demos page, shared by the tests that only run blocks (one Pyodide boot)."""
    page = shared_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    return page


@pytest.fixture
def fresh_context(browser: Browser) -> Iterator[BrowserContext]:
    context = offline_context(browser)
    yield context
    context.close()
