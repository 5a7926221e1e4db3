"""The inputs of the real site's demos: built as disabled controls, and driving the demos live."""

from __future__ import annotations

import re
from html import unescape

import pytest
from playwright.sync_api import Browser, Locator

from building import ROOT, BuildResult
from livedemo import runner
from livedemo.display import set_sink
from livedemo.inputs import set_values

POST = "blog/2020/04/27/introduction-to-meta-learning/"  # "Why pre-training is not enough"
MAML_POST = "blog/2026/12/06/maml-line-by-line/"  # "Your own task", "MAML at another step size"


def _block(page_html: str, title: str) -> str:
    start = page_html.index(f'<span class="livedemo-title">{title}</span>')
    start = page_html.rindex('<div class="livedemo"', 0, start)
    end = page_html.find('<div class="livedemo"', start + 1)
    return page_html[start:end if end != -1 else None]


def test_the_article_inputs_are_built_as_disabled_controls_at_their_defaults(built_site: BuildResult) -> None:
    page = built_site.page(POST + "index.html")
    task = _block(page, "Why pre-training is not enough")
    sliders = re.findall(r'<label class="livedemo-input-label" for="[^"]+">([^<]+)</label>'
                         r'<input class="livedemo-input-range"[^>]* value="([^"]+)" disabled>', task)
    assert [(unescape(label), value) for label, value in sliders] == [
        ("amplitude A", "3.5"), ("phase φ", "2.00"), ("points K", "5")]
    assert "Task y = 3.5·sin(x − 2.00), K = 5 points" in unescape(task)
    page = built_site.page(MAML_POST + "index.html")
    own = _block(page, "Your own task")
    assert '<fieldset class="livedemo-input livedemo-points"' in own
    assert own.count('<li class="livedemo-points-row">') == 5 and "5 points (from 1 to 10)" in own
    assert "K = 5 points" in own
    step = _block(page, "MAML at another step size")
    assert re.search(r'<input class="livedemo-input-range"[^>]* min="0.001" max="0.05" step="0.001" '
                     r'value="0.010" disabled>', step)
    # The inputs sit between the code and the output they drive.
    assert own.index("livedemo-code") < own.index("livedemo-inputs") < own.index('class="livedemo-output"')


def _guide_example() -> str:
    guide = (ROOT / "docs" / "authors-guide.md").read_text(encoding="utf-8")
    return re.search(r'```pyodide title="Points, a slider and a choice"\n(.*?)```', guide, re.S).group(1)


def _run(code: str, values: dict | None) -> tuple[str, list[dict]]:
    printed: list[str] = []
    events: list[dict] = []
    previous = set_sink(events.append)
    set_values(values)
    try:
        error = runner.execute(code, {"__name__": "__main__"}, filename="<guide>",
                               on_output=lambda _, text: printed.append(text))
    finally:
        set_values(None)
        set_sink(previous)
    assert error is None, error
    return "".join(printed), events


def test_the_guides_example_runs_with_its_defaults_and_with_a_readers_values() -> None:
    code = _guide_example()
    out, events = _run(code, None)
    assert out == "4 points shifted by +0.0: their mean is 0.38\n"
    assert [e["input"]["control"] for e in events if e["type"] == "input"] == ["points", "slider", "choice"]
    out, events = _run(code, {"shift": 1.5, "summary": "median", "placed": [[0.0, 0.0], [1.0, 1.0], [2.0, 2.5]]})
    assert out == "3 points shifted by +1.5: their median is 2.50\n"
    (plot,) = [e for e in events if e["type"] == "display"]
    assert plot["spec"]["description"] == "3 points and a horizontal line at their median"


def _wait_output(target: Locator, pattern: str, timeout: float = 120_000) -> str:
    """Wait for the block to be idle with stdout matching ``pattern``; return that stdout."""
    target.page.wait_for_function(
        """([block, pattern]) => block.dataset.state === "idle" && new RegExp(pattern).test([...block
            .querySelectorAll(".livedemo-output pre.livedemo-stream[data-stream=stdout]")].map((p) => p.textContent).join(""))""",
        arg=[target.element_handle(), pattern],
        timeout=timeout,
    )
    return "".join(target.locator(".livedemo-output pre.livedemo-stream[data-stream=stdout]").all_text_contents())


@pytest.mark.browser
def test_the_article_inputs_rerun_their_demos_on_a_phone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_url + POST, wait_until="load")
        blocks = page.locator(".livedemo")
        page.locator(".livedemo-inputs[role=group]").first.wait_for()  # made live
        pretraining = blocks.filter(has=page.get_by_text("Why pre-training is not enough", exact=True))
        amplitude = pretraining.get_by_role("slider", name="amplitude A")
        amplitude.scroll_into_view_if_needed()
        amplitude.focus()
        page.keyboard.press("End")
        out = _wait_output(pretraining, r"^Task y = 5\.0·sin\(x − 2\.00\), K = 5 points\n")
        assert re.search(r"^MAML\s", out, re.M)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        page.goto(site_url + MAML_POST, wait_until="load")  # the two other demos with inputs
        blocks = page.locator(".livedemo")
        page.locator(".livedemo-inputs[role=group]").nth(1).wait_for()  # both made live
        own = blocks.filter(has=page.get_by_text("Your own task", exact=True))
        frame = own.locator(".livedemo-points-frame")
        frame.evaluate("el => el.scrollIntoView({block: 'center'})")
        box = frame.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.touchscreen.tap(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.5)  # x = 4, y = 0
        out = _wait_output(own, r"^K = 6 points\n")
        assert own.locator("svg.livedemo-points-plot circle").count() == 6
        own.locator(".livedemo-output figure.livedemo-plot .livedemo-plot-view svg").wait_for(timeout=30_000)

        step = blocks.filter(has=page.get_by_text("MAML at another step size", exact=True))
        alpha = step.get_by_role("slider", name="step size α")
        alpha.scroll_into_view_if_needed()
        alpha.focus()
        page.keyboard.press("ArrowRight")
        _wait_output(step, r"^MAML fine-tuned at α = 0\.011 ")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing widens the page
    finally:
        context.close()
