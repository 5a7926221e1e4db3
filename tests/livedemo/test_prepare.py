"""The prepare step (python -m livedemo prepare): what the pages need, written into the docs
folder before any builder runs; a second run changes nothing (a serving builder watching docs/
does not rebuild for nothing); files of an earlier run that are not needed any more go."""

from __future__ import annotations

import subprocess
import sys

from building import BuildResult


def _prepare(config) -> str:
    result = subprocess.run([sys.executable, "-m", "livedemo", "prepare", "-f", str(config)],
                            capture_output=True, text=True, cwd=config.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_prepare_writes_runtime_and_plots_once_and_removes_stale_files(build_pages, tmp_path) -> None:
    result: BuildResult = build_pages({"index.md": (
        '# P\n\n```pyodide title="Plot"\nfrom livedemo import show\n'
        'show({"description": "One point at (1, 2).", "data": {"values": [{"x": 1, "y": 2}]}, "mark": "point", '
        '"encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}})\n```\n'
    )})
    assert result.returncode == 0, result.output
    docs = tmp_path / "docs"
    plots = sorted((docs / "assets/livedemo/plots").glob("*.svg"))
    assert plots and (docs / "assets/pyodide/pyodide-lock.json").is_file()
    assert (docs / "assets/livedemo/page.js").is_file()
    stale = docs / "assets/livedemo/plots/0000-stale.svg"
    stale.write_text("<svg/>", encoding="utf-8")
    out = _prepare(tmp_path / "mkdocs.yml")
    assert ", 0 files written" in out, out
    assert not stale.exists()
    assert sorted((docs / "assets/livedemo/plots").glob("*.svg")) == plots


def test_a_failing_demo_fails_the_prepare_step_naming_file_and_line(build_pages, tmp_path) -> None:
    build_pages({"index.md": "# P\n"})
    (tmp_path / "docs/index.md").write_text('# P\n\n```pyodide\nraise ValueError("no")\n```\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "livedemo", "prepare", "-f", str(tmp_path / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "docs/index.md, line 3 (demo #1) failed while the site was built" in result.stderr
    assert "ValueError: no" in result.stderr


def _pyodide_files(site) -> dict[str, list[str]]:
    """The boot zips the build wrote and their entries, and what python_stdlib_boot.json lists."""
    import json
    import zipfile

    folder = site / "assets/pyodide"
    zips = {path.name: sorted(zipfile.ZipFile(path).namelist()) for path in folder.glob("python_stdlib_boot*.zip")}
    return {"listed": json.loads((folder / "python_stdlib_boot.json").read_text(encoding="utf-8")), **zips}


def test_stdlib_bytecode_auto_ships_both_boot_zips_with_the_same_modules(build_pages) -> None:
    result: BuildResult = build_pages({"index.md": "# P\n\n```pyodide\nimport json\nprint(json.dumps(1))\n```\n"})
    assert result.returncode == 0, result.output
    files = _pyodide_files(result.site)
    assert files.pop("listed") == {"bytecode": "python_stdlib_boot_bytecode.zip", "source": "python_stdlib_boot.zip"}
    source, bytecode = files["python_stdlib_boot.zip"], files["python_stdlib_boot_bytecode.zip"]
    assert "json/__init__.py" in source and all(name.endswith(".py") for name in source)
    assert all(name.endswith(".pyc") for name in bytecode)
    assert [name.removesuffix(".py") for name in source] == [name.removesuffix(".pyc") for name in bytecode]
    assert (result.site / "assets/pyodide/python_stdlib_rest.zip").is_file()


def test_stdlib_bytecode_always_and_never_ship_one_boot_zip(build_pages, tmp_path) -> None:
    import shutil

    result: BuildResult = build_pages({"index.md": "# P\n"}, plugin={"stdlib_bytecode": "never"})
    assert result.returncode == 0, result.output
    files = _pyodide_files(result.site)
    assert files["listed"] == {"source": "python_stdlib_boot.zip"}
    assert sorted(files) == ["listed", "python_stdlib_boot.zip"]
    shutil.rmtree(result.site)

    result = build_pages({"index.md": "# P\n"}, plugin={"stdlib_bytecode": "always"})
    assert result.returncode == 0, result.output
    files = _pyodide_files(result.site)
    assert files["listed"] == {"bytecode": "python_stdlib_boot_bytecode.zip"}
    assert sorted(files) == ["listed", "python_stdlib_boot_bytecode.zip"]
    assert not (tmp_path / "docs/assets/pyodide/python_stdlib_boot.zip").exists()  # the step removed it


def test_a_stdlib_bytecode_value_not_allowed_fails_naming_the_config_and_the_choices(build_pages) -> None:
    result: BuildResult = build_pages({"index.md": "# P\n"}, plugin={"stdlib_bytecode": "alway"})
    assert result.returncode != 0
    assert "mkdocs.yml" in result.output
    assert "stdlib_bytecode: 'alway' is not allowed: expected one of 'auto', 'always', 'never'; " \
           "did you mean 'always'?" in result.output, result.output
    result = build_pages({"index.md": "# P\n"}, plugin={"stdlib_bytecode": True})  # the old on/off
    assert "stdlib_bytecode: True is not allowed" in result.output, result.output
