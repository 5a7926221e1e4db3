"""The MkDocs plugin: registers the ``pyodide`` fence and ships the live-demo runtime.

Per build it (1) checks the pinned Pyodide and the built front-end, (2) builds the
demo wheel and the site's Pyodide lock file, (3) registers the fence with
superfences, (4) adds the runtime files to the site through ``File.generated``.
All build state lives on the instance and is made anew in ``on_config``.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from livedemo import lockfile
from livedemo.cache import OutputCache, digest, library_digest, tree_digest
from livedemo.config import LiveDemoConfig
from livedemo.errorpage import show_build_errors
from livedemo.execute import PageRunner, forget_modules_under
from livedemo.fence import FENCE_NAME, DemoFence
from livedemo.mathmarkup import STYLESHEET, with_stylesheet, with_stylesheet_in_head
from livedemo.plotfiles import PlotFiles

log = logging.getLogger("mkdocs.plugins.livedemo")

PACKAGE_DIR = Path(__file__).parent
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
ASSETS_URL = "assets/livedemo"
PYODIDE_URL = "assets/pyodide"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


class LiveDemoPlugin(BasePlugin[LiveDemoConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.root = root
        docs = Path(os.path.abspath(config.docs_dir))
        self.docs_shown = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)
        self.demos_dir = root / self.config.demos_dir
        self.assets_dir = (
            root / self.config.assets_dir if self.config.assets_dir else PACKAGE_DIR / "assets/dist"
        )
        self.pyodide_dir = root / self.config.pyodide_dir
        self.cache_dir = root / self.config.cache_dir if self.config.cache_dir else None
        self._check_inputs(config)
        self.lock = self._make_lock()
        for problem in self.lock.problems:
            log.warning(problem)
        for note in self.lock.notes:
            log.info(note)
        environment = digest(
            platform.python_version(), _version("numpy"), _version("vl-convert-python"),
            tree_digest(PACKAGE_DIR, "*.py"), library_digest(self.demos_dir),
        )
        forget_modules_under(self.demos_dir)  # a rebuild of `mkdocs serve` sees edited demo code
        cache = OutputCache(self.cache_dir / "outputs" if self.cache_dir else None)
        self.plot_files = PlotFiles(config)
        # The schema of the vega-lite npm package that draws live plots: build-time plots are
        # checked against it, so a spec that could not be drawn live fails the build.
        schema = self.pyodide_dir.parent / "vega-lite" / "build" / "vega-lite-schema.json"
        if not schema.is_file():
            raise PluginError(f"livedemo: {schema} is missing: run `npm ci` (or `make build`)")
        self.fence = DemoFence(
            demos_dir=self.demos_dir,
            lock=self.lock,
            default_timeout=self.config.timeout,
            make_runner=lambda: PageRunner(cache, environment, self.demos_dir, schema),
            plots=self.plot_files,
            root=root,
        )
        self._register_fence(config)
        config.extra_css.append(f"{ASSETS_URL}/livedemo.css")
        config.extra_javascript.append(_module_script(f"{ASSETS_URL}/page.js"))
        return config

    def _check_inputs(self, config: MkDocsConfig) -> None:
        if "pymdownx.superfences" not in config.markdown_extensions:
            raise PluginError("livedemo: add 'pymdownx.superfences' to markdown_extensions")
        package_json = self.pyodide_dir / "package.json"
        if not package_json.is_file():
            raise PluginError(
                f"livedemo: Pyodide not found at {self.pyodide_dir}: run `npm ci` (or `make build`)"
            )
        found = json.loads(package_json.read_text(encoding="utf-8")).get("version")
        if found != self.config.pyodide_version:
            raise PluginError(
                f"livedemo: Pyodide {found} is installed but {self.config.pyodide_version} is "
                "pinned: run `npm ci`"
            )
        if not _appears(self.assets_dir / "page.js"):
            raise PluginError(
                f"livedemo: the front-end is not built ({self.assets_dir}/page.js is missing): "
                "run `npm run build` (or `make build`)"
            )

    def _make_lock(self) -> lockfile.Lock:
        """Build the demo wheel (cached by its sources), check the Pyodide wheels, make the lock."""
        base = self.pyodide_dir / "pyodide-lock.json"
        cdn = None
        if self.config.cdn_fallback:
            cdn = self.config.cdn_url or (
                f"https://cdn.jsdelivr.net/pyodide/v{self.config.pyodide_version}/full/"
            )
        if self.cache_dir is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="livedemo-")
        work = (self.cache_dir or Path(self._scratch.name)) / "lock"
        try:
            target = lockfile.Target.of(json.loads(base.read_text(encoding="utf-8"))["info"])
            vendored = (
                lockfile.verified_vendored(self.root / self.config.vendored_wheels)
                if self.config.vendored_wheels else []
            )
            extra = self.root / self.config.extra_wheels if self.config.extra_wheels else None
            pyodide_wheels, problems, notes = lockfile.choose_wheels(vendored, extra, target)
            demo_wheels: list[Path] = []
            if self.config.demo_package:
                project = self.root / self.config.demo_package
                key = digest(tree_digest(project), _version("setuptools"))
                wheel_dir = work / f"wheel-{key[:16]}"
                demo_wheels = sorted(wheel_dir.glob("*.whl"))
                if len(demo_wheels) != 1:
                    demo_wheels = [lockfile.build_wheel(project, wheel_dir)]
            lock = lockfile.make_lock(base, demo_wheels, pyodide_wheels, work, cdn)
        except lockfile.LockfileError as exc:
            raise PluginError(f"livedemo: {exc}") from None
        lock.problems += problems
        lock.notes += notes
        return lock

    def _register_fence(self, config: MkDocsConfig) -> None:
        superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
        fences = [f for f in superfences.get("custom_fences", []) if f.get("name") != FENCE_NAME]
        fences.append(
            {"name": FENCE_NAME, "class": "livedemo", "validator": self.fence.validate,
             "format": self.fence.format}
        )
        superfences["custom_fences"] = fences

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for rel, content in _snapshot(self.assets_dir).items():
            files.append(File.generated(config, f"{ASSETS_URL}/{rel}", content=content))
        for name in RUNTIME_FILES:
            files.append(
                File.generated(config, f"{PYODIDE_URL}/{name}", abs_src_path=str(self.pyodide_dir / name))
            )
        files.append(
            File.generated(config, f"{PYODIDE_URL}/pyodide-lock.json", content=json.dumps(self.lock.data))
        )
        for name, source in self.lock.files.items():
            files.append(File.generated(config, f"{PYODIDE_URL}/{name}", abs_src_path=str(source)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.fence.start_page(page.file.src_uri, page.file.content_string,
                              shown=f"{self.docs_shown}/{page.file.src_uri}", file=page.file)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Math is typeset at build time (livedemo.mathmarkup); only pages with math load its CSS.
        return with_stylesheet(html, get_relative_url(STYLESHEET, page.url))

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.plot_files.mark_used(output)  # only the plots a page shows are written
        # math shown by a page whose own content has none (a blog index's excerpts)
        return with_stylesheet_in_head(output, get_relative_url(STYLESHEET, page.url))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.plot_files.write()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        show_build_errors(server)  # a failed rebuild shows its error in the browser
        return server


def _appears(path: Path, seconds: float = 2.0) -> bool:
    """Whether ``path`` exists, waiting a little: ``npm run build`` swaps its folder by renaming."""
    deadline = time.monotonic() + seconds
    while not path.is_file():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _listing(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _snapshot(folder: Path, attempts: int = 50) -> dict[str, bytes]:
    """The built front end, read into memory once per build.

    ``npm run build`` (``make build`` while ``make serve`` runs) replaces the folder with a new
    build by renaming; a build that read the files as they were swapped would mix two bundles
    or miss a file, so the folder is read again until two listings around the reads agree.
    """
    for _ in range(attempts):
        try:
            before = _listing(folder)
            files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in before}
            if before and before == _listing(folder) and "page.js" in files:
                return files
        except FileNotFoundError:
            pass
        time.sleep(0.1)
    raise PluginError(
        f"livedemo: the front end in {folder} kept changing or is missing while the site was "
        "built: run `npm run build` (or `make build`) and build again"
    )


def _module_script(path: str) -> Any:
    from mkdocs.config.config_options import ExtraScriptValue

    script = ExtraScriptValue(path)
    script.type = "module"
    return script
