"""One demo cannot break another, output reads as on a terminal, and messages name the cause:
under CPython (unit) and in real site builds. The browser side: tests/browser/test_robustness.py."""

from __future__ import annotations

import re
import time

from livedemo import runner
from livedemo.markup import capped
from livedemo.terminal import rewrite_lines


def run(code: str, namespace: dict | None = None, **options):
    """Execute ``code``; return (error, printed text, what the run changed and was put back)."""
    printed: list[str] = []
    error = runner.execute(code, {"__name__": "__main__"} if namespace is None else namespace,
                           filename="<demo>", on_output=lambda _, text: printed.append(text), **options)
    return error, "".join(printed), runner.last_changes


def test_a_demo_that_deletes_or_replaces_builtins_does_not_break_the_next_one() -> None:
    # (Only "builtins" is asserted: a finalizer that the garbage collector runs during the run,
    # left by earlier tests, may rebind something else, e.g. warnings.filters.)
    assert "builtins" in run("import builtins\ndel builtins.print\nbuiltins.len = None")[2]
    assert run("print('still', len('ab'))")[:2] == (None, "still 2\n")
    assert print is not None and len("ab") == 2  # the interpreter itself (the build's) too


def test_sys_changes_are_put_back_after_the_run() -> None:
    import sys

    before = list(sys.path), sys.stdout, sys.getrecursionlimit()
    error, _, changes = run("import sys\nsys.path.insert(0, 'x')\nsys.stdout = None\nsys.excepthook = None\n"
                            "del sys.modules['json']")
    assert error is None and {"sys.path", "sys.modules['json']"} <= set(changes)
    assert (list(sys.path), sys.stdout, sys.getrecursionlimit()) == before
    assert sys.excepthook is sys.__excepthook__ and "json" in sys.modules
    assert run("print('printed')")[1] == "printed\n"


def test_a_monkeypatched_library_is_restored_for_the_next_block() -> None:
    # numpy imported by this very run: its attributes as the import left them are the reference.
    error, _, changes = run("import numpy\nimport json, sysconfig, livedemo\nnumpy.sum = None\n"
                            "del json.dumps\nsysconfig.get_path = None\nlivedemo.show = None")
    assert error is None and {"numpy.sum", "json.dumps", "sysconfig.get_path", "livedemo.show"} <= set(changes)
    printed = run("import numpy, json, sysconfig, livedemo\n"
                  "print(numpy.sum([1, 2]), json.dumps(3), callable(sysconfig.get_path), callable(livedemo.show))")[1]
    assert printed == "3 3 True True\n"


def test_a_session_keeps_its_variables_but_not_its_changes_to_the_interpreter() -> None:
    session: dict = {"__name__": "__main__"}
    assert run("import warnings, sys\nx = 41\nwarnings.simplefilter('error')\nsys.setrecursionlimit(2000)", session)[0] is None
    error, printed, _ = run("import warnings, sys\nwarnings.warn('w')\nprint(x + 1, sys.getrecursionlimit())", session)
    assert error is None and printed.endswith("42 1000\n")


def test_os_exit_ends_the_run_with_its_code_not_the_process() -> None:
    error, printed, _ = run("import os\ntry:\n    os._exit(3)\nfinally:\n    print('cleaned up')")
    assert printed == "cleaned up\n"
    assert error["type"] == "ProcessExit"
    assert error["message"] == "os._exit(3) exits the process with code 3: in a demo it ends only this run"
    assert run("import os\nos._exit(0)")[0] is None  # like sys.exit(0)
    assert "The demo called sys.exit(2): that ends only this run, with exit code 2." in run("import sys\nsys.exit(2)")[0]["traceback"]


def test_runaway_recursion_after_raising_the_limit_is_reported_quickly() -> None:
    started = time.perf_counter()
    error = run("import sys\nsys.setrecursionlimit(20_000)\ndef f(n):\n    return f(n + 1)\nf(0)")[0]
    assert time.perf_counter() - started < 2  # 20,000 formatted frames took ~3.5 s
    assert error["type"] == "RecursionError"
    assert "This site caps the recursion limit at 3,000 (the demo asked for 20,000)" in error["traceback"]
    assert re.search(r"\[Previous line repeated \d+ more times\]", error["traceback"])
    assert run("import sys\nprint(sys.getrecursionlimit())")[1] == "1000\n"


def test_imports_say_whether_a_package_is_shipped_but_undeclared_or_not_available() -> None:
    shipped = {"numpy": "numpy", "metalearn": "metalearn"}
    allowed = runner.importable_names(["metalearn"])
    undeclared = run("import numpy", importable=allowed, shipped=shipped, packages=["metalearn"])[0]
    assert undeclared["message"] == (
        "No module named 'numpy' in the browser: numpy is shipped by this site, but this block does "
        "not declare it (declared: metalearn): add it to packages=\"metalearn numpy\" on the demo's fence")
    missing = run("import yaml", importable=allowed, shipped=shipped, packages=["metalearn"])[0]
    assert missing["message"] == ("No module named 'yaml' in the browser: it is not available on this "
                                  "site (it ships: metalearn, numpy, and Python's standard library)")


def test_carriage_returns_rewrite_the_line_as_a_terminal_does() -> None:
    assert rewrite_lines("".join(f"\r{p}%" for p in range(101)) + "\ndone\n") == "100%\ndone\n"
    assert rewrite_lines("abcdef\rXY\n") == "XYcdef\n"  # the rest of a longer line stays
    assert rewrite_lines("a\r\nb") == "a\nb"
    items = [{"type": "stream", "name": "stdout", "text": "\r1%\r2%\r3%\nend\n"}]
    assert capped(items) == [{"type": "stream", "name": "stdout", "text": "3%\nend\n"}]


def _error(result) -> str:
    assert result.returncode != 0, result.output
    return result.output


def test_in_a_build_no_block_breaks_a_later_one_and_progress_lines_are_rewritten(build_pages) -> None:
    result = build_pages({"index.md": (
        '# P\n\n```pyodide\nimport builtins\ndel builtins.print\n```\n\n'
        '```pyodide packages="numpy"\nimport numpy\nnumpy.sum = None\n```\n\n'
        '```pyodide packages="numpy"\nimport numpy\nprint("sum", numpy.sum([1, 2]))\n```\n\n'
        '```pyodide\nimport os\ntry:\n    os._exit(0)\nfinally:\n    print("still building")\n```\n\n'
        '```pyodide\nfor p in range(0, 101, 50):\n    print(f"\\r{p}%", end="")\nprint()\nprint("abcdef\\rXY")\n```\n'
    )})
    assert result.returncode == 0, result.output
    page = result.page("index.html")
    assert ">sum 3\n</pre>" in page and ">still building\n</pre>" in page
    assert ">100%\nXYcdef\n</pre>" in page


def test_os_exit_in_a_demo_fails_the_build_with_its_code_and_line(build_pages) -> None:
    out = _error(build_pages({"index.md": '# P\n\n```pyodide title="t"\nimport os\nos._exit(3)\n```\n'}))
    assert "index.md, line 3 (demo #1) failed while the site was built" in out
    assert "ProcessExit: os._exit(3) exits the process with code 3: in a demo it ends only this run" in out


def test_an_import_the_site_does_not_ship_fails_the_build_saying_so(build_pages) -> None:
    out = _error(build_pages({"index.md": '# P\n\n```pyodide title="t"\nimport yaml\n```\n'}))
    assert "No module named 'yaml' in the browser: it is not available on this site (it ships: " in out
