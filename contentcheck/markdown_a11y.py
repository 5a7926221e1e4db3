"""What a page's Markdown must give readers who cannot see it: images with alt text, links
whose words say where they go.

Markdown writes ``alt=""`` for ``![](image.png)``, which marks the image as decoration, so
axe-core in the browser finds nothing wrong while a screen reader skips the image; this check
reads the source instead (code blocks and inline code are not content). It runs in every
build, as a warning: the strict build (make build, make check, CI) stops on it.
"""

from __future__ import annotations

import re

from .project import Problem, Project, outside_code
from .safety import _INLINE_CODE, _blank

_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*)")
_HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<a>[^"]*)"|'(?P<b>[^']*)'|(?P<c>[^\s>]+))""", re.I)
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)")
VAGUE = {"here", "click here", "this", "this link", "link", "read more", "more", "this page"}


def check_markdown(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    for page in project.pages():
        problems += check_text(project.rel(page), page.read_text(encoding="utf-8-sig"))
    return problems


def check_text(rel: str, markdown: str) -> list[Problem]:
    problems = []
    for number, raw in outside_code(markdown):
        line = _INLINE_CODE.sub(_blank, raw)
        for match in _MD_IMAGE.finditer(line):
            if not match["alt"].strip():
                problems.append(Problem(rel, "alt text", (
                    f"the image '{match['src']}' has no alt text: say what it shows inside "
                    "![...], for readers who cannot see it (a caption below it does not replace "
                    "it)"), number))
        for match in _HTML_IMAGE.finditer(line):
            alt = _ALT.search(match["attrs"])
            if alt is None or not (alt["a"] or alt["b"] or alt["c"] or "").strip():
                problems.append(Problem(rel, "alt text", (
                    "an <img> has no alt text: add alt=\"what it shows\", for readers who cannot "
                    "see it"), number))
        for match in _LINK.finditer(line):
            text = re.sub(r"[*_`]", "", match["text"]).strip().lower().rstrip(".")
            if text in VAGUE:
                problems.append(Problem(rel, "link text", (
                    f"the link text '{match['text']}' does not say where it goes: use the words "
                    "of its destination ('the authors' guide'), which screen readers list on "
                    "their own"), number))
    return problems
