"""Compare a demo's live text output with the build-time output on its page.

Exact by default. A block that declares ``tolerance="N%"`` (numbers that training makes
sensitive to last-bit rounding) may differ in its numbers by that fraction, and in the
spacing that aligns them, but not in any word; every such difference is returned so the test
can report it.
"""

from __future__ import annotations

import re

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def _split(text: str) -> tuple[list[str], list[str]]:
    """The text between numbers (runs of spaces made one) and the numbers, as printed."""
    words = [re.sub(r"[ \t]+", " ", part) for part in NUMBER.split(text)]
    return words, NUMBER.findall(text)


def number_differences(built: str, live: str, tolerance: float) -> list[str] | None:
    """``None`` when ``live`` is not ``built`` within ``tolerance``; else the numbers that
    differ (empty when the texts are equal)."""
    if live == built:
        return []
    if not tolerance:
        return None
    (built_words, built_numbers), (live_words, live_numbers) = _split(built), _split(live)
    if built_words != live_words or len(built_numbers) != len(live_numbers):
        return None
    differences = []
    for was, now in zip(built_numbers, live_numbers):
        if was == now:
            continue
        a, b = float(was), float(now)
        if abs(a - b) > tolerance * max(abs(a), abs(b)):
            return None
        differences.append(f"{was} -> {now}")
    return differences
