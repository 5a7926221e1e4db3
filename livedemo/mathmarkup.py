"""Math typeset when the site is built: a Python-Markdown extension, for any builder.

pymdownx.arithmatex (generic mode) marks each formula as ``<span class="arithmatex">\\(…\\)</span>``
or ``<div class="arithmatex">\\[…\\]</div>``; this extension replaces the TeX inside with
KaTeX's markup (HTML drawn with KaTeX's style sheet, and MathML for screen readers and feed
readers), so a page needs no JavaScript to show its math, in a browser, in print or in a feed.

- One Node process (``mathconvert.cjs``, KaTeX from ``node_modules``) converts every formula of
  the build: it is started with the first page that has math and kept for the next pages (and
  the next builds of ``mkdocs serve``); each page sends all its formulas at once.
- Results are cached on disk, keyed by the TeX, the display mode and KaTeX's version, so a warm
  rebuild starts no Node at all.
- A formula that does not parse is logged as a warning naming the file, the line and KaTeX's
  message (``mkdocs build --strict`` then fails), and is shown as KaTeX's red error text.

Nothing here imports a builder: the page being converted is found by ``page_source`` alone.
"""

from __future__ import annotations

import atexit
import html
import json
import logging
import os
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from livedemo.cache import OutputCache, digest
from livedemo.fence import PageState

log = logging.getLogger("livedemo.math")  # under MkDocs, the adapter routes "livedemo" into its log

SCRIPT = Path(__file__).with_name("mathconvert.cjs")
MARKUP_VERSION = "1"  # bump when mathconvert.cjs's options change: old cache entries then miss
STYLESHEET = "assets/livedemo/math.css"  # KaTeX's CSS and fonts, in the site (assets/build.mjs)


class MathError(RuntimeError):
    """Math cannot be typeset at all (no Node, no KaTeX): the build cannot go on."""


# ---------------------------------------------------------------------------------------------
# The page being converted: the ONE place that knows how a builder says which page it is.


@dataclass(frozen=True)
class PageSource:
    """The page a Markdown conversion belongs to: its path as shown in messages and its full
    source text (front matter included, so that line numbers are the file's)."""

    shown: str
    text: str


def page_source(md: Markdown) -> PageSource | None:
    """The page ``md`` is converting, or None when the builder does not say.

    ``livedemo.extension``, when the page lists it, has set ``md.livedemo_page`` to the page it
    found (under MkDocs or Zensical); a builder adapter may set a ``PageSource`` there. Under MkDocs, the
    page's ``File`` is found on the tree processor MkDocs adds to every page's Markdown
    instance (``relpath``), so no plugin hook is needed.
    """
    given = getattr(md, "livedemo_page", None)
    if isinstance(given, PageSource):
        return given
    if isinstance(given, PageState) and given.path != "<markdown>":  # set by livedemo.extension
        return PageSource(given.shown, given.source)
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    file = getattr(relpath, "file", None)
    if file is None or not getattr(file, "abs_src_path", None):
        return None
    path = Path(file.abs_src_path)
    cwd = Path(os.getcwd())
    shown = path.relative_to(cwd).as_posix() if path.is_relative_to(cwd) else str(path)
    try:
        text = file.content_string
    except (OSError, ValueError):
        text = ""
    return PageSource(shown, text)


def formula_line(source: str, tex: str, start: int = 0) -> tuple[int | None, int]:
    """The 1-based line of ``source`` where ``tex`` is written (searched from ``start``, then
    from the top), and where to search for the next formula. A displayed formula inside a list
    or an admonition lost its indentation: its first line is searched for then."""
    for needle in (tex, tex.strip().split("\n")[0].strip()):
        if not needle:
            continue
        for offset in (start, 0):
            found = source.find(needle, offset)
            if found >= 0:
                return source.count("\n", 0, found) + 1, found + len(needle)
    return None, start


# ---------------------------------------------------------------------------------------------
# The conversion process.


