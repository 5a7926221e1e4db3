"""axe-core, injected by Playwright into every page of the built site, finds nothing wrong
in the content area (``.md-content``).

The rules, and the findings in markup the theme writes (``THEME_FINDINGS``, each with its
reason), live in contentcheck/accessibility.py, which `make check` runs on the pages
an author changed. Here every page is checked, and an allowlist entry that no page needs any
more fails the test, so the list cannot rot.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from building import ROOT, BuildResult
from contentcheck import Project
from contentcheck.accessibility import THEME_FINDINGS, axe_script, findings


def test_no_accessibility_violations_in_the_content(built_site: BuildResult, site_url: str,
                                                    page: Page) -> None:
    script = axe_script(Project(ROOT))
    pages = sorted(p.relative_to(built_site.site).as_posix() for p in Path(built_site.site).rglob("*.html"))
    assert len(pages) >= 5
    violations: list[str] = []
    used: set[int] = set()
    for path in pages:
        for finding in findings(page, site_url + path.removesuffix("index.html"), script):
            if finding["allowedBy"] >= 0:
                used.add(finding["allowedBy"])
            else:
                violations.append(f"{path}: {finding['rule']} ({finding['impact']}): {finding['help']}\n"
                                  f"    at {finding['selector']}: {finding['html']}\n"
                                  f"    {finding['detail']}")
    assert not violations, f"{len(violations)} accessibility violation(s):\n" + "\n".join(violations)
    stale = [a for i, a in enumerate(THEME_FINDINGS) if i not in used]
    assert not stale, f"allowlist entries no page needs any more, remove them: {stale}"
