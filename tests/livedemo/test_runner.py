"""Unit tests of livedemo.runner under CPython (the browser runs the same file under Pyodide)."""

from __future__ import annotations

import asyncio
import builtins
import threading
import sys
from pathlib import Path

import pytest

from livedemo import runner


def run(code: str, namespace: dict | None = None, filename: str = "<demo>"):
    """Execute ``code``; return (error, [(stream, text), ...])."""
    outputs: list[tuple[str, str]] = []
    error = runner.execute(
        code,
        {} if namespace is None else namespace,
        filename=filename,
        on_output=lambda stream, text: outputs.append((stream, text)),
    )
    return error, outputs


def test_success_returns_none_and_reports_every_write_in_order():
    error, outputs = run("import sys\nprint('a', 1)\nsys.stderr.write('warn\\n')\nprint('b', end='')")
    assert error is None
    assert outputs == [
        ("stdout", "a"), ("stdout", " "), ("stdout", "1"), ("stdout", "\n"),
        ("stderr", "warn\n"),
        ("stdout", "b"),
    ]


def test_text_is_exact_including_unicode_and_markup():
    error, outputs = run("print('<script>alert(1)</script> ü', sep='')")
    assert error is None
    assert "".join(text for _, text in outputs) == "<script>alert(1)</script> ü\n"


def test_namespace_is_shared_between_calls():
    namespace: dict = {}
    assert run("x = 21", namespace)[0] is None
    error, outputs = run("print(x * 2)", namespace)
    assert error is None
    assert outputs == [("stdout", "42"), ("stdout", "\n")]


def test_streams_and_input_are_restored_after_success_and_failure():
    before = sys.stdout, sys.stderr, builtins.input
    run("print('fine')")
    assert (sys.stdout, sys.stderr, builtins.input) == before
    run("raise ValueError('bad')")
    assert (sys.stdout, sys.stderr, builtins.input) == before


def test_exception_becomes_data_with_a_trimmed_traceback():
    code = "def f():\n    raise ValueError('bad value')\n\nf()\n"
    error, _ = run(code, filename="<Raises>")
    assert error is not None
    assert error["type"] == "ValueError"
    assert error["message"] == "bad value"
    tb = error["traceback"]
    assert tb.startswith("Traceback (most recent call last):\n  File \"<Raises>\", line 4")
    assert "runner.py" not in tb
    assert "raise ValueError('bad value')" in tb  # the demo's own source line is quoted
    assert tb.rstrip().endswith("ValueError: bad value")


def test_output_before_an_error_is_kept():
    error, outputs = run("print('before')\n1/0")
    assert error is not None and error["type"] == "ZeroDivisionError"
    assert outputs[0] == ("stdout", "before")


def test_chained_exceptions_are_trimmed_too():
    code = "try:\n    {}['k']\nexcept KeyError as e:\n    raise RuntimeError('wrapped') from e\n"
    error, _ = run(code)
    assert error is not None and error["type"] == "RuntimeError"
    assert "KeyError: 'k'" in error["traceback"]
    assert "direct cause" in error["traceback"]
    assert "runner.py" not in error["traceback"]


def test_syntax_error_is_reported_without_running():
    error, outputs = run("print('never')\nx = = 1\n", filename="<Bad>")
    assert outputs == []
    assert error is not None and error["type"] == "SyntaxError"
    assert "<Bad>" in error["traceback"] and "line 2" in error["traceback"]
    assert "runner.py" not in error["traceback"]


def test_input_gives_the_clear_message():
    error, _ = run("name = input('Your name? ')")
    assert error is not None
    assert error["type"] == "RuntimeError"
    assert error["message"] == runner.INPUT_MESSAGE
    assert "runner.py" not in error["traceback"]
    assert error["traceback"].rstrip().endswith(runner.INPUT_MESSAGE)


def test_keyboard_interrupt_is_reported_as_stopped():
    error, _ = run("raise KeyboardInterrupt")
    assert error is not None
    assert error["type"] == "KeyboardInterrupt"
    assert error["message"] == "Stopped"
    assert "KeyboardInterrupt" in error["traceback"]


def test_sys_exit_zero_is_success_and_nonzero_is_an_error():
    assert run("import sys\nsys.exit()")[0] is None
    assert run("import sys\nsys.exit(0)")[0] is None
    error, _ = run("import sys\nsys.exit(3)")
    assert error is not None and error["type"] == "SystemExit" and error["message"] == "3"


