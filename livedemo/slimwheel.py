"""A vendored Pyodide wheel without the files nothing reads in the reader's browser.

Pyodide's numpy wheel carries what only a developer's machine uses: type stubs (``*.pyi``, read by
type checkers), Cython declarations (``*.pxd``) and C headers and static libraries (for compiling
extensions against numpy), the C source f2py compiles into its wrappers (no compiler runs in a
browser; f2py's Python stays, because ``from numpy import *`` imports ``numpy.f2py``), PyInstaller
hooks, numpy's pytest configuration and the random module's extension examples. Wheels are zip
files that no host compresses again, so each of those bytes is a byte on the wire before the first
numpy demo runs. ``REMOVALS`` lists them per package, each with its reason;
``vendor/pyodide-wheels/README.md`` documents the list, the evidence (files Python opens at run
time) and both sha256 values.

The slim wheel is reproducible to the byte: every kept entry is copied from Pyodide's wheel as it is
(local header, compressed data, central-directory record; only offsets change), in the wheel's own
order, and the rewritten ``RECORD`` is stored uncompressed with the original entry's timestamp, so
the result depends on neither the build machine's clock nor its zlib. It keeps the file name, so
``pyodide lockfile add-wheels`` takes it like the original and writes its own sha256 into the lock.
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from packaging.utils import canonicalize_name, parse_wheel_filename

FORMAT = "1"  # bump when the way the zip is written changes (the rules are in the cache key)


class SlimWheelError(RuntimeError):
    """The wheel cannot be slimmed as it is (an unexpected zip layout); the message says why."""


@dataclass(frozen=True)
class Removal:
    """Entries of a wheel matching ``pattern`` (``fnmatch``, ``*`` crosses folders) are left out."""

    pattern: str
    why: str


REMOVALS: dict[str, tuple[Removal, ...]] = {
    "numpy": (
        Removal("*.pyi", "type stubs: read by type checkers, never imported"),
        Removal("*.pxd", "Cython declarations: read when compiling against numpy"),
        Removal("numpy/_core/include/*", "C headers: read when compiling against numpy"),
        Removal("numpy/_core/lib/*", "libnpymath.a and pkg-config files: for linking against numpy"),
        Removal("numpy/random/lib/*", "libnpyrandom.a: for linking against numpy.random"),
        Removal("numpy/random/_examples/*", "Cython, cffi and numba examples (not a package)"),
        Removal("numpy/f2py/src/*", "C source that f2py compiles into its wrappers: no compiler in a browser"),
        Removal("numpy/_pyinstaller/*", "PyInstaller hooks, for freezing applications"),
        Removal("numpy/conftest.py", "pytest configuration of numpy's test suite (tests not shipped)"),
    ),
}

_LOCAL = struct.Struct("<IHHHHHIIIHH")  # local file header, 30 bytes
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # central directory record, 46 bytes
_END = struct.Struct("<IHHHHIIH")  # end of central directory, 22 bytes
_LOCAL_SIG, _CENTRAL_SIG, _END_SIG = 0x04034B50, 0x02014B50, 0x06054B50


def removals_for(wheel: Path) -> tuple[Removal, ...]:
    """The rules for ``wheel``'s package (empty: the wheel is served as it is)."""
    return REMOVALS.get(canonicalize_name(parse_wheel_filename(wheel.name)[0]), ())


def removal_of(name: str, removals: tuple[Removal, ...]) -> Removal | None:
    """The rule that leaves the entry ``name`` out, or None when it is kept."""
    return next((r for r in removals if fnmatchcase(name, r.pattern)), None)


@dataclass(frozen=True)
class _Entry:
    name: str
    central: bytes  # the whole central-directory record
    header: bytes  # the local header, name and extra field included
    payload: bytes  # the data as stored (compressed or not)

    def field(self, index: int) -> int:
        return _CENTRAL.unpack_from(self.central)[index]

    def content(self) -> bytes:
        method = self.field(4)
        if method == 0:
            return self.payload
        if method == 8:
            return zlib.decompress(self.payload, -15)
        raise SlimWheelError(f"{self.name}: compression method {method}, expected stored or deflated")


