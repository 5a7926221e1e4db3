"""The code blocks of a page's Markdown source, and the ones that look like a demo but are not.

A fence that superfences does not recognise as ``pyodide`` becomes a plain code block without
a word: a typo in the name (```` ```pyodid ````, ```` ```Pyodide ````) or demo options on
another fence (```` ```python packages="numpy" ````) would publish a page without its demo.
``near_misses`` finds those, so the build can stop on them. Fences shown inside another
fence (the authors' guide shows Markdown examples that way) are content, not blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pymdownx.superfences import RE_NESTED_FENCE_START

_OPEN = re.compile(r"^[ \t>]*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_LANGUAGE = re.compile(r"^[ \t]*\{?[ \t]*\.?(?P<name>[\w#.+-]*)(?P<option>=)?")


@dataclass(frozen=True)
class Fence:
    """One fenced block's opening line."""

    line: int  # 1-based, in the file
    info: str  # what follows the backticks: 'pyodide title="Fit"', '{ .python }'
    language: str  # its first word: 'pyodide', 'python', '' for none


def fences(source: str) -> list[Fence]:
    """The fenced blocks of ``source`` in page order, without fences nested inside them."""
    found: list[Fence] = []
    inside: str | None = None
    for number, line in enumerate(source.splitlines(), 1):
        match = _OPEN.match(line)
        if not match:
            continue
        fence, info = match["fence"], match["info"]
        if inside is None:
            if fence[0] == "`" and "`" in info:
                continue  # inline code such as ```x``` on a line, not a fence
            inside = fence
            language = _LANGUAGE.match(info)  # a first word followed by '=' is an option
            name = language["name"] if language and not language["option"] else ""
            found.append(Fence(number, info.strip(), name))
        elif fence[0] == inside[0] and len(fence) >= len(inside) and not info.strip():
            inside = None
    return found


def outside_fences(source: str) -> list[tuple[int, str]]:
    """(1-based line, text) of the lines of ``source`` outside every fenced block, with the
    same reading of fences as ``fences`` (the content checks look for prose there)."""
    kept: list[tuple[int, str]] = []
    inside: str | None = None
    for number, line in enumerate(source.splitlines(), 1):
        match = _OPEN.match(line)
        if inside is None:
            if match and not (match["fence"][0] == "`" and "`" in match["info"]):
                inside = match["fence"]
                continue
            kept.append((number, line))
        elif match and match["fence"][0] == inside[0] and len(match["fence"]) >= len(inside) \
                and not match["info"].strip():
            inside = None
    return kept


def malformed_openers(source: str, name: str) -> list[tuple[int, str]]:
    """(line, what is wrong) for each line that opens a ``name`` fence which superfences will
    not read as one (it would render as inline code and prose, with no demo): options it
    cannot parse, such as a value with an unclosed quote (```` ```pyodide title="t ````)."""
    problems = []
    for fence in fences(source):
        if fence.language != name:
            continue
        opener = source.splitlines()[fence.line - 1].lstrip(" \t>")
        match = RE_NESTED_FENCE_START.match(opener)
        if match and not match["unrecognized"] and match["lang"] == name:
            continue
        options = fence.info[len(name):].strip()
        if options.count('"') % 2 or options.count("'") % 2:
            why = "a quote is not closed"
        elif "`" in options:
            why = "it contains a backtick"
        else:
            why = "options must be written name=\"value\", separated by spaces"
        problems.append((fence.line, (
            f"the ```{name} line cannot be read as a demo ({why}: {options!r}): it would be shown as "
            f"inline code and text, without its live demo. Write ```{name} title=\"A title\" "
            "packages=\"numpy\" with every value in straight double quotes")))
    return problems


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, with a swap of two neighbours counting as one edit."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def looks_like(language: str, name: str) -> bool:
    """Whether ``language`` is ``name`` mistyped: another case, a letter off, or extra letters."""
    low = language.lower()
    return language != name and (name in low or _distance(low, name) <= 2)


def near_misses(source: str, name: str, demo_options: list[str]) -> list[tuple[int, str]]:
    """(line, what is wrong and what to do) for each block that looks like a ``name`` fence
    but is not one: a language close to ``name``, or ``demo_options`` on another fence."""
    options = re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, demo_options))})[ \t]*=")
    problems = []
    for fence in fences(source):
        if fence.language == name:
            continue
        shown = f"```{fence.language}" if fence.language else "a ``` block without a language"
        if fence.language and looks_like(fence.language, name):
            problems.append((fence.line, (
                f"the code block opened with {shown} looks like a demo with a mistyped name: it "
                f"would be shown as plain code, without its live demo. Write ```{name} (lowercase) "
                f"to make it a demo, or give a language such as ```python to show code that "
                "does not run")))
            continue
        given = sorted(set(options.findall(fence.info)))
        if given:
            listed = ", ".join(f"{o}=" for o in given)
            problems.append((fence.line, (
                f"{shown} carries the demo option(s) {listed}, which only a ```{name} block "
                f"takes: it would be shown as plain code, without a live demo. Open it with "
                f"```{name} to make it a demo, or remove {listed} to show code that does not run")))
    return problems
