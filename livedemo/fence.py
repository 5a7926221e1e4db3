"""The ``pyodide`` fence: validate a block's options, run it at build time, emit its HTML.

One ``DemoFence`` exists per Markdown conversion (``livedemo.extension`` makes it); the page's
state (``PageState``: block ids, the runner holding its sessions) lives on the Markdown
instance converting that page, so it can never leak into another page. Every failure is
raised as ``DemoError`` (or the builder's subclass of it) naming the page and the fence's
line, because superfences silently drops any other exception.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from livedemo import options as fence_options
from livedemo.errors import DemoError
from livedemo.execute import DemoCode, DemoFailed, PageRunner
from livedemo.markup import render_block
from livedemo.plotfiles import MissingPlot
from livedemo.sitebuild import SiteBuild
from livedemo.source import fences, malformed_openers, near_misses

log = logging.getLogger("livedemo")

FENCE_NAME = "pyodide"
# Options that only a demo block takes (``title`` is also Material's, for any code block).
DEMO_OPTIONS = [name for name in fence_options.OPTION_NAMES if name != "title"]


def fence_lines(source: str) -> list[int]:
    """1-based line numbers of the demo fences' opening lines in a page's source (fences
    shown inside another fence, as Markdown examples, are not demos)."""
    return [f.line for f in fences(source) if f.language == FENCE_NAME]


def source_problems(source: str) -> list[tuple[int, str]]:
    """(line, what is wrong) for every line of the page that opens a demo, or looks like it
    does, but would not become a demo block."""
    return sorted(malformed_openers(source, FENCE_NAME) + near_misses(source, FENCE_NAME, DEMO_OPTIONS))


def check_source(shown: str, source: str, error: type[DemoError] = DemoError) -> None:
    """Raise ``error`` for every block of the page that looks like a demo but is not one."""
    problems = source_problems(source)
    if problems:
        raise error("\n".join(f"{shown}, line {line}: {what}" for line, what in problems))


@dataclass
class PageState:
    """What the fence knows about the page being converted."""

    path: str  # the page's source path, e.g. "blog/posts/intro.md"
    lines: list[int]  # fence opening lines, in order
    runner: PageRunner
    url: str = ""  # the page's URL from the site's root ("blog/x/"), for plot links
    shown: str = ""  # the path in messages, from the project's root: "docs/blog/posts/intro.md"
    source: str = ""  # the page's source file, front matter included (line numbers are the file's)
    count: int = 0
    rendered: set[int] = field(default_factory=set)  # indexes of the blocks that became demos
    slug: str = field(init=False)

    def __post_init__(self) -> None:
        self.slug = re.sub(r"[^a-z0-9]+", "-", self.path.lower().removesuffix(".md")).strip("-")
        self.shown = self.shown or self.path

    def where(self, index: int) -> str:
        line = f", line {self.lines[index]}" if index < len(self.lines) else ""
        return f"{self.shown}{line} (demo #{index + 1})"


class DemoFence:
    """Superfences validator and formatter for one conversion, bound to the site's build."""

    def __init__(self, build: SiteBuild, error: type[DemoError] = DemoError) -> None:
        self.build = build
        self.lock = build.lock
        self.demos_dir = build.demos_dir
        self.root = build.root  # paths in tracebacks are shown from here (demos/topic/demo.py)
        self.default_timeout = build.settings.timeout
        self.error = error

    def page_of(self, md: Any) -> PageState:
        page = getattr(md, "livedemo_page", None)
        if page is None:  # a conversion the extension's preprocessor did not see
            page = md.livedemo_page = PageState("<markdown>", [], self.build.runner())
        return page

    def importable(self, packages: list[str]) -> frozenset[str]:
        """What a block's code may import in the browser: the standard library, livedemo and the
        import names of its declared packages and their dependencies."""
        names = {name for p in self.lock.closure(packages) for name in self.lock.data["packages"][p]["imports"]}
        return frozenset(sys.stdlib_module_names) | {"livedemo"} | names

    def _shown(self, file: str) -> str:
        """A demo file as a path from the project's root when it is inside it, else ``file``."""
        path = Path(os.path.abspath(self.demos_dir / file))  # symlinks kept: the author's view
        if path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()
        return file

    # superfences calls: validator(language, inputs, options, attrs, md) -> bool
    def validate(
        self, language: str, inputs: dict[str, str], options: dict[str, Any],
        attrs: dict[str, Any], md: Any,
    ) -> bool:
        page = self.page_of(md)
        index = page.count
        page.count += 1
        try:
            parsed = fence_options.describe(fence_options.parse_options(inputs))
        except ValueError as exc:
            raise self.error(f"{page.where(index)}: {exc}") from None
        problem = self.lock.problem_with(parsed["packages"])
        if problem:
            raise self.error(f"{page.where(index)}: {problem}")
        remote = [n for n in self.lock.closure(parsed["packages"]) if self.lock.remote(n)]
        if remote:
            log.info("livedemo: %s loads %s from %s (cdn_fallback)", page.where(index),
                     ", ".join(remote), self.lock.cdn_url)
        if parsed["file"] and not (self.demos_dir / parsed["file"]).is_file():
            raise self.error(
                f"{page.where(index)}: file '{parsed['file']}' not found in {self.demos_dir}"
            )
        parsed["timeout"] = parsed["timeout"] or self.default_timeout
        options.clear()
        options.update(parsed, index=index)
        return True

    # superfences calls: formatter(src, language, class_name, options, md, **kw)
    def format(
        self, src: str, language: str, class_name: str, options: dict[str, Any], md: Any,
        **kwargs: Any,
    ) -> str:
        page = self.page_of(md)
        opts = dict(options)
        index = opts.pop("index", page.count - 1)
        where = page.where(index)
        if opts["file"]:
            if src.strip():
                raise self.error(f"{where}: give either file=\"{opts['file']}\" or code, not both")
            src = (self.demos_dir / opts["file"]).read_text(encoding="utf-8")
        code = src.rstrip("\n")
        if not code.strip():
            raise self.error(f"{where}: the demo has no code")
        self.build.demo_sources.add(code)
        outputs = None
        if opts["run"] == "build":
            filename = self._shown(opts["file"]) if opts["file"] else f"<{page.shown} demo #{index + 1}>"
            try:
                demo = DemoCode(code, filename, tuple(opts["packages"]), self.importable(opts["packages"]),
                                {name: p for p, entry in self.lock.data["packages"].items() for name in entry["imports"]})
                outputs = page.runner.run(demo, opts["session"], opts["timeout"])
            except DemoFailed as failed:
                trace = str(failed.error.get("traceback", failed))
                # library frames too: demos/metalearn/maml.py
                trace = trace.replace(f'File "{self.root}{os.sep}', 'File "')
                raise self.error(f"{where} failed while the site was built:\n{trace}") from None
            except ValueError as exc:  # e.g. a plot spec vl-convert cannot render
                raise self.error(f"{where}: {exc}") from None
        try:
            html = render_block(
                f"livedemo-{page.slug}-{index + 1}", opts, code, outputs,
                lambda svg: self.build.plots.url(svg, page.url),
            )
        except MissingPlot as missing:
            raise self.error(f"{where}: {missing}") from None
        page.rendered.add(index)
        return html
