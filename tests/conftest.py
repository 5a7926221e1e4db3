"""Shared fixtures: the real site and the demo fixture site, each built strictly once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from browsing import CHROMIUM, CHROMIUM_ARGS, serve
from building import FIXTURES, BuildResult, copy_project, mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built strictly once per test session."""
    work = tmp_path_factory.mktemp("site-project")
    result = mkdocs_build(copy_project(work), work / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def built_demo_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The small demo fixture site (tests/fixtures/demo-site), built strictly once."""
    result = mkdocs_build(
        FIXTURES / "demo-site" / "mkdocs.yml", tmp_path_factory.mktemp("demo-site") / "site"
    )
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def site_url(built_site: BuildResult) -> Iterator[str]:
    """The real site served on 127.0.0.1 for the session."""
    with serve(built_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian Chromium for the whole session."""
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1: browser tests turned off explicitly")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (make test does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
