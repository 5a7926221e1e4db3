"""The authors' guide: each Markdown example it shows is built right below it, as it says.

Its demos run at build time (the plot-helper example draws with ``metalearn.plots``) and
live in Chromium like every published demo (test_live_demos.py); here the equations, the
figure and the plot are checked in the built page, and the typeset equations in the browser.
"""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import Browser

from building import ROOT, BuildResult

GUIDE = ROOT / "docs" / "authors-guide.md"
PAGE = "authors-guide/index.html"


def _examples() -> list[tuple[str, str]]:
    """(body, what follows it) for each of the guide's ````markdown blocks."""
    source = GUIDE.read_text(encoding="utf-8")
    return [(m.group(1), source[m.end():]) for m in
            re.finditer(r"^````markdown\n(.*?)^````\n\n", source, re.S | re.M)]


def test_every_example_that_gives_something_is_written_out_below_it() -> None:
    shown = [(body, after) for body, after in _examples() if after.startswith("gives\n")]
    assert len(shown) >= 3  # a first demo, equations, figures
    for body, after in shown:
        assert after.startswith(f"gives\n\n{body}"), f"the rendering below differs from the example:\n{body}"


def test_equations_are_typeset_at_build_time(built_site: BuildResult) -> None:
    page = built_site.page(PAGE)
    assert '<annotation encoding="application/x-tex" data-search-exclude>\\mathcal{T}_i</annotation>' in page
    assert re.search(r'<div class="arithmatex" data-math="katex"><span class="katex-display">.*?'
                     r'<annotation encoding="application/x-tex" data-search-exclude>\\mathcal\{L\}_\{\\mathcal\{T\}_i\}', page, re.S)


def test_the_figure_has_its_alt_text_caption_and_image(built_site: BuildResult) -> None:
    page = built_site.page(PAGE)
    figure = re.search(r"<figure>\s*<p><img alt=\"([^\"]+)\" src=\"([^\"]+)\" /></p>\s*<figcaption>(.*?)</figcaption>",
                       page, re.S)
    assert figure, "the figure example is built into a <figure> with a <figcaption>"
    alt, src, caption = figure.groups()
    assert alt.startswith("A sine wave through five points")
    assert "<strong>Figure 1.</strong>" in caption
    assert (built_site.site / "authors-guide" / src).resolve().is_file()


def test_the_plot_helper_example_draws_and_prints(built_site: BuildResult) -> None:
    page = built_site.page(PAGE)
    label = ("Polynomials through 8 points. A dashed sine wave, 8 noisy points on it, and "
             "polynomials of degree 1 and 3 fitted to the points")  # the title, then the description
    assert re.search(rf'<figure class="livedemo-plot"><picture>.*?<img src="[^"]+\.svg" alt="{re.escape(label)}"', page)
    printed = html.unescape("".join(re.findall(r'data-stream="stdout">(.*?)</pre>', page, re.S)))
    assert re.search(r"degree 1: mean squared error against the sine \d+\.\d\d\n"
                     r"degree 3: mean squared error against the sine \d+\.\d\d\n", printed)


@pytest.mark.browser
def test_the_guide_s_equations_show_typeset_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "authors-guide/", wait_until="load")
        assert page.eval_on_selector_all(".arithmatex", "els => els.filter(e => !e.querySelector('.katex')).length") == 0
        assert page.locator(".arithmatex").count() == 3
        assert page.locator(".arithmatex .katex-display").count() == 1
        assert page.locator(".katex-error").count() == 0
    finally:
        context.close()
