"""Run one demo's code with its output captured, the same way at build time and in the browser.

Pure standard library: the site build imports it under CPython and the browser's worker
imports it under Pyodide, so a demo behaves and prints the same in both places. Where the
browser cannot do something (threads, network), the build refuses it too, with the same
message, so that a demo which builds also runs live. Tracebacks start at the demo's own code
and leave out this package's frames; long runs of library frames are folded into one line.
"""

from __future__ import annotations

import ast
import asyncio
import builtins
import io
import linecache
import os
import re
import socket
import sys
import threading
import traceback
from contextlib import ExitStack, contextmanager
from types import CodeType
from typing import Any, Callable, Iterator

OutputCallback = Callable[[str, str], None]
ErrorInfo = dict[str, str]

INPUT_MESSAGE = (
    "input() is not available in these demos: edit the values in the code and press Run again."
)
THREAD_MESSAGE = (
    "demos cannot start threads: the browser's Python (Pyodide) runs in a single thread, "
    "so the build refuses them too"
)
NETWORK_MESSAGE = (
    "demos have no network access: the browser's Python cannot open connections, so the build "
    "refuses them too. Put the data the demo needs in its code"
)
# Terminal escapes (colours, cursor moves): a page is not a terminal, so they are dropped the
# same way at build time and live, rather than printed as raw bytes.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
FOLD_AFTER = 3  # a run of more library frames than this in a traceback is folded

