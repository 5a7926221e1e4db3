"""Inputs declared by demo code (livedemo.slider, number, choice, points), driven as a reader would.

Blocks on tests/fixtures/demo-site/docs/inputs.md. Every input is driven by mouse and by
keyboard; a change re-runs the block with the new values (Python prints what it received), a
run under way is superseded, values and edited code survive a reload, and Reset returns to the
author's version.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from livepage import RUN_TIMEOUT_MS, block, button, offline_context, replace_code, run, status_of, streams, wait_settled


def _stdout(target: Locator) -> str:
    return "".join(text for stream, text in streams(target) if stream == "stdout")


def _wait_stdout(target: Locator, text: str, timeout: float = RUN_TIMEOUT_MS) -> None:
    """Wait until the block is idle with exactly ``text`` on stdout."""
    target.page.wait_for_function(
        """([block, text]) => block.dataset.state === "idle" && [...block.querySelectorAll(
            ".livedemo-output pre.livedemo-stream[data-stream=stdout]")].map((p) => p.textContent).join("") === text""",
        arg=[target.element_handle(), text],
        timeout=timeout,
    )


def _announced(target: Locator, text: str) -> None:
    """Wait until the block's inputs announce ``text`` (a polite live region)."""
    target.page.wait_for_function(
        "([block, text]) => block.querySelector('.livedemo-inputs-announce')?.textContent === text",
        arg=[target.element_handle(), text],
        timeout=5_000,
    )


def _record_outputs(target: Locator) -> None:
    """Keep every text the block's output shows, in ``window.seen`` (read by ``_seen``)."""
    target.locator(".livedemo-output").evaluate(
        """box => {
            window.seen = [];
            const note = () => window.seen.push(box.innerText);
            new MutationObserver(note).observe(box, {subtree: true, childList: true, characterData: true});
        }"""
    )


def _seen(page: Page) -> str:
    return "\n".join(page.evaluate("window.seen"))


@pytest.fixture
def inputs_page(fresh_context: BrowserContext, demo_url: str) -> Page:
    page = fresh_context.new_page()
    page.goto(demo_url + "inputs/", wait_until="load")
    block(page, "Controls").locator(".livedemo-inputs[role=group]").wait_for()  # made live
    return page


def test_without_javascript_the_inputs_are_disabled_controls_at_their_defaults(browser: Browser, demo_url: str) -> None:
    context = offline_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_url + "inputs/", wait_until="load")
        controls = block(page, "Controls")
        amplitude = controls.get_by_label("Amplitude")
        assert amplitude.get_attribute("type") == "range" and amplitude.is_disabled()
        assert float(amplitude.input_value()) == 1.0
        assert controls.locator("output.livedemo-input-value").first.text_content() == "1.0"
        assert controls.get_by_label("Points").input_value() == "3"
        assert controls.get_by_label("Combine").input_value() == "0"  # "sum"
        assert controls.get_by_label("Count").input_value() == "4"
        assert "change the demo when JavaScript runs" in controls.locator(".livedemo-inputs").inner_text()
        assert _stdout(controls) == "a=1.0 k=3 mode=sum n=4\n"  # computed with those defaults
        placed = block(page, "Points")
        fields = placed.locator(".livedemo-points-list input")
        assert [fields.nth(i).input_value() for i in range(fields.count())] == ["-1.00", "0.50", "2.00", "-1.00"]
        assert all(fields.nth(i).is_disabled() for i in range(fields.count()))
        assert placed.locator("svg.livedemo-points-plot circle").count() == 2
        assert placed.locator("svg .livedemo-points-tick").all_text_contents() == TICKS
    finally:
        context.close()


# The fixture's points plot: x from -3 to 3, y from -2 to 2; the build and the page agree.
TICKS = ["\u22123", "\u22122", "\u22121", "0", "1", "2", "3", "\u22122", "\u22121", "0", "1", "2"]


def test_the_live_points_plot_draws_what_the_build_drew(inputs_page: Page) -> None:
    placed = block(inputs_page, "Points")
    placed.locator(".livedemo-points-area").wait_for()
    assert placed.locator("svg .livedemo-points-tick").all_text_contents() == TICKS
    assert placed.locator("svg.livedemo-points-plot circle").count() == 2


def test_a_slider_by_keyboard_reruns_the_block_and_says_its_value(inputs_page: Page) -> None:
    controls = block(inputs_page, "Controls")
    amplitude = controls.get_by_role("slider", name="Amplitude")
    amplitude.focus()
    inputs_page.keyboard.press("ArrowRight")
    _wait_stdout(controls, "a=1.1 k=3 mode=sum n=4\n")
    assert amplitude.get_attribute("aria-valuetext") == "1.1"
    assert controls.locator("output.livedemo-input-value").first.text_content() == "1.1"
    assert controls.locator(".livedemo-output").get_attribute("data-origin") == "live"
    assert amplitude.evaluate("el => el === document.activeElement")  # the run left the focus alone
    inputs_page.keyboard.press("End")
    _wait_stdout(controls, "a=2.0 k=3 mode=sum n=4\n")


