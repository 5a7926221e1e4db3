"""The page benchmark finds every post of the built blog and prints one row per page."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from building import BuildResult

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "post_page.py"


def load_script():
    spec = importlib.util.spec_from_file_location("post_page", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_published_post_is_found_in_the_built_site(built_site: BuildResult) -> None:
    bench = load_script()
    found = bench.posts(built_site.site)
    sources = bench.published_sources()
    assert sources and len(found) == len(sources)
    slugs = {re.search(r"^slug:\s*(\S+)", p.read_text(encoding="utf-8"), re.M).group(1) for p in sources}
    assert {path.rstrip("/").rsplit("/", 1)[-1] for _, path in found} == slugs
    for title, path in found:
        assert title and (built_site.site / path / "index.html").is_file()


def test_the_table_has_one_row_per_page_and_only_measured_columns() -> None:
    bench = load_script()
    text = bench.table({"Post A": {"html": "209 / 49 KB", "task 390": "<50 ms"},
                        "About": {"html": "32 / 8 KB"}})
    header, first, second = text.splitlines()
    assert header.split("  ")[0].strip() == "page" and "HTML raw / gzip" in header
    assert "longest load task 390 px" in header and "DOM elements" not in header
    assert first.startswith("Post A") and first.rstrip().endswith("<50 ms")
    assert second.startswith("About") and second.rstrip().endswith("—")
    assert bench.spread([3, 3]) == "3" and bench.spread([0, 80, 120], " ms") == "80 ms [<50–120]"


def test_only_names_the_posts_when_nothing_matches(built_site: BuildResult) -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--site", str(built_site.site), "--only", "no such post",
                             "--repeat", "1", "--no-lighthouse", "--no-layout-shift"],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode != 0
    assert "no post matches --only 'no such post'" in result.stderr
    assert "Introduction to Meta-Learning" in result.stderr
