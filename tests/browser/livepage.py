"""Helpers shared by the browser tests: serving a site, and driving demo blocks on a page."""

from __future__ import annotations

import re
from typing import Callable

from playwright.sync_api import Browser, BrowserContext, Locator, Page


RUN_TIMEOUT_MS = 60_000  # a cold Pyodide boot plus the run, with room for a slow CI machine


def offline_context(browser: Browser, **options) -> BrowserContext:
    """A fresh context (empty cache) that cannot reach any other host."""
    context = browser.new_context(**options)
    context.route("https://**/*", lambda route: route.abort())
    return context


def block(page: Page, title: str) -> Locator:
    """The demo block with this exact title."""
    return page.locator(".livedemo").filter(
        has=page.locator(".livedemo-title").get_by_text(title, exact=True)
    )


def run(
    page: Page, title: str, *, timeout: float = RUN_TIMEOUT_MS, via: Callable[[], None] | None = None
) -> Locator:
    """Press Run (or call ``via``) on a block and wait until it is done or failed."""
    target = block(page, title)
    status = target.locator(".livedemo-status")
    status.evaluate("el => { el.dataset.state = 'waiting-for-test'; }")
    (via or (lambda: button(target, "Run", title).click()))()
    wait_settled(target, timeout=timeout)
    return target


def button(target: Locator, action: str, title: str) -> Locator:
    """A block's control, found by its accessible name ("Run Hello", "Stop Hello", ...; Reset
    says "the code and inputs" in a block with inputs)."""
    if action == "Reset":
        return target.get_by_role("button", name=re.compile(rf"^Reset the code( and inputs)? of {re.escape(title)}$"))
    name = f"{action} the code of {title}" if action == "Copy" else f"{action} {title}"
    return target.get_by_role("button", name=name, exact=True)


def wait_settled(target: Locator, *, timeout: float = RUN_TIMEOUT_MS) -> None:
    """Wait until the block's status says done or error."""
    target.locator(".livedemo-status[data-state=done], .livedemo-status[data-state=error]").wait_for(
        timeout=timeout
    )


def status_of(target: Locator) -> str:
    return target.locator(".livedemo-status").text_content() or ""


def streams(target: Locator) -> list[tuple[str, str]]:
    """(stream, text) of each output stream element, in order."""
    pairs = target.locator(".livedemo-output pre.livedemo-stream").evaluate_all(
        "els => els.map(e => [e.dataset.stream, e.textContent])"
    )
    return [(stream, text) for stream, text in pairs]


def open_editor(page: Page, title: str) -> Locator:
    """Click the block's code (static or already an editor) and wait for the focused editor."""
    target = block(page, title)
    target.locator(".livedemo-code pre, .livedemo-code .cm-content").first.click()
    target.locator(".cm-editor.cm-focused").wait_for()
    return target


def replace_code(page: Page, title: str, code: str) -> Locator:
    """Type ``code`` over a block's code in the editor, as a reader would paste it."""
    target = open_editor(page, title)
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)
    return target
