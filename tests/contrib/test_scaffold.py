"""``make post``: the scaffold's post, demo and test build and pass as they are."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date

from building import ROOT
from contrib_project import SCAFFOLD_SLUG
from contentcheck import Project, check_demos, check_pages, check_posts
from new_post import main as new_post, slugify

NAME = SCAFFOLD_SLUG.replace("-", "_")


def test_scaffold_writes_the_post_the_demo_and_its_test(scaffold_site) -> None:
    project, written, _ = scaffold_site
    assert [project.rel(p) for p in written] == [
        f"docs/blog/posts/{SCAFFOLD_SLUG}.md",
        f"demos/{NAME}/hello.py",
        f"tests/demos/test_{NAME}.py",
    ]
    post = written[0].read_text(encoding="utf-8")
    assert f"created: {date.today().isoformat()}" in post
    assert "draft: true" in post and f"slug: {SCAFFOLD_SLUG}" in post
    assert f'```pyodide title="Fit a line" file="{NAME}/hello.py" packages="numpy"' in post


def test_scaffolded_post_builds_strictly_as_it_is(scaffold_site) -> None:
    _, _, result = scaffold_site
    assert result.returncode == 0, result.output
    day = date.today()
    html = result.page(f"blog/{day:%Y/%m/%d}/{SCAFFOLD_SLUG}/index.html")
    assert "Ça marche: a first post" in html
    assert "Hello from Python!" in html  # the demo ran at build time
    assert re.search(r"Fitted y = 2\.\d\d x \+ 1\.\d\d", html)


def test_scaffolded_draft_passes_the_checks(scaffold_site) -> None:
    project, _, _ = scaffold_site
    problems = [*check_posts(project), *check_pages(project), *check_demos(project)]
    ours = [p for p in problems if SCAFFOLD_SLUG in p.path or NAME in p.path]
    assert ours == [], "\n".join(map(str, ours))


def test_publishing_the_scaffold_unchanged_is_refused(scaffold_site) -> None:
    project, written, _ = scaffold_site
    published = written[0].read_text(encoding="utf-8").replace("draft: true\n", "")
    target = written[0].with_name("published-copy.md")
    target.write_text(published, encoding="utf-8")
    try:
        fields = {p.field for p in check_posts(project) if p.path.endswith("published-copy.md")}
    finally:
        target.unlink()
    assert fields == {"description", "body"}


def test_scaffolded_demo_test_passes(scaffold_site) -> None:
    project, written, _ = scaffold_site
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(written[2])],
        capture_output=True, text=True, cwd=project.root,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_scaffold_refuses_unknown_author_and_existing_files(project: Project, capsys) -> None:
    assert new_post(["A title", "--author", "nobody", "--root", str(project.root)]) == 2
    assert "docs/blog/.authors.yml" in capsys.readouterr().err
    assert new_post(["A title", "--root", str(project.root)]) == 0
    assert new_post(["A title", "--root", str(project.root)]) == 2
    assert "a-title.md already exist" in capsys.readouterr().err


def test_slugs() -> None:
    assert slugify("Ça marche: MAML & Reptile, 2nd try!") == "ca-marche-maml-reptile-2nd-try"
    assert slugify("???") == ""


def test_make_post_target_passes_title_author_and_demo() -> None:
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", ".venv/.installed", "post", "TITLE=It's \"quoted\"", "AUTHOR=erick", "DEMO=1"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert dry.returncode == 0, dry.stderr
    command = dry.stdout.strip().splitlines()[-1]
    assert "scripts/new_post.py" in command and "--demo" in command and '"$TITLE"' in command
