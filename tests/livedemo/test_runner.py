"""Unit tests of livedemo.runner under CPython (the browser runs the same file under Pyodide)."""

from __future__ import annotations

import builtins
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


def test_module_is_stdlib_only():
    source = Path(runner.__file__).read_text(encoding="utf-8")
    imports = {
        line.split()[1].split(".")[0]
        for line in source.splitlines()
        if line.startswith(("import ", "from "))
    }
    assert imports <= {"__future__", "builtins", "io", "linecache", "sys", "traceback", "typing"}


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_print_to_explicit_file_uses_the_writer(stream):
    error, outputs = run(f"import sys\nprint('hi', file=sys.{stream})")
    assert error is None
    assert outputs == [(stream, "hi"), (stream, "\n")]
