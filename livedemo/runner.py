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
import contextvars
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
from typing import Any, Callable, Collection, Iterator, Mapping

from livedemo import isolation
from livedemo.contract import INTERRUPTED_MESSAGE

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
# The deepest recursion a demo may ask for with sys.setrecursionlimit. In Chromium's worker a
# plain Python function reached 8,000 levels and crashed the WebAssembly stack before 10,000;
# recursion through C (map, getattr) crashes it past about 1,000 whatever the limit (the worker
# then reports a RecursionError and restarts). At 3,000 runaway recursion ends with a
# RecursionError within a second, the same at build time and live.
MAX_RECURSION_LIMIT = 3_000
RECURSION_HINT = (
    "This site caps the recursion limit at {cap:,} (the demo asked for {asked:,}): deeper "
    "recursion would exhaust the browser's stack. Recursion this deep usually means a missing "
    "base case; otherwise write the recursion as a loop."
)
# Modules of the browser's Python that no package provides (Pyodide's own).
BROWSER_MODULES = frozenset({"js", "pyodide", "pyodide_js", "_pyodide", "micropip"})

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


class ProcessExit(SystemExit):
    """``os._exit(code)`` in a demo: it ends the run, not the browser's (or the build's) Python."""

    def __str__(self) -> str:
        return f"os._exit({self.code}) exits the process with code {self.code}: in a demo it ends only this run"


ProcessExit.__module__ = "builtins"  # a traceback then ends "ProcessExit: ...", not this module's path


def _exit_run(code: int) -> None:
    raise ProcessExit(code)


class _RecursionCap:
    """``sys.setrecursionlimit`` for demo code: at most MAX_RECURSION_LIMIT (remembers the ask)."""

    def __init__(self, real: Callable[[int], None]) -> None:
        self.real = real
        self.asked: int | None = None

    def __call__(self, limit: int) -> None:
        if isinstance(limit, int) and limit > MAX_RECURSION_LIMIT:
            self.asked = limit
            limit = MAX_RECURSION_LIMIT
        self.real(limit)


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


class _Repeated(traceback.FrameSummary):
    """Stands for ``count`` more repeats of the frame before it (runaway recursion)."""

    def __init__(self, count: int) -> None:
        super().__init__("<repeated>", None, "<repeated>", lookup_line=False)
        self.count = count


class _Stack(traceback.StackSummary):
    def format_frame_summary(self, frame_summary: traceback.FrameSummary, **kwargs: Any) -> str:
        if isinstance(frame_summary, _Folded):
            return f"  ... {frame_summary.count} more frames in Python's libraries ...\n"
        if isinstance(frame_summary, _Repeated):
            return f"  [Previous line repeated {frame_summary.count} more times]\n"
        return super().format_frame_summary(frame_summary, **kwargs)


_REPEATS_SHOWN = getattr(traceback, "_RECURSIVE_CUTOFF", 3)  # as Python's own tracebacks


def _without_repeats(frames: list[traceback.FrameSummary]) -> list[traceback.FrameSummary]:
    """Runs of one frame (runaway recursion) cut to their first three and a count, before they
    are formatted: formatting 10,000 frames takes seconds, more in the browser."""
    kept: list[traceback.FrameSummary] = []
    run = 0
    for index, frame in enumerate(frames):
        previous = frames[index - 1] if index else None
        same = previous is not None and (frame.filename, frame.lineno, frame.name) == (
            previous.filename, previous.lineno, previous.name)
        run = run + 1 if same else 0
        if run < _REPEATS_SHOWN:
            kept.append(frame)
        elif run == _REPEATS_SHOWN:
            kept.append(_Repeated(1))
        else:
            kept[-1].count += 1  # type: ignore[attr-defined]
    return kept


def _is_ours(filename: str) -> bool:
    return os.path.abspath(filename).startswith(_PACKAGE_DIR + os.sep)


def _is_library(filename: str) -> bool:
    # A module inside a zip archive is a library too: in the browser, the standard library
    # outside the boot zip is imported from the rest's zip (lazystdlib.py), not os's folder.
    return os.path.isabs(filename) and (os.path.abspath(filename).startswith(_LIBRARY_DIRS)
                                        or ".zip" + os.sep in filename)


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
    return _Stack(_without_repeats(folded))


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


def importable_names(package_imports: Collection[str]) -> frozenset[str]:
    """What a block may import: the standard library, livedemo and ``package_imports`` (the
    import names of its declared packages and their dependencies)."""
    return frozenset(sys.stdlib_module_names) | {"livedemo"} | frozenset(package_imports)