def find_katex(start: Path | None = None) -> Path:
    """``node_modules/katex`` of the project: searched up from the working folder, then up from
    this package (a project whose livedemo is checked out beside its node_modules)."""
    for base in (start or Path(os.getcwd()), Path(__file__).resolve().parent):
        for folder in (base, *base.parents):
            candidate = folder / "node_modules" / "katex"
            if (candidate / "package.json").is_file():
                return candidate
    raise MathError("livedemo: KaTeX not found in node_modules: run `npm ci` (or `make build`)")


class Converter:
    """One ``node mathconvert.cjs`` process, answering a batch of formulas at a time."""

    def __init__(self, katex_dir: Path) -> None:
        node = shutil.which("node")
        if node is None:
            raise MathError("livedemo: `node` is not on PATH: math is typeset with KaTeX under Node")
        self.process = subprocess.Popen(
            [node, str(SCRIPT), str(katex_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1,
        )
        self.lock = threading.Lock()
        self.version = str(self._read()["version"])

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise MathError(f"livedemo: the KaTeX converter ({SCRIPT.name}) stopped (exit code {self.process.poll()})")
        return json.loads(line)

    def convert(self, requests: list[tuple[str, bool]]) -> list[dict[str, Any]]:
        """KaTeX's answer for each ``(tex, display)``: ``{"html": ...}`` plus ``"error"`` when the
        TeX does not parse. All requests are written before the answers are read."""
        assert self.process.stdin is not None
        with self.lock:
            payload = "".join(json.dumps({"tex": tex, "display": display}) + "\n" for tex, display in requests)
            self.process.stdin.write(payload)
            self.process.stdin.flush()
            return [self._read() for _ in requests]

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()


_converters: dict[Path, Converter] = {}  # one process per KaTeX install, for the whole run
_started = threading.Lock()


def converter(katex_dir: Path) -> Converter:
    """The running converter for ``katex_dir``, started on first use (and again if it died)."""
    with _started:
        running = _converters.get(katex_dir)
        if running is None or running.process.poll() is not None:
            running = _converters[katex_dir] = Converter(katex_dir)
        return running


@atexit.register
def _close_all() -> None:
    for running in _converters.values():
        running.close()


def katex_version(katex_dir: Path) -> str:
    return str(json.loads((katex_dir / "package.json").read_text(encoding="utf-8"))["version"])


# ---------------------------------------------------------------------------------------------
# The Markdown side.


def _tex(element: etree.Element) -> tuple[str, bool]:
    """The TeX of an arithmatex element and whether it is displayed. Display blocks hold
    HTML-escaped text (arithmatex escapes it), inline ones the TeX as written."""
    text = element.text or ""
    if element.tag != "span":
        text = html.unescape(text)
    stripped = text.strip()
    if stripped.startswith("\\(") and stripped.endswith("\\)"):
        return stripped[2:-2].strip(), False
    if stripped.startswith("\\[") and stripped.endswith("\\]"):
        return stripped[2:-2].strip(), True
    return stripped, element.tag != "span"  # a bare \begin{…}…\end{…} block


class MathTreeprocessor(Treeprocessor):
    """Replace the TeX of every arithmatex element with KaTeX's markup (via the HTML stash)."""

    def __init__(self, md: Markdown, extension: MathExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        elements = [e for e in root.iter() if "arithmatex" in (e.get("class") or "").split()]
        if not elements:
            return
        formulas = [_tex(e) for e in elements]
        answers = self.extension.typeset(formulas)
        source = page_source(self.md)
        # Material's blog converts a post again for each excerpt it shows (a Markdown instance
        # with its "excerpt" tree processor): the post's own conversion reports its errors once.
        report = "excerpt" not in self.md.treeprocessors
        cursor = 0
        for element, (tex, _), answer in zip(elements, formulas, answers):
            if "error" in answer and report:
                line, cursor = formula_line(source.text, tex, cursor) if source else (None, cursor)
                where = (source.shown if source else "<markdown>") + (f", line {line}" if line else "")
                log.warning("%s: the formula %s does not typeset: %s", where, _short(tex), answer["error"])
            element.text = self.md.htmlStash.store(_searchable(answer["html"]))
            element.set("data-math", "katex")


def _searchable(markup: str) -> str:
    """KaTeX's markup with its drawing and its TeX annotation marked ``data-search-exclude``
    (Material's search honours it): a search index and its snippets get the formula once, as
    the MathML's Unicode text, not three times over (drawing glyphs, MathML, TeX)."""
    return markup.replace('<span class="katex-html" aria-hidden="true">',
                          '<span class="katex-html" aria-hidden="true" data-search-exclude>').replace(
        '<annotation encoding="application/x-tex">', '<annotation encoding="application/x-tex" data-search-exclude>')


def _short(tex: str, limit: int = 60) -> str:
    flat = " ".join(tex.split())
    return "`" + (flat if len(flat) <= limit else flat[: limit - 1] + "…") + "`"


class MathExtension(Extension):
    """``livedemo.mathmarkup`` in ``markdown_extensions`` (after ``pymdownx.arithmatex``
    with ``generic: true``)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "cache_dir": [".cache/livedemo/math", "Folder of cached conversions ('' for none)"],
            "katex_dir": ["", "KaTeX's npm package folder (default: node_modules/katex, found upward)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        # After the inline patterns (20), where arithmatex's inline math is made; before toc (5).
        md.treeprocessors.register(MathTreeprocessor(md, self), "livedemo-math", 15)

    def typeset(self, formulas: list[tuple[str, bool]]) -> list[dict[str, Any]]:
        """KaTeX's answer for each formula: from the cache, the misses converted in one batch."""
        configured = self.getConfig("katex_dir")
        katex_dir = Path(configured).resolve() if configured else find_katex()
        version = katex_version(katex_dir)
        folder = self.getConfig("cache_dir")
        cache = OutputCache(Path(folder) if folder else None)
        keys = [digest(MARKUP_VERSION, version, "display" if d else "inline", tex) for tex, d in formulas]
        answers: list[dict[str, Any] | None] = [cache.get(key) for key in keys]
        missing = [i for i, answer in enumerate(answers) if answer is None]
        if missing:
            fresh = converter(katex_dir).convert([formulas[i] for i in missing])
            for i, answer in zip(missing, fresh):
                answers[i] = answer
                cache.put(keys[i], answer)
        return [a for a in answers if a is not None]


def makeExtension(**kwargs: Any) -> MathExtension:  # noqa: N802 (Python-Markdown's name)
    return MathExtension(**kwargs)


# The two fonts every formula draws with (letters and digits, italic variables). KaTeX's CSS
# says font-display: block, so text waits for them, and when they arrive after the first paint
# the formulas change size and the page below them moves (a layout shift Lighthouse counts).
# Preloaded from the head, they load beside the style sheet instead of after it.
PRELOADED_FONTS = ("KaTeX_Main-Regular", "KaTeX_Math-Italic")


def preloaded_fonts(stylesheet_text: str) -> list[str]:
    """The woff2 URLs of ``PRELOADED_FONTS`` as KaTeX's style sheet names them (relative to
    it; the build gives the files hashed names)."""
    urls = re.findall(r'url\("?(\./fonts/[^")]+\.woff2)"?\)', stylesheet_text)
    return [url for url in urls if any(url.startswith(f"./fonts/{font}-") for font in PRELOADED_FONTS)]


def with_stylesheet_in_head(page_html: str, href: str, fonts: Sequence[str] = ()) -> str:
    """A whole page with KaTeX's style sheet (``href``) and the preloads of its main ``fonts``
    (URLs relative to the style sheet) linked in its head, when it shows typeset math (its
    content, or a blog index showing a post's excerpt). In the head, not the body: a style sheet
    linked in the body holds back what follows it, while the page above it (Material's post
    sidebar on a phone) is painted and then pushed down, which is a layout shift."""
    if 'class="katex' not in page_html or f'href="{html.escape(href)}"' in page_html or "</head>" not in page_html:
        return page_html
    folder = href.rsplit("/", 1)[0] + "/" if "/" in href else ""
    links = "".join(
        f'<link rel="preload" href="{html.escape(folder + font[2:])}" as="font" type="font/woff2" crossorigin>'
        for font in fonts
    )
    return page_html.replace("</head>", f'{links}<link rel="stylesheet" href="{html.escape(href)}"></head>', 1)
