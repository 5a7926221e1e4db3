"""The ``pyodide`` fence as a Python-Markdown extension, for any builder that uses Python-Markdown.

List it after ``pymdownx.superfences`` in ``markdown_extensions`` (its options are
``livedemo.settings.Settings``)::

    markdown_extensions:
      - pymdownx.superfences
      - livedemo.extension:
          vendored_wheels: vendor/pyodide-wheels

Per conversion it (1) finds which page it converts: the page an adapter set on the extension
(``extension.page``, the MkDocs adapter does) or the page Zensical's rendering context names;
(2) reads that page's source file, so messages give the line in the file (front matter
included), and fails on every line that opens a demo but would not become one; (3) registers
the fence with superfences; (4) after the conversion, fails if a demo line of the page did not
become a demo block. The page's state lives on the Markdown instance (one per page in MkDocs and
Zensical), never on the extension, so nothing is shared across pages.

Nothing here imports a builder: the runtime files come from ``python -m livedemo prepare``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from pymdownx import superfences

from livedemo.errors import DemoError
from livedemo.fence import FENCE_NAME, DemoFence, PageState, check_source, fence_lines
from livedemo.settings import Settings
from livedemo.sitebuild import SiteBuild


@dataclass(frozen=True)
class PageInfo:
    """The page being converted, as a builder knows it."""

    path: str  # its source path inside the docs folder: "blog/posts/intro.md"
    url: str  # where the builder resolves relative links in the page's HTML from, as a URL from
    # the site's root: MkDocs leaves raw HTML alone, so the page's own URL ("blog/2020/04/27/intro/",
    # "" for the home page); Zensical rewrites every src and srcset as it does a Markdown link,
    # from the source file's folder ("blog/posts/")
    shown: str = ""  # its name in messages: "docs/blog/posts/intro.md"


class LiveDemoExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {name: [getattr(Settings(), name), doc] for name, doc in _DOCS.items()}
        self.config["error"] = [DemoError, "The exception type raised (an adapter's subclass)"]
        self.config["build"] = ["", "A SiteBuild made by an adapter or the prepare step"]  # not None: Markdown would make it a bool
        super().__init__(**kwargs)
        self.page: PageInfo | None = None  # set by an adapter before each page

    def settings(self) -> Settings:
        options = {k: v for k, v in self.getConfigs().items() if k in _DOCS}
        return Settings.of(options)

    def site_build(self) -> SiteBuild:
        build = self.getConfig("build")
        if not build:
            try:
                build = SiteBuild.shared(self.settings())
            except ValueError as exc:
                raise self.getConfig("error")(str(exc)) from None
        return build

    def extendMarkdown(self, md: Markdown) -> None:
        """Only hooks in: the site's build and the fence are set up when a page is converted
        (MkDocs loads each extension alone into a bare Markdown to validate its config)."""
        md.registerExtension(self)
        error: type[DemoError] = self.getConfig("error")
        md.preprocessors.register(_StartPage(md, self, error), "livedemo_page", 35)
        md.postprocessors.register(_EveryDemoRendered(md, error), "livedemo_check", 0)

    def register_fence(self, md: Markdown, build: SiteBuild, error: type[DemoError]) -> None:
        fences = next((e for e in md.registeredExtensions
                       if isinstance(e, superfences.SuperFencesCodeExtension)), None)
        if fences is None:
            raise error("livedemo.extension: add pymdownx.superfences to markdown_extensions")
        fence = DemoFence(build, error)
        fences.superfences = [f for f in fences.superfences if f["name"] != FENCE_NAME]
        fences.extend_super_fences(
            FENCE_NAME,
            functools.partial(superfences._formatter, class_name="livedemo", _fmt=fence.format),
            functools.partial(superfences._validator, validator=fence.validate),
            functools.partial(superfences._reset, _reset=superfences.default_reset),
        )


class _StartPage(Preprocessor):
    """Before superfences: the fence registered, which page this is, its source checked, its
    fresh state."""

    def __init__(self, md: Markdown, extension: LiveDemoExtension, error: type[DemoError]) -> None:
        super().__init__(md)
        self.extension, self.error = extension, error

    def run(self, lines: list[str]) -> list[str]:
        build = self.extension.site_build()
        self.extension.register_fence(self.md, build, self.error)
        info = self.extension.page or _zensical_page(self.md)
        if info is None:  # a conversion outside a page (e.g. another plugin's own)
            info = PageInfo("<markdown>", "")
        file = build.docs_dir / info.path
        source = file.read_text(encoding="utf-8-sig") if file.is_file() else "\n".join(lines)
        shown = info.shown or _shown(file, build.root, info.path)
        check_source(shown, source, self.error)
        self.md.livedemo_page = PageState(info.path, fence_lines(source), build.runner(),  # type: ignore[attr-defined]
                                          info.url, shown, source)
        return lines


class _EveryDemoRendered(Postprocessor):
    """No ``pyodide`` line of the page may end up as anything but a demo block."""

    def __init__(self, md: Markdown, error: type[DemoError]) -> None:
        super().__init__(md)
        self.error = error

    def run(self, text: str) -> str:
        page: PageState | None = getattr(self.md, "livedemo_page", None)
        if page is not None and page.path != "<markdown>":
            missing = [line for index, line in enumerate(page.lines) if index not in page.rendered]
            if missing:
                raise self.error("\n".join(
                    f"{page.shown}, line {line}: this ```{FENCE_NAME} block did not become a demo "
                    "(is it closed by a line of ``` alone, and not inside something that does not "
                    "render code blocks?): it would be published without its live demo" for line in missing))
        return text


def _zensical_page(md: Markdown) -> PageInfo | None:
    """The page Zensical's rendering context names (``zensical.extensions.context``), read by
    duck typing so that nothing here imports Zensical."""
    context = md.preprocessors["rendering_context"] if "rendering_context" in md.preprocessors else None
    page = getattr(context, "page", None)
    if page is None or not isinstance(getattr(page, "path", None), str):
        return None
    folder = page.path.rpartition("/")[0]
    return PageInfo(page.path, f"{folder}/" if folder else "")  # links from the source's folder


def _shown(file: Path, root: Path, path: str) -> str:
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else path


_DOCS = {name: "" for name in Settings.__dataclass_fields__}


def makeExtension(**kwargs: Any) -> LiveDemoExtension:  # noqa: N802 - Python-Markdown's name
    return LiveDemoExtension(**kwargs)