class Imports:
    """What a block may import: its declared packages' modules, and what the site ships.

    ``importable``: the top-level modules the block's code may import (None: anything; see
    ``importable_names``); ``shipped``: import name → package, for every package the site
    ships (None: not known, e.g. code run outside a site build).
    """

    def __init__(self, declared: list[str], importable: Collection[str] | None,
                 shipped: Mapping[str, str] | None) -> None:
        self.declared = declared
        self.allowed = None if importable is None else frozenset(importable)
        self.shipped = shipped

    def refusal(self, top: str) -> str | None:
        """Why demo code may not import the top-level module ``top``, or None if it may."""
        if self.allowed is None or top in self.allowed:
            return None
        if self.shipped is None:
            declared = ", ".join(self.declared) if self.declared else "none"
            return (f"No module named {top!r} in the browser: a demo can import the standard "
                    f"library, livedemo and its declared packages (declared: {declared})")
        if top in self.shipped:
            return self.undeclared(top)
        if sys.platform == "emscripten":
            return None  # the import fails by itself if the browser does not have it
        if top in BROWSER_MODULES:
            return (f"{top} is the browser's own module: it exists only live, so a block that "
                    "imports it needs run=\"live-only\" on its fence")
        return self.unavailable(top)

    def undeclared(self, top: str) -> str:
        package = (self.shipped or {}).get(top, top)
        wanted = " ".join([*self.declared, package])
        declared = ", ".join(self.declared) if self.declared else "none"
        return (f"No module named {top!r} in the browser: {package} is shipped by this site, but this "
                f"block does not declare it (declared: {declared}): add it to packages=\"{wanted}\" "
                "on the demo's fence")

    def unavailable(self, top: str) -> str:
        ships = ", ".join(sorted(set((self.shipped or {}).values()))) or "no packages"
        return (f"No module named {top!r} in the browser: it is not available on this site "
                f"(it ships: {ships}, and Python's standard library)")

    def hint(self, error: ModuleNotFoundError) -> str | None:
        """For a failed import the guard did not refuse (e.g. inside a library)."""
        if getattr(error, "livedemo_refused", False) or not error.name:
            return None
        top = error.name.partition(".")[0]
        if self.shipped is None:
            declared = ", ".join(self.declared) if self.declared else "none"
            return (f"This demo can import Python's standard library, livedemo and the packages "
                    f"its block declares (declared: {declared}). An author adds one with "
                    f"packages=\"...\" on the demo's fence; see the site's authors' guide.")
        if top in self.shipped:
            if self.allowed is not None and top in self.allowed:
                return None  # shipped and declared: a missing submodule, the message says which
            return self.undeclared(top) + "."
        if top in sys.stdlib_module_names:
            return None
        return self.unavailable(top) + "."

    def guard(self, real: Callable[..., Any]) -> Callable[..., Any]:
        """``__import__`` for the demo's own code: refuses what the block may not import, and
        lets the isolation keep a copy of what a new import loads (to undo monkeypatching)."""

        def demo_import(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (),
                        level: int = 0) -> Any:
            if level == 0:
                top = name.partition(".")[0]
                refused = self.refusal(top)
                if refused is not None:
                    error = ModuleNotFoundError(refused, name=top)
                    error.livedemo_refused = True  # type: ignore[attr-defined]
                    raise error
                if name not in sys.modules:
                    module = real(name, globals, locals, fromlist, level)
                    isolation.remember_imported()
                    return module
            return real(name, globals, locals, fromlist, level)

        return demo_import


def _hint(error: BaseException, imports: Imports, frames: list[str]) -> str | None:
    """One line on what the browser cannot do, for the mistakes readers meet there."""
    in_browser = sys.platform == "emscripten"
    if isinstance(error, ModuleNotFoundError):
        return imports.hint(error)
    if type(error) is SystemExit and isinstance(error.code, int):
        return f"The demo called sys.exit({error.code}): that ends only this run, with exit code {error.code}."
    if isinstance(error, RecursionError) and _recursion.asked is not None:
        return RECURSION_HINT.format(cap=MAX_RECURSION_LIMIT, asked=_recursion.asked)
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


def _describe(error: BaseException, code: str, filename: str, imports: Imports) -> ErrorInfo:
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
    hint = _hint(error, imports, frames)
    if hint:
        text += hint + "\n"
    message = INTERRUPTED_MESSAGE if isinstance(error, KeyboardInterrupt) else str(error)
    return {"type": type(error).__name__, "message": message, "traceback": text}


_recursion = _RecursionCap(sys.setrecursionlimit)
last_changes: list[str] = []
"""What the last run changed outside its namespace and was put back (see isolation.py)."""


