"""Every demo of every published page, run live in real Chromium from the built site alone.

For each page of docs/ with demo blocks (drafts are not published), a fresh browser with an
empty cache opens the built page and presses Run on every block in page order, as a reader
would (blocks of a session therefore run in order). Each block must finish without error
within its time limit, print what the build printed (exactly, or within the tolerance the
block declares and tells the reader about), and draw its plots; after the reader's intent no
request may leave 127.0.0.1, except for the page's own declared external images.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page, Request

from building import ROOT, BuildResult
from demo_outputs import number_differences
from livedemo.fence import fence_lines

BOOT_MARGIN_MS = 120_000  # a cold Pyodide boot and package downloads on a busy machine
REPORT: list[str] = []  # printed after the session by conftest.py


def _published_pages_with_demos() -> list[str]:
    """Source paths (relative to docs/) of the pages that carry demo fences, drafts left out."""
    pages = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        source = path.read_text(encoding="utf-8")
        if not fence_lines(source):
            continue
        front = re.match(r"---\n(.*?)\n---\n", source, re.S)
        if front and (yaml.safe_load(front.group(1)) or {}).get("draft") is True:
            continue
        pages.append(path.relative_to(ROOT / "docs").as_posix())
    return pages


def _block_prefix(source_path: str) -> str:
    """The id prefix of a page's blocks (the fence derives ids from the page's source path)."""
    return "livedemo-" + re.sub(r"[^a-z0-9]+", "-", source_path.lower().removesuffix(".md")).strip("-")


def _built_url(site: Path, source_path: str) -> str:
    marker = f'id="{_block_prefix(source_path)}-1"'
    for html in site.rglob("*.html"):
        if marker in html.read_text(encoding="utf-8"):
            return html.relative_to(site).as_posix().removesuffix("index.html")
    raise AssertionError(f"no built page has the blocks of {source_path}")


def _streams(block: Locator) -> list[tuple[str, str]]:
    pairs = block.locator(".livedemo-output pre.livedemo-stream").evaluate_all(
        "els => els.map(e => [e.dataset.stream, e.textContent])"
    )
    return [(stream, text) for stream, text in pairs]


def _compare(built: list[tuple[str, str]], live: list[tuple[str, str]], tolerance: float) -> str | None:
    """A problem, or None; within-tolerance differences go to the report."""
    if [s for s, _ in built] != [s for s, _ in live]:
        return f"streams differ: built {[s for s, _ in built]}, live {[s for s, _ in live]}"
    found = []
    for (stream, was), (_, now) in zip(built, live):
        differences = number_differences(was, now, tolerance)
        if differences is None:
            return f"{stream} differs from the build:\n--- built\n{was}\n--- live\n{now}"
        found += differences
    return f"within its {tolerance:.0%} tolerance: {', '.join(found)}" if found else None


def _run_block(page: Page, block: Locator, title: str, timeout_s: int) -> tuple[str, float]:
    status = block.locator(".livedemo-status")
    status.evaluate("el => { el.dataset.state = 'waiting-for-test'; }")
    started = time.perf_counter()
    block.get_by_role("button", name=f"Run {title}", exact=True).click()
    block.locator(".livedemo-status[data-state=done], .livedemo-status[data-state=error]").wait_for(
        timeout=timeout_s * 1000 + BOOT_MARGIN_MS
    )
    return status.text_content() or "", time.perf_counter() - started


@pytest.mark.browser
@pytest.mark.parametrize("source_path", _published_pages_with_demos())
def test_every_demo_runs_live_and_prints_what_the_build_printed(
    source_path: str, built_site: BuildResult, site_url: str, browser: Browser
) -> None:
    own_host = urlsplit(site_url).netloc
    context = browser.new_context()
    requests: list[tuple[float, Request]] = []
    context.on("request", lambda request: requests.append((time.perf_counter(), request)))
    context.route(
        "**/*",
        lambda route: route.continue_() if urlsplit(route.request.url).netloc == own_host else route.abort(),
    )
    try:
        page = context.new_page()
        page.goto(site_url + _built_url(built_site.site, source_path), wait_until="load")
        images = set(page.eval_on_selector_all("img", "els => els.map(e => e.src)"))
        blocks = page.locator(".livedemo")
        problems = []
        intent = time.perf_counter()
        for index in range(blocks.count()):
            block = blocks.nth(index)
            block.scroll_into_view_if_needed()
            title = block.locator(".livedemo-title").text_content() or ""
            options = json.loads(block.get_attribute("data-livedemo") or "{}")
            if options.get("run") == "live-only":
                built, figures = None, 0
            else:
                built = _streams(block)
                figures = block.locator(".livedemo-output figure.livedemo-plot").count()
            where = f"{source_path}, demo #{index + 1} “{title}”"
            status, seconds = _run_block(page, block, title, options["timeout"])
            REPORT.append(f"{where}: {status} ({seconds:.1f} s after Run, limit {options['timeout']} s)")
            if not status.startswith("Done in"):
                problems.append(f"{where}: {status}\n{block.locator('.livedemo-output').inner_text()}")
                continue
            if built is not None:
                problem = _compare(built, _streams(block), options.get("tolerance") or 0)
                if problem and problem.startswith("within"):
                    REPORT.append(f"{where}: {problem}")
                elif problem:
                    problems.append(f"{where}: {problem}")
            drawn = block.locator(".livedemo-output figure.livedemo-plot")
            if drawn.count() != figures:
                problems.append(f"{where}: {drawn.count()} plots live, {figures} at build time")
            for figure in drawn.all():
                figure.locator(".livedemo-plot-view svg").wait_for(timeout=30_000)
        foreign = sorted({
            request.url for at, request in requests
            if at >= intent and urlsplit(request.url).netloc != own_host
            and not (request.resource_type == "image" and request.url in images)
        })
        assert not foreign, f"requests to other hosts after intent: {foreign}"
        assert not problems, "\n\n".join(problems)
    finally:
        context.close()
