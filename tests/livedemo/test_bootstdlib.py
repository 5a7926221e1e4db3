"""The boot standard library (livedemo/bootstdlib.py): which modules, the two zips, bytecode.

The probe and py-compile run the real pinned Pyodide under Node; their answers are cached by
key in $XDG_CACHE_HOME/livedemo/stdlib, so only a test given its own cache folder pays for them.
"""

from __future__ import annotations

import _imp
import importlib.util
import io
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

from building import BuildResult
from livedemo import bootstdlib
from livedemo.bootstdlib import compiled, covered, imported_names, module_name, split

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
FULL = PYODIDE / "python_stdlib.zip"
FENCE = re.compile(r"^```pyodide([^\n]*)\n(.*?)^```", re.S | re.M)


def test_imports_are_found_anywhere_in_the_code() -> None:
    code = ("import json, xml.dom.minidom as m\nfrom email.mime import text\nfrom . import local\n"
            "def f():\n    import sqlite3\n")
    assert imported_names(code) == {"json", "xml.dom.minidom", "email.mime", "email.mime.text", "sqlite3"}
    assert imported_names("def (") == set()


def test_a_name_the_probe_loaded_or_an_attribute_of_a_plain_module_is_covered() -> None:
    loaded = {"json": True, "json.decoder": False, "typing": False}
    assert covered("json.decoder", loaded, set())
    assert covered("typing.Any", loaded, set())  # typing is a module: Any is an attribute
    assert not covered("json.tool", loaded, set())  # json is a package: json.tool may be a module
    assert covered("metalearn.train_maml", loaded, {"metalearn"})
    assert not covered("sqlite3", loaded, set())


def test_the_two_zips_split_pyodides_exactly_and_reproducibly() -> None:
    wanted = ["json/__init__.py", "json/decoder.py", "typing.py"]
    made = split(FULL, wanted)
    assert made == split(FULL, wanted)  # byte for byte
    with zipfile.ZipFile(FULL) as full, zipfile.ZipFile(io.BytesIO(made.boot)) as boot, \
            zipfile.ZipFile(io.BytesIO(made.rest)) as rest:
        assert sorted(boot.namelist()) == sorted(wanted)
        assert sorted(boot.namelist() + rest.namelist()) == sorted(n for n in full.namelist() if not n.endswith("/"))
        assert all(boot.read(n) == full.read(n) for n in wanted)
        comment = json.loads(boot.comment)
        assert "json.tool" in comment["rest"] and "json.decoder" not in comment["rest"]
        assert "xml.dom.minidom" in comment["rest"] and "xml" in comment["rest"]
    assert module_name("email/mime/text.py") == "email.mime.text" and module_name("json/__init__.py") == "json"


def test_a_boot_zip_pyodide_lacks_fails_naming_the_cache() -> None:
    from livedemo.errors import DemoError

    with pytest.raises(DemoError, match=r"lacks nothere\.py.*delete .cache/livedemo/stdlib"):
        split(FULL, ["nothere.py"])


def _demo_sources(docs: Path, demos: Path) -> list[str]:
    sources = []
    for page in sorted(docs.rglob("*.md")):
        for options, body in FENCE.findall(page.read_text(encoding="utf-8")):
            file = re.search(r'\bfile="([^"]+)"', options)
            sources.append((demos / file.group(1)).read_text(encoding="utf-8") if file else body)
    return sources


def test_every_stdlib_module_the_blogs_demos_import_is_in_the_boot_zip(built_site: BuildResult) -> None:
    with zipfile.ZipFile(built_site.site / "assets/pyodide/python_stdlib_boot.zip") as boot:
        inside = {module_name(n) for n in boot.namelist()}
    with zipfile.ZipFile(FULL) as full:
        in_pyodides_zip = {module_name(n) for n in full.namelist() if n.endswith(".py")}
    sources = _demo_sources(ROOT / "docs", ROOT / "demos")
    sources += [p.read_text(encoding="utf-8") for p in (ROOT / "demos/metalearn").rglob("*.py")]
    assert len(sources) > 10
    wanted = set()
    for source in sources:
        for name in imported_names(source):
            # Frozen modules (io, os, ...) are built into the interpreter: never read from a zip.
            if name.partition(".")[0] in sys.stdlib_module_names and name in in_pyodides_zip \
                    and not _imp.is_frozen(name):
                wanted.add(name)
    assert wanted, "the demos import no standard-library module from the zip: this test checks nothing"
    assert wanted <= inside, sorted(wanted - inside)
    assert "xml.dom.minidom" not in inside  # what a reader may import later is left out


def test_bytecode_is_made_by_pyodide_reproducibly(tmp_path: Path) -> None:
    made = split(FULL, ["json/__init__.py", "json/decoder.py", "json/scanner.py"])
    first = compiled(made.boot, PYODIDE, tmp_path / "a")
    assert compiled(made.boot, PYODIDE, tmp_path / "b") == first  # a fresh run, same bytes
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert sorted(archive.namelist()) == ["json/__init__.pyc", "json/decoder.pyc", "json/scanner.pyc"]
        magic = archive.read("json/__init__.pyc")[:4]
        # named where Pyodide mounts the zip, as source modules are: tracebacks fold them as library
        assert re.search(rb"/lib/python3\d+\.zip/json/decoder\.py", archive.read("json/decoder.pyc"))
        comment = json.loads(archive.comment)
    # Pyodide's CPython 3.14 magic, not the host's: 3.14 numbers are 3600-3699.
    assert 3600 <= int.from_bytes(magic[:2], "little") < 3700, magic
    assert comment["rest"] == json.loads(zipfile.ZipFile(io.BytesIO(made.boot)).comment)["rest"]
    assert importlib.util.MAGIC_NUMBER != magic  # the host's Python did not make it


def test_the_probe_writes_the_livedemo_files_the_worker_writes() -> None:
    worker = (Path(bootstdlib.__file__).parent / "assets" / "src" / "worker.js").read_text(encoding="utf-8")
    files = re.search(r"const LIVEDEMO_FILES = \{(.*?)\};", worker, re.S)
    assert files, "worker.js no longer declares LIVEDEMO_FILES"
    assert sorted(re.findall(r'"([\w.]+)":', files.group(1))) == sorted(bootstdlib.BROWSER_MODULES)
