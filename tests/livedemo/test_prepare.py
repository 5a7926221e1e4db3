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
