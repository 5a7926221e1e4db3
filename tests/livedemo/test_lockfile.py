"""The site's Pyodide lock file, made with the real `pyodide lockfile add-wheels`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from building import ROOT
from livedemo import lockfile

BASE_LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"
CDN = "https://cdn.jsdelivr.net/pyodide/v314.0.7/full/"


@pytest.fixture(scope="module")
def demo_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lockfile.build_wheel(ROOT / "demos", tmp_path_factory.mktemp("wheel"))


def _tiny_wheel(folder: Path) -> Path:
    project = folder / "tinypkg"
    (project / "tinypkg").mkdir(parents=True)
    (project / "tinypkg" / "__init__.py").write_text("ANSWER = 42\n")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "tinypkg"\nversion = "1.0"\n'
    )
    return lockfile.build_wheel(project, folder / "out")


def test_demo_wheel_is_pure_python(demo_wheel: Path) -> None:
    assert demo_wheel.name.startswith("metalearn-") and demo_wheel.name.endswith("-py3-none-any.whl")


def test_lock_adds_the_demo_wheel_with_its_hash_and_dependencies(demo_wheel: Path, tmp_path: Path) -> None:
    lock = lockfile.make_lock(BASE_LOCK, [demo_wheel], tmp_path, CDN)
    entry = lock.data["packages"]["metalearn"]
    assert entry["file_name"] == demo_wheel.name  # self-hosted beside the lock file
    assert entry["sha256"] == lockfile.sha256(demo_wheel)
    assert "numpy" in entry["depends"]
    assert entry["imports"] == ["metalearn"]
    assert lock.files == {demo_wheel.name: demo_wheel}


def test_packages_without_a_local_wheel_point_at_the_pinned_cdn(demo_wheel: Path, tmp_path: Path) -> None:
    lock = lockfile.make_lock(BASE_LOCK, [demo_wheel], tmp_path, CDN)
    numpy = lock.data["packages"]["numpy"]
    assert numpy["file_name"].startswith(CDN) and numpy["file_name"].endswith(".whl")
    base = json.loads(BASE_LOCK.read_text())
    assert numpy["sha256"] == base["packages"]["numpy"]["sha256"]  # Pyodide's own build


def test_local_wheels_are_self_hosted_only_when_the_hash_matches(tmp_path: Path) -> None:
    tiny = _tiny_wheel(tmp_path)
    # A base lock that already lists tinypkg (as Pyodide's lists numpy), then a folder of wheels.
    base = tmp_path / "base-lock.json"
    base.write_text(json.dumps(lockfile.add_wheels(BASE_LOCK, [tiny], tmp_path / "first.json")))
    local = tmp_path / "local"
    local.mkdir()
    (local / tiny.name).write_bytes(tiny.read_bytes())
    work = tmp_path / "work"
    work.mkdir()
    demo = lockfile.build_wheel(ROOT / "demos", tmp_path / "demo")
    lock = lockfile.make_lock(base, [demo], work, CDN, local)
    assert lock.data["packages"]["tinypkg"]["file_name"] == tiny.name
    assert lock.self_hosted == ["tinypkg"] and lock.files[tiny.name] == local / tiny.name

    (local / tiny.name).write_bytes(tiny.read_bytes() + b"tampered")
    lock = lockfile.make_lock(base, [demo], work, CDN, local)
    assert lock.data["packages"]["tinypkg"]["file_name"] == CDN + tiny.name
    assert lock.self_hosted == []
    assert any("does not match the sha256" in p for p in lock.problems)


def test_broken_project_fails_with_the_step_named(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = ")
    with pytest.raises(lockfile.LockfileError, match="building the demo wheel"):
        lockfile.build_wheel(tmp_path, tmp_path / "out")


def test_without_a_demo_package_the_lock_is_pyodides_with_cdn_urls(tmp_path: Path) -> None:
    lock = lockfile.make_lock(BASE_LOCK, [], tmp_path, CDN)
    assert lock.files == {}
    assert all(p["file_name"].startswith(CDN) for p in lock.data["packages"].values())
