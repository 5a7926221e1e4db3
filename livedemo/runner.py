"""Run one demo's code with its output captured, the same way at build time and in the browser.

Pure standard library: the site build imports it under CPython and the browser's worker
imports it under Pyodide, so a demo's printed text is identical in both places.
"""

from __future__ import annotations

import builtins
import io
import linecache
import sys
import traceback
from typing import Any, Callable

OutputCallback = Callable[[str, str], None]
ErrorInfo = dict[str, str]

INPUT_MESSAGE = (
    "input() is not available in these demos: edit the values in the code and press Run again."
)


class _Writer(io.TextIOBase):
    """A text stream that hands every write to ``on_output(stream, text)``, unbuffered."""

    def __init__(self, stream: str, on_output: OutputCallback) -> None:
        super().__init__()
        self._stream = stream
        self._on_output = on_output

    @property
    def encoding(self) -> str:
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self._on_output(self._stream, text)
        return len(text)


def _no_input(prompt: object = "") -> str:
    raise RuntimeError(INPUT_MESSAGE)


def _without_runner_frames(error: traceback.TracebackException) -> None:
    """Drop this module's frames from ``error`` and every exception chained to it, in place."""
    pending, seen = [error], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        kept = [frame for frame in current.stack if frame.filename != __file__]
        current.stack = traceback.StackSummary.from_list(kept)
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        pending.extend(getattr(current, "exceptions", None) or ())


def _describe(error: BaseException, code: str, filename: str) -> ErrorInfo:
    """Turn ``error`` into data: its type, message and a traceback that starts in the demo."""
    previous = linecache.cache.get(filename)
    # Registered so the traceback quotes the demo's lines; ``None`` mtime keeps checkcache off it.
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    try:
        summary = traceback.TracebackException.from_exception(error)
        _without_runner_frames(summary)
        text = "".join(summary.format())
    finally:
        if previous is None:
            linecache.cache.pop(filename, None)
        else:
            linecache.cache[filename] = previous
    message = "Stopped" if isinstance(error, KeyboardInterrupt) else str(error)
    return {"type": type(error).__name__, "message": message, "traceback": text}


def execute(
    code: str,
    namespace: dict[str, Any],
    *,
    filename: str,
    on_output: OutputCallback,
) -> ErrorInfo | None:
    """Compile ``code`` as ``filename`` and run it in ``namespace``.

    Every write to ``sys.stdout``/``sys.stderr`` calls ``on_output("stdout"|"stderr", text)``
    with the exact text; ``input()`` raises a RuntimeError that tells the reader what to do.
    Both are restored afterwards. Returns None on success, else
    ``{"type", "message", "traceback"}``; a KeyboardInterrupt gives the message "Stopped" and
    ``sys.exit(0)`` or ``sys.exit()`` count as success.
    """
    try:
        compiled = compile(code, filename, "exec")
    except (SyntaxError, ValueError) as error:
        return _describe(error, code, filename)
    saved = sys.stdout, sys.stderr, builtins.input
    sys.stdout = _Writer("stdout", on_output)
    sys.stderr = _Writer("stderr", on_output)
    builtins.input = _no_input
    try:
        exec(compiled, namespace)
    except SystemExit as error:
        if error.code not in (None, 0):
            return _describe(error, code, filename)
    except BaseException as error:  # noqa: BLE001 - errors are returned as data
        return _describe(error, code, filename)
    finally:
        sys.stdout, sys.stderr, builtins.input = saved
    return None
