"""A post's reading time counts its prose, not its code, math or references.

Material's blog plugin (and Zensical's) counts every word of the page, so the code and
build-time output of the live demos, the LaTeX of the equations and the reference list made a
long post read as an hour. ``minutes`` counts the words a reader reads as text, at Material's
pace (265 words a minute), plus Material's time for each image. A post's own ``readtime:`` in
its front matter still wins. ``contentcheck/mkdocs_hook.py`` sets it on the post before
Material's blog plugin computes its own.

Zensical 0.0.73 takes a post's reading time only from its front matter (its blog is native
code that reads ``readtime`` before any Python runs, and ignores a value set while the page
renders), so under Zensical a post shows Zensical's own count (every word but SVG and scripts).
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from typing import Any

WORDS_PER_MINUTE = 265
# Text in these is not read word by word: code, demo blocks, equations, references, scripts.
SKIPPED_TAGS = {"pre", "code", "script", "style", "svg", "math"}
SKIPPED_CLASSES = {"livedemo", "arithmatex", "footnote", "katex"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Prose(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[bool] = []  # per open element: whether text inside it is skipped
        self.words = 0
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images += 1
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.open.append(tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES) or any(self.open[-1:]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.open[-1:]):
            self.words += len(re.findall(r"\w+", data))


def minutes(html: str) -> int:
    """Reading time of ``html`` in whole minutes (at least 1)."""
    prose = _Prose()
    prose.feed(html)
    seconds = prose.words / WORDS_PER_MINUTE * 60
    delta = 12  # Material's allowance per image: 12 s for the first, 1 s less each, 3 s at least
    for _ in range(prose.images):
        seconds += delta
        delta = max(3, delta - 1)
    return max(1, math.ceil(seconds / 60))
