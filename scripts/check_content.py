#!/usr/bin/env python3
"""Check posts and demos before a pull request: front matter, safety, demos, spelling, links.

    python scripts/check_content.py                  # the source checks (seconds, no build)
    python scripts/check_content.py --site site      # and the links of a built site (lychee)
    python scripts/check_content.py --only spelling  # one check

Prints one line per problem (file:line: [field] what is wrong: what to do) and exits 1 if
there is any. The test suite runs the same checks (tests/contrib), so CI agrees with this.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contentcheck import SOURCE_CHECKS, Project, check_links  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    parser.add_argument("--site", type=Path, help="a built site to check the links of (make build writes site/)")
    parser.add_argument("--only", action="append", choices=[*SOURCE_CHECKS, "links"],
                        help="run only this check (repeatable)")
    parser.add_argument("--list-external", action="store_true", help="list external links (never fetched)")
    args = parser.parse_args(argv)
    project = Project(args.root)
    wanted = args.only or [*SOURCE_CHECKS, *(["links"] if args.site else [])]
    problems = []
    for name in wanted:
        if name == "links":
            if not args.site:
                parser.error("--only links needs --site DIR")
            report = check_links(project, args.site)
            problems += report.problems
            if args.list_external:
                for url, pages in sorted(report.external.items()):
                    print(f"external (not fetched): {url}  <- {', '.join(sorted(set(pages)))}")
        else:
            problems += SOURCE_CHECKS[name](project)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) found by: {', '.join(wanted)}" if problems
          else f"content checks passed: {', '.join(wanted)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
