"""Helpers shared by the browser tests: serving a site, and driving demo blocks on a page."""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

from playwright.sync_api import Browser, BrowserContext, Locator, Page

RUN_TIMEOUT_MS = 60_000  # a cold Pyodide boot plus the run, with room for a slow CI machine


class _Handler(SimpleHTTPRequestHandler):
    """Static files, with the types Pyodide needs; optionally cross-origin isolated."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }
    isolated = False

    def end_headers(self) -> None:
        if self.isolated:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve_site(folder: Path, *, isolated: bool) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port (COOP/COEP headers if ``isolated``); stop after."""
    handler = type("Handler", (_Handler,), {"isolated": isolated})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


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
    """A block's control, found by its accessible name ("Run Hello", "Stop Hello", ...)."""
    name = f"Reset the code of {title}" if action == "Reset" else f"{action} {title}"
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
