"""MkDocs' warnings about links, with the line of the link and what to do.

MkDocs validates every Markdown link while it builds (``validation:`` in mkdocs.yml; the
strict build stops on them) but names only the page: "Doc file 'blog/posts/p.md' contains
a link 'x.md', but the target ... is not found". ``LinkLines``, a logging filter on the
logger MkDocs writes these to, finds the link in the page's source and rewrites the message
as ``docs/blog/posts/p.md:12: the link 'x.md' ...: what to do``.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from .project import outside_code

LOGGER = "mkdocs.structure.pages"
_MESSAGE = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?P<kind>a|an absolute|an unrecognized relative) "
    r"link '(?P<url>[^']*)'(?P<rest>.*)$", re.S)
LABEL = {"a": "broken link", "an absolute": "absolute link",
         "an unrecognized relative": "unrecognized relative link"}
ADVICE = {
    "a": "correct the path (relative to this Markdown file, e.g. '../other-page.md#a-heading') "
         "or the #anchor (the ¶ link next to a heading shows its anchor)",
    "an absolute": "link to the Markdown file with a relative path ('../other-page.md')",
    "an unrecognized relative": "link to the Markdown file ('other-page.md'), not to its URL",
}


def link_lines(source: str, url: str) -> list[int]:
    """Lines of ``source`` (outside code blocks) where ``url`` is the target of a link."""
    target = re.compile(
        rf"(?:\]\(\s*<?|\]:\s*<?|(?:href|src)\s*=\s*[\"']?){re.escape(url)}(?=[\s)>\"'#]|$)")
    return [number for number, line in outside_code(source) if target.search(line)]


class LinkLines(logging.Filter):
    """Adds the file's path from the project root and the link's line to MkDocs' link warnings."""

    def __init__(self, docs_dir: Path, shown: str) -> None:
        super().__init__()
        self.docs_dir, self.shown = docs_dir, shown

    def filter(self, record: logging.LogRecord) -> bool:
        match = _MESSAGE.match(record.getMessage())
        if not match:
            return True
        page, url, kind = match["page"], match["url"], match["kind"]
        try:
            source = (self.docs_dir / page).read_text(encoding="utf-8-sig")
        except OSError:
            return True
        lines = link_lines(source, url)
        where = f"{self.shown}/{page}" + (f":{lines[0]}" if lines else "")
        also = f" (also on line {', '.join(map(str, lines[1:]))})" if len(lines) > 1 else ""
        rest = re.sub(r"^,\s*(?:but\s+)?", "", match["rest"].strip()).rstrip(".")
        end = "" if rest.endswith("?") else "."
        record.msg = f"{where}: {LABEL[kind]} '{url}'{also}: {rest}{end} To fix: {ADVICE[kind]}."
        record.args = ()
        return True


def install(docs_dir: Path, shown: str) -> None:
    """Put one ``LinkLines`` on MkDocs' page logger (a rebuild of `mkdocs serve` replaces it)."""
    logger = logging.getLogger(LOGGER)
    for old in [f for f in logger.filters if type(f).__name__ == LinkLines.__name__]:
        logger.removeFilter(old)
    logger.addFilter(LinkLines(docs_dir, shown))