def test_a_slider_by_mouse_and_quick_changes_need_no_restart(fresh_context: BrowserContext, demo_url: str) -> None:
    page = fresh_context.new_page()
    workers: list[str] = []
    page.on("request", lambda request: request.url.endswith("/worker.js") and workers.append(request.url))
    page.goto(demo_url + "inputs/", wait_until="load")
    controls = block(page, "Controls")
    run(page, "Controls")  # the runtime is warm
    points = controls.get_by_role("slider", name="Points")
    box = points.bounding_box()
    page.mouse.move(box["x"] + 4, box["y"] + box["height"] / 2)
    page.mouse.down()
    for fraction in (0.2, 0.4, 0.6, 0.8, 1.0):  # a drag: each move is a change
        page.mouse.move(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2, steps=3)
        page.wait_for_timeout(30)
    page.mouse.up()
    _wait_stdout(controls, "a=1.0 k=10 mode=sum n=4\n")
    assert len(workers) == 1  # quick runs were let finish, never stopped


def test_a_choice_and_a_number_field_by_keyboard(inputs_page: Page) -> None:
    controls = block(inputs_page, "Controls")
    combine = controls.get_by_label("Combine")
    combine.focus()
    inputs_page.keyboard.press("ArrowDown")
    _wait_stdout(controls, "a=1.0 k=3 mode=product n=4\n")
    count = controls.get_by_role("spinbutton", name="Count")
    count.focus()
    inputs_page.keyboard.press("ArrowUp")  # 5
    _wait_stdout(controls, "a=1.0 k=3 mode=product n=5\n")
    count.fill("17")
    inputs_page.keyboard.press("Enter")
    _wait_stdout(controls, "a=1.0 k=3 mode=product n=17\n")
    count.fill("500")  # above its maximum: said, not run
    inputs_page.keyboard.press("Enter")
    assert count.get_attribute("aria-invalid") == "true"
    problem = controls.locator(".livedemo-input-problem")
    assert problem.text_content() == "Enter a whole number from 1 to 100."
    assert count.get_attribute("aria-describedby") == problem.get_attribute("id")
    inputs_page.wait_for_timeout(700)
    assert _stdout(controls) == "a=1.0 k=3 mode=product n=17\n"


def test_points_by_mouse_add_drag_and_remove(inputs_page: Page) -> None:
    placed = block(inputs_page, "Points")
    plot = placed.locator("svg.livedemo-points-plot")
    plot.evaluate("el => el.scrollIntoView({block: 'center'})")  # clear of Material's sticky header
    box = plot.bounding_box()
    # The plot spans x in [-3, 3] and y in [-2, 2] inside its margins: aim at (0, 0) through them.
    frame = placed.locator(".livedemo-points-frame").bounding_box()

    def at(x: float, y: float) -> tuple[float, float]:
        return frame["x"] + (x + 3) / 6 * frame["width"], frame["y"] + (2 - y) / 4 * frame["height"]

    assert box is not None
    inputs_page.mouse.click(*at(0, 0))
    _wait_stdout(placed, "3 points: [(-1.0, 0.5), (2.0, -1.0), (0.0, 0.0)]\n")
    _announced(placed, "Point 3 added at (0.00, 0.00); 3 points.")
    inputs_page.mouse.move(*at(2, -1))  # drag point 2 to (1, 1)
    inputs_page.mouse.down()
    inputs_page.mouse.move(*at(1.5, 0), steps=4)
    inputs_page.mouse.move(*at(1, 1), steps=4)
    inputs_page.mouse.up()
    _wait_stdout(placed, "3 points: [(-1.0, 0.5), (1.0, 1.0), (0.0, 0.0)]\n")
    _announced(placed, "Point 2 moved to (1.00, 1.00).")
    assert placed.get_by_role("spinbutton", name="x of point 2").input_value() == "1.00"
    assert placed.locator(".livedemo-output figure.livedemo-plot").get_attribute("aria-label") == "3 points"
    inputs_page.mouse.dblclick(*at(-1, 0.5))
    _wait_stdout(placed, "2 points: [(1.0, 1.0), (0.0, 0.0)]\n")
    _announced(placed, "Point 1 at (\u22121.00, 0.50) removed; 2 points.")
    for x in (-2, 2):  # up to the maximum of 4
        inputs_page.mouse.click(*at(x, -1.5))
    _wait_stdout(placed, "4 points: [(1.0, 1.0), (0.0, 0.0), (-2.0, -1.5), (2.0, -1.5)]\n")
    inputs_page.mouse.click(*at(-2.5, 1.5))
    _announced(placed, "At most 4 points: remove one first.")
    assert placed.locator("svg.livedemo-points-plot circle").count() == 4


