"""The rest of the standard library, fetched the first time a reader's code asks for it.

The page boots Python with a small standard-library zip (``python_stdlib_boot.zip`` or its
bytecode twin ``python_stdlib_boot_bytecode.zip``, made by ``livedemo/bootstdlib.py``: what the boot, livedemo, numpy, ``metalearn`` and the site's demos
import), not Pyodide's whole ``python_stdlib.zip``: fewer bytes before the first output. Every
other module must still import, so ``install`` appends a finder to ``sys.meta_path``: when the
normal path finder did not find a standard-library module, it downloads the complement zip
(``python_stdlib_rest.zip``) once, synchronously (a worker may use a synchronous
XMLHttpRequest, and ``import`` is synchronous), writes it beside the boot zip and lets
zipimport find the module there. Submodules of a package that is partly in the boot zip are
looked up at the same place in the complement.

This module runs in the browser (the worker writes it beside livedemo's other modules); the
build never imports it.
"""

from __future__ import annotations

import json
import sys
from importlib.machinery import ModuleSpec, PathFinder
from typing import Sequence

BOOT = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
REST = "/lib/python_stdlib_rest.zip"


def zip_comment(path: str) -> bytes:
    """The comment at the end of a zip file: the boot zip carries its own digest there."""
    try:
        with open(path, "rb") as stream:
            stream.seek(0, 2)
            size = stream.tell()
            stream.seek(max(0, size - 65_557))  # the end record (22 bytes) and its longest comment
            tail = stream.read()
    except OSError:
        return b""
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        return b""
    length = int.from_bytes(tail[end + 20:end + 22], "little")
    return tail[end + 22:end + 22 + length]


class RestOfStdlib:
    """A ``sys.meta_path`` finder, last in line: standard-library modules outside the boot zip."""

    def __init__(self, url: str, modules: frozenset[str]) -> None:
        self.url = url
        self.modules = modules  # the rest's modules: the boot zip's comment lists them
        self.mounted = False
        self.failed: str | None = None

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: object = None) -> ModuleSpec | None:
        if name not in self.modules or not self.mount(name):
            return None
        if path is None:
            return PathFinder.find_spec(name, [REST])
        here = [REST + entry[len(BOOT):] for entry in path if entry.startswith(BOOT + "/")]
        return PathFinder.find_spec(name, here) if here else None

    def mount(self, name: str) -> bool:
        """Download the complement zip once (for an import of ``name``); False when that failed
        (the import then fails as usual, and the next import outside the boot zip tries again)."""
        if self.mounted:
            return True
        import js  # Pyodide's; imported only now, so that no JavaScript object is in a snapshot

        # Said in the browser's console: an author sees which import cost the download.
        js.console.info(f"livedemo: {name} is not in the boot standard library "
                        f"(livedemo/bootstdlib.py): downloading {self.url}")

        request = js.XMLHttpRequest.new()
        try:
            request.open("GET", self.url, False)
            request.responseType = "arraybuffer"
            request.send()
            if request.status != 200:
                raise OSError(f"HTTP {request.status}")
            data = js.Uint8Array.new(request.response).to_bytes()
        except Exception as error:  # network down, or a page without the file
            self.failed = f"could not download {self.url}: {error}"
            js.console.warn(f"livedemo: {self.failed}")
            return False
        with open(REST, "wb") as stream:
            stream.write(data)
        self.mounted = True
        return True


def install(url: str) -> RestOfStdlib:
    """Put the finder last on ``sys.meta_path`` (once); ``url`` is the complement zip's."""
    for finder in sys.meta_path:
        if isinstance(finder, RestOfStdlib):
            finder.url = url
            return finder
    global BOOT_ID
    BOOT_ID = zip_comment(BOOT)
    try:
        modules = frozenset(json.loads(BOOT_ID)["rest"])
    except (ValueError, KeyError, TypeError):
        modules = frozenset()  # Pyodide's whole zip: there is no rest
    finder = RestOfStdlib(url, modules)
    sys.meta_path.append(finder)
    return finder


BOOT_ID = b""


def stale() -> bool:
    """Whether this Python (restored from a memory snapshot) was started with another boot zip
    than the one on its file system now: zipimport's cached table of contents would point into
    the wrong file, so the snapshot must not be used."""
    return zip_comment(BOOT) != BOOT_ID
