"""MkDocs hook: a post's reading time counts its prose, not its code, math or references.

Material's blog plugin counts every word of the page, so the code and build-time output of the
live demos, the LaTeX of the equations and the reference list made a long post read as an hour.
This hook runs first and sets the post's ``readtime`` (Material keeps a value that is set) from
the words a reader reads as text, at Material's pace (265 words a minute), plus Material's time
for each image. A post's own ``readtime:`` in its front matter still wins.
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from typing import Any

from mkdocs.plugins import event_priority

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


@event_priority(50)  # before the blog plugin, which only computes a time that is not set
def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    post = getattr(page, "config", None)
    if post is not None and hasattr(post, "readtime") and not post.readtime:
        post.readtime = minutes(html)
    return html
