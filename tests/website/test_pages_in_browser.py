"""The real site in Chromium: math typeset at build time (no KaTeX script), no third-party requests."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

POST = "blog/2020/04/27/introduction-to-meta-learning/"
SERIES = [POST, "blog/2026/12/06/maml-line-by-line/", "blog/2026/12/06/reptile-and-first-order-maml/",
          "blog/2026/12/06/few-shot-classification/", "blog/2026/12/06/reproducing-maml-sine/"]


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("post", SERIES)
def test_post_requests_nothing_from_other_hosts(page, site_url: str, post: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + post, wait_until="networkidle")
    own = urlsplit(site_url).netloc
    foreign = {urlsplit(u).netloc for u in requests if urlsplit(u).scheme in ("http", "https")} - {own}
    assert foreign == set(), f"third-party requests: {sorted(foreign)}"
    if post == POST:  # Figure 1 is the site's own
        assert any(urlsplit(u).path.endswith("/images/prior-knowledge.svg") for u in requests), "figure requested"


@pytest.mark.parametrize(("old", "new"), [
    ("#reptile", "blog/2026/12/06/reptile-and-first-order-maml/#reptile"),
    ("#train-maml-yourself", "blog/2026/12/06/maml-line-by-line/#train-maml-yourself"),
    ("#does-this-reproduce-the-paper", "blog/2026/12/06/reproducing-maml-sine/"),
    ("#livedemo-blog-posts-introduction-to-meta-learning-7",
     "blog/2026/12/06/reptile-and-first-order-maml/#maml-vs-first-order-maml-vs-reptile"),
])
def test_a_shared_link_to_a_moved_section_lands_on_its_new_page(page, site_url: str, old: str, new: str) -> None:
    page.goto(site_url + POST + old, wait_until="load")
    page.wait_for_url(site_url + new)
    fragment = urlsplit(new).fragment
    if fragment:
        assert page.locator(f"#{fragment}").count() == 1


def test_a_link_to_a_section_still_in_the_introduction_stays(page, site_url: str) -> None:
    page.goto(site_url + POST + "#limits-and-open-problems", wait_until="load")
    page.wait_for_timeout(300)
    assert page.url == site_url + POST + "#limits-and-open-problems"


def test_every_formula_is_typeset_at_load_and_no_katex_script_loads(page, site_url: str) -> None:
    scripts: list[str] = []
    page.on("request", lambda r: r.resource_type == "script" and scripts.append(r.url))
    total = 0
    for post in SERIES:
        page.goto(site_url + post, wait_until="domcontentloaded")
        count = page.locator(".arithmatex").count()
        total += count
        if count:
            # the last formula, far below the screen, is typeset before anything scrolls
            assert page.locator(".arithmatex").last.locator(".katex").count() == 1, post
        assert page.locator(".arithmatex .katex").count() == count, post
        assert page.locator(".katex-error").count() == 0, post
        page.wait_for_load_state("networkidle")
    assert total > 100  # the series' formulas
    page.goto(site_url + SERIES[1], wait_until="domcontentloaded")
    assert page.locator(".arithmatex .katex-display").count() >= 1  # display equations too
    assert [u for u in scripts if "katex" in u.lower() or "/math" in u] == []


def test_printing_without_scrolling_shows_every_formula_typeset(page, site_url: str) -> None:
    """Printed straight after loading: every formula is KaTeX's drawing in KaTeX's fonts, and
    the PDF is made (Chromium's own print path)."""
    total = 0
    for post in SERIES:
        page.emulate_media(media="screen")
        page.goto(site_url + post, wait_until="load")
        page.emulate_media(media="print")
        page.evaluate("document.fonts.ready")
        count = page.locator(".arithmatex").count()
        total += count
        drawn = page.eval_on_selector_all(
            ".arithmatex", "els => els.filter(e => { const h = e.querySelector('.katex-html'); "
            "return h && h.getBoundingClientRect().width > 0 && getComputedStyle(h).display !== 'none'; }).length")
        assert drawn == count, post
        text = page.inner_text("article")
        assert "\\(" not in text and "\\[" not in text, post
        if count:
            assert page.evaluate("document.fonts.check('16px KaTeX_Main') && document.fonts.check('16px KaTeX_Math')")
            assert page.evaluate("[...document.fonts].some(f => f.family.includes('KaTeX_Math') && f.status === 'loaded')")
            pdf = page.pdf(format="A4")
            assert pdf.startswith(b"%PDF") and b"KaTeX" in pdf, post  # KaTeX's fonts are embedded
    assert total > 100


def test_home_page_links_to_the_post(page, site_url: str) -> None:
    page.goto(site_url, wait_until="load")
    page.get_by_role("link", name="Start with the introduction").click()
    page.wait_for_url("**/introduction-to-meta-learning/")
    assert "Introduction to Meta-Learning" in page.title()


def test_build_time_plots_fit_a_phone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        count = 0
        for post in SERIES:  # the plots of the long post, now spread over the series
            page.goto(site_url + post, wait_until="load")
            figures = page.locator("figure.livedemo-plot")
            count += figures.count()
            for figure in figures.all():
                image = figure.locator("img")
                image.scroll_into_view_if_needed()
                image.evaluate("img => img.decode()")
                # the narrow drawing of a responsive plot, shown at its own size: 12 px text
                # stays 12 px, and nothing scrolls sideways
                natural, shown = image.evaluate("img => [img.naturalWidth, img.getBoundingClientRect().width]")
                assert natural <= 390 and abs(shown - natural) < 1, (post, natural, shown)
        assert count >= 5
    finally:
        context.close()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("post", [*SERIES, "blog/series/meta-learning/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_whole_post_page_passes_contrast_and_names_in_both_schemes(browser: Browser, site_url: str, scheme: str,
                                                                         post: str) -> None:
    """The page around the content too: Material's footer, buttons, search dialog."""
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + post, wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            """async () => await axe.run(document, {runOnly: ["color-contrast", "aria-dialog-name",
                 "button-name", "link-name", "image-alt"]})"""
        )
        problems = [(v["id"], [n["html"][:120] for n in v["nodes"][:3]]) for v in result["violations"]]
        assert problems == []
    finally:
        context.close()
