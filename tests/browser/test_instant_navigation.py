"""Material's instant navigation: pages swap without reloading, so the scripts set up each new page
through ``document$`` (controls and a fresh worker per page, math rendered again)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import BrowserContext

from building import FIXTURES, ROOT, mkdocs_build
from browsing import serve
from livepage import block, run, status_of, streams


@pytest.fixture(scope="module")
def instant_url(frontend: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo fixture site built with ``navigation.instant`` (config rewritten in a temp folder)."""
    fixture = FIXTURES / "demo-site"
    text = (fixture / "mkdocs.yml").read_text(encoding="utf-8").replace("../../../", f"{ROOT}/")
    text = text.replace("  font: false\n", "  font: false\n  features:\n    - navigation.instant\n", 1)
    assert "navigation.instant" in text
    work = tmp_path_factory.mktemp("instant")
    config = work / "mkdocs.yml"
    config.write_text(f"docs_dir: {fixture / 'docs'}\n{text}", encoding="utf-8")
    result = mkdocs_build(config, work / "site")
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url


def test_pages_reached_by_instant_navigation_get_live_demos_and_math(
    fresh_context: BrowserContext, instant_url: str
) -> None:
    page = fresh_context.new_page()
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(instant_url, wait_until="networkidle")
    page.wait_for_function("document.querySelectorAll('.arithmatex .katex').length === 2")

    page.get_by_role("link", name="demos").first.click()  # swapped in by Material, no reload
    page.wait_for_url("**/demos/")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    page.locator(".livedemo-controls").first.wait_for()
    assert page.locator(".livedemo-controls").count() == page.locator(".livedemo").count()
    assert streams(run(page, "Hello")) == [("stdout", "hello 42\n")]

    page.go_back()
    page.wait_for_url(instant_url)
    page.locator(".arithmatex .katex").first.wait_for()
    page.go_forward()
    page.wait_for_url("**/demos/")
    page.locator(".livedemo-controls").first.wait_for()
    assert page.locator(".livedemo-controls").count() == page.locator(".livedemo").count()
    # A new page, a new worker: "Uses x" replays its session's "Hello" first.
    uses = run(page, "Uses x")
    assert streams(uses) == [("stdout", "x is still 21\n")], status_of(uses)
    assert status_of(block(page, "Hello")).startswith("Done in")
    python_workers = [url for url in workers if url.endswith("/livedemo/worker.js")]  # not helpers
    assert len(python_workers) == 2, workers
