"""The MkDocs adapter (entry point ``livedemo``): wiring only, the one module that imports MkDocs
besides the serve-time error page.

Everything about demos lives in the builder-independent ``livedemo.extension`` (listed in
``markdown_extensions``, after ``pymdownx.superfences``). Per build this plugin

1. runs the prepare step (``livedemo/prepare.py``), so a plain ``mkdocs build`` or ``mkdocs
   serve`` has the runtime files and plots in the docs folder, and puts its own instance of
   the extension in place of the one mkdocs.yml names, raising MkDocs' kind of error;
2. tells that extension which page it converts (``on_page_markdown``);
3. adds the front end's CSS and module script to every page, with ``modulepreload`` links for
   the script's own imports (``livedemo.modulepreload``), and KaTeX's style sheet to the pages
   with math (typeset at build time by ``livedemo.mathmarkup``);
4. under ``mkdocs serve``, shows a failed build in the browser (``errorpage.py``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from livedemo.errorpage import show_build_errors
from livedemo.errors import DemoError
from livedemo.extension import LiveDemoExtension, PageInfo
from livedemo.mathmarkup import STYLESHEET, preloaded_fonts, with_stylesheet_in_head
from livedemo.modulepreload import page_imports, with_module_preloads
from livedemo.prepare import ASSETS_URL, EXTENSION, prepare

log = logging.getLogger("mkdocs.plugins.livedemo")
# The machinery logs to "livedemo"; under MkDocs its messages go where MkDocs' own go (shown,
# and warnings counted by --strict).
logging.getLogger("livedemo").parent = log


class MkDocsDemoError(DemoError, PluginError):
    """A ``DemoError`` that MkDocs reports as a clean build error (no traceback)."""


class LiveDemoPlugin(BasePlugin):  # type: ignore[type-arg]
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if "pymdownx.superfences" not in config.markdown_extensions:
            raise PluginError("livedemo: add 'pymdownx.superfences' to markdown_extensions")
        if EXTENSION not in config.markdown_extensions:
            raise PluginError(f"livedemo: add '{EXTENSION}' to markdown_extensions, after "
                              "pymdownx.superfences (its options are the demos' settings)")
        prepared = prepare(Path(config.config_file_path), MkDocsDemoError)
        log.info("livedemo: prepared %d pages in %.1f s", prepared.pages, prepared.seconds)
        docs = Path(os.path.abspath(config.docs_dir))
        root = prepared.build.root
        self.docs_shown = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
        self.extension = LiveDemoExtension(
            **config.mdx_configs.pop(EXTENSION, {}), build=prepared.build, error=MkDocsDemoError)
        config.markdown_extensions = [
            self.extension if name == EXTENSION else name for name in config.markdown_extensions
        ]
        _add_once(config.extra_css, f"{ASSETS_URL}/livedemo.css")
        _add_once(config.extra_javascript, _module_script(f"{ASSETS_URL}/page.js"))
        # KaTeX's style sheet: mkdocs.yml lists it for builders without this adapter (Zensical);
        # here only the pages with math link it (on_page_content, on_post_page).
        config.extra_css = [css for css in config.extra_css if css != STYLESHEET]
        stylesheet = prepared.build.assets_dir / STYLESHEET.removeprefix(f"{ASSETS_URL}/")
        self.math_fonts = preloaded_fonts(stylesheet.read_text(encoding="utf-8")) if stylesheet.is_file() else []
        try:
            self.page_chunks = page_imports(prepared.build.assets_dir)
        except ValueError as error:
            raise PluginError(f"livedemo: {error}") from error
        return config

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.extension.page = PageInfo(page.file.src_uri, page.url,
                                       f"{self.docs_shown}/{page.file.src_uri}")
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.extension.page = None  # a later conversion outside a page is not this page
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = with_module_preloads(output, get_relative_url(ASSETS_URL, page.url), self.page_chunks)
        # pages showing math (their own, or a blog index's excerpts): KaTeX's CSS and main fonts
        return with_stylesheet_in_head(output, get_relative_url(STYLESHEET, page.url), self.math_fonts)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        show_build_errors(server)  # a failed rebuild shows its error in the browser
        return server


def _add_once(listing: list[Any], item: Any) -> None:
    if str(item) not in {str(entry) for entry in listing}:
        listing.append(item)


def _module_script(path: str) -> ExtraScriptValue:
    script = ExtraScriptValue(path)
    script.type = "module"
    return script
