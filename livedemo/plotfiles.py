"""Build-time plots as files of the site, named by a hash of their SVG.

The fence renders plots while MkDocs converts each page, after the site's file list is made,
so the files are collected here and written through MkDocs' own ``File`` API at the end of the
build. Identical plots (the same SVG on several pages or builds) share one file.
"""

from __future__ import annotations

import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

PLOTS_URL = "assets/livedemo/plots"


class PlotFiles:
    """The plot SVGs of one build."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.files: dict[str, File] = {}
        self.used: set[str] = set()

    def url(self, svg: str, page: File | None) -> str:
        """Keep ``svg`` as a file of the site; its URL relative to ``page`` (or to the root)."""
        name = hashlib.sha256(svg.encode()).hexdigest()[:20]
        file = self.files.get(name)
        if file is None:
            file = self.files[name] = File.generated(self.config, f"{PLOTS_URL}/{name}.svg", content=svg)
        return file.url_relative_to(page) if page is not None else file.url

    def mark_used(self, page_html: str) -> None:
        """Note the plots a page of the site links to. Plots are also made for HTML that no page
        shows (Material's blog converts a post again for each excerpt, then cuts it at
        ``<!-- more -->``); only the plots some page uses are written."""
        self.used.update(re.findall(rf"{PLOTS_URL}/([0-9a-f]{{20}})\.svg", page_html))

    def write(self) -> None:
        for name, file in self.files.items():
            if name in self.used:
                file.copy_file()
