"""Spelling of docs/ and demos/ with codespell, configured by ``[tool.codespell]`` in
pyproject.toml; words that are right but unknown to codespell go in .codespell-words.txt."""

from __future__ import annotations

import re
import subprocess
import sys

from .project import Problem, Project

PATHS = ("docs", "demos")
WORDS_FILE = ".codespell-words.txt"
_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$")


def check_spelling(project: Project) -> list[Problem]:
    paths = [p for p in PATHS if (project.root / p).exists()]
    if not paths:
        return []
    command = [sys.executable, "-m", "codespell_lib", "--toml", "pyproject.toml", *paths]
    result = subprocess.run(command, capture_output=True, text=True, cwd=project.root)
    if result.returncode not in (0, 65):  # 65: misspellings found
        raise RuntimeError(f"codespell failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    problems = []
    for line in result.stdout.splitlines():
        match = _LINE.match(line.strip())
        if not match:
            continue
        word = match["word"]
        fixes = [f.strip() for f in match["fix"].split("|")[0].split(",") if f.strip()]
        shown = "' or '".join(fixes)
        if is_typo(word, fixes):
            advice = f"'{word}' is misspelled (did you mean '{shown}'?): fix it"
        else:
            advice = (f"'{word}' looks misspelled (did you mean '{shown}'?): fix it, or if it is "
                      f"right (a name, an abbreviation) add '{word.lower()}' to {WORDS_FILE}")
        problems.append(Problem(match["path"], "spelling", advice, int(match["line"])))
    return problems


def is_typo(word: str, fixes: list[str]) -> bool:
    """Whether ``word`` is a slip of the keyboard in one of ``fixes``: a word of five letters or
    more, one or two edits away. Such a word never belongs in the word list; shorter words
    codespell flags ("nd", "ser") are often abbreviations or names that may."""
    low = word.lower()
    return len(low) >= 5 and any(_distance(low, fix.lower()) <= 2 for fix in fixes)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance between two short words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]
