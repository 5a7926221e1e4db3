"""The options an author may put on a ``pyodide`` fence, declared and validated in one place.

Fence options arrive as strings (``height="12"``); the option classes below convert
them, so the rest of the code only sees typed values. Unknown names are errors, not
warnings: a typo must never silently change what a demo does.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable

CODE_DISPLAY = ("shown", "folded")
RUN_POLICIES = ("build", "live-only")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class ValidationError(ValueError):
    """One option's value is wrong; the message says why."""


def did_you_mean(given: str, known: list[str] | tuple[str, ...]) -> str:
    """``"; did you mean 'x'?"`` for the known word closest to ``given``, or ``""``."""
    lowered = {k.lower(): k for k in known}
    text = given.lower()
    close = [lowered[text]] if text in lowered else [
        k for k in known if text and k.lower().startswith(text)
    ] or difflib.get_close_matches(given, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _choice(choices: tuple[str, ...]) -> Callable[[str], str]:
    """One of a few words; a near miss gets "did you mean"."""

    def check(text: str) -> str:
        if text not in choices:
            allowed = ", ".join(f"'{choice}'" for choice in choices)
            raise ValidationError(
                f"{text!r} is not allowed: expected one of {allowed}{did_you_mean(text, choices)}"
            )
        return text

    return check


def _int_in_range(low: int, high: int) -> Callable[[str], int]:
    """An integer given as a string, within [low, high]."""

    def check(text: str) -> int:
        try:
            number = int(text, 10)
        except ValueError:
            raise ValidationError(f"expected a whole number, got {text!r}") from None
        if not low <= number <= high:
            raise ValidationError(f"{number} is outside {low}..{high}")
        return number

    return check


def _name(text: str) -> str:
    """A short identifier such as a session name (letters, digits, ``_ . -``)."""
    if not _NAME.match(text):
        raise ValidationError(f"{text!r} is not a valid name (use letters, digits, '_', '.', '-')")
    return text


def _name_list(text: str) -> list[str]:
    """Package names separated by spaces or commas."""
    names = [n for n in re.split(r"[\s,]+", text) if n]
    for name in names:
        if not _NAME.match(name):
            raise ValidationError(f"{name!r} is not a package name")
    return list(dict.fromkeys(names))


def _relative_path(value: str) -> str:
    """A file path relative to the demos folder, never escaping it."""
    text = value.strip()
    if not text or text.startswith(("/", "\\")) or ".." in re.split(r"[\\/]", text):
        raise ValidationError(f"{text!r} must be a path inside the demos folder, like 'topic/script.py'")
    return text


def _percentage(value: str) -> float:
    """A percentage such as ``"2%"``, above 0 and at most 50 %, kept as a fraction (0.02)."""
    text = value.strip()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%", text)
    if not match:
        raise ValidationError(f"expected a percentage such as '2%', got {text!r}")
    percent = float(match.group(1))
    if not 0 < percent <= 50:
        raise ValidationError(f"{text} is outside 0%..50%")
    return percent / 100


# name -> (how a string value is checked and converted, the value when the option is not given)
SCHEMA: dict[str, tuple[Callable[[str], Any], Any]] = {
    "title": (str, None),
    "session": (_name, None),
    "file": (_relative_path, None),
    "packages": (_name_list, []),
    "run": (_choice(RUN_POLICIES), "build"),
    "height": (_int_in_range(3, 80), None),
    "timeout": (_int_in_range(1, 3600), None),
    # ``folded``: the code starts folded under "Show the code (N lines)", so the output comes
    # first; for long demos whose result matters more than their code.
    "code": (_choice(CODE_DISPLAY), "shown"),
    # Numbers this demo prints may differ by this much between the build and a browser
    # (training amplifies last-bit rounding differences); the block says so to the reader.
    "tolerance": (_percentage, None),
}
OPTION_NAMES = list(SCHEMA)

FenceOptions = dict[str, Any]
"""What one demo block declares: ``title="…" session="…" file="…" packages="…" …``, typed."""


def parse_options(inputs: dict[str, str]) -> FenceOptions:
    """Validate raw fence options; raise ``ValueError`` listing every problem."""
    options: FenceOptions = {}
    problems = []
    for name, (check, default) in SCHEMA.items():
        if name not in inputs:
            options[name] = list(default) if isinstance(default, list) else default
            continue
        try:
            options[name] = check(str(inputs[name]))
        except ValidationError as error:
            problems.append(f"option '{name}': {error}")
    known = sorted(SCHEMA)
    problems += [_unknown(name, known) for name in inputs if name not in SCHEMA]
    if problems:
        raise ValueError("; ".join(problems))
    return options


def _unknown(name: str, known: list[str]) -> str:
    hint = did_you_mean(name, known)
    return f"unknown option '{name}'" + (hint or f" (known: {', '.join(known)})")


def describe(options: Any) -> dict[str, Any]:
    """The options as plain data, for the page's JavaScript."""
    return {key: options[key] for key in SCHEMA}
