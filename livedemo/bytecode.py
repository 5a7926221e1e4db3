"""The bytecode Python compiles while a demo imports a package, for the next page views.

Pyodide installs a package's wheel again on every page view, and numpy's wheel carries its
Python as sources, so ``import numpy`` compiled about 80 files on every view. ``install``
records the code object of every module compiled from a source file under a folder (the
site-packages the wheels are installed into); after a run, the worker asks ``harvest`` for a
package's and keeps them in Cache Storage (``assets/src/bytecode-cache.js``), which puts them
back beside the sources on a later view, before the demo imports them.

Why not let Python write its ``__pycache__`` (``sys.dont_write_bytecode`` off): measured in the
pinned Pyodide under Node, writing numpy's 82 files into the in-memory file system made the
first ``import numpy`` ~0.35 s slower, on the cold reader's clock. Recording a code object costs
nothing; it is marshalled after the run. The .pyc made here are "unchecked hash" (PEP 552):
Python loads them without comparing them with the sources, whose modification times are new on
every install; a .pyc of another Python is refused by its magic number.

This module runs in the browser (the worker writes it beside livedemo's other modules); the
build never imports it.
"""

from __future__ import annotations

import marshal
from importlib.machinery import SourceFileLoader
from importlib.util import MAGIC_NUMBER, cache_from_source, source_hash
from types import CodeType

UNCHECKED_HASH = (1).to_bytes(4, "little")  # PEP 552 flags: hash-based, source never checked

_compiled: dict[str, tuple[CodeType, bytes]] = {}  # source path → (code, source bytes)
_installed: list[str] = []


def install(folder: str) -> None:
    """Record the code of every module compiled from a source file under ``folder`` (once)."""
    if _installed:
        return
    _installed.append(folder.rstrip("/") + "/")
    compile_source = SourceFileLoader.source_to_code

    def source_to_code(self: SourceFileLoader, data: bytes, path: str, *args: object, **kwargs: object) -> CodeType:
        code = compile_source(self, data, path, *args, **kwargs)  # type: ignore[arg-type]
        if isinstance(path, str) and path.startswith(_installed[0]) and isinstance(data, bytes):
            _compiled[path] = (code, data)
        return code

    SourceFileLoader.source_to_code = source_to_code  # type: ignore[method-assign]


def harvest(top: str) -> list[tuple[str, bytes]]:
    """The .pyc files (path from the folder, bytes) of the modules compiled under its ``top``
    folder since the last harvest of it; forgotten here once returned."""
    if not _installed:
        return []
    prefix = f"{_installed[0]}{top}/"
    made = []
    for path in [p for p in _compiled if p.startswith(prefix)]:
        code, data = _compiled.pop(path)
        pyc = MAGIC_NUMBER + UNCHECKED_HASH + source_hash(data) + marshal.dumps(code)
        made.append((cache_from_source(path)[len(_installed[0]):], pyc))
    return made
