#!/usr/bin/env python3
"""Scaffold a blog post (and optionally its demo with a test) that builds as it is.

    make post TITLE="My title" [AUTHOR=id] [CATEGORY=name] [DEMO=1] [SERIES=name]
    python scripts/new_post.py "My title" [--author ID] [--category NAME] [--demo] [--series NAME]

Writes docs/blog/posts/<slug>.md as a draft with valid front matter: today's date, an
author from docs/blog/.authors.yml, a category from mkdocs.yml's categories_allowed, and a
description placeholder that the checks reject once the post stops being a draft. With
--demo it also writes demos/<slug_underscored>/hello.py, a passing test
tests/demos/test_<slug_underscored>.py, and a ``pyodide`` fence that shows the demo.
With --series it appends the post to docs/blog/series/<name>.md and writes the series
navigation (as ``make series`` does). Existing files are never overwritten.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

from contentcheck.frontmatter import allowed_tags  # noqa: E402
from contentcheck.project import POSTS_DIR, Project  # noqa: E402
from contentcheck.series import SERIES_DIR, add_part, write_series  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DESCRIPTION = "TODO: say in one or two sentences what the reader learns (50 to 170 characters)."


class ScaffoldError(Exception):
    """A reason not to write anything, with what to do."""


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def post_text(title: str, slug: str, author: str, category: str, tag: str, day: date,
              demo: str | None) -> str:
    demo_section = "" if demo is None else f"""
## Try it

The code below runs when the site is built, and its output is shown under it. Press **Run**
to run it again in your browser, after editing it if you like. The code lives in
`demos/{demo}/hello.py`, its test in `tests/demos/test_{demo}.py`.

<!-- For you, not for readers: readers see the demo in a code window of 25 lines, so keep the
numbers to play with at the top and plain code below them (no functions or __main__ guard
needed); reusable functions belong in demos/metalearn/, tested on their own. The test runs
the demo and checks its variables. See "Writing a demo" in the authors' guide. -->

```pyodide title="Fit a line" file="{demo}/hello.py" packages="numpy"
```
"""
    return f"""---
# Front matter: checked by `make check` (see CONTRIBUTING.md). Remove 'draft: true' to publish.
date:
  created: {day.isoformat()}
authors:
  - {author}
categories:
  - {category}
tags:
  - {tag}
description: "{DESCRIPTION}"
slug: {slug}
draft: true
---

# {title}

TODO: the opening paragraph. It is the excerpt shown on the blog's index, so say what the post
is about and why it matters, in two or three sentences.

<!-- more -->

## A first section

Write the post here. The [authors' guide](../../authors-guide.md) shows how to add live demos,
equations and figures.
{demo_section}"""


def demo_text() -> str:
    return f'''# Fit a straight line to noisy points: change the numbers below and press Run.
import numpy as np

N_POINTS = 50  # how many noisy points of y = 2 x + 1
NOISE = 0.1  # standard deviation of the noise added to y
SEED = 0  # change it to draw other points

rng = np.random.default_rng(SEED)
x = np.linspace(-1.0, 1.0, N_POINTS)  # shape (N_POINTS,)
y = 2.0 * x + 1.0 + NOISE * rng.standard_normal(N_POINTS)  # shape (N_POINTS,)

slope, intercept = np.polyfit(x, y, deg=1)
print("Hello from Python!")
print(f"Fitted y = {{slope:.2f}} x + {{intercept:.2f}} (the points came from y = 2 x + 1)")
'''


def demo_test_text(demo: str) -> str:
    return f'''"""Tests of demos/{demo}/: the demo runs as the build runs it, and its results are right."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "demos" / "{demo}" / "hello.py"


def test_the_fit_recovers_the_line(capsys: pytest.CaptureFixture[str]) -> None:
    demo = runpy.run_path(str(DEMO), run_name="__main__")  # its variables, after the run
    assert demo["x"].shape == demo["y"].shape == (demo["N_POINTS"],)
    assert demo["slope"] == pytest.approx(2.0, abs=0.1)  # noise 0.1: standard error about 0.025
    assert demo["intercept"] == pytest.approx(1.0, abs=0.1)
    assert "Hello from Python!" in capsys.readouterr().out


def test_the_printed_fit_matches_the_computed_one(capsys: pytest.CaptureFixture[str]) -> None:
    demo = runpy.run_path(str(DEMO), run_name="__main__")
    printed = capsys.readouterr().out
    assert f"Fitted y = {{demo['slope']:.2f}} x + {{demo['intercept']:.2f}}" in printed
'''


def scaffold(root: Path, title: str, author: str | None = None, category: str | None = None,
             demo: bool = False, day: date | None = None, series: str | None = None) -> list[Path]:
    """Write the post (and the demo and its test); return the paths written."""
    project = Project(root)
    title = " ".join(title.split())
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"cannot make a file name from the title {title!r}: use letters or digits")
    authors = list(project.authors)
    if not authors:
        raise ScaffoldError("no author in docs/blog/.authors.yml: register yourself there first "
                            "(see CONTRIBUTING.md)")
    author = author or authors[0]
    if author not in authors:
        raise ScaffoldError(f"author {author!r} is not in docs/blog/.authors.yml (known: "
                            f"{', '.join(authors)}): add yourself there, or pass AUTHOR=<id>")
    categories = project.categories
    category = category or (categories[0] if categories else "blogpost")
    if categories and category not in categories:
        raise ScaffoldError(f"category {category!r} is not allowed (allowed: {', '.join(categories)}, "
                            "from categories_allowed in mkdocs.yml)")
    name = slug.replace("-", "_")
    files = {project.root / POSTS_DIR / f"{slug}.md": post_text(
        title, slug, author, category, allowed_tags()[0], day or date.today(),
        name if demo else None)}
    if demo:
        files[project.root / "demos" / name / "hello.py"] = demo_text()
        files[project.root / "tests" / "demos" / f"test_{name}.py"] = demo_test_text(name)
    if series is not None and not (project.root / SERIES_DIR / f"{series}.md").is_file():
        known = ", ".join(sorted(p.stem for p in (project.root / SERIES_DIR).glob("*.md"))) or "none yet"
        raise ScaffoldError(f"no series {series!r}: {SERIES_DIR}/{series}.md does not exist (known: {known})")
    taken = [project.rel(p) for p in files if p.exists()]
    if taken:
        raise ScaffoldError(f"{', '.join(taken)} already exist(s): choose another title, "
                            "or delete the old files first")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if series is not None:
        add_part(project, series, f"{slug}.md")
        return [*files, *(p for p in write_series(Project(root)) if p not in files)]
    return list(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("title", help="the post's title, in quotes")
    parser.add_argument("--author", help="your id in docs/blog/.authors.yml (default: the first one)")
    parser.add_argument("--category", help="one of categories_allowed in mkdocs.yml (default: the first)")
    parser.add_argument("--demo", action="store_true", help="also write a demo and its test")
    parser.add_argument("--series", help=f"add the post as the last part of {SERIES_DIR}/<SERIES>.md")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        written = scaffold(args.root, args.title, args.author, args.category, args.demo,
                           series=args.series)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    root = Path(args.root).resolve()
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    print("next: fill in the TODOs, preview with `make serve`, check with `make check` "
          "(see CONTRIBUTING.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
