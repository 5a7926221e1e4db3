"""Accessibility of built pages: axe-core, injected into each page in Chromium, finds nothing
wrong in the content area (``.md-content``).

Findings in markup the theme writes, which no post can change, are listed one by one in
``THEME_FINDINGS`` with the reason: rule id + a CSS selector the offending element must
match (``element.closest(selector)``). Nothing else is silenced; the test suite checks every
page and fails on an entry that no page needs any more, so the list cannot rot.
"""

from __future__ import annotations

import functools
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

from .links import source_of
from .project import Problem, Project, outside_code

CONTENT = ".md-content"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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


def axe_script(project: Project) -> str:
    return (project.root / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def findings(page: Any, url: str, script: str) -> list[dict[str, Any]]:
    """axe's findings in the content of the page at ``url`` (a Playwright page drives it);
    ``allowedBy`` is the index of the ``THEME_FINDINGS`` entry that allows one, else -1."""
    page.goto(url, wait_until="load")
    page.add_script_tag(content=script)
    return page.evaluate(RUN_AXE, [CONTENT, [[a.rule, a.selector] for a in THEME_FINDINGS]])


def _line(project: Project, source: str, html: str) -> int | None:
    """The line of the Markdown source that the offending element most likely came from."""
    path = project.root / source
    if not path.is_file():
        return None
    values = re.findall(r'(?:src|href)="([^"]+)"', html)
    keys = [v.rsplit("/", 1)[-1] for v in values if v.rsplit("/", 1)[-1]]
    text = " ".join(re.sub(r"<[^>]*>", " ", html).split())
    keys += [text[:40]] if len(text) >= 4 else []  # the element's words, as the source has them
    for number, line in outside_code(path.read_text(encoding="utf-8-sig")):
        if any(key in line for key in keys):
            return number
    return None


def problem(project: Project, source: str, built: str, finding: dict[str, Any]) -> Problem:
    return Problem(
        source, "accessibility",
        f"{finding['rule']} ({finding['impact']}): {finding['help']}, at {finding['selector']}: "
        f"{finding['html']} ({finding['detail']}; in the built page {built}): fix the content "
        "(images need alt text, figures a caption, plots a description, links words that say "
        "where they go)", _line(project, source, finding["html"]))


@contextmanager
def _served(site: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def built_pages(site: Path, sources: list[str]) -> dict[str, str]:
    """Built page (relative to ``site``) -> its Markdown source, for the pages of ``sources``."""
    found = {}
    for html in sorted(site.rglob("*.html")):
        source = source_of(site, html, html.read_text(encoding="utf-8", errors="replace"))
        if source in sources:
            found[html.relative_to(site).as_posix()] = source
    return found


def check_accessibility(project: Project, site: Path, sources: list[str],
                        browser: Any = None) -> list[Problem]:
    """axe's violations in the built pages of ``sources`` (Markdown paths such as
    "docs/blog/posts/my-post.md"), in Debian's Chromium (``browser``: a Playwright browser
    already running, e.g. the test suite's; else one is started)."""
    pages = built_pages(Path(site), sources)
    if not pages:
        return []
    if browser is None:
        from playwright.sync_api import sync_playwright

        if not Path(CHROMIUM).exists():
            raise RuntimeError(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh (make check does)")
        with sync_playwright() as playwright:
            started = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return check_accessibility(project, site, sources, started)
            finally:
                started.close()
    script = axe_script(project)
    problems = []
    with _served(Path(site)) as base:
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith((base, "data:", "blob:")) else route.abort())
        page = context.new_page()
        try:
            for built, source in pages.items():
                for finding in findings(page, base + built.removesuffix("index.html"), script):
                    if finding["allowedBy"] < 0:
                        problems.append(problem(project, source, built, finding))
        finally:
            context.close()
    return problems
