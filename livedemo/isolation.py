"""What one demo run may change outside its own namespace, put back when the run ends.

All blocks of a page share one Python (one per page in the browser, one per build at build
time), so a run that deletes ``builtins.print``, replaces ``sys.stdout``, rebinds
``numpy.sum`` or sets a huge recursion limit would otherwise break every later block, and at
build time the site build itself. The policy, the same at build time and live:

- demo code sees builtins as Python starts them (a fresh ``__builtins__`` per run);
- after every run, the state a shared interpreter keeps globally is put back exactly as it was
  before the run: the ``builtins`` module, ``sys``'s attributes (streams, hooks, ``sys.path``,
  ``sys.meta_path``, replaced or removed ``sys.modules`` entries, recursion and digit limits,
  trace and profile functions), ``warnings`` filters, the working directory and the garbage
  collector's switch;
- public attributes of imported modules that a run rebinds or deletes (``numpy.sum = None``) are
  put back too, for modules imported before the run and for modules its own ``import``
  statements load (their attributes as the import left them).

What is not put back: state that lives inside objects rather than in module attributes (a
library's caches and registries, an attribute set on a class, ``os.environ``, the global
random generators, files written). Blocks of one session share their variables, not changes to
the interpreter: a block that needs a setting (a recursion limit, a warnings filter) sets it
itself. Costs two compares of every module's attributes with a copy kept from before: about
a millisecond per run under CPython with numpy imported.
"""

from __future__ import annotations

import builtins
import gc
import os
import sys
import warnings
from contextlib import contextmanager
from types import ModuleType
from typing import Any, Iterator

# Builtins as Python started them: what demo code gets, whatever earlier runs did.
PRISTINE_BUILTINS: dict[str, Any] = dict(builtins.__dict__)

# sys attributes that change by themselves while code runs (the last exception shown).
_SYS_VOLATILE = frozenset({"last_type", "last_value", "last_traceback", "last_exc"})
# Modules whose attributes are put back another way (builtins, sys), or that keep the
# runner's own state (what the last run changed).
_OWN_STATE = frozenset({"builtins", "sys", "__main__", "livedemo.runner"})

_MISSING = object()


def _public(name: str) -> bool:
    return not name.startswith("_")


class ModuleAttributes:
    """Copies of every imported module's attributes, to find and undo a run's monkeypatching.

    A copy is kept from the first time a module is seen and stays valid for as long as nobody
    rebinds the module's attributes: before and after a run, each module's attributes are
    compared with its copy (a dict compare in C); only a module that differs is copied again
    (before) or looked at closely (after). Private names (``_cache``) are a library's own
    business and are not put back.
    """

    def __init__(self) -> None:
        self._copies: dict[str, tuple[ModuleType, dict[str, Any]]] = {}

    def refresh(self) -> None:
        """Before a run: take in what changed since the last one (code outside demos, such as
        the site build between two demos, may rebind module attributes; that is not undone)."""
        for name, (module, copy) in self._copies.items():
            try:
                if module.__dict__ == copy:
                    continue
            except Exception:  # noqa: BLE001 - a value whose == raises: copy again
                pass
            self._copies[name] = (module, dict(module.__dict__))
        self.remember_new()

    def remember_new(self) -> None:
        """Copy the attributes of modules not seen before (as their import left them)."""
        copies = self._copies
        if len(copies) == len(sys.modules):
            return
        for name, module in list(sys.modules.items()):
            if name not in copies and isinstance(module, ModuleType) and name not in _OWN_STATE:
                try:
                    copies[name] = (module, dict(module.__dict__))
                except Exception:  # noqa: BLE001 - an exotic module object: not watched
                    continue

    def restore(self) -> list[str]:
        """Put back rebound or deleted public attributes; return their names ("numpy.sum")."""
        changed: list[str] = []
        for name, (module, copy) in self._copies.items():
            current = module.__dict__
            try:
                if current == copy:
                    continue
            except Exception:  # noqa: BLE001 - a value whose == raises (an array): compare by hand
                pass
            for key, value in copy.items():
                now = current.get(key, _MISSING)
                if now is value:
                    continue
                if _public(key):
                    current[key] = value
                    changed.append(f"{name}.{key}")
                else:
                    copy[key] = now  # a library updating its own private state
            for key in current.keys() - copy.keys():
                copy[key] = current[key]  # added (a submodule, a lazily loaded name): kept
            for key in [k for k, v in copy.items() if v is _MISSING]:
                del copy[key]
        return changed


_modules = ModuleAttributes()


def remember_imported() -> None:
    """Called after an ``import`` statement of demo code loaded new modules."""
    _modules.remember_new()


def fresh_builtins(**overrides: Any) -> dict[str, Any]:
    """A ``__builtins__`` for one run of demo code: Python's own, with ``overrides``."""
    return {**PRISTINE_BUILTINS, **overrides}


def _restore_dict(target: dict[str, Any], saved: dict[str, Any], skip: frozenset[str] = frozenset()) -> None:
    for key in [k for k in target if k not in saved and k not in skip]:
        del target[key]
    for key, value in saved.items():
        if key not in skip and target.get(key, _MISSING) is not value:
            target[key] = value


@contextmanager
def restored_interpreter(changes: list[str]) -> Iterator[None]:
    """Run the body, then put the interpreter back as it was (see the module's docstring).

    ``changes`` receives the names of what had to be put back, for tests and diagnostics.
    """
    _modules.refresh()
    saved_builtins = dict(builtins.__dict__)
    saved_sys = dict(sys.__dict__)
    lists = {name: list(getattr(sys, name)) for name in ("path", "meta_path", "path_hooks")}
    saved_modules = dict(sys.modules)
    limits = sys.getrecursionlimit(), _int_digits()
    trace, profile = sys.gettrace(), sys.getprofile()
    filters = list(warnings.filters)
    cwd = _cwd()
    gc_enabled = gc.isenabled()
    try:
        yield
    finally:
        if builtins.__dict__ != saved_builtins:
            changes.append("builtins")
            _restore_dict(builtins.__dict__, saved_builtins)
        _restore_dict(sys.__dict__, saved_sys, skip=_SYS_VOLATILE)
        for name, items in lists.items():
            if getattr(sys, name) != items:
                changes.append(f"sys.{name}")
                getattr(sys, name)[:] = items
        for name, module in saved_modules.items():
            if sys.modules.get(name, _MISSING) is not module:
                changes.append(f"sys.modules[{name!r}]")
                sys.modules[name] = module
        if sys.getrecursionlimit() != limits[0]:
            sys.setrecursionlimit(limits[0])
        if limits[1] is not None and _int_digits() != limits[1]:
            sys.set_int_max_str_digits(limits[1])
        if sys.gettrace() is not trace:
            sys.settrace(trace)
        if sys.getprofile() is not profile:
            sys.setprofile(profile)
        if warnings.filters != filters:
            warnings.filters[:] = filters
            getattr(warnings, "_filters_mutated", lambda: None)()
        if cwd is not None and _cwd() != cwd:
            os.chdir(cwd)
        if gc.isenabled() != gc_enabled:
            (gc.enable if gc_enabled else gc.disable)()
        changes += _modules.restore()


def _int_digits() -> int | None:
    getter = getattr(sys, "get_int_max_str_digits", None)
    return getter() if getter else None


def _cwd() -> str | None:
    try:
        return os.getcwd()
    except OSError:
        return None
