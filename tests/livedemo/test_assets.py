"""The front end's build (``npm run build``) and the plugin reading it, while `make serve` runs.

`make build` used to rewrite livedemo/assets/dist/ in place; a rebuild of `make serve` that
read it then crashed with FileNotFoundError on a chunk. Now the bundle is rebuilt only when
an input changed, into a new folder swapped in by renaming, and the plugin reads the folder
into memory once per build, so a swap in the middle of a build cannot break it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from building import ROOT

DIST = ROOT / "livedemo" / "assets" / "dist"


@pytest.fixture
def front_end(tmp_path: Path) -> Path:
    """A copy of the front end's sources and build script, sharing node_modules."""
    livedemo = tmp_path / "livedemo"
    (livedemo / "assets").mkdir(parents=True)
    for source in [*(ROOT / "livedemo").glob("*.py"), *(ROOT / "livedemo").glob("*.json")]:
        shutil.copy(source, livedemo / source.name)
    shutil.copy(ROOT / "livedemo" / "assets" / "build.mjs", livedemo / "assets" / "build.mjs")
    shutil.copytree(ROOT / "livedemo" / "assets" / "src", livedemo / "assets" / "src")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return livedemo / "assets"


def _build(assets: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(assets / "build.mjs")], capture_output=True, text=True,
                          cwd=assets.parent.parent)


def _leftovers(assets: Path) -> list[str]:
    return sorted(p.name for p in assets.iterdir() if p.name.startswith("dist."))


def test_the_bundle_is_rebuilt_only_when_an_input_changed(front_end: Path) -> None:
    assert _build(front_end).returncode == 0
    dist = front_end / "dist"
    first = (dist.stat().st_ino, (dist / "page.js").stat().st_mtime_ns)
    assert (dist / ".inputs.json").is_file() and (dist / "worker.js").is_file()
    assert _build(front_end).returncode == 0
    assert (dist.stat().st_ino, (dist / "page.js").stat().st_mtime_ns) == first, "nothing changed: no rebuild"
    runner = front_end.parent / "runner.py"  # inlined into the worker: an input too
    runner.write_text(runner.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert _build(front_end).returncode == 0
    assert dist.stat().st_ino != first[0], "an input changed: a new bundle, swapped in"
    assert "# changed" in (dist / "worker.js").read_text(encoding="utf-8")
    assert _leftovers(front_end) == []


def test_a_failing_build_leaves_the_previous_bundle_in_place(front_end: Path) -> None:
    assert _build(front_end).returncode == 0
    dist = front_end / "dist"
    before = sorted(p.relative_to(dist) for p in dist.rglob("*"))
    page = front_end / "src" / "page.js"
    page.write_text(page.read_text(encoding="utf-8") + "\nthis is not JavaScript(\n", encoding="utf-8")
    result = _build(front_end)
    assert result.returncode != 0 and "page.js" in result.stderr
    assert sorted(p.relative_to(dist) for p in dist.rglob("*")) == before
    assert _leftovers(front_end) == []


SWAP_HOOK = '''
import shutil
from pathlib import Path

FOLDER = Path({folder!r})


def on_env(env, config, files):
    """What `npm run build` does to the folder while a build is under way: a new bundle."""
    FOLDER.rename(FOLDER.with_name("old"))
    shutil.copytree(FOLDER.with_name("old"), FOLDER)
    shutil.rmtree(FOLDER.with_name("old"))
    for chunk in (FOLDER / "chunks").iterdir():
        chunk.rename(chunk.with_name("new-" + chunk.name))
    return env
'''


def test_a_new_bundle_swapped_in_during_a_build_does_not_break_it(build_pages, tmp_path: Path) -> None:
    assets = tmp_path / "front-end"
    shutil.copytree(DIST, assets)
    originals = {p.relative_to(assets).as_posix(): p.read_bytes()
                 for p in assets.rglob("*") if p.is_file() and not p.name.startswith(".")}
    hook = tmp_path / "swap_hook.py"
    hook.write_text(SWAP_HOOK.format(folder=str(assets)), encoding="utf-8")
    result = build_pages({"index.md": "# P\n\n```pyodide\nprint(1)\n```\n"}, plugin={"assets_dir": str(assets)},
                         extra_config=f"hooks:\n  - {hook}\n")
    assert result.returncode == 0, result.output
    served = result.site / "assets" / "livedemo"
    assert {p.relative_to(served).as_posix(): p.read_bytes()
            for p in served.rglob("*") if p.is_file()} == originals  # one whole bundle
    assert not (served / ".inputs.json").exists()
