"""No page may carry its own JavaScript: raw ``<script>`` tags, inline event handlers
(``onclick=`` …) and ``javascript:`` links are rejected.

Markdown passes raw HTML through to the page, so a ``<script>`` in a post would run with
the site's full rights on every reader's machine, outside review of the site's code, and
could break the live-demo runtime. Demos go through the ``pyodide`` fence, which runs
Python in a worker; code blocks and inline code that *show* such HTML are fine.
"""

from __future__ import annotations

import re

from .project import Problem, Project, outside_code

_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_COMMENT = re.compile(r"<!--.*?-->")
_SCRIPT = re.compile(r"<\s*script\b", re.I)
_HTML_HANDLER = re.compile(r"<[A-Za-z][^>]*?\s(on[a-z]+)\s*=", re.I)
_ATTR_HANDLER = re.compile(r"\{[:\s][^}]*?(?<![\w-])(on[a-z]+)\s*=", re.I)
_JS_URL = re.compile(r"(?:\]\(\s*<?|(?:href|src|action|formaction)\s*=\s*[\"']?\s*)javascript:", re.I)

WHY = "a page must not carry its own JavaScript (it would run with the site's rights on " \
      "every reader's machine, outside code review)"
DO = "put runnable code in a ```pyodide fence (Python in a sandboxed worker); " \
     "to show HTML as an example, put it in a code block"


def check_pages(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    for page in project.pages():
        problems += check_text(project.rel(page), page.read_text(encoding="utf-8-sig"))
    return problems


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _prose(markdown: str) -> str:
    """The page with code blocks, inline code and HTML comments blanked, lines kept in place."""
    lines = [""] * len(markdown.splitlines())
    for number, line in outside_code(markdown):
        lines[number - 1] = _INLINE_CODE.sub(_blank, line)
    return _COMMENT.sub(_blank, "\n".join(lines))


def check_text(rel: str, markdown: str) -> list[Problem]:
    text = _prose(markdown)
    found: list[tuple[int, str, str]] = []
    for match in _SCRIPT.finditer(text):
        found.append((match.start(), "script", "raw <script> tag"))
    for match in [*_HTML_HANDLER.finditer(text), *_ATTR_HANDLER.finditer(text)]:
        found.append((match.start(1), "event handler", f"inline event handler '{match.group(1)}='"))
    for match in _JS_URL.finditer(text):
        found.append((match.start(), "javascript link", "'javascript:' link"))
    return [Problem(rel, field, f"{what}: {WHY}; {DO}", text.count("\n", 0, at) + 1)
            for at, field, what in sorted(found)]
