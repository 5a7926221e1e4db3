"""Running blocks on the shared demos page: output, sessions, errors, plots, progress, packages."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Page

from building import ROOT
from livepage import block, button, run, status_of, streams

VENDORED_NUMPY = next((ROOT / "vendor" / "pyodide-wheels").glob("numpy-*.whl")).name


def test_stdlib_block_prints_its_output(demos: Page) -> None:
    hello = run(demos, "Hello")
    assert status_of(hello).startswith("Done in")
    assert hello.locator(".livedemo-output").get_attribute("data-origin") == "live"
    assert streams(hello) == [("stdout", "hello 42\n")]


def test_block_of_the_same_session_sees_earlier_variables(demos: Page) -> None:
    uses = run(demos, "Uses x")
    assert streams(uses) == [("stdout", "x is still 21\n")]


def test_live_output_equals_build_output(demos: Page) -> None:
    deterministic = block(demos, "Deterministic")
    assert deterministic.locator(".livedemo-output").get_attribute("data-origin") == "build"
    built = streams(deterministic)
    assert [stream for stream, _ in built] == ["stdout", "stderr", "stdout"]
    run(demos, "Deterministic")
    assert streams(deterministic) == built


def test_exception_shows_a_trimmed_traceback(demos: Page) -> None:
    raises = run(demos, "Raises")
    assert "ValueError" in status_of(raises)
    traceback = raises.locator(".livedemo-output pre.livedemo-error").text_content()
    assert traceback.startswith("Traceback (most recent call last):")
    assert 'raise ValueError("bad value")' in traceback
    assert traceback.rstrip().endswith("ValueError: bad value")
    assert "runner.py" not in traceback and "pyodide" not in traceback.lower()


def test_printed_markup_is_text_and_runs_nothing(demos: Page) -> None:
    dialogs: list[str] = []
    demos.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    scripts_before = demos.locator("script").count()
    markup = run(demos, "Markup stays text")
    demos.wait_for_timeout(300)
    output = markup.locator(".livedemo-output")
    assert streams(markup) == [("stdout", "<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n")]
    assert output.locator("script, img").count() == 0
    assert demos.locator("script").count() == scripts_before
    assert dialogs == []


def test_input_explains_what_to_do(demos: Page) -> None:
    asks = run(demos, "Asks for input")
    error = asks.locator(".livedemo-output .livedemo-error").text_content()
    assert "input() is not available in these demos: edit the values in the code and press Run again." in error


def test_plot_renders_as_svg_and_redraws_in_place_without_moving_the_page(demos: Page) -> None:
    plot = block(demos, "Plot")
    image = plot.locator("figure.livedemo-plot picture img")
    image.scroll_into_view_if_needed()
    image.evaluate("img => img.decode()")
    assert image.get_attribute("alt") == "Training loss. Loss over 20 steps"  # title, description
    assert image.evaluate("img => img.currentSrc.endsWith('.svg') && img.naturalWidth") == 640  # wide, light
    before = plot.locator("figure.livedemo-plot").bounding_box()
    output_height = plot.locator(".livedemo-output").evaluate("o => o.getBoundingClientRect().height")
    run(demos, "Plot")
    figure = plot.locator("figure.livedemo-plot[data-display-id=loss]")
    figure.locator(".livedemo-plot-view svg").wait_for()
    assert plot.locator("figure.livedemo-plot").count() == 1  # four show() calls, one plot
    assert figure.get_attribute("aria-label") == "Training loss. Loss over 20 steps"  # as built
    after = figure.bounding_box()
    assert (round(after["width"]), round(after["height"])) == (round(before["width"]), round(before["height"]))
    assert plot.locator(".livedemo-output").evaluate("o => o.getBoundingClientRect().height") == output_height
    assert figure.locator("path.mark-line, .mark-line path").count() >= 1


def test_progress_bar_updates_while_running(demos: Page) -> None:
    progress = block(demos, "Progress")
    progress.locator(".livedemo-output").evaluate(
        """output => {
            window.__progressSeen = [];
            new MutationObserver(() => {
                const bar = output.querySelector('progress');
                if (bar) window.__progressSeen.push(bar.value);
            }).observe(output, {subtree: true, childList: true, attributes: true});
        }"""
    )
    run(demos, "Progress")
    seen = demos.evaluate("window.__progressSeen")
    assert len(set(seen)) >= 3, seen  # intermediate values were shown, not only the last
    assert seen[-1] == 5  # the bar reached the end ...
    # ... and the finished bar became a line, as the build shows it: a full bar looks busy
    bar = progress.locator(".livedemo-progress[data-progress-id=progress]")
    assert bar.get_attribute("data-state") == "done" and bar.text_content() == "Finished: step 5 of 5"
    assert streams(progress) == [("stdout", "finished\n")]


def test_long_output_is_capped_but_nothing_is_lost(demos: Page) -> None:
    long = run(demos, "Long output")
    text = "".join(chunk for _, chunk in streams(long))
    assert text == "".join(f"line {i}\n" for i in [*range(500), *range(1100, 1200)])  # first, latest
    assert long.locator(".livedemo-gap-text").text_content() == "⋯ 600 lines not shown here ⋯"
    show_all = long.get_by_role("button", name="Show 600 lines")
    show_all.click()
    text = "".join(chunk for _, chunk in streams(long))
    assert text == "".join(f"line {i}\n" for i in range(1200))
    assert show_all.count() == 0


def test_numpy_runs_in_the_browser_from_the_site_itself(fresh_context: BrowserContext, demo_url: str) -> None:
    requests: list[str] = []
    fresh_context.on("request", lambda request: requests.append(request.url))
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    numpy = block(page, "Numpy")
    built = streams(numpy)
    run(page, "Numpy", timeout=120_000)
    assert status_of(numpy).startswith("Done in"), status_of(numpy)
    assert streams(numpy) == built == [("stdout", "[3, 5, 7]\n")]
    wheels = [url for url in requests if url.endswith(".whl")]
    assert wheels == [demo_url + "assets/pyodide/" + VENDORED_NUMPY]
    assert all(url.startswith(demo_url) for url in requests), requests


def test_a_package_that_cannot_be_downloaded_is_reported_and_the_output_kept(
    fresh_context: BrowserContext, demo_url: str
) -> None:
    fresh_context.route("**/*.whl", lambda route: route.abort())
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    numpy = block(page, "Numpy")
    built = streams(numpy)
    run(page, "Numpy", timeout=120_000)
    assert status_of(numpy) == "Error: could not load numpy"
    notice = numpy.locator(".livedemo-output .livedemo-notice .livedemo-error-message").text_content()
    assert notice == (
        f"Could not load numpy from {demo_url}assets/pyodide/{VENDORED_NUMPY}. "
        "The output below is still the one computed when the site was built."
    )
    assert streams(numpy) == built  # the build-time output stays, below the notice
    assert numpy.locator(".livedemo-output").get_attribute("data-origin") == "build"


def test_a_package_missing_from_the_lock_file_is_named(fresh_context: BrowserContext, demo_url: str) -> None:
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    # A page built against another lock file (e.g. an old deploy): the block asks for a package
    # this site's lock does not list.
    block(page, "Numpy").evaluate(
        """el => {
            const options = JSON.parse(el.dataset.livedemo);
            el.dataset.livedemo = JSON.stringify({...options, packages: ["regex"]});
        }"""
    )
    numpy = run(page, "Numpy", timeout=120_000)
    assert status_of(numpy) == "Error: could not load regex"
    notice = numpy.locator(".livedemo-notice .livedemo-error-message").text_content()
    assert notice.startswith("Could not load regex (this site's lock file does not list it).")
    assert "ModuleNotFoundError" not in numpy.locator(".livedemo-output").inner_text()


def test_folded_code_shows_the_output_first_and_opens_on_request(demos: Page) -> None:
    folded = block(demos, "Folded")
    summary = folded.locator("details.livedemo-fold > summary")
    assert summary.text_content() == "Show the code (4 lines)"
    assert folded.locator(".livedemo-code").is_hidden()
    assert streams(folded) == [("stdout", "total 45\n")]  # the output is there without the code
    run(demos, "Folded")
    assert streams(folded) == [("stdout", "total 45\n")]
    summary.click()
    assert folded.locator(".livedemo-code").is_visible()


def test_a_first_run_says_what_the_wait_was_for(fresh_context: BrowserContext, demo_url: str) -> None:
    page = fresh_context.new_page()
    page.goto(demo_url + "demos/", wait_until="load")
    numpy = run(page, "Numpy", timeout=120_000)
    assert re.fullmatch(r"Done in [\d.]+ m?s · Python and packages loaded in [\d.]+ s", status_of(numpy)), status_of(numpy)
    again = run(page, "Numpy")
    assert re.fullmatch(r"Done in [\d.]+ m?s", status_of(again)), status_of(again)
