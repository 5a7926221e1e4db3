"""`make check`: the checks of what the author changed, quick enough to run after every edit.

It runs the source checks, the strict build with drafts, the links of that build, then axe
on the pages the author changed and the tests of the demos they changed; the project's own
tooling is tested by `make test`, not here. The tests share the session's Chromium (a second
Playwright cannot start beside it); `make check` starts its own.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from contrib_project import SCAFFOLD_SLUG, make_project
from contentcheck import Project
from contentcheck.changes import Changes, changes
from check_content import check_changes
from new_post import scaffold

NAME = SCAFFOLD_SLUG.replace("-", "_")
POST = f"docs/blog/posts/{SCAFFOLD_SLUG}.md"
FAINT = '<span style="color: #c8c8c8">A faint remark that few can read.</span>\n'


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                          cwd=root, check=True, capture_output=True, text=True).stdout


def test_the_changes_are_what_the_branch_changed_committed_or_not(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    for rel in ("docs/index.md", "docs/blog/posts/old.md", "demos/old_post/hello.py",
                "tests/demos/test_old_post.py", "scripts/tool.py"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "base")
    _git(root, "checkout", "-q", "-b", "my-post")
    for rel in ("docs/blog/posts/new.md", "demos/new_post/hello.py", "tests/demos/test_new_post.py"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("y\n", encoding="utf-8")
    _git(root, "add", "docs/blog/posts/new.md")
    _git(root, "commit", "-q", "-m", "the post")
    (root / "docs/index.md").write_text("edited, not committed\n", encoding="utf-8")
    project = Project(root)
    found = changes(project)
    assert found.base in ("origin/HEAD", "origin/main", "main")
    assert found.files == ["demos/new_post/hello.py", "docs/blog/posts/new.md", "docs/index.md",
                           "tests/demos/test_new_post.py"]
    assert found.pages(project) == ["docs/blog/posts/new.md", "docs/index.md"]
    assert [t.relative_to(root).as_posix() for t in found.demo_tests(project)] == ["tests/demos/test_new_post.py"]


def test_outside_a_git_checkout_everything_counts(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert changes(project).files is None
    assert "docs/authors-guide.md" in Changes(None).pages(project)


@pytest.fixture
def authored(tmp_path: Path) -> Project:
    """A copy of the project with a post and demo scaffolded by `make post ... DEMO=1`."""
    project = make_project(tmp_path / "project", own_demos=True)
    scaffold(project.root, "Ça marche: a first post", demo=True)
    return project


CHANGED = Changes([POST, f"demos/{NAME}/hello.py", f"tests/demos/test_{NAME}.py"], "main")


def test_make_check_of_one_changed_post_checks_that_post_and_its_demo_only(authored: Project, browser,
                                                                          capsys) -> None:
    assert check_changes(authored, CHANGED, browser) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    # one page and one test file: the steps list what they checked, and nothing else was
    assert f"accessibility of {POST}: ok (" in out
    assert f"tests of tests/demos/test_{NAME}.py: ok (" in out
    assert "build (strict, drafts included): ok" in out and "make check passed in" in out


def test_an_accessibility_problem_of_the_changed_post_names_file_and_line(authored: Project, browser,
                                                                              capsys) -> None:
    post = authored.root / POST
    post.write_text(post.read_text(encoding="utf-8") + "\n" + FAINT, encoding="utf-8")
    assert check_changes(authored, CHANGED, browser) == 1
    out = capsys.readouterr().out
    line = post.read_text(encoding="utf-8").splitlines().index(FAINT.strip()) + 1
    assert f"{POST}:{line}: [accessibility] color-contrast (serious)" in out, out
    assert "fix the content" in out


def test_a_failing_demo_test_fails_the_check(authored: Project, browser, capsys) -> None:
    demo = authored.root / "demos" / NAME / "hello.py"
    demo.write_text(demo.read_text(encoding="utf-8").replace("N_POINTS = 50", "N_POINTS = 3"), encoding="utf-8")
    test = authored.root / "tests" / "demos" / f"test_{NAME}.py"
    test.write_text(test.read_text(encoding="utf-8").replace("abs=0.1", "abs=0.000001"), encoding="utf-8")
    assert check_changes(authored, CHANGED, browser) == 1
    out = capsys.readouterr().out
    assert f"tests/demos/test_{NAME}.py: [tests] failed (output above): fix the demo or its test" in out
    assert "test_the_fit_recovers_the_line" in out


def test_a_demo_line_that_would_not_become_a_demo_fails_the_check(authored: Project, capsys) -> None:
    """Issue 23: ```pyodide title="t (an unclosed quote) rendered as inline code with no demo,
    and `make check` passed; now it fails, naming the file, the line and what is wrong."""
    post = authored.root / POST
    post.write_text(post.read_text(encoding="utf-8") + '\n```pyodide title="t\nprint(1)\n```\n',
                    encoding="utf-8")
    line = post.read_text(encoding="utf-8").splitlines().index('```pyodide title="t') + 1
    assert check_changes(authored, CHANGED) == 1  # fails at the build, before needing a browser
    out = capsys.readouterr().out
    assert f"{POST}, line {line}: the ```pyodide line cannot be read as a demo (a quote is not closed" in out, out
