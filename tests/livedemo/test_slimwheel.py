"""The slim numpy wheel the site serves: reproducible, documented, complete, and it runs in Pyodide."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from building import ROOT
from livedemo import lockfile, prepare, slimwheel
from livedemo.sitebuild import SiteBuild

VENDOR = ROOT / "vendor" / "pyodide-wheels"
README = (VENDOR / "README.md").read_text(encoding="utf-8")
RECORD = "numpy-2.4.3.dist-info/RECORD"


@pytest.fixture(scope="module")
def original() -> Path:
    (wheel,) = lockfile.verified_vendored(VENDOR)
    return wheel


@pytest.fixture(scope="module")
def site_lock(tmp_path_factory: pytest.TempPathFactory) -> lockfile.Lock:
    """The lock of a real build of the site's mkdocs.yml, its cache in a fresh folder."""
    config = ROOT / "mkdocs.yml"
    settings = prepare.settings_of(config, prepare.read_config(config))
    cache = tmp_path_factory.mktemp("cache")
    return SiteBuild.make(replace(settings, cache_dir=str(cache))).lock


def _documented(what: str) -> tuple[str, int]:
    """The sha256 and size the README gives for ``what``."""
    match = re.search(rf"{re.escape(what)}: sha256 `([0-9a-f]{{64}})`, ([\d,]+) bytes", README)
    assert match, f"vendor/pyodide-wheels/README.md has no line '{what}: sha256 `...`, N bytes'"
    return match.group(1), int(match.group(2).replace(",", ""))


def _public_modules(names: list[str]) -> set[str]:
    """Module names of the wheel's ``.py`` files with no ``_`` part (numpy's public API)."""
    modules = set()
    for name in names:
        if name.startswith("numpy/") and name.endswith(".py"):
            module = name[:-3].removesuffix("/__init__").replace("/", ".")
            if not any(part.startswith("_") for part in module.split(".")) and module != "numpy.conftest":
                modules.add(module)
    return modules


def test_the_build_serves_the_slim_wheel_with_the_documented_sha256(
    site_lock: lockfile.Lock, original: Path
) -> None:
    numpy = site_lock.data["packages"]["numpy"]
    served = site_lock.files[numpy["file_name"]]
    assert numpy["file_name"] == original.name  # the same name rules: add-wheels took it
    assert (numpy["sha256"], served.stat().st_size) == _documented("Slim wheel served by the site")
    assert numpy["sha256"] == lockfile.sha256(served)
    assert (lockfile.sha256(original), original.stat().st_size) == _documented("Pyodide's wheel (vendored)")


def test_the_slim_wheel_is_the_same_bytes_on_every_build(original: Path, tmp_path: Path) -> None:
    first = slimwheel.slim_wheel(original, tmp_path / "one")
    second = slimwheel.slim_wheel(original, tmp_path / "two")
    assert first.read_bytes() == second.read_bytes()
    again = slimwheel.slimmed(original, tmp_path / "cache")
    stamp = again.stat().st_mtime_ns
    assert slimwheel.slimmed(original, tmp_path / "cache").stat().st_mtime_ns == stamp  # cached


def test_an_edited_list_makes_a_new_slim_wheel_not_the_cached_one(
    original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = slimwheel.slimmed(original, tmp_path)
    monkeypatch.setitem(slimwheel.REMOVALS, "numpy", slimwheel.REMOVALS["numpy"][:-1])
    after = slimwheel.slimmed(original, tmp_path)
    assert after != before and after.read_bytes() != before.read_bytes()
    assert "numpy/conftest.py" in zipfile.ZipFile(after).namelist()


def test_its_record_lists_exactly_its_files_with_their_hashes(original: Path, tmp_path: Path) -> None:
    slim = zipfile.ZipFile(slimwheel.slim_wheel(original, tmp_path))
    assert slim.testzip() is None
    lines = slim.read(RECORD).decode().splitlines()
    assert sorted(line.rsplit(",", 2)[0] for line in lines) == sorted(slim.namelist())
    for line in lines:
        path, digest, size = line.rsplit(",", 2)
        if path == RECORD:
            assert (digest, size) == ("", "")
            continue
        content = slim.read(path)
        assert digest == "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
        assert int(size) == len(content)


def test_what_is_removed_is_what_the_rules_say_and_each_rule_is_documented(
    original: Path, tmp_path: Path
) -> None:
    rules = slimwheel.removals_for(original)
    before = zipfile.ZipFile(original).namelist()
    after = zipfile.ZipFile(slimwheel.slim_wheel(original, tmp_path)).namelist()
    assert after == [n for n in before if slimwheel.removal_of(n, rules) is None]  # order kept
    for rule in rules:
        assert any(slimwheel.removal_of(n, (rule,)) for n in before), f"rule {rule.pattern} removes nothing"
    documented = re.findall(r"^\| `([^`]+)` \| [\d,]+ \|", README, re.M)  # the removal table's rows
    assert sorted(documented) == sorted(r.pattern for r in rules)
    # Entries are copied as Pyodide compressed them; only RECORD is new.
    old = {i.filename: i for i in zipfile.ZipFile(original).infolist()}
    for info in zipfile.ZipFile(tmp_path / original.name).infolist():
        if info.filename != RECORD:
            assert (info.CRC, info.compress_size, info.date_time) == (
                old[info.filename].CRC, old[info.filename].compress_size, old[info.filename].date_time)


def test_every_public_submodule_that_remains_imports_and_works_in_pyodide(
    original: Path, tmp_path: Path
) -> None:
    slim = slimwheel.slim_wheel(original, tmp_path)
    remaining = _public_modules(zipfile.ZipFile(slim).namelist())
    assert _public_modules(zipfile.ZipFile(original).namelist()) == remaining  # no public module removed
    for needed in ("numpy.typing", "numpy.linalg", "numpy.random", "numpy.fft", "numpy.polynomial",
                   "numpy.ma", "numpy.testing", "numpy.lib.recfunctions", "numpy.ctypeslib"):
        assert needed in remaining
    code = f"""
import importlib, json
failed = {{}}
for name in {sorted(remaining)!r}:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed[name] = f"{{type(exc).__name__}}: {{exc}}"
star = {{}}
exec("from numpy import *", star)  # imports every submodule in numpy.__all__, numpy.f2py included
import numpy as np
rng = np.random.default_rng(0)
a = rng.standard_normal((4, 4)) + 4 * np.eye(4)
checks = {{
    "linalg": bool(np.allclose(a @ np.linalg.inv(a), np.eye(4))),
    "fft": bool(np.allclose(np.fft.ifft(np.fft.fft(a[0])).real, a[0])),
    "polynomial": bool(np.allclose(np.polynomial.Polynomial([1, 2, 3])(2.0), 17.0)),
    "ma": int(np.ma.masked_less(a[0], 10).count()) == 0,
    "random legacy": np.random.RandomState(1).randint(0, 10, 3).shape == (3,),
    "typing": np.typing.NDArray is not None,
    "star import": "linalg" in star and "f2py" in star,
}}
json.dumps({{"failed": failed, "checks": checks}})
"""
    result = subprocess.run(["node", str(ROOT / "scripts" / "pyodide-node.mjs"), "--wheel", str(slim)],
                            input=code, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout)
    assert found["failed"] == {}
    assert found["checks"] == dict.fromkeys(found["checks"], True) and len(found["checks"]) == 7
