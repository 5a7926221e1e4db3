"""The ``pyodide`` fence: validate a block's options, run it at build time, emit its HTML.

One ``DemoFence`` exists per build (the plugin makes it); ``start_page`` resets the
per-page state, so ids derive from the page and the fence's position, never from a
global counter. Every failure is raised as ``DemoError`` naming the fence's line,
because superfences silently drops any other exception.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from mkdocs.structure.files import File

from livedemo import options as fence_options
from livedemo.errors import DemoError
from livedemo.execute import DemoCode, DemoFailed, PageRunner
from livedemo.lockfile import Lock
from livedemo.markup import render_block
from livedemo.plotfiles import PlotFiles
from livedemo.source import fences, near_misses

log = logging.getLogger("mkdocs.plugins.livedemo")

FENCE_NAME = "pyodide"
# Options that only a demo block takes (``title`` is also Material's, for any code block).
DEMO_OPTIONS = [name for name in dict(fence_options.FenceOptions._schema) if name != "title"]


def fence_lines(source: str) -> list[int]:
    """1-based line numbers of the demo fences' opening lines in a page's source (fences
    shown inside another fence, as Markdown examples, are not demos)."""
    return [f.line for f in fences(source) if f.language == FENCE_NAME]


def check_source(shown: str, source: str) -> None:
    """Raise ``DemoError`` for every block of the page that looks like a demo but is not one."""
    problems = near_misses(source, FENCE_NAME, DEMO_OPTIONS)
    if problems:
        raise DemoError("\n".join(f"{shown}, line {line}: {what}" for line, what in problems))


@dataclass
class PageState:
    """What the fence knows about the page being converted."""

    path: str  # the page's source path, e.g. "blog/posts/intro.md"
    lines: list[int]  # fence opening lines, in order
    runner: PageRunner
    file: File | None = None  # the page's MkDocs file, for relative URLs
    shown: str = ""  # the path in messages, from the project's root: "docs/blog/posts/intro.md"
    count: int = 0
    slug: str = field(init=False)

    def __post_init__(self) -> None:
        self.slug = re.sub(r"[^a-z0-9]+", "-", self.path.lower().removesuffix(".md")).strip("-")
        self.shown = self.shown or self.path

    def where(self, index: int) -> str:
        line = f", line {self.lines[index]}" if index < len(self.lines) else ""
        return f"{self.shown}{line} (demo #{index + 1})"


class DemoFence:
    """Superfences validator and formatter, bound to one build's settings."""

    def __init__(
        self,
        demos_dir: Path,
        lock: Lock,
        default_timeout: int,
        make_runner: Callable[[], PageRunner],
        plots: PlotFiles,
        root: Path | None = None,
    ) -> None:
        self.plots = plots
        self.demos_dir = demos_dir
        self.root = root  # paths in tracebacks are shown from here (demos/topic/demo.py)
        self.lock = lock
        self.default_timeout = default_timeout
        self.make_runner = make_runner
        self.page: PageState | None = None

    def importable(self, packages: list[str]) -> frozenset[str]:
        """What a block's code may import in the browser: the standard library, livedemo and the
        import names of its declared packages and their dependencies."""
        names = {name for p in self.lock.closure(packages) for name in self.lock.data["packages"][p]["imports"]}
        return frozenset(sys.stdlib_module_names) | {"livedemo"} | names

    def start_page(self, path: str, source: str, shown: str = "", file: File | None = None) -> None:
        """Reset the per-page state; ``shown`` names the page in messages (default ``path``),
        ``file`` is the page's MkDocs file (plot URLs are relative to it). Raise ``DemoError``
        if a block of the page looks like a demo but is not one."""
        self.page = PageState(path, fence_lines(source), self.make_runner(), file, shown)
        check_source(self.page.shown, source)

    def _page(self) -> PageState:
        if self.page is None:  # a Markdown conversion outside a page (e.g. a plugin's own)
            self.page = PageState("<markdown>", [], self.make_runner())
        return self.page

    def _shown(self, file: str) -> str:
        """A demo file as a path from the project's root when it is inside it, else ``file``."""
        path = Path(os.path.abspath(self.demos_dir / file))  # symlinks kept: the author's view
        if self.root is not None and path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()
        return file

    # superfences calls: validator(language, inputs, options, attrs, md) -> bool
    def validate(
        self, language: str, inputs: dict[str, str], options: dict[str, Any],
        attrs: dict[str, Any], md: Any,
    ) -> bool:
        page = self._page()
        index = page.count
        page.count += 1
        try:
            parsed = fence_options.describe(fence_options.parse_options(inputs))
        except ValueError as exc:
            raise DemoError(f"{page.where(index)}: {exc}") from None
        problem = self.lock.problem_with(parsed["packages"])
        if problem:
            raise DemoError(f"{page.where(index)}: {problem}")
        remote = [n for n in self.lock.closure(parsed["packages"]) if self.lock.remote(n)]
        if remote:
            log.info("livedemo: %s loads %s from %s (cdn_fallback)", page.where(index),
                     ", ".join(remote), self.lock.cdn_url)
        if parsed["file"] and not (self.demos_dir / parsed["file"]).is_file():
            raise DemoError(
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
        page = self._page()
        opts = dict(options)
        index = opts.pop("index", page.count - 1)
        where = page.where(index)
        if opts["file"]:
            if src.strip():
                raise DemoError(f"{where}: give either file=\"{opts['file']}\" or code, not both")
            src = (self.demos_dir / opts["file"]).read_text(encoding="utf-8")
        code = src.rstrip("\n")
        if not code.strip():
            raise DemoError(f"{where}: the demo has no code")
        outputs = None
        if opts["run"] == "build":
            filename = self._shown(opts["file"]) if opts["file"] else f"<{page.shown} demo #{index + 1}>"
            try:
                demo = DemoCode(code, filename, tuple(opts["packages"]), self.importable(opts["packages"]),
                                {name: p for p, entry in self.lock.data["packages"].items() for name in entry["imports"]})
                outputs = page.runner.run(demo, opts["session"], opts["timeout"])
            except DemoFailed as failed:
                trace = str(failed.error.get("traceback", failed))
                if self.root is not None:  # library frames too: demos/metalearn/maml.py
                    trace = trace.replace(f'File "{self.root}{os.sep}', 'File "')
                raise DemoError(f"{where} failed while the site was built:\n{trace}") from None
            except ValueError as exc:  # e.g. a plot spec vl-convert cannot render
                raise DemoError(f"{where}: {exc}") from None
        return render_block(
            f"livedemo-{page.slug}-{index + 1}", opts, code, outputs,
            lambda svg: self.plots.url(svg, page.file),
        )
