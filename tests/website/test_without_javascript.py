"""Every page of the built site, read in Chromium with JavaScript disabled, as such a reader
sees it: no raw LaTeX in the visible text, and formulas drawn with KaTeX's own style sheet."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from building import BuildResult

# The visible text of the page outside code (code may show TeX on purpose, as the authors'
# guide does): text nodes whose element is rendered, not in pre/code/script/style/annotation.
VISIBLE_PROSE = """() => {
  const skip = "pre, code, script, style, noscript, annotation, template";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip) || !parent.checkVisibility({visibilityProperty: true})) continue;
    parts.push(node.data);
  }
  return parts.join(" ");
}"""

RAW_LATEX = ("\\(", "\\)", "\\[", "\\]", "$$", "\\frac", "\\mathcal", "\\sum", "\\theta", "\\alpha",
             "\\begin{", "\\nabla", "\\mathbb", "\\left", "\\right", "^{", "_{")


def _pages(built_site: BuildResult) -> list[str]:
    return sorted(p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*.html"))


@pytest.mark.browser
def test_no_page_shows_raw_latex_with_javascript_disabled(browser: Browser, built_site: BuildResult, site_url: str) -> None:
    pages = _pages(built_site)
    assert len(pages) >= 10
    context = browser.new_context(java_script_enabled=False)
    typeset = 0
    try:
        page = context.new_page()
        for path in pages:
            page.goto(site_url + path, wait_until="load")
            assert page.evaluate("typeof document$") == "undefined"  # no script ran: Material's is gone
            text = page.evaluate(VISIBLE_PROSE)
            raw = [token for token in RAW_LATEX if token in text]
            assert raw == [], f"{path} shows raw LaTeX {raw}: {text[max(0, text.find(raw[0]) - 80):][:200]!r}"
            formulas = page.locator(".arithmatex").count()
            assert page.locator(".arithmatex .katex").count() == formulas, path
            assert page.locator(".katex-error").count() == 0, path
            if formulas:
                typeset += formulas
                # KaTeX's style sheet is applied: the MathML copy is visually hidden, the drawing shown
                assert page.eval_on_selector(".katex-mathml", "e => getComputedStyle(e).position") == "absolute", path
                assert page.eval_on_selector(".katex-html", "e => e.getBoundingClientRect().height") > 0, path
    finally:
        context.close()
    assert typeset >= 160  # the post's formulas and the guide's, at least
