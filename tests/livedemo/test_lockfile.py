"""The site's Pyodide lock file, made with the real `pyodide lockfile add-wheels`."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from building import ROOT
from livedemo import lockfile

BASE_LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
VENDOR = ROOT / "vendor" / "pyodide-wheels"
CDN = "https://cdn.jsdelivr.net/pyodide/v314.0.7/full/"
TARGET = lockfile.Target.of(json.loads(BASE_LOCK.read_text())["info"])


@pytest.fixture(scope="module")
def demo_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lockfile.build_wheel(ROOT / "demos", tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def numpy_wheel() -> Path:
    (wheel,) = lockfile.verified_vendored(VENDOR)
    return wheel


def _wheel(folder: Path, file_name: str, *, name: str, version: str, requires: str = "") -> Path:
    """A small real wheel (zip with metadata) under ``file_name``; its tags are the name's."""
    folder.mkdir(parents=True, exist_ok=True)
    data = io.BytesIO()
    info = f"{name}-{version}.dist-info"
    with zipfile.ZipFile(data, "w") as wheel:
        wheel.writestr(f"{name}/__init__.py", f"VERSION = {version!r}\n")
        wheel.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n{requires}")
        wheel.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: false\n")
        wheel.writestr(f"{info}/RECORD", "")
    (folder / file_name).write_bytes(data.getvalue())
    return folder / file_name


def test_demo_wheel_is_pure_python(demo_wheel: Path) -> None:
    assert demo_wheel.name.startswith("metalearn-") and demo_wheel.name.endswith("-py3-none-any.whl")


def test_the_vendored_numpy_is_pyodides_own_build(numpy_wheel: Path) -> None:
    # The sha256 pinned by pyodide@314.0.3's lock file (vendor/pyodide-wheels/README.md).
    assert lockfile.sha256(numpy_wheel) == "0cad9c1b91f0082e4f959bc0e0bf5835a2efbba6ab3b1e9d1fe6e7e564cca98e"
    assert TARGET.why_not(numpy_wheel) is None


def test_the_site_lock_serves_numpy_and_the_demo_wheel_itself(
    demo_wheel: Path, numpy_wheel: Path, tmp_path: Path
) -> None:
    lock = lockfile.make_lock(BASE_LOCK, [demo_wheel], [numpy_wheel], tmp_path)
    base = json.loads(BASE_LOCK.read_text())
    assert lock.data["info"] == base["info"]  # Pyodide checks abi_version against its own
    assert sorted(lock.data["packages"]) == ["metalearn", "numpy"]  # nothing from another host
    numpy = lock.data["packages"]["numpy"]
    assert (numpy["file_name"], numpy["version"]) == (numpy_wheel.name, "2.4.3")
    assert numpy["sha256"] == lockfile.sha256(numpy_wheel) != base["packages"]["numpy"]["sha256"]
    assert numpy["imports"] == ["numpy"]
    metalearn = lock.data["packages"]["metalearn"]
    assert metalearn["file_name"] == demo_wheel.name and metalearn["depends"] == ["numpy"]
    assert metalearn["sha256"] == lockfile.sha256(demo_wheel)
    assert lock.files == {numpy_wheel.name: numpy_wheel, demo_wheel.name: demo_wheel}
    assert lock.closure(["metalearn"]) == ["metalearn", "numpy"]
    assert lock.problem_with(["numpy", "metalearn"]) is None