def test_points_by_keyboard_with_the_list(inputs_page: Page) -> None:
    placed = block(inputs_page, "Points")
    add = placed.get_by_role("button", name="Add a point")
    add.focus()
    inputs_page.keyboard.press("Enter")
    # The new point sits in the widest gap of x (between -1 and 2), at y = 0; its x field has the focus.
    _wait_stdout(placed, "3 points: [(-1.0, 0.5), (2.0, -1.0), (0.5, 0.0)]\n")
    x3 = placed.get_by_role("spinbutton", name="x of point 3")
    assert x3.evaluate("el => el === document.activeElement")
    inputs_page.keyboard.press("Control+a")
    inputs_page.keyboard.type("-2.5")
    inputs_page.keyboard.press("Tab")  # to "y of point 3": the change is committed
    inputs_page.keyboard.type("1.25")
    inputs_page.keyboard.press("Enter")
    _wait_stdout(placed, "3 points: [(-1.0, 0.5), (2.0, -1.0), (-2.5, 1.25)]\n")
    _announced(placed, "Point 3 moved to (\u22122.50, 1.25).")
    placed.get_by_role("button", name="Remove point 1").focus()
    inputs_page.keyboard.press("Enter")
    _wait_stdout(placed, "2 points: [(2.0, -1.0), (-2.5, 1.25)]\n")
    assert placed.locator("svg.livedemo-points-plot circle").count() == 2
    assert placed.get_by_role("button", name="Remove point 1").evaluate("el => el === document.activeElement")
    inputs_page.keyboard.press("Enter")  # down to the minimum of one point
    _wait_stdout(placed, "1 points: [(-2.5, 1.25)]\n")
    assert placed.get_by_role("button", name="Remove point 1").get_attribute("aria-disabled") == "true"


def test_the_first_change_before_the_runtime_loaded_is_intent_and_queues_the_run(
    fresh_context: BrowserContext, demo_url: str
) -> None:
    page = fresh_context.new_page()
    runtime: list[str] = []
    page.on("request", lambda request: "/assets/pyodide/" in request.url and runtime.append(request.url))
    page.goto(demo_url + "inputs/", wait_until="networkidle")
    controls = block(page, "Controls")
    amplitude = controls.get_by_role("slider", name="Amplitude")
    amplitude.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert runtime == []  # the live controls alone load no Python
    amplitude.focus()  # focusing a control is intent, as for Run: Python starts loading
    page.wait_for_function("() => performance.getEntriesByType('resource').some((r) => r.name.includes('/assets/pyodide/'))")
    assert _stdout(controls) == "a=1.0 k=3 mode=sum n=4\n" and controls.get_attribute("data-state") != "busy"
    page.keyboard.press("ArrowLeft")
    controls.locator(".livedemo-status[data-state=busy]").wait_for(timeout=5_000)
    assert re.match(r"(Starting|Loading Python)", status_of(controls))
    assert _stdout(controls) == "a=1.0 k=3 mode=sum n=4\n"  # the build's, until Python runs
    _wait_stdout(controls, "a=0.9 k=3 mode=sum n=4\n")
    assert runtime


@pytest.mark.parametrize("isolated", [False, True], ids=["static hosting", "cross-origin isolated"])
def test_a_run_under_way_is_superseded_by_a_new_value(
    fresh_context: BrowserContext, demo_url: str, isolated_url: str, isolated: bool
) -> None:
    page = fresh_context.new_page()
    workers: list[str] = []
    page.on("request", lambda request: request.url.endswith("/worker.js") and workers.append(request.url))
    page.goto((isolated_url if isolated else demo_url) + "inputs/", wait_until="load")
    slow = run(page, "Slow input")  # warm: the runtime is loaded
    _record_outputs(slow)
    seconds = slow.get_by_role("slider", name="Run for (s)")
    seconds.focus()
    page.keyboard.press("End")  # 120 s
    slow.locator(".livedemo-status[data-state=busy]").get_by_text("Running…").wait_for(timeout=10_000)
    page.keyboard.press("Home")  # 0 s: the 120-second run is now for nothing
    # Had the new value waited for the run under way, its output would come after 120 s: it comes
    # well before (the bound leaves room for a worker restart on a loaded machine; no timing claim).
    _wait_stdout(slow, "ran for 0.0 s\n", timeout=60_000)
    assert "ran for 120.0 s" not in _seen(page)  # stopped, never shown
    if isolated:
        assert len(workers) == 1  # interrupted in place
    else:
        assert len(workers) == 2  # the worker was replaced: no interrupts without isolation