def test_writer_rejects_bytes_like_a_real_text_stream():
    error, _ = run("import sys\nsys.stdout.write(b'raw')")
    assert error is not None and error["type"] == "TypeError"


def test_linecache_is_left_as_it_was():
    import linecache

    run("raise ValueError('x')", filename="<tmp-demo>")
    assert "<tmp-demo>" not in linecache.cache


@pytest.mark.parametrize("name", ["runner.py", "isolation.py", "contract.py"])
def test_module_is_stdlib_only(name):
    source = (Path(runner.__file__).parent / name).read_text(encoding="utf-8")
    imports = {
        line.split()[1] + (f".{line.split()[3]}" if line.startswith("from livedemo ") else "")
        for line in source.splitlines()
        if line.startswith(("import ", "from "))
    }
    # It runs in Pyodide as is: the standard library, and livedemo's stdlib-only files the
    # worker writes beside it (worker.js LIVEDEMO_FILES).
    inlined = {"livedemo.isolation", "livedemo.contract"}
    assert {i.split(".")[0] for i in imports - inlined} <= set(sys.stdlib_module_names) | {"__future__"}
    worker = (Path(runner.__file__).parent / "assets" / "src" / "worker.js").read_text(encoding="utf-8")
    assert all(f'"{i.split(".")[1]}.py"' in worker for i in imports & inlined)


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_print_to_explicit_file_uses_the_writer(stream):
    error, outputs = run(f"import sys\nprint('hi', file=sys.{stream})")
    assert error is None
    assert outputs == [(stream, "hi"), (stream, "\n")]


def test_top_level_await_runs_and_gives_the_same_result_in_both_entry_points():
    code = "import asyncio\nawait asyncio.sleep(0.01)\nprint('awaited', 6 * 7)"
    error, outputs = run(code)
    assert error is None and "".join(t for _, t in outputs) == "awaited 42\n"
    collected: list[str] = []
    results: list = []  # in a thread: the browser tests' Playwright may run a loop in this one
    thread = threading.Thread(target=lambda: results.append(asyncio.run(
        runner.execute_async(code, {}, filename="<a>", on_output=lambda s, t: collected.append(t)))))
    thread.start()
    thread.join()
    (result,) = results
    assert result is None and "".join(collected) == "awaited 42\n"


def test_an_error_after_an_await_has_a_trimmed_traceback():
    error, _ = run("import asyncio\nawait asyncio.sleep(0)\nraise ValueError('late')", filename="<late>")
    assert error["type"] == "ValueError" and 'File "<late>", line 3' in error["traceback"]
    assert "runner.py" not in error["traceback"] and "asyncio" not in error["traceback"].split("\n", 2)[1]


def test_terminal_colours_are_dropped_not_printed_as_bytes():
    error, outputs = run("print('\\x1b[31mred\\x1b[0m and \\x1b[1;32mbold green\\x1b[0m')")
    assert error is None and "".join(t for _, t in outputs) == "red and bold green\n"


def test_threads_are_refused_with_the_browser_message():
    error, _ = run("import threading\nt = threading.Thread(target=print)\nt.start()")
    assert error["type"] == "RuntimeError" and error["message"] == runner.THREAD_MESSAGE
    done = threading.Event()
    threading.Thread(target=done.set).start()  # restored after the run
    assert done.wait(5)


def test_network_connections_are_refused_in_one_line():
    error, _ = run("import urllib.request\nurllib.request.urlopen('http://127.0.0.1:9/')", filename="<net>")
    assert "no network access" in error["message"]
    tb = error["traceback"]
    assert "more frames in Python's libraries" in tb  # the stdlib's many frames are folded
    assert tb.count('File "') <= 6, tb
    assert tb.count("no network access") <= 2  # the error and, at most, the hint


def test_a_missing_module_names_the_declared_packages():
    outputs: list[str] = []
    error = runner.execute("import not_a_real_module_xyz", {}, filename="<m>",
                           on_output=lambda s, t: outputs.append(t), packages=["numpy", "metalearn"])
    assert error["type"] == "ModuleNotFoundError"
    assert "declared: numpy, metalearn" in error["traceback"]
    assert 'packages="..."' in error["traceback"]


def test_frames_of_the_display_api_are_not_shown():
    error, _ = run("from livedemo import show\nshow(5)", filename="<plot>")
    assert error["type"] == "TypeError"
    assert "display.py" not in error["traceback"]
    frames = [line for line in error["traceback"].splitlines() if line.startswith('  File "')]
    assert frames == ['  File "<plot>", line 2, in <module>']  # the author's line, and only it