def _entries(data: bytes, where: Path) -> list[_Entry]:
    """The zip's entries, in its central directory's order, as raw bytes."""
    end = data.rfind(struct.pack("<I", _END_SIG))
    if end < 0 or len(data) - end != _END.size:
        raise SlimWheelError(f"{where}: no plain end-of-central-directory record (zip comment or zip64?)")
    _, disk, _, count, total, _, offset, _ = _END.unpack_from(data, end)
    if disk or count != total:
        raise SlimWheelError(f"{where}: multi-disk zip")
    entries, at = [], offset
    for _ in range(total):
        fields = _CENTRAL.unpack_from(data, at)
        if fields[0] != _CENTRAL_SIG:
            raise SlimWheelError(f"{where}: bad central directory record at byte {at}")
        flags, compressed, name_len, extra_len, comment_len, local_at = (
            fields[3], fields[8], fields[10], fields[11], fields[12], fields[16])
        record_end = at + _CENTRAL.size + name_len + extra_len + comment_len
        name = data[at + _CENTRAL.size:at + _CENTRAL.size + name_len].decode("utf-8")
        if flags & 0x08:
            raise SlimWheelError(f"{where}: {name} uses a data descriptor; expected plain entries")
        local = _LOCAL.unpack_from(data, local_at)
        if local[0] != _LOCAL_SIG:
            raise SlimWheelError(f"{where}: bad local header of {name} at byte {local_at}")
        data_at = local_at + _LOCAL.size + local[9] + local[10]
        entries.append(_Entry(name, data[at:record_end], data[local_at:data_at],
                              data[data_at:data_at + compressed]))
        at = record_end
    return entries


def _stored(entry: _Entry, content: bytes) -> _Entry:
    """``entry`` with new content, stored uncompressed; every other header field kept."""
    crc, size = zlib.crc32(content), len(content)
    local = list(_LOCAL.unpack_from(entry.header))
    local[3], local[6], local[7], local[8] = 0, crc, size, size
    central = list(_CENTRAL.unpack_from(entry.central))
    central[4], central[7], central[8], central[9] = 0, crc, size, size
    return _Entry(entry.name, _CENTRAL.pack(*central) + entry.central[_CENTRAL.size:],
                  _LOCAL.pack(*local) + entry.header[_LOCAL.size:], content)


def _record_path(line: str) -> str:
    """The path of a RECORD line (``path,hash,size``; wheels quote no paths of numpy's)."""
    return line.rsplit(",", 2)[0]


def slim_bytes(data: bytes, removals: tuple[Removal, ...], where: Path) -> tuple[bytes, list[str]]:
    """The slim wheel's bytes and the names of the entries left out."""
    entries = _entries(data, where)
    removed = [e.name for e in entries if removal_of(e.name, removals)]
    kept = [e for e in entries if not removal_of(e.name, removals)]
    records = [e for e in kept if e.name.endswith(".dist-info/RECORD")]
    if len(records) != 1:
        raise SlimWheelError(f"{where}: expected one .dist-info/RECORD, found {len(records)}")
    record, gone = records[0], set(removed)
    lines = [line for line in record.content().decode("utf-8").splitlines()
             if line and _record_path(line) not in gone]
    kept = [_stored(e, ("\n".join(lines) + "\n").encode()) if e is record else e for e in kept]
    out, central = bytearray(), bytearray()
    for entry in kept:
        fields = list(_CENTRAL.unpack_from(entry.central))
        fields[16] = len(out)
        central += _CENTRAL.pack(*fields) + entry.central[_CENTRAL.size:]
        out += entry.header + entry.payload
    offset = len(out)
    out += central
    out += _END.pack(_END_SIG, 0, 0, len(kept), len(kept), len(central), offset, 0)
    return bytes(out), removed


def slim_wheel(source: Path, out_dir: Path) -> Path:
    """Write the slim copy of ``source`` into ``out_dir`` under the same name and return it.

    Written to a temporary name and renamed, so a build that stops half way never leaves a
    truncated wheel where the cache looks.
    """
    data, _ = slim_bytes(source.read_bytes(), removals_for(source), source)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / source.name
    partial = out_dir / f".{source.name}.{os.getpid()}.part"
    partial.write_bytes(data)
    partial.replace(target)
    return target


def slimmed(wheel: Path, cache_dir: Path) -> Path:
    """``wheel`` itself when it has no rules, else its slim copy, cached in ``cache_dir`` by the
    original's sha256, the rules and ``FORMAT`` (an edited list makes a new copy)."""
    if not removals_for(wheel):
        return wheel
    rules = "\0".join(r.pattern for r in removals_for(wheel))
    key = hashlib.sha256(f"{FORMAT}\0{rules}\0{_sha256(wheel)}".encode()).hexdigest()[:16]
    cached = cache_dir / f"slim-{key}" / wheel.name
    return cached if cached.is_file() else slim_wheel(wheel, cached.parent)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
