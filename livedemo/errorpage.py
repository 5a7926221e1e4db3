"""Under ``mkdocs serve``, a build that fails shows its error in the browser, not only in the terminal.

MkDocs' server keeps serving the last good site after a failed rebuild and never tells the
browser, so an author looking at the page sees nothing wrong (or, since the failed build
emptied the site's folder, a bare "404 Not Found" on the next reload). ``show_build_errors``
wraps the server's builder: when a rebuild fails, every address of the served site shows a
page with the error messages, and the server's live reload is let through, so open tabs
switch to it; the next good build replaces it with the site again.
"""

from __future__ import annotations

import logging
import traceback
from html import escape
from pathlib import Path
from typing import Any, Callable

from mkdocs.exceptions import Abort, BuildError

log = logging.getLogger("mkdocs.plugins.livedemo")
MARKER = 'name="livedemo-build-error"'


class _Collect(logging.Handler):
    """Keeps the warnings and errors logged while one build runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def page(messages: list[str]) -> str:
    """The HTML shown in place of every page while the site cannot be built."""
    items = "".join(f"<pre>{escape(m)}</pre>" for m in messages) or "<pre>(no message)</pre>"
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta {MARKER} content=\"1\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Build error</title><style>"
        "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
        "color:#222;background:#fff}h1{color:#b00020;font-size:1.5rem}"
        "pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fdf0f0;border-left:4px solid "
        "#b00020;padding:.75rem 1rem}</style></head><body><main>"
        "<h1>The site could not be built</h1>"
        "<p>Fix what the messages below say and save the file: this page reloads by itself "
        "when the build succeeds. The terminal running <code>make serve</code> shows the same "
        "messages.</p>"
        f"{items}</main></body></html>\n"
    )


def write_error_site(site_dir: Path, messages: list[str]) -> None:
    """Put the error page in place of every HTML page of ``site_dir``.

    A failed build has usually emptied the folder first (MkDocs cleans it before building),
    so the page also becomes the home page and the 404 page, which the server sends for
    every address it has no file for.
    """
    text = page(messages)
    pages = {p for p in site_dir.rglob("*.html") if p.is_file()}
    for path in pages | {site_dir / "index.html", site_dir / "404.html"}:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def show_build_errors(server: Any) -> None:
    """Wrap ``server.builder`` (MkDocs' LiveReloadServer) so a failed rebuild serves the error."""
    build: Callable[..., None] = server.builder
    site_dir = Path(server.root)
    if getattr(build, "shows_errors", False):
        return

    def builder(*args: Any, **kwargs: Any) -> None:
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        try:
            build(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - shown in the page and the terminal
            messages = [m for m in collect.messages if m.startswith("ERROR")] or collect.messages
            if isinstance(error, Abort) and "BuildError" not in str(error):
                messages.append(str(error))  # "Aborted with 2 warnings in strict mode!"
            if not isinstance(error, (Abort, BuildError)):
                trace = "".join(traceback.format_exception(error))
                messages.append(trace)
                log.error("The build failed:\n%s", trace)
            write_error_site(site_dir, messages)
            log.error("The build failed: the served pages show the error until it is fixed.")
        finally:
            logger.removeHandler(collect)

    builder.shows_errors = True  # type: ignore[attr-defined]
    server.builder = builder
