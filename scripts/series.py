#!/usr/bin/env python3
"""Write the navigation of every series of posts (``make series``).

    python scripts/series.py          # rewrite the blocks from docs/blog/series/*.md
    python scripts/series.py --check  # only report what is missing or stale (exit 1 if any)

A series is a page in docs/blog/series/ whose front matter lists its parts; see
contentcheck/series.py and "Series" in docs/authors-guide.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from contentcheck import Project
from contentcheck.series import check_series, write_series

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, write nothing")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    project = Project(args.root)
    problems = check_series(project)
    unwritable = [p for p in problems if "make series" not in p.message]
    if args.check or unwritable:
        for problem in (problems if args.check else unwritable):
            print(problem, file=sys.stderr)
        return 1 if (problems if args.check else unwritable) else 0
    for path in write_series(project):
        print(f"wrote {project.rel(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
