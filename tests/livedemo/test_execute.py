"""Build-time execution: sessions, the output cache, and replay after a cache hit."""

from __future__ import annotations

from pathlib import Path

import pytest

from livedemo.cache import OutputCache
from livedemo.execute import DemoCode, DemoFailed, PageRunner, forget_modules_under


class _Page:
    """A PageRunner driven with plain code, as the fence drives it with each block."""

    def __init__(self, runner: PageRunner) -> None:
        self.runner = runner

    def run(self, code: str, session: str | None, filename: str, time_limit: float | None = None,
            packages: tuple[str, ...] = (), imports: frozenset[str] | None = None) -> list:
        return self.runner.run(DemoCode(code, filename, packages, imports), session, time_limit)


def _runner(folder: Path | None, environment: str = "env-1", demos: Path | None = None) -> _Page:
    return _Page(PageRunner(OutputCache(folder), environment, demos))


def test_sessions_share_a_namespace_and_others_do_not() -> None:
    page = _runner(None)
    page.run("x = 2", "a", "<t>")
    assert page.run("print(x + 1)", "a", "<t>") == [{"type": "stream", "name": "stdout", "text": "3\n"}]
    with pytest.raises(DemoFailed) as failed:
        page.run("print(x)", None, "<t>")
    assert failed.value.error["type"] == "NameError"


def test_cache_hit_does_not_execute(tmp_path: Path) -> None:
    marker = tmp_path / "ran.txt"
    code = f"open({str(marker)!r}, 'a').write('x')\nprint('done')"
    first = _runner(tmp_path / "cache").run(code, None, "<t>")
    second = _runner(tmp_path / "cache").run(code, None, "<t>")
    assert first == second == [{"type": "stream", "name": "stdout", "text": "done\n"}]
    assert marker.read_text() == "x"  # the second build did not run the code


def test_cache_key_includes_environment_and_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran.txt"
    code = f"open({str(marker)!r}, 'a').write('x')"
    _runner(tmp_path / "cache", "env-1").run(code, None, "<t>")
    _runner(tmp_path / "cache", "env-2").run(code, None, "<t>")
    _runner(tmp_path / "cache", "env-2").run(code + "\n", None, "<t>")
    assert marker.read_text() == "xxx"


def test_miss_after_hits_replays_the_session_first(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _runner(cache)
    first.run("x = 40", "s", "<t>")
    first.run("print(x + 1)", "s", "<t>")
    # Next build: block 1 is a hit (not executed), block 2 changed, so block 1 must replay.
    second = _runner(cache)
    assert second.run("x = 40", "s", "<t>") == []
    assert second.run("print(x + 2)", "s", "<t>") == [{"type": "stream", "name": "stdout", "text": "42\n"}]


def test_changing_an_earlier_block_invalidates_later_ones(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _runner(cache).run("x = 1", "s", "<t>")
    page = _runner(cache)
    page.run("x = 1", "s", "<t>")
    page.run("print(x)", "s", "<t>")
    page = _runner(cache)
    page.run("x = 5", "s", "<t>")
    assert page.run("print(x)", "s", "<t>") == [{"type": "stream", "name": "stdout", "text": "5\n"}]


def test_corrupt_cache_entry_is_a_miss(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _runner(cache).run("print(1)", None, "<t>")
    for entry in cache.glob("*.json"):
        entry.write_text("{not json")
    assert _runner(cache).run("print(1)", None, "<t>") == [{"type": "stream", "name": "stdout", "text": "1\n"}]


def test_edited_demo_modules_are_imported_again_after_forgetting(tmp_path: Path) -> None:
    demos = tmp_path / "demos"
    demos.mkdir()
    (demos / "livedemo_probe_mod.py").write_text("VALUE = 1\n")
    code = "import livedemo_probe_mod\nprint(livedemo_probe_mod.VALUE)"
    assert _runner(None, "e", demos).run(code, None, "<t>")[0]["text"] == "1\n"
    (demos / "livedemo_probe_mod.py").write_text("VALUE = 2\n")
    # Same process, as in `mkdocs serve`: the old module is still imported ...
    assert _runner(None, "e", demos).run(code, None, "<t>")[0]["text"] == "1\n"
    # ... until the plugin forgets modules from the demos folder at the start of a build.
    assert forget_modules_under(demos) == ["livedemo_probe_mod"]
    assert _runner(None, "e", demos).run(code, None, "<t>")[0]["text"] == "2\n"


def test_library_digest_follows_packages_not_scripts(tmp_path: Path) -> None:
    from livedemo.cache import library_digest

    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "__init__.py").write_text("A = 1\n")
    (tmp_path / "article").mkdir()
    (tmp_path / "article" / "demo.py").write_text("print(1)\n")
    before = library_digest(tmp_path)
    (tmp_path / "article" / "demo.py").write_text("print(2)\n")  # its code is in its own key
    assert library_digest(tmp_path) == before
    (tmp_path / "lib" / "__init__.py").write_text("A = 2\n")
    assert library_digest(tmp_path) != before


def test_a_demo_running_past_its_time_limit_fails_with_a_clear_message() -> None:
    page = _runner(None)
    with pytest.raises(DemoFailed) as failed:
        page.run("while True:\n    pass", None, "<loop>", time_limit=0.5)
    error = failed.value.error
    assert error["type"] == "TimeLimit"
    assert "time limit of 0.5 s" in error["traceback"] and '<loop>", line' in error["traceback"]
    assert "livedemo" not in error["traceback"]  # no internal names or frames
    # the thread is usable again and a quick demo is not affected by the limit
    assert page.run("print('fine')", None, "<t>", time_limit=5) == [
        {"type": "stream", "name": "stdout", "text": "fine\n"}]


def test_only_the_allowed_imports_work_in_demo_code_and_libraries_are_unaffected() -> None:
    page = _runner(None)
    allowed = frozenset({"json", "livedemo"})
    # json itself imports re, decoder, ... with the real __import__: only the demo's imports count.
    assert page.run("import json\nprint(json.dumps([1]))", None, "<ok>", imports=allowed) == [
        {"type": "stream", "name": "stdout", "text": "[1]\n"}]
    with pytest.raises(DemoFailed) as failed:
        page.run("import json\nfrom decimal import Decimal", None, "<no>", packages=("numpy",), imports=allowed)
    assert failed.value.error["type"] == "ModuleNotFoundError"
    assert "No module named 'decimal' in the browser" in failed.value.error["message"]
    assert "(declared: numpy)" in failed.value.error["message"]
