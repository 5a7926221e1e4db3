"""The boot standard library: the part of Pyodide's ``python_stdlib.zip`` the first demos need.

Pyodide downloads its whole standard library (``python_stdlib.zip``, 614 modules, about 2.5 MB)
before Python starts. The site boots instead with ``python_stdlib_boot.zip``: the modules that
the boot, livedemo's browser modules, installing and importing the site's wheels (numpy,
``metalearn``) and the imports written in the site's demos load, as the pinned Pyodide itself
reports under Node (``stdlibprobe.mjs``). Everything else is ``python_stdlib_rest.zip``,
downloaded by the page the first time a reader's code imports a module outside the boot zip
(``lazystdlib.py``). Pyodide's own ``python_stdlib.zip`` is still published, unchanged.

The boot zip ships as sources, as bytecode (``compiled``) or both (``shipped``, option
``stdlib_bytecode``): with both, each reader's worker takes one by the speed of its link
(``assets/src/boot-zip.js``), from the list ``python_stdlib_boot.json``.

Which demo imports count: every ``import`` statement anywhere in a demo's code (the page's fences
and ``file=`` scripts) and in the demo library's packages, found with ``ast``. An import built at
run time (``importlib.import_module(name)``) is not seen: it still works live, one download later;
to have it in the boot zip, write a plain ``import`` of that module in the demo.

The probe costs a Node process and a Pyodide boot (seconds), so its answer is cached under
``$XDG_CACHE_HOME/livedemo/stdlib/`` (``~/.cache``), keyed by everything that can change it. The zips are made
reproducibly (fixed times, sorted entries) and the boot zip's comment is its digest: the page
compares it with the one a memory snapshot was taken with.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from livedemo.cache import digest
from livedemo.errors import DemoError
from livedemo.settings import StdlibBytecode

log = logging.getLogger("livedemo")

PACKAGE_DIR = Path(__file__).parent
PROBE = PACKAGE_DIR / "stdlibprobe.mjs"
# livedemo's files the worker writes into the browser's Python (worker.js LIVEDEMO_FILES; the
# probe writes the same ones; tests/livedemo/test_bootstdlib.py keeps the two lists equal).
BROWSER_MODULES = ("__init__.py", "bytecode.py", "contract.json", "contract.py", "display.py", "inputs.py", "isolation.py",
                   "runner.py", "lazystdlib.py")
BOOT_NAME = "python_stdlib_boot.zip"  # the boot zip as sources
BOOT_BYTECODE_NAME = "python_stdlib_boot_bytecode.zip"  # the same modules as bytecode
BOOT_ZIPS_NAME = "python_stdlib_boot.json"  # which of the two this build ships (the worker reads it)
REST_NAME = "python_stdlib_rest.zip"
FULL_NAME = "python_stdlib.zip"
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class StdlibSplit:
    """The two zips, and what the boot zip holds."""

    boot: bytes
    rest: bytes
    files: tuple[str, ...]  # paths inside the zip, the boot zip's entries
    full_size: int


def imported_names(source: str) -> set[str]:
    """Every module an ``import`` statement in ``source`` names (absolute imports; for
    ``from a import b`` both ``a`` and ``a.b``, since ``b`` may be a submodule)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def library_modules(demos_dir: Path) -> tuple[set[str], list[str]]:
    """The demo library's modules (dotted names) and their sources: its packages' ``.py`` files."""
    modules: set[str] = set()
    sources: list[str] = []
    if demos_dir.is_dir():
        for init in sorted(demos_dir.glob("*/__init__.py")):
            package = init.parent
            for file in sorted(package.rglob("*.py")):
                parts = file.relative_to(demos_dir).with_suffix("").parts
                if "__pycache__" in parts:
                    continue
                modules.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
                sources.append(file.read_text(encoding="utf-8"))
    return modules, sources


def covered(name: str, loaded: dict[str, bool], library: set[str]) -> bool:
    """Whether the probe that loaded ``loaded`` (module -> is a package) answers for an import
    of ``name`` already: it loaded it, or ``name`` can only be an attribute (its parent is a
    plain module, or livedemo's or the demo library's, which the probe imported whole)."""
    if name in loaded:
        return True
    parent = name.rpartition(".")[0]
    if parent in loaded and not loaded[parent]:
        return True
    return name.partition(".")[0] == "livedemo" or parent in library


