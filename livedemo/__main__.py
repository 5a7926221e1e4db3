"""``python -m livedemo prepare [-f mkdocs.yml]``: the builder-independent prepare step
(``livedemo/prepare.py``); a failure prints the file and line and exits with status 1."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from livedemo.errors import DemoError
from livedemo.prepare import prepare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m livedemo")
    commands = parser.add_subparsers(dest="command", required=True)
    step = commands.add_parser("prepare", help="write the runtime files, run the demos, write the plots")
    step.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    try:
        done = prepare(args.config_file)
    except DemoError as error:
        print(f"ERROR - livedemo prepare: {error}", file=sys.stderr)
        return 1
    print(f"livedemo prepare: {done.pages} pages, {done.written} files written into "
          f"{done.build.docs_dir} in {done.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
