"""Inputs that demo code declares: a slider, a number field, a choice, points on a plot.

Each call declares one input and returns its current value: the author's default when the
site is built (or the code runs under plain ``python``), the reader's value when the page
re-runs the block after the reader changed the control. The build records the declarations,
so the page shows the controls (disabled, at their defaults) without JavaScript.

Values arrive as data, never as code: before a live run the worker hands the reader's values
to ``set_values``, and a call looks its input up by name. A value the declaration does not
allow (the author changed a range, the stored value is old) gives the default, and the event
the call emits tells the page which value was used. Like ``display.py``, this file runs both
under CPython and in the worker under Pyodide, and it imports nothing beyond the standard
library.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any, Mapping, Sequence, TypeVar, overload

from livedemo.contract import INPUT
from livedemo.display import _emit

Spec = dict[str, Any]
Option = TypeVar("Option", str, int, float)
Point = tuple[float, float]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_OPTIONS = 50
MAX_POINTS = 100

_values: dict[str, Any] = {}
_declared: dict[str, Spec] = {}


def set_values(values: Mapping[str, Any] | None) -> None:
    """Start a run: the reader's values by input name (None: every input at its default).

    Also forgets the inputs declared so far, so that each run declares its own.
    """
    global _values, _declared
    _values = dict(values) if values else {}
    _declared = {}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _decimals(*numbers: float) -> int:
    """Digits after the point needed to write every one of ``numbers`` exactly as given."""
    places = 0
    for number in numbers:
        exponent = Decimal(repr(number)).as_tuple().exponent
        places = max(places, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return places


def _snap(value: float, low: float, step: float, places: int) -> float:
    """``value`` on the grid ``low + n·step``, written with ``places`` decimals."""
    return round(low + round((value - low) / step) * step, places)


def _check_name(function: str, name: Any) -> None:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"{function}(): the name {name!r} must be a Python identifier, e.g. 'amplitude'")


def _check_label(function: str, label: Any, name: str) -> str:
    if label is None:
        return name
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"{function}(): label must be a non-empty string")
    return label


def _declare(spec: Spec, read: Any, default: Any) -> Any:
    """Record ``spec``, emit it with the value in use, and return that value.

    ``read(raw)`` turns the reader's raw value into a valid one, or None when it is not;
    ``default`` is returned without one.
    """
    name = spec["name"]
    earlier = _declared.get(name)
    if earlier is not None and earlier != spec:
        raise ValueError(
            f"{spec['control']}({name!r}): an input of that name is already declared with other "
            "settings in this run; give each input its own name"
        )
    _declared[name] = spec
    value = read(_values[name]) if name in _values else None
    if value is None:
        value = default
    shown = [list(p) for p in value] if spec["control"] == "points" else value
    _emit({"type": INPUT, "input": {**spec, "value": shown}})
    return value


@overload
def slider(name: str, low: int, high: int, default: int, *, step: int = 1, label: str | None = None) -> int: ...
@overload
def slider(name: str, low: float, high: float, default: float, *, step: float | None = None,
           label: str | None = None) -> float: ...
def slider(name: str, low: float, high: float, default: float, *, step: float | None = None,
           label: str | None = None) -> float:
    """A slider from ``low`` to ``high`` in steps of ``step``; returns its current value.

    Whole numbers everywhere (the default step is then 1) give an ``int``; otherwise a
    ``float``, with the default step (high − low) / 100. ``default`` must lie on the grid
    ``low + n·step``, where the browser's slider can stop.
    """
    _check_name("slider", name)
    text = _check_label("slider", label, name)
    bounds = (low, high, default) + (() if step is None else (step,))
    if not all(_is_number(v) for v in bounds):
        raise ValueError(f"slider({name!r}): low, high, default and step must be finite numbers")
    if not low < high:
        raise ValueError(f"slider({name!r}): low ({low}) must be below high ({high})")
    whole = all(isinstance(v, int) for v in bounds)
    if step is None:
        step = 1 if whole else (high - low) / 100
    if not 0 < step <= high - low:
        raise ValueError(f"slider({name!r}): step must be above 0 and at most high - low")
    if not low <= default <= high:
        raise ValueError(f"slider({name!r}): default {default} is outside [{low}, {high}]")
    places = _decimals(low, step)
    if _snap(default, low, step, places) != default:
        raise ValueError(
            f"slider({name!r}): default {default} is not on the slider's grid {low} + n·{step}; "
            "choose a default the slider can stop at"
        )
    kind = int if whole else float

    def read(raw: Any) -> float | None:
        if not _is_number(raw) or not low <= raw <= high:
            return None
        if raw == default:
            return default
        return kind(_snap(raw, low, step, places))

    spec = {"control": "slider", "name": name, "label": text, "low": low, "high": high,
            "step": step, "decimals": places, "default": default, "integer": whole}
    return _declare(spec, read, default)


@overload
def number(name: str, default: int, *, low: int | None = None, high: int | None = None,
           step: int | None = None, label: str | None = None) -> int: ...
@overload
def number(name: str, default: float, *, low: float | None = None, high: float | None = None,
           step: float | None = None, label: str | None = None) -> float: ...
def number(name: str, default: float, *, low: float | None = None, high: float | None = None,
           step: float | None = None, label: str | None = None) -> float:
    """A number field; returns its current value.

    A whole-number ``default`` (with whole ``low``, ``high`` and ``step`` when given) makes a
    field for whole numbers (an ``int``). ``low`` and ``high`` bound the value; ``step``, when
    given, puts it on the grid ``low + n·step`` (or ``n·step`` without ``low``).
    """
    _check_name("number", name)
    text = _check_label("number", label, name)
    given = [v for v in (low, high, step) if v is not None]
    if not all(_is_number(v) for v in (default, *given)):
        raise ValueError(f"number({name!r}): default, low, high and step must be finite numbers")
    whole = all(isinstance(v, int) for v in (default, *given))
    if whole and step is None:
        step = 1
    if step is not None and step <= 0:
        raise ValueError(f"number({name!r}): step must be above 0")
    if low is not None and high is not None and not low < high:
        raise ValueError(f"number({name!r}): low ({low}) must be below high ({high})")
    if (low is not None and default < low) or (high is not None and default > high):
        raise ValueError(f"number({name!r}): default {default} is outside [{low}, {high}]")
    origin = low if low is not None else 0
    places = _decimals(origin, step) if step is not None else None
    if step is not None and _snap(default, origin, step, places) != default:
        raise ValueError(f"number({name!r}): default {default} is not on the grid {origin} + n·{step}")
    kind = int if whole else float

    def read(raw: Any) -> float | None:
        if not _is_number(raw) or (low is not None and raw < low) or (high is not None and raw > high):
            return None
        if raw == default:
            return default
        return kind(raw if step is None else _snap(raw, origin, step, places))

    spec = {"control": "number", "name": name, "label": text, "low": low, "high": high,
            "step": step, "decimals": places, "default": default, "integer": whole}
    return _declare(spec, read, default)


def choice(name: str, options: Sequence[Option], default: Option | None = None, *,
           label: str | None = None) -> Option:
    """A choice between ``options`` (strings or numbers); returns the chosen option.

    ``default`` must be one of them (the first one when not given).
    """
    _check_name("choice", name)
    text = _check_label("choice", label, name)
    items = list(options) if isinstance(options, (list, tuple)) else None
    if not items or len(items) > MAX_OPTIONS:
        raise ValueError(f"choice({name!r}): options must be a list of 1 to {MAX_OPTIONS} values")
    if not all(isinstance(o, str) or _is_number(o) for o in items):
        raise ValueError(f"choice({name!r}): each option must be a string or a finite number")
    if len({(type(o) is str, o) for o in items}) != len(items):
        raise ValueError(f"choice({name!r}): the options must differ from each other")
    if default is None:
        default = items[0]

    def read(raw: Any) -> Option | None:
        """The option equal to ``raw`` (a string matches only a string, a number a number)."""
        if isinstance(raw, bool):
            return None
        for option in items:
            if isinstance(option, str) == isinstance(raw, str) and option == raw:
                return option
        return None

    if read(default) is None:
        raise ValueError(f"choice({name!r}): default {default!r} is not one of the options")
    default = read(default)

    spec = {"control": "choice", "name": name, "label": text, "options": items, "default": default}
    return _declare(spec, read, default)


def points(name: str, default: Sequence[Sequence[float]], *, x: tuple[float, float] = (-5, 5),
           y: tuple[float, float] = (-5, 5), min_points: int = 1, max_points: int = 20,
           step: float = 0.01, label: str | None = None) -> list[Point]:
    """Points the reader places on a plot of ``x`` × ``y``; returns them as (x, y) pairs.

    The reader clicks to add a point, drags one to move it, and can also add, edit and
    remove points in a list. Between ``min_points`` and ``max_points`` points, each
    coordinate on the grid of ``step`` inside its range; in the order they were placed.
    """
    _check_name("points", name)
    text = _check_label("points", label, name)
    for axis, (low, high) in (("x", x), ("y", y)):
        if not (_is_number(low) and _is_number(high) and low < high):
            raise ValueError(f"points({name!r}): {axis} must be a range (low, high) with low < high")
    if not _is_number(step) or step <= 0:
        raise ValueError(f"points({name!r}): step must be a number above 0")
    if not (isinstance(min_points, int) and isinstance(max_points, int)
            and 0 <= min_points <= max_points <= MAX_POINTS):
        raise ValueError(f"points({name!r}): need 0 <= min_points <= max_points <= {MAX_POINTS}")
    places = _decimals(step)

    def valid(raw: Any) -> list[Point] | None:
        if not isinstance(raw, (list, tuple)) or not min_points <= len(raw) <= max_points:
            return None
        placed = []
        for pair in raw:
            if not isinstance(pair, (list, tuple)) or len(pair) != 2 or not all(_is_number(v) for v in pair):
                return None
            a, b = pair
            if not (x[0] <= a <= x[1] and y[0] <= b <= y[1]):
                return None
            placed.append((float(round(round(a / step) * step, places)),
                           float(round(round(b / step) * step, places))))
        return placed

    start = valid(default)
    if start is None or start != [tuple(map(float, p)) for p in default]:
        raise ValueError(
            f"points({name!r}): default must be {min_points} to {max_points} (x, y) pairs inside "
            f"x {list(x)} and y {list(y)}, each coordinate a multiple of {step}"
        )
    spec = {"control": "points", "name": name, "label": text, "x": list(x), "y": list(y),
            "min": min_points, "max": max_points, "step": step, "decimals": places,
            "default": [list(p) for p in start]}

    return _declare(spec, valid, start)
