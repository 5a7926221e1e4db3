"""axe-core, injected by Playwright into every page of the built site, finds nothing wrong
in the content area (``.md-content``).

Findings in markup the theme writes, which no post can change, are listed one by one in
``THEME_FINDINGS`` with the reason: rule id + a CSS selector the offending element must
match (``element.closest(selector)``). Nothing else is silenced, and an entry that no page
needs any more fails the test, so the list cannot rot.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

from building import ROOT, BuildResult

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CONTENT = ".md-content"


@dataclass(frozen=True)
class Allowed:
    rule: str
    selector: str
    reason: str


THEME_FINDINGS = [
    Allowed("landmark-unique", ".md-post__authors",
            "Material's blog index and archive write one unnamed <nav class='md-post__authors'> "
            "per post excerpt (templates/partials/post.html); posts cannot name them"),
    Allowed("landmark-unique", ".md-post > .md-nav--primary",
            "Material's blog post sidebar repeats the primary <nav> without a distinct name "
            "(templates/blog-post.html)"),
    Allowed("landmark-unique", ".md-code__nav",
            "Material's JavaScript adds an unnamed <nav> of copy/select buttons to each code block"),
    Allowed("color-contrast",
            ".highlight :is(.o, .ow, .p, .c, .c1, .ch, .cm, .cs, .sd, .na, .nv, .vc, .vg, .vi, "
            ".ge, .gh, .go, .gp, .gr, .gs, .gt, .gu)",
            "Material's code palette draws comments, operators and punctuation in "
            "--md-default-fg-color--light, #717171 on the code background #f5f5f5: 4.47:1, just "
            "under 4.5:1; these are exactly the token classes Material gives that colour"),
]

RUN_AXE = """async ([context, allowed]) => {
  const result = await axe.run(context, { resultTypes: ["violations"] });
  const found = [];
  for (const violation of result.violations) {
    for (const node of violation.nodes) {
      const selector = node.target.join(" ");
      const element = document.querySelector(node.target[0]);
      const allowedBy = allowed.findIndex(([rule, css]) =>
        rule === violation.id && element !== null && element.closest(css) !== null);
      found.push({ rule: violation.id, impact: violation.impact, help: violation.help,
                   selector, html: node.html.slice(0, 160), allowedBy,
                   detail: [...node.any, ...node.all, ...node.none].map((c) => c.message).join("; ") });
    }
  }
  return found;
}"""


def test_no_accessibility_violations_in_the_content(built_site: BuildResult, site_url: str,
                                                    page: Page) -> None:
    script = AXE.read_text(encoding="utf-8")
    allowed = [[a.rule, a.selector] for a in THEME_FINDINGS]
    pages = sorted(p.relative_to(built_site.site).as_posix() for p in Path(built_site.site).rglob("*.html"))
    assert len(pages) >= 5
    violations: list[str] = []
    used: set[int] = set()
    for path in pages:
        page.goto(site_url + path.removesuffix("index.html"), wait_until="load")
        page.add_script_tag(content=script)
        for finding in page.evaluate(RUN_AXE, [CONTENT, allowed]):
            if finding["allowedBy"] >= 0:
                used.add(finding["allowedBy"])
            else:
                violations.append(f"{path}: {finding['rule']} ({finding['impact']}): {finding['help']}\n"
                                  f"    at {finding['selector']}: {finding['html']}\n"
                                  f"    {finding['detail']}")
    assert not violations, f"{len(violations)} accessibility violation(s):\n" + "\n".join(violations)
    stale = [a for i, a in enumerate(THEME_FINDINGS) if i not in used]
    assert not stale, f"allowlist entries no page needs any more, remove them: {stale}"