def test_a_session_block_with_inputs_reruns_alone_once_its_session_ran(inputs_page: Page) -> None:
    base = block(inputs_page, "Base")
    times = block(inputs_page, "Times base")
    multiplier = times.get_by_role("slider", name="Multiplier")
    multiplier.focus()
    inputs_page.keyboard.press("ArrowRight")
    _wait_stdout(times, "base times m is 30\n")
    assert base.locator(".livedemo-output").get_attribute("data-origin") == "live"  # ran first
    base.locator(".livedemo-status").evaluate("el => { el.dataset.state = 'ran-once'; }")
    inputs_page.keyboard.press("ArrowRight")
    _wait_stdout(times, "base times m is 40\n")
    assert base.locator(".livedemo-status").get_attribute("data-state") == "ran-once"  # not again


def test_a_live_only_block_gets_its_inputs_when_it_runs(inputs_page: Page) -> None:
    live = block(inputs_page, "Live inputs")
    assert live.locator(".livedemo-inputs").count() == 0
    run(inputs_page, "Live inputs")
    assert _stdout(live) == "chose x\n"
    letter = live.get_by_label("Letter")
    letter.select_option("z")
    _wait_stdout(live, "chose z\n")


def test_edited_code_declares_other_inputs(inputs_page: Page) -> None:
    controls = block(inputs_page, "Controls")
    replace_code(inputs_page, "Controls", (
        "from livedemo import slider\n"
        "w = slider('w', 0, 4, 1, label='Width')\n"
        "print('w is', w)\n"
    ))
    run(inputs_page, "Controls", via=lambda: inputs_page.keyboard.press("Control+Enter"))
    assert _stdout(controls) == "w is 1\n"
    assert controls.locator(".livedemo-input-label").all_text_contents() == ["Width"]
    width = controls.get_by_role("slider", name="Width")
    width.focus()
    inputs_page.keyboard.press("ArrowRight")
    _wait_stdout(controls, "w is 2\n")


def test_values_and_edited_code_survive_a_reload_and_reset_returns_to_the_authors_version(
    inputs_page: Page,
) -> None:
    controls = block(inputs_page, "Controls")
    controls.get_by_role("slider", name="Amplitude").focus()
    inputs_page.keyboard.press("ArrowRight")
    _wait_stdout(controls, "a=1.1 k=3 mode=sum n=4\n")
    placed = block(inputs_page, "Points")
    placed.get_by_role("button", name="Remove point 2").click()
    _wait_stdout(placed, "1 points: [(-1.0, 0.5)]\n")
    replace_code(inputs_page, "Slow input", 'print("edited")\n')
    inputs_page.wait_for_timeout(300)

    inputs_page.reload(wait_until="load")
    controls = block(inputs_page, "Controls")
    amplitude = controls.get_by_role("slider", name="Amplitude")
    # Until page.js has loaded inputs.js, the build's disabled control shows the author's
    # value; the reader's value is on the live control that replaces it.
    expect(amplitude).to_be_enabled()
    assert float(amplitude.input_value()) == 1.1
    # The build's output is for the author's values: said, and no Python runs without intent.
    stale = controls.locator(".livedemo-stale")
    stale.wait_for(timeout=5_000)
    assert stale.text_content() == "Output is for the author's input values; change an input or press Run to update"
    assert _stdout(controls) == "a=1.0 k=3 mode=sum n=4\n"
    placed = block(inputs_page, "Points")
    assert placed.locator("svg.livedemo-points-plot circle").count() == 1
    slow = block(inputs_page, "Slow input")
    slow.locator(".cm-content").get_by_text('print("edited")').wait_for(timeout=10_000)
    assert slow.locator(".livedemo-stale").text_content() == "Output is from the original code; press Run to update"
    assert inputs_page.locator(".livedemo-output[data-origin=live]").count() == 0

    reset = button(controls, "Reset", "Controls")
    assert reset.get_attribute("aria-label") == "Reset the code and inputs of Controls"
    reset.click()
    assert float(amplitude.input_value()) == 1.0
    assert controls.locator(".livedemo-stale").count() == 0  # the build's output fits again
    button(slow, "Reset", "Slow input").click()
    assert "seconds = slider(" in slow.locator(".cm-content").inner_text()
    button(placed, "Reset", "Points").click()
    assert placed.locator("svg.livedemo-points-plot circle").count() == 2

    inputs_page.reload(wait_until="load")
    stored = inputs_page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('livedemo:'))")
    assert stored == []
    assert float(block(inputs_page, "Controls").get_by_role("slider", name="Amplitude").input_value()) == 1.0
