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
        word, fix = match["word"], "' or '".join(f.strip() for f in match["fix"].split(",") if f.strip())
        problems.append(Problem(
            match["path"], "spelling",
            f"'{word}' looks misspelled (did you mean '{fix}'?): fix it, or if it is right add "
            f"'{word.lower()}' to {WORDS_FILE}", int(match["line"])))
    return problems