@contextmanager
def _demo_environment(on_output: OutputCallback, namespace: dict[str, Any], imports: Imports) -> Iterator[None]:
    """stdout/stderr to ``on_output``, no input(), no threads or connections, fresh builtins,
    the recursion limit capped, ``os._exit`` ending only the run; everything the run changed
    outside ``namespace`` put back afterwards (isolation.py)."""
    global last_changes
    changes: list[str] = []
    saved = sys.stdout, sys.stderr, builtins.input, sys.setrecursionlimit, os._exit
    _recursion.real, _recursion.asked = saved[3], None
    try:
        with isolation.restored_interpreter(changes):
            namespace["__builtins__"] = isolation.fresh_builtins(
                input=_no_input, __import__=imports.guard(isolation.PRISTINE_BUILTINS["__import__"]),
            )
            sys.stdout = _Writer("stdout", on_output)
            sys.stderr = _Writer("stderr", on_output)
            builtins.input = _no_input
            sys.setrecursionlimit = _recursion  # type: ignore[assignment]
            os._exit = _exit_run  # type: ignore[assignment]
            try:
                with ExitStack() as stack:
                    stack.enter_context(_refused_in_this_thread())
                    yield
            finally:
                sys.stdout, sys.stderr, builtins.input, sys.setrecursionlimit, os._exit = saved  # type: ignore[assignment]
    finally:
        last_changes = changes


def _compile(code: str, filename: str) -> CodeType:
    """Compile as a module that may use ``await`` at the top level (Pyodide allows it)."""
    return compile(code, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


def _outcome(error: BaseException, code: str, filename: str, imports: Imports) -> ErrorInfo | None:
    """What a run that raised ``error`` returns: ``sys.exit(0)``, ``sys.exit()`` and
    ``os._exit(0)`` succeed."""
    if isinstance(error, SystemExit) and error.code in (None, 0):
        return None
    return _describe(error, code, filename, imports)


async def execute_async(
    code: str,
    namespace: dict[str, Any],
    *,
    filename: str,
    on_output: OutputCallback,
    packages: list[str] | None = None,
    importable: Collection[str] | None = None,
    shipped: Mapping[str, str] | None = None,
) -> ErrorInfo | None:
    """Compile ``code`` as ``filename`` and run it in ``namespace``, awaiting a top-level ``await``.

    Every write to ``sys.stdout``/``sys.stderr`` calls ``on_output("stdout"|"stderr", text)``
    with the exact text (terminal escapes removed); ``input()`` raises a RuntimeError that tells
    the reader what to do; starting a thread or opening a connection fails as in the browser.
    All of it is restored afterwards. Returns None on success, else ``{"type", "message",
    "traceback"}``; a KeyboardInterrupt gives the message ``INTERRUPTED_MESSAGE`` (the contract's), and ``sys.exit(0)`` or
    ``sys.exit()`` count as success; ``os._exit(n)`` ends only the run (as ``sys.exit(n)``).
    ``packages`` are the block's declared packages, ``importable`` the import names they give
    (with their dependencies) and ``shipped`` the site's (import name → package): the demo's
    own imports of anything else are refused with a message that says why (see ``Imports``).
    Whatever the run changes outside ``namespace`` is put back afterwards (isolation.py).
    """
    imports = Imports(list(packages or []), importable, shipped)
    try:
        compiled = _compile(code, filename)
    except (SyntaxError, ValueError) as error:
        return _describe(error, code, filename, imports)
    try:
        with _demo_environment(on_output, namespace, imports):
            pending = eval(compiled, namespace)  # a coroutine when the code awaits at top level
            if pending is not None:
                await pending
    except BaseException as error:  # noqa: BLE001 - errors are returned as data
        return _outcome(error, code, filename, imports)
    return None


def execute(
    code: str,
    namespace: dict[str, Any],
    *,
    filename: str,
    on_output: OutputCallback,
    packages: list[str] | None = None,
    importable: Collection[str] | None = None,
    shipped: Mapping[str, str] | None = None,
) -> ErrorInfo | None:
    """``execute_async`` for callers without an event loop (the site build); same results.

    Code without a top-level ``await`` runs directly; code with one runs in an event loop of
    its own, as the browser's worker awaits it in Pyodide's. The code runs in a copy of the
    caller's context (as an awaited run does), so context variables it sets (numpy's print
    options) do not outlive it.
    """
    imports = Imports(list(packages or []), importable, shipped)
    try:
        compiled = _compile(code, filename)
    except (SyntaxError, ValueError) as error:
        return _describe(error, code, filename, imports)
    if compiled.co_flags & CO_COROUTINE:
        def awaited() -> ErrorInfo | None:
            return asyncio.run(execute_async(
                code, namespace, filename=filename, on_output=on_output, packages=imports.declared,
                importable=importable, shipped=shipped,
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
    return contextvars.copy_context().run(_execute_here, compiled, namespace, code, filename, on_output, imports)


def _execute_here(compiled: CodeType, namespace: dict[str, Any], code: str, filename: str,
                  on_output: OutputCallback, imports: Imports) -> ErrorInfo | None:
    try:
        with _demo_environment(on_output, namespace, imports):
            exec(compiled, namespace)
    except BaseException as error:  # noqa: BLE001 - errors are returned as data
        return _outcome(error, code, filename, imports)
    return None
