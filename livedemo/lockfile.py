"""Pyodide's lock file for the site: the packages the site serves itself, and nothing else.

Three kinds of wheels enter the lock, all through ``pyodide lockfile add-wheels`` (package
``pyodide-lock[wheel]``), which writes each wheel's own name, version and sha256:

- the project's demo package, built here into a pure-Python wheel with ``pip wheel``;
- vendored Pyodide wheels (e.g. numpy), checked against their folder's ``SHA256SUMS`` first;
- extra wheels from a folder given at build time (``PYODIDE_WHEELS_DIR``): each one that fits
  the pinned Pyodide is added, replacing a vendored wheel of the same package; the others are
  reported with the reason.

Every other entry of Pyodide's own lock names a file the npm package does not ship. By default
those entries are left out, so the lock cannot send a reader's browser to another host; with a
CDN fallback they point at the pinned CDN instead.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion

SKIPPED = ("build", "dist", "*.egg-info", "__pycache__", "*.pyc")
CHECKSUMS = "SHA256SUMS"
FORMAT = "1"  # bump when the cached lock's layout or the way it is made changes


class LockfileError(RuntimeError):
    """The wheel or the lock file could not be made; the message says which step failed."""


@dataclass
class Lock:
    """The lock file's JSON, the local files it needs beside it, and what it left out."""

    data: dict
    files: dict[str, Path] = field(default_factory=dict)  # file name in the site -> source
    pyodide_packages: set[str] = field(default_factory=set)  # every name in Pyodide's own lock
    cdn_url: str | None = None  # where left-out packages load from; None: they are not in the lock
    problems: list[str] = field(default_factory=list)  # for the build log (warnings)
    notes: list[str] = field(default_factory=list)  # for the build log (info)

    def package_names(self) -> set[str]:
        return set(self.data["packages"])

    def remote(self, name: str) -> bool:
        """Whether ``name`` loads from another host (only with a CDN fallback)."""
        return "://" in self.data["packages"][name]["file_name"]

    def closure(self, names: list[str]) -> list[str]:
        """``names`` and everything they depend on, in the lock, depth first."""
        seen: list[str] = []
        pending = [canonicalize_name(n) for n in reversed(names)]
        while pending:
            name = pending.pop()
            if name in seen or name not in self.data["packages"]:
                continue
            seen.append(name)
            depends = self.data["packages"][name]["depends"]
            pending.extend(canonicalize_name(d) for d in reversed(depends))
        return seen

    def problem_with(self, names: list[str]) -> str | None:
        """Why a demo may not declare ``names``, or None when the site can load them."""
        missing = [n for n in names if canonicalize_name(n) not in self.data["packages"]]
        if missing:
            pyodide = [n for n in missing if canonicalize_name(n) in self.pyodide_packages]
            unknown = [n for n in missing if n not in pyodide]
            reasons = []
            if pyodide:
                reasons.append(
                    f"{_names(pyodide)} {_is(pyodide)} in Pyodide's distribution but not shipped by "
                    "this site, so the reader's browser would have to fetch it from another host. "
                    "Vendor its wheel (see vendor/pyodide-wheels/README.md), or turn on the "
                    "cdn_fallback option of livedemo.extension in mkdocs.yml"
                )
            if unknown:
                reasons.append(
                    f"unknown package {_names(unknown)}: not in Pyodide's lock file or the "
                    "project's demo package"
                )
            shipped = ", ".join(sorted(self.data["packages"])) or "none"
            return "; ".join(reasons) + f" (this site ships: {shipped})"
        return None


