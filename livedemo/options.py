"""The options an author may put on a ``pyodide`` fence, declared and validated in one place.

Fence options arrive as strings (``height="12"``); the option classes below convert
them, so the rest of the code only sees typed values. Unknown names are errors, not
warnings: a typo must never silently change what a demo does.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from mkdocs.config import base, config_options as c

CODE_DISPLAY = ("shown", "folded")
RUN_POLICIES = ("build", "live-only")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def did_you_mean(given: str, known: list[str] | tuple[str, ...]) -> str:
    """``"; did you mean 'x'?"`` for the known word closest to ``given``, or ``""``."""
    lowered = {k.lower(): k for k in known}
    text = given.lower()
    close = [lowered[text]] if text in lowered else [
        k for k in known if text and k.lower().startswith(text)
    ] or difflib.get_close_matches(given, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class _Choice(c.BaseConfigOption[str]):
    """One of a few words; a near miss gets "did you mean"."""

    def __init__(self, choices: tuple[str, ...], default: str) -> None:
        super().__init__()
        self.choices, self.default = choices, default

    def run_validation(self, value: object) -> str:
        text = str(value)
        if text not in self.choices:
            allowed = ", ".join(f"'{choice}'" for choice in self.choices)
            raise base.ValidationError(
                f"{text!r} is not allowed: expected one of {allowed}{did_you_mean(text, self.choices)}"
            )
        return text


class _IntInRange(c.BaseConfigOption[int]):
    """An integer given as a string, within [low, high]."""

    def __init__(self, low: int, high: int, default: int | None = None) -> None:
        super().__init__()
        self.low, self.high, self.default = low, high, default

    def run_validation(self, value: object) -> int:
        try:
            number = int(str(value), 10)
        except ValueError:
            raise base.ValidationError(f"expected a whole number, got {value!r}")
        if not self.low <= number <= self.high:
            raise base.ValidationError(f"{number} is outside {self.low}..{self.high}")
        return number


class _Name(c.BaseConfigOption[str]):
    """A short identifier such as a session name (letters, digits, ``_ . -``)."""

    def run_validation(self, value: object) -> str:
        text = str(value)
        if not _NAME.match(text):
            raise base.ValidationError(
                f"{text!r} is not a valid name (use letters, digits, '_', '.', '-')"
            )
        return text


class _NameList(c.BaseConfigOption[list[str]]):
    """Package names separated by spaces or commas."""

    def __init__(self) -> None:
        super().__init__()
        self.default = []

    def run_validation(self, value: object) -> list[str]:
        raw = value if isinstance(value, list) else re.split(r"[\s,]+", str(value))
        names = [str(n) for n in raw if n]
        for name in names:
            if not _NAME.match(name):
                raise base.ValidationError(f"{name!r} is not a package name")
        return list(dict.fromkeys(names))


class _RelativePath(c.BaseConfigOption[str]):
    """A file path relative to the demos folder, never escaping it."""

    def run_validation(self, value: object) -> str:
        text = str(value).strip()
        if not text or text.startswith(("/", "\\")) or ".." in re.split(r"[\\/]", text):
            raise base.ValidationError(
                f"{text!r} must be a path inside the demos folder, like 'topic/script.py'"
            )
        return text


class _Percentage(c.BaseConfigOption[float]):
    """A percentage such as ``"2%"``, above 0 and at most 50 %, kept as a fraction (0.02)."""

    def run_validation(self, value: object) -> float:
        text = str(value).strip()
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%", text)
        if not match:
            raise base.ValidationError(f"expected a percentage such as '2%', got {text!r}")
        percent = float(match.group(1))
        if not 0 < percent <= 50:
            raise base.ValidationError(f"{text} is outside 0%..50%")
        return percent / 100


class FenceOptions(base.Config):
    """What one demo block declares: ``title="…" session="…" file="…" packages="…" …``."""

    title = c.Optional(c.Type(str))
    session = c.Optional(_Name())
    file = c.Optional(_RelativePath())
    packages = _NameList()
    run = _Choice(RUN_POLICIES, default="build")
    height = c.Optional(_IntInRange(3, 80))
    timeout = c.Optional(_IntInRange(1, 3600))
    code = _Choice(CODE_DISPLAY, default="shown")
    """``folded``: the code starts folded under "Show the code (N lines)", so the output comes
    first; for long demos whose result matters more than their code."""
    tolerance = c.Optional(_Percentage())
    """Numbers this demo prints may differ by this much between the build and a browser
    (training amplifies last-bit rounding differences); the block says so to the reader."""


def parse_options(inputs: dict[str, str]) -> FenceOptions:
    """Validate raw fence options; raise ``ValueError`` listing every problem."""
    options = FenceOptions()
    options.load_dict(dict(inputs))
    errors, warnings = options.validate()
    problems = [f"option '{name}': {error}" for name, error in errors]
    known = sorted(dict(FenceOptions._schema))
    problems += [_unknown(name, known) for name, _ in warnings if name not in known]
    if problems:
        raise ValueError("; ".join(problems))
    return options


def _unknown(name: str, known: list[str]) -> str:
    hint = did_you_mean(name, known)
    return f"unknown option '{name}'" + (hint or f" (known: {', '.join(known)})")


def describe(options: Any) -> dict[str, Any]:
    """The options as plain data, for the page's JavaScript."""
    return {key: options[key] for key in dict(FenceOptions._schema)}
