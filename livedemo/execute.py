"""Run demo code under CPython while the site builds, with sessions and a cache.

Blocks of one session share a namespace, in page order; a block without a session
gets a fresh one. A cache hit does not execute anything: the session's code is
remembered and replayed only if a later block of that session misses the cache.
The same ``runner.py`` executes the code here and in the browser, so build output
and live output match.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from livedemo import display, inputs, runner
from livedemo.cache import OutputCache, digest
from livedemo.outputs import Item, OutputCollector


class DemoFailed(Exception):
    """The demo raised; ``traceback`` is the trimmed Python traceback."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(error.get("message", ""))
        self.error = error


class TimeLimit(Exception):
    """Raised inside a demo that runs longer than its time limit while the site builds."""


TimeLimit.__module__ = "builtins"  # a traceback then ends "TimeLimit", not this module's path


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the code running in this thread after ``seconds``.

    A watchdog thread raises ``TimeLimit`` in this thread (``PyThreadState_SetAsyncExc``),
    which works where a signal cannot (``mkdocs serve`` builds outside the main thread). It
    lands between bytecodes, so pure-Python loops stop; a single long C call finishes first.
    """
    if not seconds:
        yield
        return
    target = threading.get_ident()
    finished = threading.Event()

    def watchdog() -> None:
        if not finished.wait(seconds):
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(target), ctypes.py_object(TimeLimit)
            )

    thread = threading.Thread(target=watchdog, name="livedemo-time-limit", daemon=True)
    thread.start()
    try:
        yield
    finally:
        finished.set()
        thread.join()


@dataclass(frozen=True)
class DemoCode:
    """One block's code and what it may use."""

    code: str
    filename: str  # shown in tracebacks
    packages: tuple[str, ...] = ()  # declared on the fence
    imports: frozenset[str] | None = None  # top-level modules it may import; None: any
    shipped: Mapping[str, str] | None = None  # the site's packages: import name -> package


@dataclass
class _Session:
    namespace: dict[str, Any] = field(default_factory=lambda: {"__name__": "__main__"})
    history: list[str] = field(default_factory=list)  # code already "run", hit or miss
    unexecuted: list[DemoCode] = field(default_factory=list)  # cache hits not yet replayed


@contextmanager
def _sys_path(folder: Path | None) -> Iterator[None]:
    if folder is None:
        yield
        return
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        try:
            sys.path.remove(str(folder))
        except ValueError:
            pass


def forget_modules_under(folder: Path) -> list[str]:
    """Drop modules imported from ``folder`` so the next import reads the files again.

    ``mkdocs serve`` rebuilds in one process; without this, a demo library edited while
    serving would keep running its old code. Returns the names forgotten.
    """
    root = folder.resolve()
    forgotten = []
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and Path(file).resolve().is_relative_to(root):
            del sys.modules[name]
            forgotten.append(name)
    return forgotten


class PageRunner:
    """Executes the demo blocks of one page; build state lives here, one per page."""

    def __init__(
        self, cache: OutputCache, environment: str, demos_dir: Path | None,
        schema: Path | None = None,
    ) -> None:
        self.cache = cache
        self.schema = schema  # Vega-Lite's JSON schema, for the plots
        self.environment = environment  # hash of versions and the demo library's files
        self.demos_dir = demos_dir
        self.sessions: dict[str, _Session] = {}

    def run(self, demo: DemoCode, session: str | None, time_limit: float | None = None) -> list[Item]:
        """Outputs of ``demo``; raise ``DemoFailed`` if it raises or outlives ``time_limit`` s."""
        state = self.sessions.setdefault(session, _Session()) if session else _Session()
        key = digest(self.environment, demo.filename, " ".join(demo.packages), *state.history, demo.code)
        cached = self.cache.get(key)
        if cached is not None:
            state.history.append(demo.code)
            state.unexecuted.append(demo)
            return cached
        for earlier in state.unexecuted:
            self._execute(earlier, state.namespace, time_limit)
        state.unexecuted.clear()
        outputs = self._execute(demo, state.namespace, time_limit)
        state.history.append(demo.code)
        self.cache.put(key, outputs)
        return outputs

    def _execute(self, demo: DemoCode, namespace: dict[str, Any], time_limit: float | None) -> list[Item]:
        collector = OutputCollector(self.schema)
        previous = display.set_sink(collector.on_event)
        inputs.set_values(None)  # every input at its default: the build shows the author's version
        try:
            with _sys_path(self.demos_dir), _time_limit(time_limit):
                error = runner.execute(
                    demo.code, namespace, filename=demo.filename, on_output=collector.on_output,
                    packages=list(demo.packages), importable=demo.imports, shipped=demo.shipped,
                )
        except TimeLimit:  # the limit struck just after the demo's own code returned
            error = {"type": "TimeLimit", "message": "", "traceback": "TimeLimit\n"}
        finally:
            display.set_sink(previous)
        if error is not None:
            if error["type"] == "TimeLimit":
                error["message"] = f"stopped after {time_limit:g} s, its time limit"
                error["traceback"] = (error["traceback"] + f"The demo ran longer than its time "
                    f"limit of {time_limit:g} s; raise it with timeout=\"...\" on the fence.")
            raise DemoFailed(error)
        return collector.finish()
