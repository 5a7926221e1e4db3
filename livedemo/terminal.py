"""Carriage returns as a terminal shows them, for the build-time output.

``print("\\r50%", end="")`` (tqdm and most progress code) moves back to the start of the line
and writes over it: a terminal, and a notebook, show only the latest state. The page does the
same live (``assets/src/terminal.js``), so the output computed at build time equals the live one.
"""

from __future__ import annotations


def overwrite(line: str, cursor: int, piece: str) -> tuple[str, int]:
    """``line`` after writing ``piece`` (no newline in it) at ``cursor``; the new cursor."""
    for index, part in enumerate(piece.split("\r")):
        if index:
            cursor = 0  # "\r": back to the start of the line
        line = line[:cursor] + part + line[cursor + len(part):]
        cursor += len(part)
    return line, cursor


def rewrite_lines(text: str) -> str:
    """``text`` as a terminal shows it: on each line, what a "\\r" is followed by overwrites
    the line from its start (the rest of a longer line stays, as on a terminal)."""
    if "\r" not in text:
        return text
    return "\n".join(overwrite("", 0, line)[0] if "\r" in line else line for line in text.split("\n"))