def wheel_digest(wheel: Path) -> str:
    """A wheel's files and contents, not its bytes: the demo wheel is rebuilt by every build
    with new times inside, which must not make the probe run again."""
    with zipfile.ZipFile(wheel) as archive:
        return digest(*(f"{info.filename}:{hashlib.sha256(archive.read(info)).hexdigest()}"
                        for info in sorted(archive.infolist(), key=lambda info: info.filename)))


def cache_folder() -> Path:
    """Where probe answers are kept: by a key of everything they depend on, so one folder
    serves every build of the machine (``$XDG_CACHE_HOME/livedemo/stdlib``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "livedemo" / "stdlib"


def probe(pyodide_dir: Path, wheels: list[Path], modules: list[str], cache_dir: Path | None) -> dict:
    """The probe's answer (``stdlibprobe.mjs``), from the cache when nothing it depends on changed."""
    key = digest(
        (pyodide_dir / "package.json").read_text(encoding="utf-8"),
        PROBE.read_text(encoding="utf-8"),
        *(f"{name}\n{(PACKAGE_DIR / name).read_text(encoding='utf-8')}" for name in BROWSER_MODULES),
        *(f"{wheel.name}:{wheel_digest(wheel)}" for wheel in wheels),
        *modules,
    )
    cached = cache_dir / f"{key}.json" if cache_dir else None
    if cached is not None and cached.is_file():
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except ValueError:
            pass
    node = shutil.which("node")
    if node is None:
        raise DemoError("livedemo: `node` is not on PATH: the boot standard library is computed by "
                        "Pyodide under Node (livedemo/bootstdlib.py)")
    request = json.dumps({"wheels": [str(w) for w in wheels], "modules": modules, "files": list(BROWSER_MODULES)})
    done = subprocess.run([node, str(PROBE), str(pyodide_dir), str(PACKAGE_DIR)], input=request,
                          capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise DemoError(f"livedemo: {PROBE} failed (exit {done.returncode}) while computing the boot "
                        f"standard library:\n{done.stderr[-4000:]}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(answer, indent=1), encoding="utf-8")
        os.replace(partial, cached)  # builds running at once never read half a file
    return answer


def _zip(entries: list[tuple[str, bytes]], comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
        archive.comment = comment
    return out.getvalue()


def module_name(path: str) -> str:
    """``email/mime/text.py`` -> ``email.mime.text``; ``json/__init__.py`` (or ``.pyc``) -> ``json``."""
    parts = path.removesuffix(".pyc").removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def split(full_zip: Path, boot_files: Iterable[str]) -> StdlibSplit:
    """The boot zip (``boot_files`` of ``full_zip``) and its complement, reproducibly."""
    wanted = set(boot_files)
    with zipfile.ZipFile(full_zip) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist() if not info.is_dir()]
    boot = sorted((name, data) for name, data in entries if name in wanted)
    rest = sorted((name, data) for name, data in entries if name not in wanted)
    missing = wanted - {name for name, _ in boot}
    if missing:
        raise DemoError(f"livedemo: {full_zip} lacks {', '.join(sorted(missing))}: the boot standard "
                        "library was computed with another Pyodide; delete .cache/livedemo/stdlib")
    # The comment: the boot zip's digest, and the modules the rest holds (lazystdlib.py downloads
    # it only for those: a module Pyodide does not have at all, e.g. pwd, costs nothing).
    comment = json.dumps({
        "id": digest(*(f"{name}:{hashlib.sha256(data).hexdigest()}" for name, data in boot)),
        "rest": sorted({module_name(name) for name, _ in rest if name.endswith(".py")}),
    }, separators=(",", ":")).encode()
    return StdlibSplit(_zip(boot, comment), _zip(rest), tuple(name for name, _ in boot),
                       full_zip.stat().st_size)


def compiled(source_zip: bytes, pyodide_dir: Path, cache_dir: Path | None = None) -> bytes:
    """``source_zip`` with every module as bytecode for the pinned Pyodide: pyodide-build's
    ``py-compile`` run by Pyodide itself under Node (``pycompile.mjs``), then written again with
    fixed times and the source zip's comment (its digest marked as compiled). Cached by the
    inputs: Pyodide's version, pyodide-build's, the script, the zip."""
    try:
        from importlib.metadata import distribution
        dist = distribution("pyodide-build")
    except Exception:  # noqa: BLE001 - not installed
        raise DemoError("livedemo: pyodide-build is not installed: `pip install -e '.[test]'` "
                        "(or `make build`) installs the pinned version") from None
    cache_dir = cache_dir or cache_folder()
    key = digest((pyodide_dir / "package.json").read_text(encoding="utf-8"), dist.version,
                 (PACKAGE_DIR / "pycompile.mjs").read_text(encoding="utf-8"),
                 hashlib.sha256(source_zip).hexdigest())
    cached = cache_dir / f"{key}.zip"
    if cached.is_file():
        return cached.read_bytes()
    node = shutil.which("node")
    if node is None:
        raise DemoError("livedemo: `node` is not on PATH: the standard library is compiled by Pyodide under Node")
    site_packages = Path(str(dist.locate_file("")))
    with tempfile.TemporaryDirectory(prefix="livedemo-pycompile-") as work:
        (Path(work) / "stdlib.zip").write_bytes(source_zip)
        done = subprocess.run([node, str(PACKAGE_DIR / "pycompile.mjs"), str(pyodide_dir), str(site_packages),
                               work, "stdlib.zip"], capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            raise DemoError(f"livedemo: {PACKAGE_DIR / 'pycompile.mjs'} failed (exit {done.returncode}):\n"
                            f"{done.stderr[-4000:]}")
        with zipfile.ZipFile(Path(work) / "stdlib.zip") as archive:
            entries = sorted((info.filename, archive.read(info)) for info in archive.infolist() if not info.is_dir())
    with zipfile.ZipFile(io.BytesIO(source_zip)) as source:
        comment = json.loads(source.comment or b"{}")
    comment["id"] = digest(comment.get("id", ""), "bytecode", key)
    made = _zip(entries, json.dumps(comment, separators=(",", ":")).encode())
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(made)
    os.replace(partial, cached)
    return made


def boot_stdlib(pyodide_dir: Path, wheels: list[Path], demo_sources: Iterable[str], demos_dir: Path,
                cache_dir: Path | None = None) -> StdlibSplit:
    """The boot zip (sources) and the rest for a site whose demos are ``demo_sources``.

    One probe imports the demo library (its answer serves every site with that library); a
    second one, with the demos' imports added, only when a demo imports a module the first did
    not load.
    """
    cache_dir = cache_dir or cache_folder()
    library, library_sources = library_modules(demos_dir)
    answer = probe(pyodide_dir, wheels, sorted(library), cache_dir)
    names: set[str] = set()
    for source in [*demo_sources, *library_sources]:
        names |= imported_names(source)
    uncovered = sorted(n for n in names if not covered(n, answer["modules"], library))
    if uncovered:
        answer = probe(pyodide_dir, wheels, sorted(library | set(uncovered)), cache_dir)
    made = split(pyodide_dir / FULL_NAME, answer["files"])
    log.info("livedemo: boot standard library %d of Pyodide's modules, %d KB (of %d KB); the rest "
             "downloads on a reader's first import outside it", len(made.files), len(made.boot) // 1024,
             made.full_size // 1024)
    return made


def shipped(made: StdlibSplit, bytecode: StdlibBytecode, pyodide_dir: Path,
            cache_dir: Path | None = None) -> dict[str, bytes]:
    """The files the site serves for its standard library, by name: the boot zip as sources
    (``BOOT_NAME``) unless ``bytecode`` is ``always``, as bytecode (``BOOT_BYTECODE_NAME``,
    see ``compiled``) unless it is ``never``, the rest, and ``BOOT_ZIPS_NAME``, which says which
    boot zips are there. With both (``auto``), each reader's worker takes one by the speed of
    its link (``assets/src/boot-zip.js``): why one build ships both."""
    files: dict[str, bytes] = {}
    zips: dict[str, str] = {}
    if bytecode != "always":
        files[BOOT_NAME] = made.boot
        zips["source"] = BOOT_NAME
    if bytecode != "never":
        files[BOOT_BYTECODE_NAME] = compiled(made.boot, pyodide_dir, cache_dir)
        zips["bytecode"] = BOOT_BYTECODE_NAME
    files[REST_NAME] = made.rest
    files[BOOT_ZIPS_NAME] = json.dumps(zips, indent=1, sort_keys=True).encode() + b"\n"
    return files
