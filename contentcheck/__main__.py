"""``python -m contentcheck prebuild [--strict] [-C folder]``: the pre-build checks
(``prebuild.py``) for a builder without hooks (Zensical). Each problem names the file and line;
exit status 1 on a fatal problem, or on any problem with ``--strict``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from contentcheck.prebuild import source_problems
from contentcheck.project import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contentcheck")
    commands = parser.add_subparsers(dest="command", required=True)
    step = commands.add_parser("prebuild", help="the checks a build runs before it starts")
    step.add_argument("--strict", action="store_true", help="warnings fail too (as mkdocs --strict)")
    step.add_argument("-C", "--project", type=Path, default=Path("."), help="the folder of mkdocs.yml")
    args = parser.parse_args(argv)
    fatal, warnings = source_problems(Project(args.project.absolute()))
    for problem in fatal:
        print(f"ERROR - content checks: {problem}", file=sys.stderr)
    for problem in warnings:
        print(f"{'ERROR' if args.strict else 'WARNING'} - content checks: {problem}", file=sys.stderr)
    return 1 if fatal or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