def test_the_lock_is_cached_by_its_inputs(demo_wheel: Path, numpy_wheel: Path, tmp_path: Path) -> None:
    first = lockfile.make_lock(BASE_LOCK, [demo_wheel], [numpy_wheel], tmp_path)
    cached = list(tmp_path.glob("lock-*.json"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    again = lockfile.make_lock(BASE_LOCK, [demo_wheel], [numpy_wheel], tmp_path)
    assert again.data == first.data and cached[0].stat().st_mtime_ns == stamp


def test_with_a_cdn_fallback_the_other_packages_point_at_the_cdn(
    demo_wheel: Path, numpy_wheel: Path, tmp_path: Path
) -> None:
    lock = lockfile.make_lock(BASE_LOCK, [demo_wheel], [numpy_wheel], tmp_path, CDN)
    regex = lock.data["packages"]["regex"]
    assert regex["file_name"].startswith(CDN) and lock.remote("regex")
    assert lock.data["packages"]["numpy"]["file_name"] == numpy_wheel.name and not lock.remote("numpy")
    assert lock.problem_with(["regex"]) is None


def test_packages_the_site_does_not_ship_are_named_with_what_to_do(
    demo_wheel: Path, numpy_wheel: Path, tmp_path: Path
) -> None:
    lock = lockfile.make_lock(BASE_LOCK, [demo_wheel], [numpy_wheel], tmp_path)
    problem = lock.problem_with(["numpy", "regex", "nosuchpackage"])
    assert "'regex' is in Pyodide's distribution but not shipped by this site" in problem
    assert "vendor/pyodide-wheels/README.md" in problem and "cdn_fallback" in problem
    assert "unknown package 'nosuchpackage'" in problem
    assert problem.endswith("(this site ships: metalearn, numpy)")


def test_a_dependency_the_site_does_not_ship_fails(demo_wheel: Path, numpy_wheel: Path, tmp_path: Path) -> None:
    needs_regex = _wheel(tmp_path / "w", "needsregex-1.0-py3-none-any.whl", name="needsregex",
                         version="1.0", requires="Requires-Dist: regex\n")
    with pytest.raises(lockfile.LockfileError, match="needsregex depends on regex, which this site does not ship"):
        lockfile.make_lock(BASE_LOCK, [needs_regex], [numpy_wheel], tmp_path / "work")


def test_vendored_wheels_are_checked_against_their_checksums(tmp_path: Path) -> None:
    folder = tmp_path / "vendor"
    shutil.copytree(VENDOR, folder)
    assert [w.name for w in lockfile.verified_vendored(folder)] == [p.name for p in VENDOR.glob("*.whl")]

    stray = _wheel(folder, "stray-1.0-py3-none-any.whl", name="stray", version="1.0")
    with pytest.raises(lockfile.LockfileError, match=r"stray-1\.0-py3-none-any\.whl is not listed in .*SHA256SUMS"):
        lockfile.verified_vendored(folder)
    stray.unlink()

    (wheel,) = folder.glob("numpy-*.whl")
    wheel.write_bytes(wheel.read_bytes() + b"tampered")
    with pytest.raises(lockfile.LockfileError, match=rf"{wheel.name}: sha256 is [0-9a-f]{{64}}, but .* says 0cad9c1b"):
        lockfile.verified_vendored(folder)

    wheel.unlink()
    with pytest.raises(lockfile.LockfileError, match=rf"lists {wheel.name}, which is not in"):
        lockfile.verified_vendored(folder)


@pytest.mark.parametrize(
    ("file_name", "reason"),
    [
        ("numpy-2.2.5-cp313-cp313-pyemscripten_2025_0_wasm32.whl",
         "it is built for cp313-cp313-pyemscripten_2025_0_wasm32, but this Pyodide loads "
         "cp314-cp314-pyemscripten_2026_0_wasm32, cp314-abi3-pyemscripten_2026_0_wasm32 or py3-none-any wheels"),
        ("numpy-2.4.3-cp314-cp314-manylinux_2_17_x86_64.whl", "it is built for cp314-cp314-manylinux_2_17_x86_64"),
        ("numpy.whl", "its file name is not a valid wheel name"),
    ],
)
def test_incompatible_wheels_are_rejected_with_the_reason(file_name: str, reason: str) -> None:
    assert TARGET.why_not(Path(file_name)).startswith(reason)


@pytest.mark.parametrize(
    "file_name",
    [
        "numpy-2.4.3-cp314-cp314-pyemscripten_2026_0_wasm32.whl",
        "numpy-2.4.3-cp314-cp314-emscripten_5_0_3_wasm32.whl",
        "tool-1.0-cp312-abi3-pyemscripten_2026_0_wasm32.whl",
        "tool-1.0-py3-none-any.whl",
        "tool-1.0-py2.py3-none-any.whl",
    ],
)
def test_wheels_for_this_pyodide_are_accepted(file_name: str) -> None:
    assert TARGET.why_not(Path(file_name)) is None


def test_extra_wheels_replace_vendored_ones_and_rejected_ones_are_reported(
    demo_wheel: Path, numpy_wheel: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "extra"
    newer = _wheel(extra, "numpy-9.9.9-cp314-cp314-pyemscripten_2026_0_wasm32.whl", name="numpy", version="9.9.9")
    added = _wheel(extra, "probe-1.0-py3-none-any.whl", name="probe", version="1.0")
    old = _wheel(extra, "numpy-2.2.5-cp313-cp313-pyemscripten_2025_0_wasm32.whl", name="numpy", version="2.2.5")
    wheels, problems, notes = lockfile.choose_wheels([numpy_wheel], extra, TARGET)
    assert wheels == sorted([newer, added])
    assert problems == [f"livedemo: {old} is not used: it is built for cp313-cp313-pyemscripten_2025_0_wasm32, "
                        "but this Pyodide loads cp314-cp314-pyemscripten_2026_0_wasm32, "
                        "cp314-abi3-pyemscripten_2026_0_wasm32 or py3-none-any wheels"]
    assert f"livedemo: numpy from {newer} replaces {numpy_wheel.name}" in notes

    lock = lockfile.make_lock(BASE_LOCK, [demo_wheel], wheels, tmp_path / "work")
    numpy = lock.data["packages"]["numpy"]
    assert (numpy["version"], numpy["file_name"], numpy["sha256"]) == ("9.9.9", newer.name, lockfile.sha256(newer))
    assert lock.data["packages"]["probe"]["file_name"] == added.name
    assert lock.files[newer.name] == newer and numpy_wheel.name not in lock.files


def test_a_vendored_wheel_for_another_pyodide_fails(tmp_path: Path) -> None:
    old = _wheel(tmp_path, "numpy-2.2.5-cp313-cp313-pyemscripten_2025_0_wasm32.whl", name="numpy", version="2.2.5")
    with pytest.raises(lockfile.LockfileError, match="cannot load in this site's Pyodide: it is built for cp313"):
        lockfile.choose_wheels([old], None, TARGET)


def test_broken_project_fails_with_the_step_named(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = ")
    with pytest.raises(lockfile.LockfileError, match="building the demo wheel"):
        lockfile.build_wheel(tmp_path, tmp_path / "out")


def test_without_any_wheel_the_lock_is_empty_or_all_cdn(tmp_path: Path) -> None:
    assert lockfile.make_lock(BASE_LOCK, [], [], tmp_path).data["packages"] == {}
    lock = lockfile.make_lock(BASE_LOCK, [], [], tmp_path, CDN)
    assert lock.files == {}
    assert all(p["file_name"].startswith(CDN) for p in lock.data["packages"].values())
