"""The prepare step: write what the pages need into the docs folder before any builder runs.

``python -m livedemo prepare [-f mkdocs.yml]`` (``make build`` and ``make serve`` run it; the
MkDocs adapter runs it too at the start of every build) reads mkdocs.yml, then writes

- ``<docs>/assets/livedemo/``: the built front end (``npm run build``), and in ``plots/`` every
  build-time plot, named by a hash of its SVG;
- ``<docs>/assets/pyodide/``: the self-hosted Pyodide runtime, the site's lock file and the
  wheels it lists, and the boot standard library with its complement (``bootstdlib.py``);

and runs every demo of every page once, in page order (outputs cached in ``.cache/livedemo``),
which is how it knows the plots. Builders then copy these like any other file of the docs
folder, so URLs are the same under MkDocs and Zensical. Files are only written when their
content changed (a serving builder does not rebuild for nothing), and files of a previous run
that this one did not write are removed. Both folders are generated: never edit them (they are
in .gitignore).
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, Iterator

import yaml
from markdown import Markdown

from livedemo.bootstdlib import boot_stdlib, shipped
from livedemo.errors import DemoError
from livedemo.extension import LiveDemoExtension, PageInfo
from livedemo.plotfiles import write_if_changed
from livedemo.settings import Settings
from livedemo.sitebuild import SiteBuild

EXTENSION = "livedemo.extension"
ASSETS_URL = "assets/livedemo"
PYODIDE_URL = "assets/pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?^(?:-{3}|\.{3})[ \t]*\n", re.S | re.M)


@dataclass
class Prepared:
    build: SiteBuild
    written: int  # files (re)written: 0 when nothing changed since the last run
    pages: int  # pages rendered
    seconds: float


# --- mkdocs.yml, read without MkDocs ------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML as mkdocs.yml uses it: ``!ENV`` and ``!!python/name:``."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else \
        loader.construct_sequence(node)
    *variables, fallback = names if len(names) > 1 else [*names, None]
    for name in variables:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return fallback


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    return getattr(import_module(module), name)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def read_config(config_file: Path) -> dict[str, Any]:
    with config_file.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_Loader) or {}  # noqa: S506 - our loader, not yaml's full one


def markdown_extensions(config: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The names and options of ``markdown_extensions``, in order."""
    names: list[str] = []
    options: dict[str, dict[str, Any]] = {}
    for entry in config.get("markdown_extensions") or []:
        name, value = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        options[name] = dict(value or {})
    return names, options


def settings_of(config_file: Path, config: dict[str, Any]) -> Settings:
    names, options = markdown_extensions(config)
    if EXTENSION not in names:
        raise DemoError(f"{config_file}: add '{EXTENSION}' to markdown_extensions (after "
                        "pymdownx.superfences)")
    try:
        return Settings.of(options[EXTENSION], root=str(config_file.parent.absolute()),
                           docs_dir=str(config.get("docs_dir", "docs")))
    except ValueError as exc:
        raise DemoError(f"{config_file}: {exc}") from None


# --- The files ------------------------------------------------------------------------------


