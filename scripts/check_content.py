#!/usr/bin/env python3
"""Check posts and demos before a pull request: front matter, safety, demos, spelling, build, links.

    python scripts/check_content.py                  # the source checks (seconds, no build)
    python scripts/check_content.py --build          # make check: and what the author changed
    python scripts/check_content.py --build --all    # ... every page and every demo
    python scripts/check_content.py --site site      # the links of a site made by make build
    python scripts/check_content.py --only spelling  # one check

With ``--build`` (``make check``): the source checks, then the strict build with drafts
included, the links of that build, and, for what changed since the branch left main
(committed or not, new files too), the accessibility of the changed pages and the tests of
the changed demos. Prints one line per problem (file:line: [field] what is wrong: what to do)
and exits 1 if there is any. The project's own tooling is tested by ``make test``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from contentcheck import SOURCE_CHECKS, Project, check_links  # noqa: E402
from contentcheck.changes import Changes, changes  # noqa: E402
from contentcheck.sitebuild import build_site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _step(name: str, started: float, problems: list[object]) -> None:
    status = f"{len(problems)} problem(s)" if problems else "ok"
    print(f"{name}: {status} ({time.monotonic() - started:.1f} s)", flush=True)


def check_changes(project: Project, selected: Changes, browser: object = None) -> int:
    """The source checks, the build with drafts, its links, then the changed pages and demos
    (``browser``: a running Playwright browser for the accessibility check, else one is started)."""
    began = time.monotonic()
    problems: list[object] = []
    for name, check in SOURCE_CHECKS.items():
        started = time.monotonic()
        found = check(project)
        _step(name, started, found)
        problems += found
    with tempfile.TemporaryDirectory(prefix="check-site-") as folder:
        site = Path(folder)
        started = time.monotonic()
        report = build_site(project, site)
        print(f"build (strict, drafts included): {'failed' if report.returncode else 'ok'} "
              f"({time.monotonic() - started:.1f} s)", flush=True)
        if report.returncode:
            for problem in problems:
                print(problem)
            known = [str(p) for p in problems]
            print("\n".join(m for m in report.messages if not any(k in m for k in known))
                  or report.output)
            print("the build failed: fix what it says above (the links, accessibility and demo "
                  "tests run once it builds)")
            return 1
        started = time.monotonic()
        found = check_links(project, site).problems
        _step("links", started, found)
        problems += found
        pages = selected.pages(project)
        started = time.monotonic()
        if pages:
            from contentcheck.accessibility import check_accessibility

            found = check_accessibility(project, site, pages, browser)
            _step(f"accessibility of {', '.join(pages)}", started, found)
            problems += found
    tests = selected.demo_tests(project)
    if tests:
        started = time.monotonic()
        shown = [t.relative_to(project.root).as_posix() for t in tests]
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *shown],
                                cwd=project.root, capture_output=True, text=True)
        _step(f"tests of {', '.join(shown)}", started, [] if result.returncode == 0 else ["failed"])
        if result.returncode:
            print(result.stdout[-6000:] + result.stderr[-2000:])
            problems.append(f"{', '.join(shown)}: [tests] failed (output above): fix the demo or its test")
    if selected.files is not None and not pages and not tests:
        print(f"no page or demo changed since {selected.base}: nothing more to check "
              "(make check ALL=1 checks every page and demo)")
    for problem in problems:
        print(problem)
    took = f"in {time.monotonic() - began:.1f} s"
    print(f"{len(problems)} problem(s) found {took}" if problems else f"make check passed {took}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    parser.add_argument("--build", action="store_true",
                        help="also build the site with drafts, check its links, the changed pages and demos")
    parser.add_argument("--all", action="store_true", help="with --build: every page and demo, not only the changed ones")
    parser.add_argument("--base", help="with --build: the branch to compare with (default: origin/main, then main)")
    parser.add_argument("--site", type=Path, help="a built site to check the links of (make build writes site/)")
    parser.add_argument("--only", action="append", choices=[*SOURCE_CHECKS, "links"],
                        help="run only this check (repeatable)")
    parser.add_argument("--list-external", action="store_true", help="list external links (never fetched)")
    args = parser.parse_args(argv)
    project = Project(args.root)
    if args.build:
        return check_changes(project, Changes(None) if args.all else changes(project, args.base))
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