CO_COROUTINE = 0x0080  # code-object flag of code that awaits (inspect.CO_COROUTINE, stable)

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# The standard library and installed packages ("library frames" in a traceback).
_LIBRARY_DIRS = tuple(
    {os.path.dirname(os.path.abspath(os.__file__))}
    | {os.path.abspath(p) for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
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
        shown = ANSI_ESCAPE.sub("", text) if "\x1b" in text else text
        if shown:
            self._on_output(self._stream, shown)
        return len(text)


def _no_input(prompt: object = "") -> str:
    raise RuntimeError(INPUT_MESSAGE)


@contextmanager
def _refused_in_this_thread() -> Iterator[None]:
    """Threads and network connections fail in the demo's thread, as they do in Pyodide.

    Only the calling thread is affected: ``mkdocs serve`` keeps serving from its own threads.
    """
    me = threading.get_ident()
    start, connect = threading.Thread.start, socket.socket.connect

    def no_thread(self: threading.Thread) -> None:
        if threading.get_ident() == me:
            raise RuntimeError(THREAD_MESSAGE)
        start(self)

    def no_connection(self: socket.socket, address: Any) -> None:
        if threading.get_ident() == me:
            raise OSError(NETWORK_MESSAGE)
        connect(self, address)

    threading.Thread.start = no_thread  # type: ignore[method-assign]
    socket.socket.connect = no_connection  # type: ignore[method-assign]
    try:
        yield
    finally:
        threading.Thread.start = start  # type: ignore[method-assign]
        socket.socket.connect = connect  # type: ignore[method-assign]


class _Folded(traceback.FrameSummary):
    """Stands for ``count`` library frames in a row."""

    def __init__(self, count: int) -> None:
        super().__init__("<folded>", None, "<folded>", lookup_line=False)
        self.count = count


class _Stack(traceback.StackSummary):
    def format_frame_summary(self, frame_summary: traceback.FrameSummary, **kwargs: Any) -> str:
        if isinstance(frame_summary, _Folded):
            return f"  ... {frame_summary.count} more frames in Python's libraries ...\n"
        return super().format_frame_summary(frame_summary, **kwargs)


def _is_ours(filename: str) -> bool:
    return os.path.abspath(filename).startswith(_PACKAGE_DIR + os.sep)


def _is_library(filename: str) -> bool:
    return os.path.isabs(filename) and os.path.abspath(filename).startswith(_LIBRARY_DIRS)


def _author_frames(stack: traceback.StackSummary) -> traceback.StackSummary:
    """Without this package's frames (the runner, the display API); in a run of library frames,
    only the first (where the demo called in) and the last (where it raised) are kept."""
    kept = [f for f in stack if not _is_ours(f.filename)]
    first = next((i for i, f in enumerate(kept) if not _is_library(f.filename)), 0)
    kept = kept[first:]  # the traceback starts in the demo (the runner's own context managers)
    folded: list[traceback.FrameSummary] = []
    run: list[traceback.FrameSummary] = []
    for frame in [*kept, None]:
        if frame is not None and _is_library(frame.filename):
            run.append(frame)
            continue
        folded += [run[0], _Folded(len(run) - 2), run[-1]] if len(run) > FOLD_AFTER else run
        run = []
        if frame is not None:
            folded.append(frame)
    return _Stack(folded)


def _chain(error: traceback.TracebackException) -> Iterator[traceback.TracebackException]:
    pending, seen = [error], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        pending.extend(getattr(current, "exceptions", None) or ())


def _hint(error: BaseException, packages: list[str], frames: list[str]) -> str | None:
    """One line on what the browser cannot do, for the mistakes readers meet there."""
    in_browser = sys.platform == "emscripten"
    if isinstance(error, ModuleNotFoundError) and error.name:
        declared = ", ".join(packages) if packages else "none"
        return (f"This demo can import Python's standard library, livedemo and the packages its "
                f"block declares (declared: {declared}). An author adds one with "
                f"packages=\"...\" on the demo's fence; see the site's authors' guide.")
    if isinstance(error, AttributeError) and getattr(getattr(error, "obj", None), "__name__", "") == "js":
        return ("Demos run in a Web Worker, away from the page: there is no document or window. "
                "Print results, or draw plots with livedemo.show().")
    if in_browser and isinstance(error, (OverflowError, MemoryError)):
        return ("The browser's Python is 32-bit: one object holds at most about 2 GB, and all "
                "of a demo's data must fit in the few GB the browser gives a page (less on phones).")
    network = ("socket.py", "ssl.py", "connection.py", "client.py", "request.py")
    if isinstance(error, OSError) and NETWORK_MESSAGE not in str(error) and (
        "TLS" in str(error) or any(f.endswith(network) for f in frames)
    ):
        return NETWORK_MESSAGE[0].upper() + NETWORK_MESSAGE[1:] + "."
    return None


def _describe(error: BaseException, code: str, filename: str, packages: list[str]) -> ErrorInfo:
    """Turn ``error`` into data: its type, message and a traceback that starts in the demo."""
    previous = linecache.cache.get(filename)
    # Registered so the traceback quotes the demo's lines; ``None`` mtime keeps checkcache off it.
    linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
    try:
        summary = traceback.TracebackException.from_exception(error)
        frames = []
        for current in _chain(summary):
            frames += [f.filename for f in current.stack]
            context = current.__context__
            if context is not None and all(_is_library(f.filename) or _is_ours(f.filename)
                                           for f in context.stack):
                current.__suppress_context__ = True  # a library's own error handling: noise here
            current.stack = _author_frames(current.stack)
        text = "".join(summary.format())
    finally:
        if previous is None:
            linecache.cache.pop(filename, None)
        else:
            linecache.cache[filename] = previous
    hint = _hint(error, packages, frames)
    if hint:
        text += hint + "\n"
    message = "Stopped" if isinstance(error, KeyboardInterrupt) else str(error)
    return {"type": type(error).__name__, "message": message, "traceback": text}


@contextmanager
def _demo_environment(on_output: OutputCallback) -> Iterator[None]:
    """stdout/stderr to ``on_output``, no input(), no threads or connections; all restored."""
    saved = sys.stdout, sys.stderr, builtins.input
    sys.stdout = _Writer("stdout", on_output)
    sys.stderr = _Writer("stderr", on_output)
    builtins.input = _no_input
    try:
        with ExitStack() as stack:
            stack.enter_context(_refused_in_this_thread())
            yield
    finally:
        sys.stdout, sys.stderr, builtins.input = saved


def _compile(code: str, filename: str) -> CodeType:
    """Compile as a module that may use ``await`` at the top level (Pyodide allows it)."""
    return compile(code, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


def _outcome(error: BaseException, code: str, filename: str, packages: list[str]) -> ErrorInfo | None:
    """What a run that raised ``error`` returns: ``sys.exit(0)`` and ``sys.exit()`` succeed."""
    if isinstance(error, SystemExit) and error.code in (None, 0):
        return None
    return _describe(error, code, filename, packages)


async def execute_async(
    code: str,
    namespace: dict[str, Any],
    *,
    filename: str,
    on_output: OutputCallback,
    packages: list[str] | None = None,
) -> ErrorInfo | None:
    """Compile ``code`` as ``filename`` and run it in ``namespace``, awaiting a top-level ``await``.

    Every write to ``sys.stdout``/``sys.stderr`` calls ``on_output("stdout"|"stderr", text)``
    with the exact text (terminal escapes removed); ``input()`` raises a RuntimeError that tells
    the reader what to do; starting a thread or opening a connection fails as in the browser.
    All of it is restored afterwards. Returns None on success, else ``{"type", "message",
    "traceback"}``; a KeyboardInterrupt gives the message "Stopped", and ``sys.exit(0)`` or
    ``sys.exit()`` count as success. ``packages`` (the block's declared packages) only
    improves the message of a failed import.
    """
    declared = list(packages or [])
    try:
        compiled = _compile(code, filename)
    except (SyntaxError, ValueError) as error:
        return _describe(error, code, filename, declared)
    try:
        with _demo_environment(on_output):
            pending = eval(compiled, namespace)  # a coroutine when the code awaits at top level
            if pending is not None:
                await pending
    except BaseException as error:  # noqa: BLE001 - errors are returned as data
        return _outcome(error, code, filename, declared)
    return None


def execute(
    code: str,
    namespace: dict[str, Any],
    *,
    filename: str,
    on_output: OutputCallback,
    packages: list[str] | None = None,
) -> ErrorInfo | None:
    """``execute_async`` for callers without an event loop (the site build); same results.

    Code without a top-level ``await`` runs directly; code with one runs in an event loop of
    its own, as the browser's worker awaits it in Pyodide's.
    """
    declared = list(packages or [])
    try:
        compiled = _compile(code, filename)
    except (SyntaxError, ValueError) as error:
        return _describe(error, code, filename, declared)
    if compiled.co_flags & CO_COROUTINE:
        def awaited() -> ErrorInfo | None:
            return asyncio.run(execute_async(
                code, namespace, filename=filename, on_output=on_output, packages=declared
            ))

        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return awaited()
        # The caller runs an event loop in this thread (a test harness, a notebook): the demo's
        # loop runs in a thread of its own.
        outcome: list[ErrorInfo | None] = []
        thread = threading.Thread(target=lambda: outcome.append(awaited()), name="livedemo-await")
        thread.start()
        thread.join()
        return outcome[0]
    try:
        with _demo_environment(on_output):
            exec(compiled, namespace)
    except BaseException as error:  # noqa: BLE001 - errors are returned as data
        return _outcome(error, code, filename, declared)
    return None
