"""Build-time plots as files of the site, named by a hash of their SVG.

The prepare step (``python -m livedemo prepare``) renders every page before any builder runs,
so it writes each plot into the docs folder (``assets/livedemo/plots/``), where every builder
copies it like any other file; the builder's own render then only checks that the file is
there and links to it relative to the page. Identical plots share one file.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

PLOTS_URL = "assets/livedemo/plots"


class MissingPlot(LookupError):
    """A plot that the prepare step did not write (it was not run, or the demo changed since)."""


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file holds it already (a serving builder watching the docs
    folder then sees no change and does not rebuild again). Whether it wrote."""
    try:
        if path.stat().st_size == len(content) and path.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def relative_url(target: str, page_url: str) -> str:
    """``target`` (from the site's root) relative to the page at ``page_url`` (``"blog/x/"``,
    ``"about.html"``, ``""`` for the home page), as both MkDocs and Zensical give it."""
    page_url = page_url.lstrip("/")
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(target, folder.rstrip("/") or ".")


class PlotFiles:
    """The plot SVGs of one site, in ``<docs>/assets/livedemo/plots``."""

    def __init__(self, docs_dir: Path, *, write: bool) -> None:
        self.folder = docs_dir / PLOTS_URL
        self.write = write  # the prepare step writes; a builder's render only links
        self.written: set[Path] = set()  # every plot of the site
        self.changed = 0  # of which (re)written by this run

    def url(self, svg: str, page_url: str) -> str:
        """Keep ``svg`` as a file of the site; its URL relative to the page."""
        name = hashlib.sha256(svg.encode()).hexdigest()[:20] + ".svg"
        path = self.folder / name
        if self.write:
            if path not in self.written:
                self.changed += write_if_changed(path, svg.encode())
                self.written.add(path)
        elif not path.is_file():
            raise MissingPlot(
                f"its plot {PLOTS_URL}/{name} was not prepared: run `python -m livedemo prepare` "
                "(make build and make serve run it) before the build"
            )
        return relative_url(f"{PLOTS_URL}/{name}", page_url)
