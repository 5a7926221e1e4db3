"""Series of posts: ``make series`` writes the navigation, ``make post SERIES=`` adds a part, and
the checks name the file and line of a series that lists a post that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

from building import ROOT, mkdocs_build
from contentcheck import SOURCE_CHECKS, Project
from contentcheck.series import SERIES_DIR, check_series, write_series
from new_post import main as new_post

SERIES = f"{SERIES_DIR}/meta-learning.md"


def _lines(project: Project, rel: str) -> list[str]:
    return (project.root / rel).read_text(encoding="utf-8").splitlines()


def test_the_repository_series_is_up_to_date_and_checked_by_make_check() -> None:
    project = Project(ROOT)
    assert check_series(project) == []
    assert SOURCE_CHECKS["series"] is check_series


def test_a_series_that_lists_a_missing_post_names_the_file_and_line(project: Project) -> None:
    path = project.root / SERIES
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - reproducing-maml-sine.md\n",
                                 "  - reproducing-maml-sine.md\n  - no-such-post.md\n"), encoding="utf-8")
    (problem,) = check_series(project)
    assert problem.path == SERIES and problem.field == "series"
    assert _lines(project, SERIES)[problem.line - 1] == "  - no-such-post.md"
    assert "'no-such-post.md' is not a post" in problem.message
    assert str(problem).startswith(f"{SERIES}:{problem.line}: [series]")


def test_the_strict_build_fails_on_a_missing_part(project: Project, tmp_path: Path) -> None:
    path = project.root / SERIES
    path.write_text(path.read_text(encoding="utf-8").replace("  - few-shot-classification.md\n",
                                                             "  - few-shot-clasification.md\n"), encoding="utf-8")
    result = mkdocs_build(project.root / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert re.search(rf"{re.escape(SERIES)}:\d+: \[series\] 'few-shot-clasification.md' is not a post", result.output)


def test_a_post_listed_twice_is_reported(project: Project) -> None:
    path = project.root / SERIES
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - maml-line-by-line.md\n", "  - maml-line-by-line.md\n  - maml-line-by-line.md\n", 1), encoding="utf-8")
    (problem,) = check_series(project)
    assert "listed twice" in problem.message and _lines(project, SERIES)[problem.line - 1] == "  - maml-line-by-line.md"


def test_stale_navigation_is_reported_and_make_series_rewrites_it(project: Project) -> None:
    post = project.root / "docs/blog/posts/maml-line-by-line.md"
    original = post.read_text(encoding="utf-8")
    post.write_text(original.replace("Part 2 of 5", "Part 7 of 5"), encoding="utf-8")
    (problem,) = check_series(project)
    assert problem.path == "docs/blog/posts/maml-line-by-line.md" and "run `make series`" in problem.message
    assert "Part 7 of 5" in _lines(project, problem.path)[problem.line - 1]
    assert write_series(project) == [post]
    assert post.read_text(encoding="utf-8") == original and check_series(project) == []


def test_reordering_the_list_reorders_every_part(project: Project) -> None:
    path = project.root / SERIES
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - maml-line-by-line.md\n  - reptile-and-first-order-maml.md\n",
                                 "  - reptile-and-first-order-maml.md\n  - maml-line-by-line.md\n"), encoding="utf-8")
    assert {p.path for p in check_series(project)} >= {"docs/blog/posts/maml-line-by-line.md"}
    write_series(project)
    assert check_series(project) == []
    reptile = (project.root / "docs/blog/posts/reptile-and-first-order-maml.md").read_text(encoding="utf-8")
    assert "Part 2 of 5" in reptile and "**Next:** [MAML, line by line](maml-line-by-line.md)" in reptile


def test_make_post_scaffolds_a_draft_into_a_series(project: Project, tmp_path: Path, capsys) -> None:
    assert new_post(["A sixth part", "--series", "meta-learning", "--root", str(project.root)]) == 0
    assert "wrote docs/blog/posts/a-sixth-part.md" in capsys.readouterr().out
    assert _lines(project, SERIES)[:10].count("  - a-sixth-part.md") == 1
    draft = (project.root / "docs/blog/posts/a-sixth-part.md").read_text(encoding="utf-8")
    assert "Part 6 of 6" in draft and "**Previous:** [Reproducing the MAML paper's sine results]" in draft
    # Published parts do not link to the draft: the published site has no page for it.
    repro = (project.root / "docs/blog/posts/reproducing-maml-sine.md").read_text(encoding="utf-8")
    assert "a-sixth-part" not in repro and "Part 5 of 5" in repro
    assert check_series(project) == []
    published = mkdocs_build(project.root / "mkdocs.yml", tmp_path / "site")
    assert published.returncode == 0, published.output
    assert "a-sixth-part" not in published.page("blog/series/meta-learning/index.html")
    # Publishing the draft: the check asks for `make series`, which then links it everywhere.
    path = project.root / "docs/blog/posts/a-sixth-part.md"
    path.write_text(draft.replace("draft: true\n", ""), encoding="utf-8")
    assert any("make series" in p.message for p in check_series(project))
    write_series(project)
    assert "Part 5 of 6" in (project.root / "docs/blog/posts/reproducing-maml-sine.md").read_text(encoding="utf-8")


def test_an_unknown_series_is_refused_before_writing(project: Project, capsys) -> None:
    assert new_post(["Lost", "--series", "no-such-series", "--root", str(project.root)]) == 2
    assert "no series 'no-such-series'" in capsys.readouterr().err
    assert not (project.root / "docs/blog/posts/lost.md").exists()


def test_navigation_outside_any_series_is_reported(project: Project) -> None:
    orphan = project.root / "docs/blog/posts/orphan.md"
    block = "<!-- series:top (written by `make series` from x: edit that list, not this block) -->\nx\n<!-- /series:top -->\n"
    orphan.write_text("---\ndate: 2024-01-02\nauthors: [erick]\ncategories: [blogpost]\n"
                      "description: An orphan post whose series block names no series at all, for a test.\n---\n\n"
                      "# Orphan\n\n" + block, encoding="utf-8")
    (problem,) = check_series(project)
    assert problem.path == "docs/blog/posts/orphan.md" and problem.line == 10