def _names(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def _is(names: list[str]) -> str:
    return "is" if len(names) == 1 else "are"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as data:
        for chunk in iter(lambda: data.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-3000:]
        raise LockfileError(f"{what} failed ({' '.join(command[:4])} ...):\n{output}")


def build_wheel(project: Path, out_dir: Path) -> Path:
    """Build ``project`` (a folder with pyproject.toml) into a py3-none-any wheel.

    It builds from a copy, because setuptools writes ``build/`` and ``*.egg-info`` into
    the folder it builds, and the author's tree should stay as it is.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="livedemo-wheel-") as tmp:
        source = Path(tmp) / "project"
        shutil.copytree(project, source, ignore=shutil.ignore_patterns(*SKIPPED))
        _run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
             "--quiet", "-w", str(out_dir), str(source)],
            f"building the demo wheel from {project}",
        )
    wheels = sorted(out_dir.glob("*.whl"))
    if len(wheels) != 1 or not wheels[0].name.endswith("-py3-none-any.whl"):
        raise LockfileError(f"expected one pure-Python wheel from {project}, got {wheels}")
    return wheels[0]


# --- Which wheels fit the pinned Pyodide ----------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What the pinned Pyodide runs, from its lock's ``info``."""

    python: tuple[int, int]
    platform: str  # e.g. "emscripten_5_0_3" (the tag pyodide-lock 0.2 checks)
    arch: str
    abi_version: str | None  # e.g. "2026_0": PEP 783 wheels are tagged pyemscripten_2026_0_wasm32

    @classmethod
    def of(cls, info: dict) -> "Target":
        major, minor = (int(part) for part in str(info["python"]).split(".")[:2])
        return cls((major, minor), info["platform"], info.get("arch", "wasm32"), info.get("abi_version"))

    @property
    def abi_platform(self) -> str | None:
        return f"pyemscripten_{self.abi_version}_{self.arch}" if self.abi_version else None

    @property
    def platforms(self) -> set[str]:
        return {p for p in (self.abi_platform, f"{self.platform}_{self.arch}") if p}

    def describe(self) -> str:
        cp = f"cp{self.python[0]}{self.python[1]}"
        platform = self.abi_platform or f"{self.platform}_{self.arch}"
        return f"{cp}-{cp}-{platform}, {cp}-abi3-{platform} or py3-none-any wheels"

    def why_not(self, wheel: Path) -> str | None:
        """Why the wheel cannot load in this Pyodide, or None when it can."""
        try:
            _, _, _, tags = parse_wheel_filename(wheel.name)
        except (InvalidWheelFilename, InvalidVersion) as exc:
            return f"its file name is not a valid wheel name ({exc})"
        cp = f"cp{self.python[0]}{self.python[1]}"
        older = {f"cp{self.python[0]}{m}" for m in range(self.python[1] + 1)}
        for tag in tags:
            if tag.abi == "none" and tag.platform == "any" and re.fullmatch(
                rf"py{self.python[0]}(\d*)", tag.interpreter
            ):
                minor = tag.interpreter[3:]
                if not minor or int(minor) <= self.python[1]:
                    return None
            if tag.platform in self.platforms and (
                (tag.interpreter == cp and tag.abi == cp) or (tag.abi == "abi3" and tag.interpreter in older)
            ):
                return None
        built = ", ".join(sorted(str(t) for t in tags))
        return f"it is built for {built}, but this Pyodide loads {self.describe()}"

    def needs_abi_view(self, wheel: Path) -> bool:
        """pyodide-lock 0.2 checks tags against ``info.platform`` only, which predates PEP 783."""
        _, _, _, tags = parse_wheel_filename(wheel.name)
        return any(t.platform == self.abi_platform for t in tags)


def verified_vendored(folder: Path) -> list[Path]:
    """The wheels in ``folder``, each checked against the folder's SHA256SUMS.

    Raises ``LockfileError`` naming the file when a wheel is unlisted, missing or different.
    """
    sums = folder / CHECKSUMS
    if not sums.is_file():
        raise LockfileError(f"{sums} is missing: vendored wheels must be listed with their sha256")
    expected: dict[str, str] = {}
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = re.fullmatch(r"([0-9a-fA-F]{64}) [ *]?(\S+)", line.strip())
        if not match:
            raise LockfileError(f"{sums}, line {number}: expected '<sha256>  <file name>'")
        expected[match.group(2)] = match.group(1).lower()
    wheels = sorted(folder.glob("*.whl"))
    for wheel in wheels:
        if wheel.name not in expected:
            raise LockfileError(
                f"{wheel} is not listed in {sums}: add its line (sha256sum {wheel.name} >> "
                f"{CHECKSUMS}) after checking where it comes from"
            )
    for name, digest in expected.items():
        path = folder / name
        if not path.is_file():
            raise LockfileError(f"{sums} lists {name}, which is not in {folder}")
        found = sha256(path)
        if found != digest:
            raise LockfileError(
                f"{path}: sha256 is {found}, but {sums} says {digest}. The file is not the build "
                "its README describes: restore it (git checkout -- the file) or vendor it again"
            )
    return wheels


def _package_of(wheel: Path) -> str:
    return canonicalize_name(parse_wheel_filename(wheel.name)[0])


def choose_wheels(
    vendored: list[Path], extra: Path | None, target: Target
) -> tuple[list[Path], list[str], list[str]]:
    """Vendored wheels plus compatible extra ones (an extra wheel replaces a vendored one of the
    same package). Returns (wheels, problems for rejected extra wheels, notes)."""
    problems: list[str] = []
    notes: list[str] = []
    for wheel in vendored:
        reason = target.why_not(wheel)
        if reason:
            raise LockfileError(f"vendored wheel {wheel} cannot load in this site's Pyodide: {reason}")
    chosen = {_package_of(w): w for w in vendored}
    if extra is not None:
        if not extra.is_dir():
            raise LockfileError(f"extra_wheels: {extra} is not a folder (PYODIDE_WHEELS_DIR?)")
        for wheel in sorted(extra.glob("*.whl")):
            reason = target.why_not(wheel)
            if reason:
                problems.append(f"livedemo: {wheel} is not used: {reason}")
                continue
            name = _package_of(wheel)
            if name in chosen:
                notes.append(f"livedemo: {name} from {wheel} replaces {chosen[name].name}")
            else:
                notes.append(f"livedemo: {name} added from {wheel}")
            chosen[name] = wheel
    return sorted(chosen.values()), problems, notes


# --- Making the lock ------------------------------------------------------------------------


def _pyodide_cli() -> list[str]:
    beside = Path(sys.executable).with_name("pyodide")
    return [str(beside) if beside.exists() else "pyodide"]


def add_wheels(base_lock: Path, wheels: list[Path], out: Path) -> dict:
    """Run ``pyodide lockfile add-wheels`` and return the new lock's JSON.

    The wheels must sit in one folder (file names in the lock are relative to it). PEP 783
    wheels (``pyemscripten_<abi>_wasm32``, Pyodide's own builds since 314) are added against a
    copy of the lock whose ``info.platform`` spells that platform, because pyodide-lock 0.2
    compares wheel tags with ``info.platform`` alone; the original ``info`` is put back after.
    """
    base = json.loads(base_lock.read_text(encoding="utf-8"))
    target = Target.of(base["info"])
    folder = wheels[0].parent
    abi_tagged = [w for w in wheels if target.needs_abi_view(w)]
    others = [w for w in wheels if w not in abi_tagged]
    current = base_lock
    for group, view in ((abi_tagged, True), (others, False)):
        if not group:
            continue
        source = current
        if view:
            source = out.with_name(out.stem + ".abi-view.json")
            source.write_text(json.dumps(
                {**base, "info": {**base["info"], "platform": f"pyemscripten_{target.abi_version}"}}
            ), encoding="utf-8")
        _run(
            [*_pyodide_cli(), "lockfile", "add-wheels", "--input", str(source), "--output", str(out),
             "--base-path", str(folder), *map(str, group)],
            "pyodide lockfile add-wheels",
        )
        data = json.loads(out.read_text(encoding="utf-8"))
        data["info"] = base["info"]
        out.write_text(json.dumps(data), encoding="utf-8")
        current = out
    return json.loads(current.read_text(encoding="utf-8"))


def _stage(wheels: list[Path], folder: Path) -> list[Path]:
    """Copies of ``wheels`` in one folder, which add-wheels needs (hard links where possible)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    staged = []
    for wheel in wheels:
        copy = folder / wheel.name
        try:
            copy.hardlink_to(wheel)
        except OSError:
            shutil.copyfile(wheel, copy)
        staged.append(copy)
    return staged


def make_lock(
    base_lock: Path,
    demo_wheels: list[Path],
    pyodide_wheels: list[Path],
    work_dir: Path,
    cdn_url: str | None = None,
) -> Lock:
    """The site's lock: every wheel given, self-hosted; Pyodide's other packages left out, or
    pointing at ``cdn_url`` when a CDN fallback is wanted.

    The add-wheels result is cached in ``work_dir`` by the hashes of its inputs, so a rebuild
    of ``mkdocs serve`` does not run the tool again.
    """
    base = json.loads(base_lock.read_text(encoding="utf-8"))
    wheels = [*pyodide_wheels, *demo_wheels]
    names = [w.name for w in wheels]
    if len(set(names)) != len(names):
        raise LockfileError(f"two wheels have the same file name: {sorted(names)}")
    if wheels:
        key = hashlib.sha256(
            "\0".join([FORMAT, sha256(base_lock), *(f"{w.name}:{sha256(w)}" for w in wheels)]).encode()
        ).hexdigest()[:16]
        cached = work_dir / f"lock-{key}.json"
        try:
            data = json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            staged = work_dir / "staged"
            try:
                data = add_wheels(base_lock, _stage(wheels, staged), staged / "pyodide-lock.json")
                (staged / "pyodide-lock.json").replace(cached)  # only a complete lock is cached
            finally:
                shutil.rmtree(staged, ignore_errors=True)
    else:
        data = base
    lock = Lock(data, pyodide_packages=set(base["packages"]), cdn_url=cdn_url)
    ours = {w.name: w for w in wheels}
    packages = data["packages"]
    for name in sorted(packages):
        file_name = packages[name]["file_name"]
        if file_name in ours:
            lock.files[file_name] = ours[file_name]
        elif "://" in file_name:
            continue  # a URL the author put there on purpose (an extra lock entry)
        elif cdn_url:
            packages[name]["file_name"] = cdn_url.rstrip("/") + "/" + file_name
        else:
            del packages[name]
    for name, package in packages.items():
        absent = [d for d in package["depends"] if canonicalize_name(d) not in packages]
        if absent:
            raise LockfileError(
                f"{name} depends on {', '.join(absent)}, which this site does not ship: vendor "
                "the wheel (see vendor/pyodide-wheels/README.md) or turn on cdn_fallback"
            )
    return lock
