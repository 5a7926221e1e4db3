"""Links of the built site, checked offline by lychee: internal links and anchors resolve,
external links are listed and never fetched."""

from __future__ import annotations

from building import ROOT, BuildResult
from contrib_project import LINKS_POST, SCAFFOLD_SLUG
from contentcheck import Project, check_links


def test_internal_links_and_anchors_of_the_site_resolve(built_site: BuildResult) -> None:
    report = check_links(Project(ROOT), built_site.site)
    assert not report.problems, f"{len(report.problems)} broken link(s):\n" + "\n".join(map(str, report.problems))


def test_external_links_are_listed_not_fetched(built_site: BuildResult) -> None:
    report = check_links(Project(ROOT), built_site.site)
    assert report.external, "the site links to pyodide.org and GitHub at least"
    assert all(url.startswith(("http://", "https://")) for url in report.external)
    assert any("pyodide.org" in url for url in report.external)


def test_broken_raw_links_are_named_with_their_markdown_file(scaffold_site) -> None:
    project, _, result = scaffold_site
    assert result.returncode == 0, result.output
    report = check_links(project, result.site)
    ours = sorted(str(p) for p in report.problems if p.path == LINKS_POST)
    assert len(ours) == 2, "\n".join(map(str, report.problems))
    assert any("[link] broken link '/blog/2024/01/02/no-such-page" in line for line in ours)
    assert any("#no-such-anchor" in line for line in ours)
    assert all(line.startswith(f"{LINKS_POST}: [link]") and "fix the link" in line for line in ours)
    assert not [p for p in report.problems if SCAFFOLD_SLUG in p.path], "the scaffold's links resolve"
