"""``make post``: the scaffold's post, demo and test build and pass as they are."""

from __future__ import annotations

import os
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


def test_make_post_target_passes_title_author_category_and_demo() -> None:
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", ".venv/.installed", "post", "TITLE=It's \"quoted\"",
         "AUTHOR=erick", "CATEGORY=research", "DEMO=1"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert dry.returncode == 0, dry.stderr
    command = dry.stdout.strip().splitlines()[-1]
    assert "scripts/new_post.py" in command and "--demo" in command and '"$TITLE"' in command
    assert '${CATEGORY:+--category "$CATEGORY"}' in command


def test_scaffold_takes_the_category_and_refuses_one_not_allowed(project: Project, capsys) -> None:
    assert new_post(["A tutorial", "--category", "tutorial", "--root", str(project.root)]) == 0
    assert "categories:\n  - tutorial\n" in (project.root / "docs/blog/posts/a-tutorial.md").read_text(encoding="utf-8")
    assert new_post(["Gossip", "--category", "gossip", "--root", str(project.root)]) == 2
    assert "category 'gossip' is not allowed (allowed: blogpost, tutorial, research" in capsys.readouterr().err


def test_make_check_checks_the_changes_with_the_build() -> None:
    dry = subprocess.run(["make", "--no-print-directory", "-n", "-o", ".venv/.installed", "-o", "assets",
                          "check", "ALL=1"], capture_output=True, text=True, cwd=ROOT)
    assert dry.returncode == 0, dry.stderr
    assert "scripts/check_content.py --build --all" in dry.stdout
    assert "pytest" not in dry.stdout, "the tooling's own tests belong to make test"


def test_the_scaffolded_demo_reads_top_to_bottom_in_its_window(scaffold_site) -> None:
    _, written, _ = scaffold_site
    demo = written[1].read_text(encoding="utf-8")
    assert len(demo.splitlines()) <= 25  # the code window shows 25 lines
    assert "__main__" not in demo and "def " not in demo
    assert demo.index("N_POINTS = ") < demo.index("rng = ")  # the numbers to play with come first


def test_make_turns_off_materials_end_of_life_notice_for_every_command() -> None:
    shown = subprocess.run(["make", "--no-print-directory", "--eval", "show-env: ; @echo $$NO_MKDOCS_2_WARNING",
                            "show-env"], capture_output=True, text=True, cwd=ROOT,
                           env={k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"})
    assert shown.stdout.strip() == "1", shown.stdout + shown.stderr