def _listing(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _snapshot(folder: Path, attempts: int = 50) -> dict[str, bytes]:
    """The built front end, read into memory once.

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
    raise DemoError(
        f"livedemo: the front end in {folder} kept changing or is missing while the site was "
        "prepared: run `npm run build` (or `make build`) and build again"
    )


def runtime_files(build: SiteBuild) -> dict[str, bytes | Path]:
    """Site path -> content (or the file to copy) of the front end, Pyodide and the lock."""
    files: dict[str, bytes | Path] = {
        f"{ASSETS_URL}/{rel}": content for rel, content in _snapshot(build.assets_dir).items()
    }
    for name in RUNTIME_FILES:
        files[f"{PYODIDE_URL}/{name}"] = build.pyodide_dir / name
    files[f"{PYODIDE_URL}/pyodide-lock.json"] = json.dumps(build.lock.data).encode()
    for name, source in build.lock.files.items():
        files[f"{PYODIDE_URL}/{name}"] = source
    return files


def stdlib_files(build: SiteBuild) -> dict[str, bytes]:
    """The boot standard library (sources, bytecode or both: ``stdlib_bytecode``), the rest and
    the list of boot zips (``livedemo/bootstdlib.py``), for the demos seen."""
    wheels = sorted(path for path in build.lock.files.values() if path.suffix == ".whl")
    made = boot_stdlib(build.pyodide_dir, wheels, sorted(build.demo_sources), build.demos_dir)
    files = shipped(made, build.settings.stdlib_bytecode, build.pyodide_dir)
    return {f"{PYODIDE_URL}/{name}": data for name, data in files.items()}


def _write(path: Path, content: bytes | Path) -> bool:
    if isinstance(content, Path):
        if path.is_file() and path.stat().st_size == content.stat().st_size \
                and path.stat().st_mtime_ns >= content.stat().st_mtime_ns:
            return False
        content = content.read_bytes()
    return write_if_changed(path, content)


# --- The step -------------------------------------------------------------------------------


def render_pages(build: SiteBuild, config: dict[str, Any], error: type[DemoError] = DemoError) -> int:
    """Convert every page with the site's Markdown extensions: every demo runs (in page order,
    sessions per page) and its plots are written. The number of pages."""
    names, options = markdown_extensions(config)
    extension = LiveDemoExtension(**{**options[EXTENSION], "build": build, "error": error})
    extensions: list[Any] = [extension if n == EXTENSION else n for n in names]
    configs = {n: o for n, o in options.items() if n != EXTENSION}
    pages = sorted(build.docs_dir.rglob("*.md"))
    with _math_problems() as problems:
        for file in pages:
            rel = file.relative_to(build.docs_dir).as_posix()
            text = file.read_text(encoding="utf-8-sig")
            extension.page = PageInfo(rel, "")
            Markdown(extensions=extensions, extension_configs=configs).convert(_FRONT_MATTER.sub("", text, count=1))
    extension.page = None
    if problems:  # every builder stops here, before it converts a page itself
        raise error("\n".join(problems))
    return len(pages)


@contextmanager
def _math_problems() -> Iterator[list[str]]:
    """The formulas that do not typeset (``livedemo.mathmarkup`` warns of each, naming file and
    line), collected while the prepare step converts the pages: they fail the prepare step, so a
    builder that does not turn warnings into errors (Zensical) stops on them too."""
    problems: list[str] = []
    logger = logging.getLogger("livedemo.math")

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                problems.append(record.getMessage())

    handler, propagate = Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield problems
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def prepare(config_file: Path, error: type[DemoError] = DemoError) -> Prepared:
    started = time.monotonic()
    config_file = config_file.absolute()
    config = read_config(config_file)
    try:
        build = SiteBuild.make(settings_of(config_file, config), write_plots=True)
    except DemoError as exc:
        raise error(str(exc)) from None
    written = 0
    kept: set[Path] = set()
    for rel, content in runtime_files(build).items():
        path = build.docs_dir / rel
        kept.add(path)
        written += _write(path, content)
    pages = render_pages(build, config, error)
    try:
        stdlib = stdlib_files(build)  # after the pages: it needs every demo's imports
    except DemoError as exc:  # e.g. pyodide-build or node missing: the builder's clean error, no traceback
        raise error(str(exc)) from None
    for rel, data in stdlib.items():
        path = build.docs_dir / rel
        kept.add(path)
        written += _write(path, data)
    kept |= build.plots.written
    written += build.plots.changed
    for folder in (build.docs_dir / ASSETS_URL, build.docs_dir / PYODIDE_URL):
        for stale in set(_listing(folder)) - kept:
            stale.unlink()
    return Prepared(build, written, pages, time.monotonic() - started)
